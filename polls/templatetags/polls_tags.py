from django import template

from core.formatting import percent_text

register = template.Library()

# Percentages read the same on every page; the rule lives in core's formatting tags.
register.filter("percent", percent_text)


@register.filter
def mark_count(tally, code: str) -> int:
    return tally.count(code)
