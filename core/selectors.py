"""The year a page opens on: one rule for every page that shows a year.

A page with a year selector opens on the latest year that has data in the user's scope, not on
the calendar year: the demo's records are of 2024, and a county's records of last year stay the
ones worth reading until this year's arrive. Each domain says where its data is (a queryset
method or selector returning the latest year); this module only picks between that and the
year the request asks for.
"""

from django.db.models import QuerySet
from django.utils import timezone

from .forms import parse_year


def latest_year(queryset: QuerySet, field: str) -> int | None:
    """The latest year of `field` (a year number or a date) among the rows of `queryset`."""
    # ORDER BY … LIMIT 1 walks an index backwards and stops at the first visible row, where
    # MAX() over a scoped join would read every row the user may see.
    value = (
        queryset.filter(**{f"{field}__isnull": False})
        .order_by(f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
    if value is None:
        return None
    return value if isinstance(value, int) else value.year


def year_shown(requested: str | None, latest: int | None) -> int:
    """The year a page shows: the one asked for, else the latest with data, else this year.

    A malformed year (`year=abc`) is treated as not asked, so the page still opens on data.
    """
    if requested:
        try:
            return parse_year(requested)
        except ValueError:
            pass
    return latest if latest is not None else timezone.localdate().year
