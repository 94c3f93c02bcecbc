from django import template

from core.formatting import percent_text

register = template.Library()

STATUS_CLASSES = {
    "unreviewed": "text-bg-warning",
    "rejected": "text-bg-secondary",
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


# Percentages read the same on every page; the rule lives in core's formatting tags.
register.filter("percent", percent_text)


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-success")
