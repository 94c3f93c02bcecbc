"""Topic candidates for next year's plan drawn from the portal's findings, and taking one into a
plan with its evidence linked."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from deputies.models import Satisfaction, Suggestion
from evaluations import services as evaluation_services
from evaluations.models import AppraisalEntry
from polls import services as poll_services
from supervision.models import Evidence, HandlingReport, Item, ItemChange, Plan, Verdict
from supervision.selectors import candidates as selectors
from supervision.selectors.candidates import Source, candidates
from tests.accounts.factories import DeputyUserFactory
from tests.core.factories import UnitFactory
from tests.deputies.factories import DeputyFactory, SuggestionFactory
from tests.evaluations.factories import AppraisalRoundFactory, AuditProblemFactory, UnitHeadFactory
from tests.supervision.factories import (
    AdoptedPlanFactory,
    CommitmentFactory,
    ItemFactory,
    PlanFactory,
    QuestionFactory,
)

TODAY = dt.date(2026, 6, 15)
LIST = reverse("supervision:candidate_list")
TAKE = reverse("supervision:candidate_take")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))


def _found(user) -> dict[tuple[str, Source], list[str]]:
    return {
        (group.unit.name, c.source): [clue.label for clue in c.clues]
        for group in candidates(user=user, today=TODAY)
        for c in group.candidates
    }


def _audit(unit, days_late: int, number: str | None = None):
    extra = {"number": number} if number else {}
    return AuditProblemFactory(unit=unit, deadline=TODAY - dt.timedelta(days=days_late), **extra)


def _suggestion(unit, times: int) -> Suggestion:
    """A suggestion whose deputy rated `times` replies 不满意 (each rating a save, as the
    services make it; a save that keeps the rating is not a new one)."""
    suggestion = SuggestionFactory(
        deputy=DeputyFactory(county=unit.jurisdiction),
        lead_unit=unit,
        status=Suggestion.Status.REPLIED,
        submitted_on=dt.date(2026, 1, 10),
    )
    for _time in range(times):
        suggestion.satisfaction = Satisfaction.DISSATISFIED
        suggestion.status = Suggestion.Status.REOPENED
        suggestion.save()
        suggestion.extension_reason = "再办理"
        suggestion.save()  # still 不满意: not a second rating
        suggestion.satisfaction = ""
        suggestion.status = Suggestion.Status.REPLIED
        suggestion.save()
    return suggestion


def _d_top(unit):
    appraisal = AppraisalRoundFactory(jurisdiction=unit.jurisdiction, year=2026)
    head = UnitHeadFactory(unit=unit, name="赵某")
    return AppraisalEntry.objects.create(round=appraisal, head=head, votes_d=12, in_d_top=True)


def _plan_2026(jurisdiction):
    plan = Plan.objects.filter(jurisdiction=jurisdiction, year=2026).first()
    return plan or AdoptedPlanFactory(jurisdiction=jurisdiction, year=2026)


def _unsatisfied_report(unit):
    plan = _plan_2026(unit.jurisdiction)
    item = ItemFactory(plan=plan, unit=unit, title="关于农村饮水安全工作的报告")
    return HandlingReport.objects.create(
        item=item,
        round=1,
        due_on=dt.date(2026, 3, 1),
        received_on=dt.date(2026, 2, 20),
        verdict=Verdict.UNSATISFIED,
    )


def _missed_commitment(unit):
    plan = _plan_2026(unit.jurisdiction)
    question = QuestionFactory(item=ItemFactory(plan=plan, unit=unit, kind=Item.Kind.INQUIRY))
    return CommitmentFactory(question=question, unit=unit, due_on=dt.date(2026, 5, 31))


def test_audit_problems_overdue_by_more_than_the_threshold(world, staff_a):
    _audit(world.unit_a, 91, "0001")
    _audit(world.unit_a, 90, "0002")  # exactly 90 days: not more than
    _audit(world.unit_a, 200, "0003").__class__.objects.filter(number="0003").update(
        status="rectified"
    )
    labels = _found(staff_a)[("沅陵县财政局", Source.AUDIT)]
    assert len(labels) == 1
    assert "0001" in labels[0] and "91天" in labels[0]


def test_suggestions_rated_dissatisfied_twice(world, staff_a):
    twice = _suggestion(world.unit_a, 2)
    _suggestion(world.unit_a, 1)
    labels = _found(staff_a)[("沅陵县财政局", Source.SUGGESTIONS)]
    assert labels == [f"代表建议{twice.number}《{twice.title}》两次测评不满意"]


def test_heads_in_the_d_top_three(world, staff_a):
    _d_top(world.unit_a)
    entry = AppraisalEntry.objects.get()
    AppraisalEntry.objects.create(
        round=entry.round, head=UnitHeadFactory(unit=UnitFactory(jurisdiction=world.county_a))
    )
    found = _found(staff_a)
    assert "赵某" in found[("沅陵县财政局", Source.APPRAISAL)][0]
    assert [key for key in found if key[1] == Source.APPRAISAL] == [
        ("沅陵县财政局", Source.APPRAISAL)
    ]


@pytest.fixture
def voters(world):
    users = []
    for index, committee in enumerate([False, True]):
        user = DeputyUserFactory(jurisdiction=world.county_a)
        DeputyFactory(
            name=f"代表{index}",
            county=world.county_a,
            is_standing_committee_member=committee,
            user=user,
        )
        users.append(user)
    return users


def test_a_poll_verdict_of_unsatisfied(world, staff_a, voters):
    education = UnitFactory(name="沅陵县教育局", jurisdiction=world.county_a)
    evaluation = evaluation_services.round_create(
        jurisdiction=world.county_a,
        year=2026,
        title="2026年工作评议",
        units=[world.unit_a, education],
        two_sided_poll=True,
        by=staff_a,
    )
    poll = evaluation_services.round_poll_start(evaluation=evaluation, by=staff_a)
    poll_services.poll_open(poll=poll, by=staff_a)
    subjects = {s.label: s.pk for s in poll.subjects.all()}
    for voter in voters:
        marks = {subjects["沅陵县财政局"]: "S", subjects["沅陵县教育局"]: "U"}
        poll_services.ballot_cast(poll=poll, voter=voter, marks=marks)
    poll_services.poll_close(poll=poll, by=staff_a)
    _unsatisfied_report(world.unit_a)
    heard = ItemFactory(
        plan=_plan_2026(world.county_a),
        unit=world.unit_a,
        title="关于义务教育工作的报告",
        report_verdict=Verdict.UNSATISFIED,
    )
    ItemFactory(plan=heard.plan, unit=world.unit_a, report_verdict=Verdict.BASICALLY_SATISFIED)

    found = _found(staff_a)
    assert found[("沅陵县教育局", Source.POLL)] == [
        "2026年工作评议满意度测评结果为不满意（全体县人大代表、常委会组成人员、全体）"
    ]
    assert found[("沅陵县财政局", Source.POLL)] == [
        "《关于义务教育工作的报告》满意度测评不满意",
        "《关于农村饮水安全工作的报告》第1次研究处理情况报告测评不满意",
    ]


def test_commitments_missed(world, staff_a):
    missed = _missed_commitment(world.unit_a)
    CommitmentFactory(question=missed.question, unit=world.unit_a, due_on=TODAY)  # due today
    CommitmentFactory(
        question=missed.question,
        unit=world.unit_a,
        due_on=dt.date(2026, 5, 1),
        done_on=dt.date(2026, 4, 30),
    )
    labels = _found(staff_a)[("沅陵县财政局", Source.COMMITMENTS)]
    assert len(labels) == 1 and "2026-05-31" in labels[0]


def _every_source(unit):
    _audit(unit, 120)
    _suggestion(unit, 2)
    _d_top(unit)
    _unsatisfied_report(unit)
    _missed_commitment(unit)


def test_an_outsiders_records_never_appear(world, staff_a, outsider, client_for):
    _every_source(world.unit_b)
    assert _found(staff_a) == {}
    assert {key[0] for key in _found(outsider)} == {"辰溪县财政局"}
    body = client_for(staff_a).get(LIST).content.decode()
    assert "辰溪县财政局" not in body and 'data-testid="no-candidates"' in body


def test_the_page_lists_each_unit_with_its_evidence(
    world, staff_a, client_for, django_assert_max_num_queries
):
    _every_source(world.unit_a)
    _every_source(UnitFactory(name="沅陵县水利局", jurisdiction=world.county_a))
    _every_source(world.township_unit_a)
    PlanFactory(jurisdiction=world.county_a, year=2027)
    client = client_for(staff_a)
    # A fixed number whatever the number of units and records (three units here); the content
    # types are read once per kind of record, as a fresh process does.
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(21):
        response = client.get(LIST)
    body = response.content.decode()
    assert body.count('data-testid="candidate-unit"') == 3
    assert body.count('data-testid="candidate"') == 15
    problem = AuditProblemFactory._meta.model.objects.filter(unit=world.unit_a).get()
    assert problem.get_absolute_url() in body
    # The township's unit may go into the county's plan too; every candidate has its form.
    assert body.count('data-testid="candidate-take"') == 15


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_only_the_office_sees_the_candidates(request, persona, client_for, world):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.post(TAKE, {"unit": world.unit_a.pk, "source": "audit"}).status_code == 403


def test_taking_a_candidate_creates_the_item_with_its_evidence(world, staff_a, client_for):
    problems = [_audit(world.unit_a, 100, "0001"), _audit(world.unit_a, 150, "0002")]
    plan = PlanFactory(jurisdiction=world.county_a, year=2027)
    response = client_for(staff_a).post(
        TAKE,
        {
            "unit": world.unit_a.pk,
            "source": "audit",
            "plan": plan.pk,
            "planned_month": 9,
            "office": "财经委",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302
    assert (item.plan, item.unit, item.planned_month, item.office) == (
        plan,
        world.unit_a,
        9,
        "财经委",
    )
    assert item.source == Item.Source.FINDINGS
    assert item.kind == Item.Kind.FISCAL_REPORT
    assert item.title == "听取和审议沅陵县财政局审计查出问题整改情况的报告"
    links = list(Evidence.objects.filter(item=item))
    assert {link.target for link in links} == set(problems)
    assert links[0].content_type == ContentType.objects.get_for_model(problems[0])
    assert not ItemChange.objects.exists()  # a draft plan: no addition to record

    body = client_for(staff_a).get(LIST).content.decode()
    assert 'data-testid="candidate-taken"' in body and item.get_absolute_url() in body


def test_a_second_click_does_not_take_the_candidate_twice(world, staff_a, client_for):
    _audit(world.unit_a, 100, "0001")
    plan = PlanFactory(jurisdiction=world.county_a, year=2027)
    data = {
        "unit": world.unit_a.pk,
        "source": "audit",
        "plan": plan.pk,
        "planned_month": 9,
        "office": "财经委",
    }
    client = client_for(staff_a)
    assert client.post(TAKE, data).status_code == 302
    again = client.post(TAKE, data)
    assert again.status_code == 400
    assert "该线索已列入本计划。" in again.content.decode()
    assert Item.objects.count() == 1 and Evidence.objects.count() == 1
    # Another plan (next year's) may still take it.
    later = PlanFactory(jurisdiction=world.county_a, year=2028)
    assert client.post(TAKE, {**data, "plan": later.pk}).status_code == 302
    assert Item.objects.count() == 2


def test_taking_into_an_adopted_plan_records_the_addition(world, staff_a, client_for):
    _missed_commitment(world.unit_a)
    plan = AdoptedPlanFactory(jurisdiction=world.county_a, year=2027)
    client_for(staff_a).post(
        TAKE,
        {
            "unit": world.unit_a.pk,
            "source": "commitments",
            "plan": plan.pk,
            "planned_month": 4,
            "office": "法制委",
            "title": "关于财政局承诺落实情况的专题询问",
        },
    )
    item = Item.objects.get(plan=plan)
    assert item.added_after_adoption and item.title == "关于财政局承诺落实情况的专题询问"
    change = ItemChange.objects.get(item=item)
    assert change.kind == ItemChange.Kind.ADDED and "询问承诺" in change.reason


def test_a_refusal_comes_back_on_the_full_form(world, staff_a, client_for):
    _audit(world.unit_a, 100)
    plan = PlanFactory(jurisdiction=world.township_a, year=2027)  # a county unit: not its plan
    response = client_for(staff_a).post(
        TAKE,
        {
            "unit": world.unit_a.pk,
            "source": "audit",
            "plan": plan.pk,
            "planned_month": 9,
            "office": "财经委",
        },
    )
    assert response.status_code == 400
    assert "被监督单位应属于" in response.content.decode()
    assert not Item.objects.exists()


def test_an_outsider_cannot_take_another_countys_candidate(world, staff_a, outsider, client_for):
    _audit(world.unit_a, 100)
    plan_b = PlanFactory(jurisdiction=world.county_b, year=2027)
    client = client_for(outsider)
    assert client.get(TAKE, {"unit": world.unit_a.pk, "source": "audit"}).status_code == 404
    data = {
        "unit": world.unit_a.pk,
        "source": "audit",
        "plan": plan_b.pk,
        "planned_month": 9,
        "office": "财经委",
    }
    assert client.post(TAKE, data).status_code == 404
    # Nor take one of their own into county A's plan.
    plan_a = PlanFactory(jurisdiction=world.county_a, year=2027)
    _audit(world.unit_b, 100, "0009")
    data.update(unit=world.unit_b.pk, plan=plan_a.pk)
    assert client.post(TAKE, data).status_code == 400
    assert not Item.objects.exists()


def test_the_full_form_shows_the_evidence(world, staff_a, client_for):
    problem = _audit(world.unit_a, 100)
    response = client_for(staff_a).get(TAKE, {"unit": world.unit_a.pk, "source": "audit"})
    body = response.content.decode()
    assert response.status_code == 200
    assert problem.get_absolute_url() in body
    assert "听取和审议沅陵县财政局审计查出问题整改情况的报告" in body


def test_candidates_are_for_the_year_after_the_latest_plan(world, staff_a, outsider):
    """Findings are weighed for the plan being prepared: the one after the latest plan the user
    sees, or next year's where there is none yet."""
    today = dt.date(2026, 11, 30)
    assert selectors.plan_year(user=staff_a, today=today) == 2027
    PlanFactory(jurisdiction=world.county_a, year=2025)
    assert selectors.plan_year(user=staff_a, today=today) == 2026
    assert selectors.plan_year(user=outsider, today=today) == 2027  # county A's plan is not theirs
