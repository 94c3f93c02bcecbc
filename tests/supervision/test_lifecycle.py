"""Each kind of supervision item taken from the plan to its close through the lifecycle services,
every refusal of a step out of order, and the satisfaction polls on the polls engine."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from supervision import rules
from supervision.models import (
    CalendarDay,
    HandlingReport,
    Item,
    ItemChange,
    ReportVersion,
    Research,
    Setting,
)
from supervision.services import lifecycle
from supervision.services import settings as setting_services
from tests.deputies.factories import DeputyFactory

from .factories import ItemFactory, PlanFactory
from .factories_lifecycle import (
    county_item,
    county_voters,
    heard,
    opinions_sent,
    poll_run,
    received,
)

State = Item.State


def _state(item) -> str:
    item.refresh_from_db()
    return item.state


# --- Each kind from the plan to the close ----------------------------------------------------------


def test_work_report_from_plan_to_close(world, staff_a):
    """Research, the draft and final reports, the hearing on the eve of National Day, the opinions
    within 5 working days, the handling report polled 不满意, the report made again, the close."""
    item = county_item(world, staff_a)
    assert _state(item) == State.PLANNED
    deputy = DeputyFactory(county=world.county_a)
    research = lifecycle.research_record(
        item=item,
        kind=Research.Kind.VISIT,
        held_on=date(2025, 8, 12),
        findings="校舍维修资金到位慢",
        place="城区学校",
        members="张委员",
        deputies=[deputy],
        by=staff_a,
    )
    assert list(research.deputies.all()) == [deputy]
    assert _state(item) == State.PREPARING

    lifecycle.session_set(
        item=item, session_on=date(2025, 9, 30), session_name="第三十次会议", by=staff_a
    )
    item.refresh_from_db()
    assert item.report_deadlines == (date(2025, 9, 10), date(2025, 9, 20))
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.DRAFT,
        received_on=date(2025, 9, 9),
        summary="征求意见稿",
        by=staff_a,
    )
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.FINAL,
        received_on=date(2025, 9, 19),
        summary="正式报告",
        by=staff_a,
    )
    assert item.versions.count() == 2

    lifecycle.hearing_record(
        item=item,
        heard_on=date(2025, 9, 30),
        reporter="王副县长",
        hearing_notes="委员发言踊跃",
        by=staff_a,
    )
    assert _state(item) == State.HEARD

    letter = lifecycle.opinions_draft(item=item, content="一、加大投入。", by=staff_a)
    # 5 working days after 30 Sep 2025 by the State Council's schedule: 1–8 Oct rest; 9 Oct (1),
    # 10 Oct (2), Saturday 11 Oct is an adjusted workday (3), 13 Oct (4), 14 Oct (5).
    assert letter.due_on == date(2025, 10, 14)
    assert letter.due_on == rules.working_day_deadline(date(2025, 9, 30), 5)
    letter = lifecycle.opinions_draft(item=item, content="一、加大投入；二、完善机制。", by=staff_a)
    assert letter.content.endswith("完善机制。")  # redrafted until sent
    lifecycle.opinions_send(
        letter=letter, sent_on=date(2025, 10, 13), letter_number="常办函〔2025〕9号", by=staff_a
    )
    assert _state(item) == State.OPINIONS_SENT
    first = item.handling_reports.get()
    assert (first.round, first.due_on) == (1, date(2025, 12, 13))

    received(first, staff_a, on=date(2025, 12, 10))
    assert _state(item) == State.HANDLED
    lifecycle.verdict_record(
        report=first,
        verdict=rules.Verdict.UNSATISFIED,
        decided_on=date(2025, 12, 25),
        by=staff_a,
    )
    assert _state(item) == State.RE_REPORT
    second = item.handling_reports.get(round=2)
    assert second.due_on == rules.handling_report_deadline(date(2025, 12, 25), 2)
    assert second.due_on == date(2026, 2, 25)
    with pytest.raises(ValidationError, match="重新报告"):
        lifecycle.item_close(item=item, closed_on=date(2026, 1, 5), by=staff_a)

    received(second, staff_a, on=date(2026, 2, 20))
    assert _state(item) == State.HANDLED
    lifecycle.verdict_record(report=second, verdict=rules.Verdict.SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2026, 3, 1), by=staff_a)
    assert _state(item) == State.CLOSED
    assert item.closed_on == date(2026, 3, 1)


def test_inquiry_questions_and_commitments(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    first = lifecycle.question_record(
        item=item,
        asked_by="张委员",
        question="审计发现的问题整改进度如何？",
        unit=world.unit_a,
        answered_by="李局长",
        answer="已整改八成。",
        by=staff_a,
    )
    second = lifecycle.question_record(
        item=item,
        asked_by="刘委员",
        question="资金何时到位？",
        unit=world.unit_a,
        answered_by="李局长",
        by=staff_a,
    )
    assert (first.number, second.number) == (1, 2)
    commitment = lifecycle.commitment_record(
        question=first,
        content="年底前全部整改",
        unit=world.unit_a,
        due_on=date(2025, 12, 31),
        owner="李局长",
        by=staff_a,
    )
    heard(item, staff_a, on=date(2025, 6, 20))
    with pytest.raises(ValidationError) as refused:
        lifecycle.commitment_report(
            commitment=commitment, done_on=date(2025, 6, 1), result="", by=staff_a
        )
    assert set(refused.value.message_dict) == {"result", "done_on"}
    lifecycle.commitment_report(
        commitment=commitment, done_on=date(2025, 11, 30), result="已全部整改。", by=staff_a
    )
    commitment.refresh_from_db()
    assert commitment.done_on == date(2025, 11, 30)
    with pytest.raises(ValidationError, match="已经报告落实情况"):
        lifecycle.commitment_report(
            commitment=commitment, done_on=date(2025, 12, 1), result="再报", by=staff_a
        )
    report = opinions_sent(item, staff_a)
    received(report, staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.BASICALLY_SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    assert _state(item) == State.CLOSED


def test_questions_only_on_an_inquiry(world, staff_a):
    for kind in (Item.Kind.WORK_REPORT, Item.Kind.INSPECTION, Item.Kind.RESOLUTION):
        item = county_item(world, staff_a, kind=kind)
        with pytest.raises(ValidationError, match="只有专题询问"):
            lifecycle.question_record(
                item=item,
                asked_by="张委员",
                question="？",
                unit=world.unit_a,
                answered_by="李局长",
                by=staff_a,
            )


def test_inspection_has_its_own_report(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.INSPECTION, law="中华人民共和国水法")
    with pytest.raises(ValidationError) as refused:
        lifecycle.version_record(
            item=item,
            stage=ReportVersion.Stage.DRAFT,
            received_on=date(2025, 6, 1),
            summary="征求意见稿",
            by=staff_a,
        )
    assert "stage" in refused.value.message_dict
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.INSPECTION,
        received_on=date(2025, 6, 1),
        summary="执法检查报告",
        by=staff_a,
    )
    assert _state(item) == State.PREPARING
    report = opinions_sent(item, staff_a)
    received(report, staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    assert _state(item) == State.CLOSED


def test_work_report_has_no_inspection_report(world, staff_a):
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError, match="执法检查报告只能"):
        lifecycle.version_record(
            item=item,
            stage=ReportVersion.Stage.INSPECTION,
            received_on=date(2025, 6, 1),
            summary="x",
            by=staff_a,
        )


def test_fiscal_report_from_plan_to_close(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.FISCAL_REPORT, title="2024年决算报告")
    report = opinions_sent(item, staff_a, on=date(2025, 6, 27))
    assert report.due_on == date(2025, 8, 27)
    received(report, staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    assert _state(item) == State.CLOSED


def test_resolution_execution_report(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.RESOLUTION)
    with pytest.raises(ValidationError) as refused:
        lifecycle.hearing_record(item=item, heard_on=date(2025, 6, 20), by=staff_a)
    assert set(refused.value.message_dict) == {"resolution_text", "execution_due"}
    with pytest.raises(ValidationError) as refused:
        lifecycle.hearing_record(
            item=item,
            heard_on=date(2025, 6, 20),
            resolution_text="决议",
            execution_due=date(2025, 6, 1),
            by=staff_a,
        )
    assert "execution_due" in refused.value.message_dict
    lifecycle.hearing_record(
        item=item,
        heard_on=date(2025, 6, 20),
        resolution_text="关于加强饮用水水源保护的决议",
        execution_due=date(2025, 12, 20),
        by=staff_a,
    )
    # Correcting the deadline before the execution report moves the report's due day along.
    lifecycle.hearing_record(
        item=item,
        heard_on=date(2025, 6, 20),
        resolution_text="关于加强饮用水水源保护的决议",
        execution_due=date(2025, 12, 31),
        by=staff_a,
    )
    report = item.handling_reports.get()
    assert (report.round, report.due_on) == (1, date(2025, 12, 31))
    assert _state(item) == State.OPINIONS_SENT
    with pytest.raises(ValidationError, match="决议、决定不另行交办"):
        lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    received(report, staff_a, on=date(2025, 12, 15))
    with pytest.raises(ValidationError, match="已收到执行情况报告"):
        heard(item, staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 12, 30), by=staff_a)
    assert _state(item) == State.CLOSED


def test_execution_deadline_only_for_resolutions(world, staff_a):
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError) as refused:
        lifecycle.hearing_record(
            item=item, heard_on=date(2025, 6, 20), execution_due=date(2025, 12, 1), by=staff_a
        )
    assert "execution_due" in refused.value.message_dict


# --- Steps out of order are refused ----------------------------------------------------------------


def test_hearing_before_the_session_date_is_fine(world, staff_a):
    item = county_item(world, staff_a)
    heard(item, staff_a)
    item.refresh_from_db()
    assert item.session_on is None
    assert _state(item) == State.HEARD
    with pytest.raises(ValidationError, match="已经审议"):
        lifecycle.session_set(item=item, session_on=date(2025, 6, 20), by=staff_a)


def test_opinions_refused_before_the_hearing(world, staff_a):
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError, match="尚未审议"):
        lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    assert not hasattr(Item.objects.get(pk=item.pk), "opinion_letter")


def test_opinions_sent_once(world, staff_a):
    item = county_item(world, staff_a)
    opinions_sent(item, staff_a)
    letter = item.opinion_letter
    with pytest.raises(ValidationError, match="不能重复交办"):
        lifecycle.opinions_send(letter=letter, sent_on=date(2025, 6, 28), by=staff_a)
    with pytest.raises(ValidationError, match="不能再修改"):
        lifecycle.opinions_draft(item=item, content="改", by=staff_a)
    with pytest.raises(ValidationError, match="审议意见已经交办"):
        heard(item, staff_a)
    assert item.handling_reports.count() == 1


def test_opinions_not_sent_before_the_hearing_day(world, staff_a):
    item = county_item(world, staff_a)
    heard(item, staff_a, on=date(2025, 6, 20))
    letter = lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    with pytest.raises(ValidationError) as refused:
        lifecycle.opinions_send(letter=letter, sent_on=date(2025, 6, 19), by=staff_a)
    assert "sent_on" in refused.value.message_dict


def test_opinions_due_follows_the_admin_table(world, staff_a):
    """A county holiday the admin entered pushes the deadline one working day on."""
    item = county_item(world, staff_a)
    heard(item, staff_a, on=date(2025, 6, 20))  # a Friday
    CalendarDay.objects.create(day=date(2025, 6, 23), kind=CalendarDay.Kind.HOLIDAY)
    letter = lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    assert letter.due_on == date(2025, 6, 30)  # 24, 25, 26, 27, 30 June


def test_county_limits_set_the_deadlines(world, staff_a):
    Setting.objects.create(county=world.county_a, opinion_working_days=3, handling_report_months=3)
    item = county_item(world, staff_a)
    heard(item, staff_a, on=date(2025, 6, 20))
    letter = lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    assert letter.due_on == date(2025, 6, 25)
    lifecycle.opinions_send(letter=letter, sent_on=date(2025, 6, 24), by=staff_a)
    assert item.handling_reports.get().due_on == date(2025, 9, 24)


def test_handling_report_received_once(world, staff_a):
    item = county_item(world, staff_a)
    report = opinions_sent(item, staff_a)
    with pytest.raises(ValidationError) as refused:
        lifecycle.handling_report_receive(
            report=report, received_on=date(2025, 8, 1), content=" ", by=staff_a
        )
    assert "content" in refused.value.message_dict
    received(report, staff_a)
    with pytest.raises(ValidationError, match="不能重复登记"):
        received(report, staff_a)


def test_verdict_refused_on_a_report_not_received(world, staff_a):
    item = county_item(world, staff_a)
    report = opinions_sent(item, staff_a)
    with pytest.raises(ValidationError, match="尚未收到"):
        lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    received(report, staff_a)
    with pytest.raises(ValidationError) as refused:
        lifecycle.verdict_record(report=report, verdict="great", by=staff_a)
    assert "verdict" in refused.value.message_dict
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    with pytest.raises(ValidationError, match="已有测评结果"):
        lifecycle.verdict_record(report=report, verdict=rules.Verdict.UNSATISFIED, by=staff_a)


def test_close_refusals(world, staff_a):
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError, match="尚未收到研究处理情况报告"):
        lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    report = opinions_sent(item, staff_a)
    with pytest.raises(ValidationError, match="尚未收到研究处理情况报告"):
        lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    received(report, staff_a, on=date(2025, 8, 20))
    # The county polls handling reports (the default): the item waits for the verdict.
    with pytest.raises(ValidationError, match="尚未进行满意度测评"):
        lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    with pytest.raises(ValidationError) as refused:
        lifecycle.item_close(item=item, closed_on=date(2025, 8, 19), by=staff_a)
    assert "closed_on" in refused.value.message_dict
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    with pytest.raises(ValidationError, match="已经办结"):
        lifecycle.item_close(item=item, closed_on=date(2025, 9, 2), by=staff_a)


def test_county_without_handling_polls_closes_on_the_report(world, staff_a):
    Setting.objects.create(county=world.county_a, poll_handling_reports=False)
    item = county_item(world, staff_a)
    report = received(opinions_sent(item, staff_a), staff_a)
    with pytest.raises(ValidationError, match="不对研究处理情况报告进行满意度测评"):
        lifecycle.poll_start(item=item, report=report, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    assert _state(item) == State.CLOSED


def test_closed_item_refuses_further_steps(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    question = lifecycle.question_record(
        item=item,
        asked_by="张委员",
        question="？",
        unit=world.unit_a,
        answered_by="李局长",
        by=staff_a,
    )
    commitment = lifecycle.commitment_record(
        question=question, content="整改", unit=world.unit_a, due_on=date(2025, 12, 31), by=staff_a
    )
    report = received(opinions_sent(item, staff_a), staff_a)
    lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    steps = [
        lambda: lifecycle.research_record(
            item=item, kind=Research.Kind.VISIT, held_on=date(2025, 9, 2), findings="x", by=staff_a
        ),
        lambda: lifecycle.version_record(
            item=item, stage="final", received_on=date(2025, 9, 2), summary="x", by=staff_a
        ),
        lambda: lifecycle.session_set(item=item, session_on=date(2025, 9, 2), by=staff_a),
        lambda: heard(item, staff_a),
        lambda: lifecycle.question_record(
            item=item, asked_by="x", question="x", unit=world.unit_a, answered_by="x", by=staff_a
        ),
        lambda: lifecycle.commitment_record(
            question=question, content="x", unit=world.unit_a, due_on=date(2025, 12, 1), by=staff_a
        ),
        lambda: lifecycle.opinions_draft(item=item, content="x", by=staff_a),
        lambda: lifecycle.poll_start(item=item, by=staff_a),
        lambda: lifecycle.verdict_record(report=report, verdict="satisfied", by=staff_a),
    ]
    for step in steps:
        with pytest.raises(ValidationError, match="已经办结"):
            step()
    # A commitment is tracked to completion on its own, after the close too.
    lifecycle.commitment_report(
        commitment=commitment, done_on=date(2025, 12, 1), result="已完成", by=staff_a
    )
    assert _state(item) == State.CLOSED


def test_research_only_with_the_countys_deputies(world, staff_a):
    item = county_item(world, staff_a)
    stranger = DeputyFactory(county=world.county_b)
    with pytest.raises(ValidationError) as refused:
        lifecycle.research_record(
            item=item,
            kind=Research.Kind.SURVEY,
            held_on=date(2025, 5, 1),
            findings="x",
            deputies=[stranger],
            by=staff_a,
        )
    assert "deputies" in refused.value.message_dict
    assert not item.research.exists()
    with pytest.raises(ValidationError) as refused:
        lifecycle.research_record(
            item=item, kind=Research.Kind.SURVEY, held_on=date(2025, 5, 1), findings="", by=staff_a
        )
    assert "findings" in refused.value.message_dict


# --- Publication and follow-up ---------------------------------------------------------------------


def test_publish_after_the_hearing_only(world, staff_a):
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError, match="尚未审议"):
        lifecycle.item_publish(item=item, by=staff_a)
    heard(item, staff_a)
    lifecycle.item_publish(item=item, by=staff_a)
    item.refresh_from_db()
    assert item.published_on == timezone.localdate()
    assert Item.objects.published().filter(pk=item.pk).exists()
    with pytest.raises(ValidationError, match="已经公开"):
        lifecycle.item_publish(item=item, by=staff_a)


def test_follow_up_in_a_later_plan(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.INSPECTION, law="水法")
    later = PlanFactory(jurisdiction=world.county_a, year=2026, created_by=staff_a)
    same_year = item.plan
    other = PlanFactory(jurisdiction=world.county_b, year=2026)
    with pytest.raises(ValidationError, match="以后年度"):
        lifecycle.item_follow_up(item=item, plan=same_year, planned_month=5, by=staff_a)
    with pytest.raises(ValidationError, match="本机关"):
        lifecycle.item_follow_up(item=item, plan=other, planned_month=5, by=staff_a)
    follow_up = lifecycle.item_follow_up(item=item, plan=later, planned_month=5, by=staff_a)
    assert follow_up.follows == item
    assert follow_up.title == f"{item.title}（跟踪监督）"
    assert (follow_up.kind, follow_up.unit, follow_up.office, follow_up.law) == (
        item.kind,
        item.unit,
        item.office,
        "水法",
    )
    assert follow_up.source == Item.Source.FOLLOW_UP
    assert follow_up.state == State.PLANNED
    assert not follow_up.added_after_adoption  # the 2026 plan is still a draft
    with pytest.raises(ValidationError, match="已列入该年度计划"):
        lifecycle.item_follow_up(item=item, plan=later, planned_month=6, by=staff_a)


def test_follow_up_into_an_adopted_plan_records_the_addition(world, staff_a):
    item = county_item(world, staff_a)
    later = PlanFactory(
        jurisdiction=world.county_a,
        year=2026,
        created_by=staff_a,
        status="adopted",
        adopted_on=date(2026, 2, 1),
    )
    follow_up = lifecycle.item_follow_up(item=item, plan=later, planned_month=4, by=staff_a)
    assert follow_up.added_after_adoption
    change = follow_up.changes.get()
    assert (change.kind, change.to_month) == (ItemChange.Kind.ADDED, 4)
    assert "跟踪" in change.reason


# --- Satisfaction polls on the polls engine --------------------------------------------------------


def test_report_poll_through_the_polls_engine(world, staff_a):
    voters = county_voters(world.county_a, members=3)
    item = county_item(world, staff_a)
    with pytest.raises(ValidationError, match="尚未审议"):
        lifecycle.poll_start(item=item, by=staff_a)
    heard(item, staff_a)
    poll = lifecycle.poll_start(item=item, by=staff_a)
    item.refresh_from_db()
    assert item.report_poll == poll
    assert [s.object_id for s in poll.subjects.all()] == [world.unit_a.pk]
    assert list(poll.groups.values_list("name", flat=True)) == ["常委会组成人员"]
    with pytest.raises(ValidationError, match="已对该报告发起"):
        lifecycle.poll_start(item=item, by=staff_a)
    with pytest.raises(ValidationError, match="测评尚未结束"):
        lifecycle.poll_apply(item=item, by=staff_a)
    poll_run(poll, staff_a, [(voters[0], "S"), (voters[1], "S"), (voters[2], "U")])
    assert lifecycle.poll_apply(item=item, by=staff_a) == rules.Verdict.SATISFIED
    item.refresh_from_db()
    assert item.report_verdict == rules.Verdict.SATISFIED
    assert _state(item) == State.HEARD  # the report heard has no step of its own to change


def test_handling_report_polled_unsatisfied_then_satisfied(world, staff_a):
    """Two-sided (辰溪): deputies and members vote in their own groups; the overall verdict of
    the closed poll decides, 不满意 sends the body back to report again."""
    Setting.objects.create(county=world.county_a, two_sided_poll=True)
    voters = county_voters(world.county_a, members=2, deputies=2)
    item = county_item(world, staff_a)
    report = opinions_sent(item, staff_a)
    with pytest.raises(ValidationError, match="尚未收到"):
        lifecycle.poll_start(item=item, report=report, by=staff_a)
    received(report, staff_a)
    with pytest.raises(ValidationError, match="尚未发起"):
        lifecycle.poll_apply(item=item, report=report, by=staff_a)
    poll = lifecycle.poll_start(item=item, report=report, by=staff_a)
    report.refresh_from_db()
    assert report.poll == poll
    assert sorted(poll.groups.values_list("name", flat=True)) == [
        "全体县人大代表",
        "常委会组成人员",
    ]
    with pytest.raises(ValidationError, match="已对该次报告发起"):
        lifecycle.poll_start(item=item, report=report, by=staff_a)
    with pytest.raises(ValidationError, match="测评尚未结束"):
        lifecycle.poll_apply(item=item, report=report, by=staff_a)
    poll_run(poll, staff_a, [(v, "U") for v in voters[:3]] + [(voters[3], "S")])
    verdict = lifecycle.poll_apply(
        item=item, report=report, decided_on=date(2025, 9, 10), by=staff_a
    )
    assert verdict == rules.Verdict.UNSATISFIED
    report.refresh_from_db()
    assert report.verdict == rules.Verdict.UNSATISFIED
    assert _state(item) == State.RE_REPORT
    again = item.handling_reports.get(round=2)
    assert again.due_on == date(2025, 11, 10)
    with pytest.raises(ValidationError, match="已有测评结果"):
        lifecycle.poll_apply(item=item, report=report, by=staff_a)

    received(again, staff_a, on=date(2025, 11, 1))
    second_poll = lifecycle.poll_start(item=item, report=again, by=staff_a)
    poll_run(second_poll, staff_a, [(v, "S") for v in voters])
    assert lifecycle.poll_apply(item=item, report=again, by=staff_a) == rules.Verdict.SATISFIED
    lifecycle.item_close(item=item, closed_on=date(2025, 11, 20), by=staff_a)
    assert _state(item) == State.CLOSED
    assert HandlingReport.objects.filter(item=item).count() == 2


def test_poll_needs_online_voters(world, staff_a):
    item = county_item(world, staff_a)
    heard(item, staff_a)
    with pytest.raises(ValidationError, match="没有可以网上投票"):
        lifecycle.poll_start(item=item, by=staff_a)
    item.refresh_from_db()
    assert item.report_poll is None


# --- The opinions' deadline follows what it is counted from ------------------------------------------


def test_a_corrected_hearing_date_moves_the_drafted_letters_deadline(world, staff_a):
    item = county_item(world, staff_a)
    heard(item, staff_a, on=date(2025, 6, 20))  # a Friday
    letter = lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    assert letter.due_on == date(2025, 6, 27)
    heard(item, staff_a, on=date(2025, 6, 23))  # corrected while the letter waits
    letter.refresh_from_db()
    assert letter.due_on == date(2025, 6, 30)


def test_the_holiday_table_and_the_county_limit_move_unsent_letters_only(world, staff_a):
    waiting = county_item(world, staff_a)
    heard(waiting, staff_a, on=date(2025, 6, 20))
    letter = lifecycle.opinions_draft(item=waiting, content="意见", by=staff_a)
    sent_item = county_item(world, staff_a)
    opinions_sent(sent_item, staff_a)
    sent = sent_item.opinion_letter
    town_plan = PlanFactory(jurisdiction=world.township_a, year=2025)
    town_item = ItemFactory(plan=town_plan, unit=world.township_unit_a, created_by=staff_a)
    heard(town_item, staff_a, on=date(2025, 6, 20))
    town_letter = lifecycle.opinions_draft(item=town_item, content="意见", by=staff_a)
    assert letter.due_on == sent.due_on == town_letter.due_on == date(2025, 6, 27)

    holiday = setting_services.calendar_day_add(
        day=date(2025, 6, 23), kind=CalendarDay.Kind.HOLIDAY, by=staff_a
    )
    letter.refresh_from_db()
    sent.refresh_from_db()
    town_letter.refresh_from_db()
    assert letter.due_on == town_letter.due_on == date(2025, 6, 30)
    assert sent.due_on == date(2025, 6, 27)  # sent against the deadline of its day

    setting_services.calendar_day_remove(entry=holiday, by=staff_a)
    letter.refresh_from_db()
    assert letter.due_on == date(2025, 6, 27)

    # County B's limit leaves county A's letters alone; county A's moves its townships' too.
    setting_services.setting_update(
        county=world.county_b,
        opinion_working_days=3,
        handling_report_months=2,
        poll_handling_reports=True,
        two_sided_poll=False,
        by=staff_a,
    )
    letter.refresh_from_db()
    assert letter.due_on == date(2025, 6, 27)
    setting_services.setting_update(
        county=world.county_a,
        opinion_working_days=3,
        handling_report_months=2,
        poll_handling_reports=True,
        two_sided_poll=False,
        by=staff_a,
    )
    letter.refresh_from_db()
    town_letter.refresh_from_db()
    sent.refresh_from_db()
    assert letter.due_on == town_letter.due_on == date(2025, 6, 25)
    assert sent.due_on == date(2025, 6, 27)


def test_no_paper_verdict_while_an_online_poll_runs(world, staff_a):
    county_voters(world.county_a, members=3)
    item = county_item(world, staff_a)
    report = received(opinions_sent(item, staff_a), staff_a)
    lifecycle.poll_start(item=item, report=report, by=staff_a)
    with pytest.raises(ValidationError, match="已发起网上测评"):
        lifecycle.verdict_record(report=report, verdict=rules.Verdict.SATISFIED, by=staff_a)
    report.refresh_from_db()
    assert report.verdict == "" and not item.handling_reports.filter(round=2).exists()
