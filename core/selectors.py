"""Reads of the base app: the home page's panels, the administrative tree's figures, and the year
a page opens on.

The year a page opens on is one rule for every page that shows a year.

A page with a year selector opens on the latest year that has data in the user's scope, not on
the calendar year: the demo's records are of 2024, and a county's records of last year stay the
ones worth reading until this year's arrive. Each domain says where its data is (a queryset
method or selector returning the latest year); this module only picks between that and the
year the request asks for.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .access import has_named_permission
from .forms import parse_year
from .models import Jurisdiction, Unit
from .registry import HomePanel, home_panels


def latest_year(queryset: QuerySet[Any], field: str) -> int | None:
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


def home(*, user: Any) -> list[tuple[HomePanel, Any]]:
    """The home page: the panels the apps registered that `user` may see, in their order, each
    with its figures for `user`."""
    panels = sorted(home_panels, key=lambda panel: panel.order)
    return [
        (panel, panel.figures(user=user))
        for panel in panels
        if has_named_permission(user, panel.permission)
    ]


def home_figures(*, user: Any) -> dict[str, int]:
    """The administrative tree and the active handling units in the user's scope."""
    Level = Jurisdiction.Level
    figures: dict[str, int] = Jurisdiction.objects.visible_to(user).aggregate(
        counties=Count("pk", filter=Q(level=Level.COUNTY)),
        townships=Count("pk", filter=Q(level=Level.TOWNSHIP)),
    )
    figures["units"] = Unit.objects.visible_to(user).active().count()
    return figures
