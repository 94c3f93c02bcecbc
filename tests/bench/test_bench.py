"""The benchmark's data generator and floors, at a tiny scale: what `make bench` measures must be
a consistent data set, and each floor must select exactly the rows its page shows."""

import pytest
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from bench.cases import LIST_CASES
from bench.floor import floor
from bench.generate import HELD_COUNTY, Generator, Sizes
from core.demo import COUNTIES
from deputies.models import Opinion, Station, StationMembership, Suggestion, Visit
from evaluations.models import AuditProblem
from livelihood_projects.models import Project

SCALE = 0.0005


def _fingerprint() -> list:
    return [
        list(
            Visit.objects.order_by(
                "visited_on", "station__name", "deputy__name", "kind"
            ).values_list("visited_on", "station__name", "deputy__name", "kind", "people_received")
        ),
        sorted(Opinion.objects.values_list("raised_on", "content", "status", "unit__name")),
        sorted(Suggestion.objects.values_list("county__code", "number", "title", "status")),
    ]


def _generate(seed: int) -> list:
    with transaction.atomic():
        Generator(scale=SCALE, seed=seed).run()
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.mark.django_db
def test_generator_makes_the_sizes_it_promises_and_consistent_rows():
    sizes = Generator(scale=SCALE, seed=7).run()
    assert sizes == Sizes.at(SCALE)
    assert Station.objects.count() == sizes.stations
    assert Visit.objects.count() == sizes.visits
    assert Opinion.objects.count() == sizes.opinions
    assert Suggestion.objects.count() == sizes.suggestions
    assert AuditProblem.objects.count() == sizes.audit_problems
    assert Project.objects.count() == sizes.projects
    assert User.objects.filter(deputy_profile__isnull=False).count() == sizes.voters
    # Every visit is by a member of its station; every opinion belongs to its visit's county.
    members = set(StationMembership.objects.values_list("station_id", "deputy_id"))
    assert set(Visit.objects.values_list("station_id", "deputy_id")) <= members
    assert not Opinion.objects.exclude(county=F("station__county")).exists()
    assert not Opinion.objects.exclude(raised_on=F("visit__visited_on")).exists()


@pytest.mark.django_db
def test_generator_is_reproducible_from_its_seed():
    first, again, other = _generate(11), _generate(11), _generate(12)
    assert first == again
    assert first != other


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["visits", "visits_filtered", "opinions", "suggestions"])
def test_floor_selects_the_rows_the_page_shows(client, key):
    Generator(scale=SCALE * 4, seed=3).run()
    case = LIST_CASES[key]
    user = User.objects.get(username="bench_staff_431223")
    client.force_login(user)
    query = QueryDict(mutable=True)
    query.update(case.params)
    response = client.get(reverse(case.url_name) + "?" + query.urlencode())
    assert response.status_code == 200
    page = list(response.context["object_list"])
    assert page, "the case must show rows for the comparison to mean anything"

    request = RequestFactory().get("/", case.params)
    request.user = user
    floor_response = floor(request, key)
    expected = list(case.floor(user, query)[: case.page_size])
    assert len(expected) == len(page)
    for row, obj in zip(expected, page, strict=True):
        first = row[0]
        assert first in (
            getattr(obj, "visited_on", None),
            getattr(obj, "raised_on", None),
            getattr(obj, "number", None),
        )
    html = floor_response.content.decode()
    assert html.count("<tr>") == len(page)


def _held_index() -> int:
    return [code for _name, code, _body, _towns in COUNTIES].index(HELD_COUNTY)


def test_the_held_county_keeps_its_size_while_the_rest_of_the_city_grows():
    at_one = Generator(scale=1.0).per_county(1_000_000, 1_000_000)
    at_three = Generator(scale=3.0).per_county(3_000_000, 1_000_000)
    assert at_one[_held_index()] == at_three[_held_index()] == round(1_000_000 / 13 / 4)
    assert (sum(at_one), sum(at_three)) == (1_000_000, 3_000_000)
    assert min(n for i, n in enumerate(at_three) if i != _held_index()) > 2.9 * max(at_one)


@pytest.mark.django_db
def test_the_generated_rows_follow_the_split():
    scale = SCALE * 40
    generator = Generator(scale=scale, seed=5)
    sizes = generator.run()
    held = Visit.objects.filter(station__county__code=HELD_COUNTY).count()
    assert held == generator.per_county(sizes.visits, 1_000_000)[_held_index()] > 0
    assert not Visit.objects.exclude(station__county=F("deputy__county")).exists()
