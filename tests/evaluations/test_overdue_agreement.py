"""One rule for "overdue", agreed by every place that shows or counts it.

An audit problem is overdue when it still awaits rectification (neither reported fully rectified
nor closed out) after its deadline; the deadline day itself is not late. The edge cases are built
once, and the queryset, the model, the status badge, the list filter and its export, the unit
scorecard, the home page and the reminders must all name the same problems.
"""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from evaluations import reminders, rules, selectors
from evaluations.exporters import AuditProblemExporter
from evaluations.filters import AuditProblemFilter
from evaluations.models import AuditProblem, Opinion, ProcuratorialSuggestion
from notifications.rules import OVERDUE, reminder_stage

Status = AuditProblem.Status


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cases(make_problem, today, staff_a):
    """Each edge case by name; the value says whether it is overdue."""
    day = timedelta(days=1)
    problems = {
        "due yesterday": (make_problem(deadline=today - day), True),
        "due today": (make_problem(deadline=today), False),
        "due tomorrow": (make_problem(deadline=today + day), False),
        "partly done, long past": (
            make_problem(deadline=today - 90 * day, status=Status.PARTIAL),
            True,
        ),
        "promised, due yesterday": (
            make_problem(deadline=today - day, status=Status.COMMITTED),
            True,
        ),
        "rectified late, awaiting verification": (
            make_problem(deadline=today - day, status=Status.RECTIFIED, reported_on=today),
            False,
        ),
        "closed late": (
            make_problem(
                deadline=today - 30 * day,
                status=Status.RECTIFIED,
                closed_on=today,
                closed_by=staff_a,
            ),
            False,
        ),
        # Closed out, then its status edited in the admin: closing it out is what counts.
        "closed, status edited afterwards": (
            make_problem(deadline=today - day, status=Status.PARTIAL, closed_on=today - day),
            False,
        ),
    }
    return {name: problem for name, (problem, _overdue) in problems.items()}, {
        name for name, (_problem, overdue) in problems.items() if overdue
    }


def _names(problems, pks):
    return {name for name, p in problems.items() if p.pk in set(pks)}


def test_every_consumer_agrees_on_overdue_audit_problems(cases, today, staff_a, world):
    problems, expected = cases
    assert expected == {"due yesterday", "partly done, long past", "promised, due yesterday"}

    # The queryset, and the model property for each problem.
    assert _names(problems, AuditProblem.objects.overdue(today).values_list("pk", flat=True)) == (
        expected
    )
    assert {name for name, p in problems.items() if p.is_overdue} == expected
    assert {name for name, p in problems.items() if p.overdue_on(today)} == expected

    # The status badge every page shows.
    badged = {
        name
        for name, p in problems.items()
        if "逾期" in render_to_string("evaluations/_status.html", {"p": p})
    }
    assert badged == expected

    # The list's filter, and the export of the filtered list.
    base = AuditProblem.objects.visible_to(staff_a)
    filtered = AuditProblemFilter({"overdue": "yes"}, queryset=base, user=staff_a).qs
    assert _names(problems, filtered.values_list("pk", flat=True)) == expected
    not_overdue = AuditProblemFilter({"overdue": "no"}, queryset=base, user=staff_a).qs
    assert _names(problems, not_overdue.values_list("pk", flat=True)) == (set(problems) - expected)
    exporter = AuditProblemExporter(user=staff_a, params={"overdue": ["yes"]})
    assert {p.number for p in exporter.queryset()} == {problems[n].number for n in expected}

    # The unit scorecard (the evaluation of the year after the audit year), its list of overdue
    # items and the county total.
    evaluation_year = problems["due today"].year + 1
    (card,) = selectors.scorecards([world.unit_a], evaluation_year, today)
    assert card.audit.overdue == len(expected)
    assert selectors.county_total([card]).overdue == len(expected)
    listed = selectors.unit_overdue(world.unit_a, evaluation_year, today).problems
    assert _names(problems, [p.pk for p in listed]) == expected

    # The home page.
    assert selectors.home_figures(user=staff_a)["problems"]["overdue"] == len(expected)

    # The reminders: what is still awaited, and which of it is in the overdue stage.
    dues = list(reminders.audit_problems_awaiting_rectification(today))
    late = [d.object_id for d in dues if reminder_stage(d.deadline, today) == OVERDUE]
    assert _names(problems, late) == expected
    awaited = {"due today", "due tomorrow"} | expected
    assert _names(problems, [d.object_id for d in dues]) == awaited


def test_the_deadline_day_is_not_late_for_suggestions_and_opinions_either(
    make_suggestion, today, world, staff_a
):
    from evaluations import services

    day = timedelta(days=1)
    # A suggestion is due two calendar months after issue.
    on_time = make_suggestion(issued_on=today - timedelta(days=60))
    ProcuratorialSuggestion.objects.filter(pk=on_time.pk).update(reply_due=today)
    late = make_suggestion(issued_on=rules.add_months(today, -3))
    replied_late = make_suggestion(issued_on=rules.add_months(today, -3), replied_on=today)
    overdue = set(ProcuratorialSuggestion.objects.overdue(today).values_list("pk", flat=True))
    assert overdue == {late.pk}
    for s in (on_time, late, replied_late):
        s.refresh_from_db()
        assert s.is_overdue == (s.pk in overdue)

    evaluation = services.round_create(
        jurisdiction=world.county_a, year=today.year, title="评议", units=[world.unit_a], by=staff_a
    )
    opinions = [
        services.opinion_assign(
            evaluation=evaluation,
            unit=world.unit_a,
            content=f"意见{n}",
            assigned_on=today - 40 * day,
            deadline=deadline,
            by=staff_a,
        )
        for n, deadline in enumerate([today - day, today, today + day])
    ]
    overdue = set(Opinion.objects.overdue(today).values_list("pk", flat=True))
    assert overdue == {opinions[0].pk}
    assert [o.is_overdue for o in opinions] == [True, False, False]
    assert selectors.home_figures(user=staff_a)["suggestions_overdue"] == 1
