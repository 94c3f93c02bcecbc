"""Deputy-work fixtures on top of the shared personas: a station and a deputy record in county A
(linked to `deputy_a`'s login), another deputy of county A, and a station in county B."""

import pytest

from .factories import DeputyFactory, StationFactory


@pytest.fixture
def station_a(world):
    return StationFactory(name="官庄镇代表联络站", county=world.county_a, township=world.township_a)


@pytest.fixture
def station_b(world):
    return StationFactory(name="孝坪镇代表联络站", county=world.county_b)


@pytest.fixture
def deputy_record_a(world, deputy_a, station_a):
    return DeputyFactory(name="李秀兰", county=world.county_a, user=deputy_a, stations=[station_a])


@pytest.fixture
def other_deputy_a(world, station_a):
    return DeputyFactory(name="杨光明", county=world.county_a, stations=[station_a])


@pytest.fixture
def deputy_record_b(world, station_b):
    return DeputyFactory(name="向东", county=world.county_b, stations=[station_b])
