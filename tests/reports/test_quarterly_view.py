"""The quarterly report's web view: the workbook's sheets as tables, to read and print."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.deputies.factories import StationFactory, VisitFactory

URL = reverse("reports:quarterly_view")


@pytest.fixture
def stations(world):
    station = StationFactory(
        name="官庄镇代表联络站", county=world.county_a, township=world.township_a
    )
    VisitFactory(station=station, visited_on=dt.date(2024, 4, 1), people_received=5)
    VisitFactory(station=station, visited_on=dt.date(2024, 6, 30), people_received=2)
    VisitFactory(station=station, visited_on=dt.date(2024, 3, 31), people_received=9)  # Q1
    StationFactory(name="孝坪镇代表联络站", county=world.county_b)
    return station


def _cells(html: str, text: str) -> list[str]:
    """The cells of the table row holding `text`."""
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if text in r)
    return re.findall(r"<td>(.*?)</td>", row)


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_staff_read_the_quarters_sheets_with_their_totals(client_for, staff_a, stations):
    html = client_for(staff_a).get(URL, {"year": 2024, "quarter": 2}).content.decode()
    assert "沅陵县2024年第2季度人大监督工作报表" in html
    assert "沅陵县 2024年第2季度 代表联络站工作情况" in html
    assert _cells(html, "官庄镇代表联络站") == [
        "沅陵县",
        "官庄镇",
        "官庄镇代表联络站",
        "2",
        "7",
    ] + [
        "0",
        "0",
        "0",
    ]
    assert html.count('data-testid="quarterly-sheet"') == 8
    assert "沅陵县 2024年第2季度 预算执行与联网监督情况" in html
    assert "孝坪镇代表联络站" not in html  # county B's station is outside staff A's scope


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
def test_the_outsider_sees_only_their_own_county(client_for, outsider, stations):
    html = client_for(outsider).get(URL, {"year": 2024, "quarter": 2}).content.decode()
    assert "孝坪镇代表联络站" in html and "官庄镇代表联络站" not in html


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    "query",
    [{}, {"year": "x", "quarter": "2"}, {"year": 1900, "quarter": 1}, {"year": 2025, "quarter": 7}],
)
def test_a_missing_or_absurd_quarter_falls_back_to_the_last_one(client_for, staff_a, query):
    response = client_for(staff_a).get(URL, query)
    assert response.status_code == 200
    assert "2026年第3季度人大监督工作报表" in response.content.decode()


def test_deputies_liaisons_and_visitors_do_not_get_it(client_for, deputy_a, liaison_a):
    assert client_for(deputy_a).get(URL).status_code == 403
    assert client_for(liaison_a).get(URL).status_code == 403
    response = Client().get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_report_page_links_to_the_web_view(client_for, staff_a):
    html = client_for(staff_a).get(reverse("reports:quarterly")).content.decode()
    assert f'href="{URL}?year=' in html


def test_an_admin_of_the_city_sees_every_county(client_for, world, stations):
    admin = UserFactory(username="city_admin", role="admin", jurisdiction=world.city)
    html = client_for(admin).get(URL, {"year": 2024, "quarter": 2}).content.decode()
    assert "孝坪镇代表联络站" in html and "官庄镇代表联络站" in html
