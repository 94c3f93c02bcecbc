"""The quarterly report page opens on a quarter with records, not an empty last quarter."""

from datetime import date

import time_machine
from django.urls import reverse

from tests.deputies.factories import StationFactory, VisitFactory


@time_machine.travel(date(2026, 11, 30), tick=False)
def test_quarterly_opens_on_the_latest_year_with_records(client_for, staff_a, outsider, world):
    VisitFactory(station=StationFactory(county=world.county_a), visited_on=date(2024, 5, 6))
    context = client_for(staff_a).get(reverse("reports:quarterly")).context
    assert (context["year"], context["quarter"]) == (2024, 4)
    # Nothing recorded in county B: the last full quarter, as before.
    context = client_for(outsider).get(reverse("reports:quarterly")).context
    assert (context["year"], context["quarter"]) == (2026, 3)
