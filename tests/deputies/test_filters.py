"""The station filter of the visit and opinion lists: a county's staff pick from their stations;
a municipal user picks a county first, then one of its stations."""

import pytest
from django.urls import reverse

from tests.deputies.factories import OpinionFactory, StationFactory, VisitFactory

LISTS = ["deputies:visit_list", "deputies:opinion_list"]


@pytest.fixture
def stations(world):
    return StationFactory(county=world.county_a), StationFactory(county=world.county_b)


def _fields(response) -> list[str]:
    return list(response.context["filter"].form.fields)


@pytest.mark.parametrize("url_name", LISTS)
def test_county_staff_pick_a_station_at_once_and_no_county(client_for, staff_a, stations, url_name):
    station_a, station_b = stations
    response = client_for(staff_a).get(reverse(url_name))
    assert "county" not in _fields(response)
    choices = [value for value, _label in response.context["filter"].form.fields["station"].choices]
    assert station_a.pk in [getattr(v, "value", v) for v in choices]
    assert station_b.pk not in [getattr(v, "value", v) for v in choices]


@pytest.mark.parametrize("url_name", LISTS)
def test_a_municipal_user_picks_a_county_then_its_stations(
    client_for, admin_user, world, stations, url_name
):
    station_a, station_b = stations
    client = client_for(admin_user)
    first = client.get(reverse(url_name))
    assert "county" in _fields(first) and "station" not in _fields(first)
    assert station_a.name not in first.content.decode()

    chosen = client.get(reverse(url_name), {"county": world.county_b.pk})
    page = chosen.content.decode()
    assert f'<option value="{station_b.pk}">{station_b.name}</option>' in page
    assert station_a.name not in page


def test_a_municipal_user_filters_by_county_and_station(client_for, admin_user, world, stations):
    station_a, station_b = stations
    visit_a, visit_b = VisitFactory(station=station_a), VisitFactory(station=station_b)
    client = client_for(admin_user)
    url = reverse("deputies:visit_list")
    by_county = client.get(url, {"county": world.county_a.pk}).context["object_list"]
    assert list(by_county) == [visit_a]
    # A station of another county than the one chosen is not a choice: nothing is listed.
    mixed = client.get(url, {"county": world.county_a.pk, "station": station_b.pk})
    assert "station" in mixed.context["filter"].form.errors
    # A link naming a station alone still works.
    alone = client.get(url, {"station": station_b.pk}).context["object_list"]
    assert list(alone) == [visit_b]


def test_opinions_by_county_for_a_municipal_user(client_for, admin_user, world, stations):
    station_a, station_b = stations
    OpinionFactory(station=station_a)
    theirs = OpinionFactory(station=station_b)
    response = client_for(admin_user).get(
        reverse("deputies:opinion_list"), {"county": world.county_b.pk}
    )
    assert list(response.context["object_list"]) == [theirs]


def test_a_county_from_outside_the_user_s_scope_is_refused(client_for, staff_a, world, stations):
    # County staff have no county filter: the parameter is ignored, not a way to look outside.
    VisitFactory(station=stations[1])
    response = client_for(staff_a).get(
        reverse("deputies:visit_list"), {"county": world.county_b.pk}
    )
    assert list(response.context["object_list"]) == []
