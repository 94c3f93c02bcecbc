from django import template

register = template.Library()

STATUS_CLASSES = {
    "pending": "text-bg-warning",
    "transferred": "text-bg-info",
    "in_progress": "text-bg-primary",
    "assigned": "text-bg-primary",
    "reopened": "text-bg-danger",
    "submitted": "text-bg-warning",
    "announced": "text-bg-info",
    "draft": "text-bg-secondary",
    "cancelled": "text-bg-secondary",
}


@register.filter
def percent(value) -> str:
    """88.2 → "88.2%"; no value (nothing to measure) → "—"."""
    return "—" if value is None else f"{value}%"


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-success")
