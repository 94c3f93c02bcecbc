from fractions import Fraction

from django import template

register = template.Library()


@register.filter
def percent(value: Fraction | None) -> str:
    """An exact fraction shown as a percentage with two decimals; — when undefined."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.2f}%"


@register.filter
def mark_count(tally, code: str) -> int:
    return tally.count(code)
