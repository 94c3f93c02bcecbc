"""A pool's quarterly meeting, for the reminder task.

鹤城's rules hold a meeting of the pool every quarter. Each county with experts in term is asked
about the quarter under way (reminded before it ends) and the one before it (told once, when it
ended without a meeting); a meeting recorded in the quarter stops its reminders. The county's
committee staff keep the pool, so they are the ones reminded.
"""

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.recipients import staff_by_jurisdiction
from notifications.registry import Due, due_source

from . import rules
from .models import Expert, Meeting
from .selectors import pool_established, pool_of

SOURCE = "experts.quarterly_meeting"


@due_source(SOURCE)
def quarterly_meetings_due(today: dt.date) -> Iterator[Due]:
    watched = rules.quarters_to_watch(today)
    first = rules.quarter_bounds(*watched[0])[0]
    last = rules.quarter_bounds(*watched[-1])[1]
    counties = {e.county for e in Expert.objects.in_term(today).select_related("county")}
    held = {
        (county_id, day.year, rules.quarter_of(day))
        for county_id, day in Meeting.objects.filter(
            county__in=counties, held_on__range=(first, last)
        ).values_list("county_id", "held_on")
    }
    staff = staff_by_jurisdiction(county.pk for county in counties)
    for county in sorted(counties, key=lambda c: c.code):
        since = pool_established(county, pool_of(county))
        for year, quarter in watched:
            start, end = rules.quarter_bounds(year, quarter)
            if (county.pk, year, quarter) in held or (since is not None and end < since):
                continue
            yield Due(
                source=SOURCE,
                object_id=f"{county.pk}-{year}-{quarter}",
                deadline=end,
                title=_("%(year)s年第%(quarter)s季度专家库会议（%(county)s）")
                % {"year": year, "quarter": quarter, "county": county.name},
                url=reverse("experts:meeting_list"),
                jurisdiction_id=county.pk,
                recipients=staff.get(county.pk, ()),
            )
