"""Template filters for how figures read: percentages and a pager's page numbers."""

from django import template

from core.formatting import money_text, number_text, percent_text

register = template.Library()

register.filter("percent", percent_text)
register.filter("number", number_text)
register.filter("money", money_text)


@register.filter
def page_numbers(page_obj):
    """The page numbers a pager shows: the first and last, the current one's neighbours, and
    an ellipsis for each gap (1 … 8 9 10 11 12 … 22)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
