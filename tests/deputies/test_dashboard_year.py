"""The deputy-work dashboard opens on the latest year with visits and names it in its heading."""

from datetime import date

import time_machine
from django.urls import reverse

from tests.deputies.factories import StationFactory, VisitFactory


@time_machine.travel(date(2026, 11, 30), tick=False)
def test_dashboard_heading_names_the_year_shown(client_for, staff_a, world):
    VisitFactory(station=StationFactory(county=world.county_a), visited_on=date(2024, 5, 6))
    response = client_for(staff_a).get(reverse("deputies:dashboard"))
    assert response.context["year"] == 2024
    assert "沅陵县2024年代表履职统计" in response.content.decode()
