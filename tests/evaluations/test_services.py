from datetime import date

import pytest
from django.core.exceptions import ValidationError

from evaluations import services
from evaluations.models import AuditProblem, ProcuratorialSuggestion, UnitHead
from tests.core.factories import UnitFactory

Status = AuditProblem.Status


def test_close_out_refused_without_evidence(make_problem, staff_a):
    problem = make_problem(status=Status.RECTIFIED)
    with pytest.raises(ValidationError, match="没有整改佐证材料"):
        services.problem_close_out(problem=problem, note="", by=staff_a)
    problem.refresh_from_db()
    assert problem.closed_on is None


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.COMMITTED, Status.PARTIAL])
def test_close_out_refused_unless_fully_rectified(make_problem, staff_a, status):
    problem = make_problem(status=status, evidence="整改文件")
    with pytest.raises(ValidationError, match="整改到位"):
        services.problem_close_out(problem=problem, note="", by=staff_a)


def test_report_then_close_out(make_problem, liaison_a, staff_a):
    problem = make_problem()
    with pytest.raises(ValidationError, match="佐证材料"):
        services.problem_report(
            problem=problem, status=Status.RECTIFIED, measures="已拨付", evidence=" ", by=liaison_a
        )
    services.problem_report(
        problem=problem,
        status=Status.RECTIFIED,
        measures="已拨付",
        evidence="拨款凭证 沅财预〔2024〕12号",
        by=liaison_a,
        on=date(2024, 5, 1),
    )
    services.problem_close_out(problem=problem, note="核实无误", by=staff_a, on=date(2024, 5, 8))
    problem.refresh_from_db()
    assert (problem.closed_on, problem.closed_by) == (date(2024, 5, 8), staff_a)
    with pytest.raises(ValidationError, match="已销号"):
        services.problem_report(
            problem=problem, status=Status.PARTIAL, measures="", evidence="", by=liaison_a
        )
    with pytest.raises(ValidationError, match="销号"):
        services.problem_close_out(problem=problem, note="", by=staff_a)
    assert problem.history.count() == 3


def test_return_sets_partial(make_problem, staff_a):
    problem = make_problem(status=Status.RECTIFIED, evidence="材料")
    with pytest.raises(ValidationError):
        services.problem_return(problem=problem, note="", by=staff_a)
    services.problem_return(problem=problem, note="资金尚未全部到位", by=staff_a)
    problem.refresh_from_db()
    assert problem.status == Status.PARTIAL


def test_procuratorial_reply_due_two_calendar_months(make_suggestion, staff_a):
    suggestion = make_suggestion(issued_on=date(2024, 12, 31))
    assert suggestion.reply_due == date(2025, 2, 28)
    assert suggestion.overdue_on(date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.suggestion_set_adoption(
            suggestion=suggestion, adoption=ProcuratorialSuggestion.Adoption.ADOPTED, by=staff_a
        )
    services.suggestion_reply(suggestion=suggestion, reply="已整改", by=staff_a)
    assert not suggestion.overdue_on(date(2025, 3, 1))


def test_opinion_only_for_evaluated_units(world, staff_a):
    evaluation = services.round_create(
        jurisdiction=world.county_a, year=2024, title="评议", units=[world.unit_a], by=staff_a
    )
    assert evaluation.stages.count() == 7
    other = UnitFactory(name="沅陵县教育局", jurisdiction=world.county_a)
    with pytest.raises(ValidationError):
        services.opinion_assign(
            evaluation=evaluation,
            unit=other,
            content="x",
            assigned_on=date(2024, 6, 1),
            deadline=date(2024, 9, 1),
            by=staff_a,
        )


@pytest.fixture
def hongjiang(world):
    units = [
        UnitFactory(name=f"沅陵县{name}", jurisdiction=world.county_a)
        for name in ("教育局", "水利局", "民政局", "交通运输局")
    ]
    return units


def _head(unit, name, took_office, predecessor=None, staff=None):
    return services.head_appoint(
        by=staff,
        name=name,
        unit=unit,
        post="局长",
        took_office=took_office,
        predecessor=predecessor,
        kind=UnitHead.Kind.HEAD,
    )


def test_roster_by_tenure_rule(world, staff_a, hongjiang):
    old = _head(hongjiang[0], "赵一", date(2019, 1, 1))
    new = _head(hongjiang[0], "钱二", date(2024, 4, 1), predecessor=old)
    _head(hongjiang[1], "孙三", date(2024, 3, 30))  # exactly 8 months on 11-30
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="2024年履职评议",
        year=2024,
        appraisal_date=date(2024, 11, 30),
    )
    services.appraisal_build_roster(appraisal=appraisal, by=staff_a)
    entries = {e.head.name: e for e in appraisal.entries.select_related("head")}
    old.refresh_from_db()
    assert old.left_office == new.took_office
    assert set(entries) == {"赵一", "钱二", "孙三"}
    assert entries["孙三"].assessed_alone
    assert not entries["钱二"].assessed_alone
    assert entries["钱二"].together_with == entries["赵一"]
    assert entries["赵一"].together_with == entries["钱二"]


def _graded_round(world, staff, heads, day, d_votes, poor=()):
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a, by=staff, title=f"评议{day}", year=day.year, appraisal_date=day
    )
    services.appraisal_build_roster(appraisal=appraisal, by=staff)
    entries = {e.head_id: e for e in appraisal.entries.all()}
    tallies = {}
    for head in heads:
        d = d_votes.get(head.name, 0)
        c = 40 if head.name in poor else 0
        tallies[entries[head.pk].pk] = {
            "A": 60 - d - c,
            "B": 20,
            "C": c,
            "D": d + (30 if head.name in poor else 0),
        }
    services.appraisal_record_votes(appraisal=appraisal, tallies=tallies, by=staff)
    services.appraisal_grade(appraisal=appraisal, by=staff)
    return {e.head.name: e for e in appraisal.entries.select_related("head")}


def test_consequences_build_up_over_rounds(world, staff_a, hongjiang):
    heads = [_head(u, n, date(2020, 1, 1)) for u, n in zip(hongjiang, "甲乙丙丁", strict=True)]
    first = _graded_round(
        world, staff_a, heads, date(2022, 11, 30), {"甲": 9, "乙": 5, "丙": 3}, poor={"甲"}
    )
    assert first["甲"].grade == "D" and first["甲"].in_d_top
    assert first["甲"].consequences == ["government_talk"]
    assert first["丁"].consequences == [] and not first["丁"].in_d_top
    second = _graded_round(
        world, staff_a, heads, date(2023, 11, 30), {"甲": 9, "乙": 5}, poor={"甲"}
    )
    assert second["甲"].consequences == ["party_talk"]
    assert second["乙"].consequences == ["party_talk"]
    third = _graded_round(
        world, staff_a, heads, date(2024, 11, 30), {"甲": 9, "丁": 2}, poor={"甲"}
    )
    assert third["甲"].consequences == ["post_adjustment", "removal_motion"]
    assert third["乙"].consequences == []
    assert third["丁"].consequences == ["government_talk"]


def test_grading_refuses_an_empty_roster(world, staff_a):
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="空",
        year=2024,
        appraisal_date=date(2024, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.appraisal_grade(appraisal=appraisal, by=staff_a)


def test_new_round_keeps_the_county_policy(world, staff_a):
    from decimal import Decimal

    services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="一",
        year=2023,
        appraisal_date=date(2023, 1, 1),
        excellent_share=Decimal("0.30"),
    )
    second = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="二",
        year=2024,
        appraisal_date=date(2024, 1, 1),
    )
    assert second.excellent_share == Decimal("0.30")
