"""Pages open on a year with data and name it; the scorecard compares the round's units on the
audit year the round examines; the round list is ordered, searchable and paged."""

from datetime import date
from functools import partial

import pytest
import time_machine
from django.urls import reverse

from evaluations import rules, services
from evaluations.models import AuditProblem
from tests.core.factories import UnitFactory
from tests.evaluations.factories import EvaluationRoundFactory

Status = AuditProblem.Status

# The demo's situation: the records are of 2024, the clock is years later.
LATER = time_machine.travel(date(2026, 11, 30), tick=False)


@pytest.fixture
def round_2024(world, staff_a):
    return services.round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="2024年政府工作部门工作评议",
        units=[world.unit_a],
        by=staff_a,
    )


def test_an_evaluation_examines_last_years_audit():
    assert rules.audit_year_reviewed(2024) == 2023


@LATER
def test_scorecard_opens_on_the_latest_round_year_with_last_years_audit(
    client_for, staff_a, world, round_2024, make_problem, make_suggestion
):
    make_problem(year=2023, status=Status.RECTIFIED)
    make_problem(year=2023, status=Status.PARTIAL)
    make_problem(year=2024)  # examined by a 2025 evaluation, not this one
    outside = UnitFactory(name="沅陵县民政局", jurisdiction=world.county_a)
    make_suggestion(unit=outside)  # a 2024 record of a unit the round does not evaluate

    response = client_for(staff_a).get(reverse("evaluations:scorecard"))

    assert response.context["year"] == 2024
    assert [c.unit for c in response.context["cards"]] == [world.unit_a]
    total = response.context["total"]
    assert (total.total, total.rectified, total.partial) == (2, 1, 1)
    body = response.content.decode()
    assert "2024 年度被评议单位" in body and "2023 年度审计" in body


@LATER
def test_scorecard_for_a_year_without_a_round_says_so(client_for, staff_a, round_2024):
    response = client_for(staff_a).get(reverse("evaluations:scorecard"), {"year": 2026})
    assert response.context["cards"] == []
    assert "2026 年度没有工作评议" in response.content.decode()


@LATER
def test_outsider_scorecard_opens_on_their_own_data(client_for, outsider, round_2024):
    response = client_for(outsider).get(reverse("evaluations:scorecard"))
    assert response.context["year"] == 2026  # county B has no round: this year, empty
    assert response.context["cards"] == []


@LATER
def test_unit_scorecard_opens_on_the_units_latest_round(
    client_for, staff_a, world, round_2024, make_problem
):
    make_problem(year=2023)
    response = client_for(staff_a).get(
        reverse("evaluations:unit_scorecard", args=[world.unit_a.pk])
    )
    assert response.context["year"] == 2024
    assert response.context["card"].audit.total == 1
    assert f"?unit={world.unit_a.pk}&year=2023" in response.content.decode()


@LATER
def test_matching_opens_on_the_latest_audit_year(client_for, staff_a, make_problem):
    make_problem(year=2023, description="二〇二三年的问题")
    response = client_for(staff_a).get(reverse("evaluations:matching"))
    assert response.context["year"] == 2023
    body = response.content.decode()
    assert "二〇二三年的问题" in body and "2023 年度审计问题清单" in body


@LATER
def test_a_malformed_year_opens_on_data_too(client_for, staff_a, make_problem):
    make_problem(year=2023)
    response = client_for(staff_a).get(reverse("evaluations:matching"), {"year": "abc"})
    assert response.context["year"] == 2023


def test_area_filter_offers_each_area_once(client_for, staff_a, make_problem):
    for area in ["预算执行", "预算执行", "政府债务", "预算执行", "政府债务"]:
        make_problem(area=area)
    response = client_for(staff_a).get(reverse("evaluations:problem_list"))
    choices = [value for value, _label in response.context["filter"].form.fields["area"].choices]
    assert choices == ["", "政府债务", "预算执行"]


# --- The round list ------------------------------------------------------------------------------


@pytest.fixture
def make_round(world, staff_a):
    """`EvaluationRoundFactory` for county A, created by staff A."""
    return partial(EvaluationRoundFactory, jurisdiction=world.county_a, created_by=staff_a)


def test_round_list_is_newest_first(client_for, staff_a, make_round):
    make_round(year=2022, title="二〇二二年评议")
    make_round(year=2024, title="二〇二四年评议")
    make_round(year=2023, title="二〇二三年评议")
    response = client_for(staff_a).get(reverse("evaluations:round_list"))
    assert [r.year for r in response.context["object_list"]] == [2024, 2023, 2022]


def test_round_list_search_by_title_or_unit_keeps_unit_counts(
    client_for, staff_a, world, make_round
):
    health = UnitFactory(name="沅陵县卫生健康局", jurisdiction=world.county_a)
    make_round(year=2024, title="政府工作部门工作评议", units=[world.unit_a, health])
    make_round(year=2023, title="专项评议", units=[world.unit_a])
    client = client_for(staff_a)
    rows = client.get(reverse("evaluations:round_list"), {"q": "卫生健康"}).context["object_list"]
    assert [(r.title, r.unit_count) for r in rows] == [("政府工作部门工作评议", 2)]
    rows = client.get(reverse("evaluations:round_list"), {"q": "专项"}).context["object_list"]
    assert [r.title for r in rows] == ["专项评议"]
    rows = client.get(reverse("evaluations:round_list"), {"year": 2023}).context["object_list"]
    assert [r.title for r in rows] == ["专项评议"]


def test_round_list_is_paged_in_a_fixed_number_of_queries(
    client_for, staff_a, make_round, django_assert_num_queries
):
    client = client_for(staff_a)
    make_round(year=2024, title="评议0")
    url = reverse("evaluations:round_list")
    client.get(url)  # warm the session
    with django_assert_num_queries(6) as one:
        client.get(url)
    for i in range(1, 45):
        make_round(year=2000 + i % 25, title=f"评议{i}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 30
    assert response.context["paginator"].num_pages == 2


def test_round_list_hides_other_counties(client_for, outsider, make_round):
    make_round(year=2024, title="沅陵评议")
    response = client_for(outsider).get(reverse("evaluations:round_list"))
    assert list(response.context["object_list"]) == []
