"""One rule, every consumer: each domain rule of deputy work is built once here in its edge cases,
and every place that applies it must give the same answer.

- "counted" activities (`Activity.objects.counted()`): the dashboard, the home figures and the
  quarterly report count the same ones. They once did not: the report counted every activity.
- opinions "open for an answer" (`Opinion.objects.open_for_answer()`): the service accepts a
  reply, the page offers the reply form, the unit's to-do list and home figures list it, and the
  reminders chase it, for exactly the same states.
- "overdue" suggestions (`Suggestion.objects.overdue(today)`): the home figures count the ones
  the page marks. They once did not: the page left out a suggestion sent back after a reply.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deputies import selectors, services
from deputies.models import Activity, Opinion, Suggestion
from deputies.reminders import opinions_transferred_to_units
from reports.quarterly import QuarterlyReport

from .factories import ActivityFactory, OpinionFactory, SuggestionFactory, VisitFactory

# --- counted activities -----------------------------------------------------------------------

YEAR, QUARTER = 2024, 2
IN_QUARTER = dt.datetime(2024, 5, 15, 10, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.fixture
def one_of_each_activity(station_a, deputy_record_a):
    # A visit of the year, so the home page's figures are of that year too.
    VisitFactory(station=station_a, deputy=deputy_record_a, visited_on=IN_QUARTER.date())
    for status in (Activity.Status.DRAFT, Activity.Status.CANCELLED, Activity.Status.HELD):
        ActivityFactory(station=station_a, status=status, starts_at=IN_QUARTER)


def _quarterly_activities(user) -> int:
    report = QuarterlyReport(user=user, params={"year": [str(YEAR)], "quarter": [str(QUARTER)]})
    sheet = next(s for s in report.sheets() if "开展活动（次）" in [str(h) for h in s.headers])
    column = [str(h) for h in sheet.headers].index("开展活动（次）")
    return sum(row[column] for row in sheet.rows)


def test_every_count_of_activities_counts_the_same_ones(client_for, staff_a, one_of_each_activity):
    assert Activity.objects.counted().count() == 1

    response = client_for(staff_a).get(reverse("deputies:dashboard"), {"year": YEAR})
    assert response.context["figures"].activities == 1
    assert sum(row.activities for row in response.context["stations"]) == 1

    (county,) = selectors.county_figures(user=staff_a, year=YEAR)
    assert county.activities == 1

    home = selectors.home_figures(user=staff_a)
    assert (home["year"], home["activities"]) == (YEAR, 1)

    assert _quarterly_activities(staff_a) == 1


# --- opinions open for an answer --------------------------------------------------------------

OPEN = {Opinion.Status.TRANSFERRED, Opinion.Status.IN_PROGRESS}


@pytest.fixture
def one_opinion_per_state(world, station_a):
    """Every state, each with the liaison's unit and a deadline, so only the state differs."""
    today = timezone.localdate()
    return {
        status: OpinionFactory(
            station=station_a,
            unit=world.unit_a,
            status=status,
            transferred_on=today,
            due_on=today + dt.timedelta(days=7),
        )
        for status in Opinion.Status.values
    }


def _service_accepts(opinion, liaison) -> bool:
    try:
        services.opinion_reply(opinion=opinion, body="已办理", outcome="in_progress", by=liaison)
    except ValidationError:
        return False
    return True


def test_every_consumer_agrees_on_what_is_open_for_an_answer(
    client_for, liaison_a, one_opinion_per_state
):
    opinions = one_opinion_per_state
    expected = {opinions[s].pk for s in OPEN}

    assert set(Opinion.objects.open_for_answer().values_list("pk", flat=True)) == expected
    assert {o.pk for o in opinions.values() if o.is_open_for_answer} == expected

    client = client_for(liaison_a)
    with_form = {
        o.pk for o in opinions.values() if "reply_form" in client.get(o.get_absolute_url()).context
    }
    assert with_form == expected

    todo = client.get(reverse("deputies:todo")).context["opinions"]
    assert {o.pk for o in todo} == expected

    assert selectors.home_figures(user=liaison_a)["open_opinions"] == len(expected)

    due = opinions_transferred_to_units(timezone.localdate())
    assert {d.object_id for d in due} == expected

    accepted = {o.pk for o in opinions.values() if _service_accepts(o, liaison_a)}
    assert accepted == expected


# --- overdue suggestions ----------------------------------------------------------------------


def test_every_consumer_agrees_on_which_suggestions_are_overdue(
    client_for, staff_a, world, deputy_record_a
):
    """One suggestion per state, each past its deadline: overdue are those the lead unit still
    owes a reply, a suggestion sent back after a first reply included."""
    past = timezone.localdate() - dt.timedelta(days=1)
    suggestions = {
        status: SuggestionFactory(
            deputy=deputy_record_a,
            status=status,
            lead_unit=world.unit_a,
            assigned_on=past - dt.timedelta(days=30),
            due_on=past,
            replied_on=None if status == Suggestion.Status.ASSIGNED else past,
        )
        for status in Suggestion.Status.values
        if status != Suggestion.Status.SUBMITTED
    }
    expected = {suggestions[s].pk for s in Suggestion.AWAITING_REPLY}

    overdue = Suggestion.objects.overdue(timezone.localdate())
    assert set(overdue.values_list("pk", flat=True)) == expected
    assert {s.pk for s in suggestions.values() if s.is_overdue} == expected
    assert selectors.home_figures(user=staff_a)["overdue_suggestions"] == len(expected)

    client = client_for(staff_a)
    marked = {
        s.pk
        for s in suggestions.values()
        if '<span class="text-danger">' in client.get(s.get_absolute_url()).content.decode()
    }
    assert marked == expected
