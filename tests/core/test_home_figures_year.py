"""Home figures are of the latest year with data, and say which year that is."""

from datetime import date

import time_machine
from django.urls import reverse

from tests.deputies.factories import DeputyFactory, StationFactory, VisitFactory


@time_machine.travel(date(2026, 11, 30), tick=False)
def test_staff_home_names_the_year_of_its_visit_figure(client_for, staff_a, outsider, world):
    station = StationFactory(county=world.county_a)
    for day in (date(2024, 3, 5), date(2024, 9, 1), date(2023, 5, 1)):
        VisitFactory(station=station, visited_on=day)
    body = client_for(staff_a).get(reverse("home")).content.decode()
    assert "2024年进站履职 2 人次" in body
    assert "今年" not in body
    # County B has no visits at all: the calendar year, named, with nothing in it.
    body = client_for(outsider).get(reverse("home")).content.decode()
    assert "2026年进站履职 0 人次" in body


@time_machine.travel(date(2026, 11, 30), tick=False)
def test_deputy_home_names_the_year_of_their_own_visits(client_for, deputy_a, world):
    station = StationFactory(county=world.county_a)
    deputy = DeputyFactory(county=world.county_a, user=deputy_a, name="李秀兰")
    VisitFactory(station=station, deputy=deputy, visited_on=date(2024, 6, 1), people_received=4)
    body = client_for(deputy_a).get(reverse("home")).content.decode()
    assert "2024年已进站履职 1 次，接待群众 4 人次" in body
