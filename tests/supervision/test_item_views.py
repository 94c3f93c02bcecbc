"""The item's dossier page and its actions: the office runs every step from it (a refusal keeps
what was typed, next to the field), deputies read published items, the liaison reads their unit's
items and reports commitments, and the outsider of county B reaches none of it."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supervision.models import (
    CalendarDay,
    Commitment,
    HandlingReport,
    Item,
    OpinionLetter,
    Question,
    ReportVersion,
    Research,
)
from supervision.selectors.dossier import dossier_items, item_dossier
from supervision.services import lifecycle
from tests.deputies.factories import DeputyFactory

from .factories import (
    AdoptedPlanFactory,
    CommitmentFactory,
    ItemFactory,
    QuestionFactory,
    ResearchFactory,
)
from .factories_lifecycle import (
    county_item,
    county_voters,
    heard,
    opinions_sent,
    poll_run,
    received,
)

State = Item.State


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


@pytest.fixture
def item(world, staff_a):
    return county_item(world, staff_a)


@pytest.fixture
def inquiry(world, staff_a):
    return county_item(world, staff_a, kind=Item.Kind.INQUIRY, title="关于审计整改的专题询问")


def _fresh(item):
    return dossier_items(item.created_by).get(pk=item.pk)


def _page(client, item):
    response = client.get(url("item_detail", item.pk))
    assert response.status_code == 200
    return response.content.decode()


# --- The page -------------------------------------------------------------------------------------


def test_staff_sees_every_section_and_the_next_action(client_for, staff_a, item):
    html = _page(client_for(staff_a), item)
    for heading in ["基本情况", "会前调研", "报告稿", "会议审议", "审议意见", "研究处理情况报告"]:
        assert heading in html
    for heading in ["满意度测评", "办结", "公开", "跟踪监督"]:
        assert heading in html
    assert 'data-testid="next-action"' in html
    assert "确定常委会会议日期" in html
    assert url("research_add", item.pk) in html


def test_report_deadlines_show_lateness_and_overdue(client_for, staff_a, item):
    lifecycle.session_set(item=item, session_on=date(2025, 6, 20), by=staff_a)
    # Draft due 31 May, received 3 June: 3 days late. Final due 10 June, never received.
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.DRAFT,
        received_on=date(2025, 6, 3),
        summary="征求意见稿",
        by=staff_a,
    )
    dossier = item_dossier(_fresh(item), office=True, today=date(2025, 6, 15))
    assert dossier.draft_deadline.due_on == date(2025, 5, 31)
    assert dossier.draft_deadline.late_days == 3
    assert dossier.final_deadline.due_on == date(2025, 6, 10)
    assert dossier.final_deadline.overdue_days == 5
    html = _page(client_for(staff_a), item)
    assert "迟报 3 天" in html
    assert "已逾期" in html


def test_received_on_the_due_day_is_in_time(staff_a, item):
    lifecycle.session_set(item=item, session_on=date(2025, 6, 20), by=staff_a)
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.FINAL,
        received_on=date(2025, 6, 10),
        summary="正式报告",
        by=staff_a,
    )
    dossier = item_dossier(_fresh(item), office=True, today=date(2025, 6, 30))
    assert dossier.final_deadline.late_days == 0
    assert dossier.final_deadline.overdue_days == 0


def test_timeline_follows_the_state(staff_a, item):
    report = received(opinions_sent(item, staff_a), staff_a)
    lifecycle.verdict_record(report=report, verdict="unsatisfied", by=staff_a)
    dossier = item_dossier(_fresh(item), office=True)
    current = [step for step in dossier.timeline if step.current]
    assert [s.label for s in current] == ["须重新报告"]
    assert [s.done for s in dossier.timeline] == [True, True, True, True, True, False]
    assert dossier.next_action.anchor == "handling"


def test_unknown_calendar_year_is_warned_with_a_link_for_admins(client_for, admin_user, item):
    # The session is set in 2026 but the opinions are counted into January 2027.
    lifecycle.session_set(item=item, session_on=date(2026, 12, 30), by=admin_user)
    html = _page(client_for(admin_user), item)
    assert "2027年节假日安排尚未录入，期限按周末推算" in html
    assert url("calendar") in html
    staff_html = _page(client_for(item.created_by), item)
    assert "2027年节假日安排尚未录入" in staff_html
    assert url("calendar") not in staff_html
    CalendarDay.objects.create(day=date(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY)
    assert "节假日安排尚未录入" not in _page(client_for(admin_user), item)


def test_opinions_due_in_working_days_and_overdue_flag(client_for, staff_a, item):
    # Heard on the eve of National Day 2025: five working days run to 14 October (11 October is a workday).
    heard(item, staff_a, on=date(2025, 9, 30))
    lifecycle.opinions_draft(item=item, content="一、加大投入。", by=staff_a)
    html = _page(client_for(staff_a), item)
    assert "2025-10-14" in html
    assert "逾期未交办" in html  # today is long after October 2025
    assert url("letter_print", item.pk) in html


# --- Each action by the office: success, and a refusal that keeps the input ----------------------


def test_research_add(client_for, staff_a, item, world):
    deputy = DeputyFactory(county=world.county_a)
    client = client_for(staff_a)
    data = {
        "kind": Research.Kind.VISIT,
        "held_on": "2025-05-12",
        "place": "城区学校",
        "deputies": [deputy.pk],
        "findings": "校舍维修资金到位慢",
    }
    response = client.post(url("research_add", item.pk), data)
    assert response.status_code == 302
    research = item.research.get()
    assert list(research.deputies.all()) == [deputy]
    item.refresh_from_db()
    assert item.state == State.PREPARING


def test_research_add_refused_keeps_input(client_for, staff_a, item):
    heard(item, staff_a)
    received(opinions_sent(item, staff_a), staff_a)
    lifecycle.verdict_record(report=item.handling_reports.get(), verdict="satisfied", by=staff_a)
    lifecycle.item_close(item=item, closed_on=date(2025, 9, 1), by=staff_a)
    response = client_for(staff_a).post(
        url("research_add", item.pk),
        {"kind": "visit", "held_on": "2025-05-12", "findings": "保留的调研发现"},
    )
    assert response.status_code == 400
    assert "保留的调研发现" in response.content.decode()
    assert not item.research.exists()


def test_version_add_and_refusal_keeps_input(client_for, staff_a, item):
    client = client_for(staff_a)
    ok = client.post(
        url("version_add", item.pk),
        {"stage": "draft", "received_on": "2025-05-30", "summary": "征求意见稿摘要"},
    )
    assert ok.status_code == 302
    assert item.versions.count() == 1
    bad = client.post(
        url("version_add", item.pk),
        {"stage": "draft", "received_on": "", "summary": "没有日期的摘要"},
    )
    assert bad.status_code == 400
    assert "没有日期的摘要" in bad.content.decode()
    assert item.versions.count() == 1


def test_inspection_offers_only_its_report_and_no_body_deadlines(client_for, staff_a, world):
    inspection = county_item(world, staff_a, kind=Item.Kind.INSPECTION, law="食品安全法")
    lifecycle.session_set(item=inspection, session_on=date(2025, 6, 20), by=staff_a)
    html = _page(client_for(staff_a), inspection)
    assert 'value="inspection"' in html
    assert 'value="draft"' not in html
    assert "征求意见稿报送期限" not in html
    assert item_dossier(_fresh(inspection), office=True).draft_deadline is None


def test_session_set(client_for, staff_a, item):
    client = client_for(staff_a)
    response = client.post(
        url("session_set", item.pk), {"session_on": "2025-06-20", "session_name": "第十次会议"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.session_on == date(2025, 6, 20)
    bad = client.post(url("session_set", item.pk), {"session_on": "", "session_name": "第十一次"})
    assert bad.status_code == 400
    assert "第十一次" in bad.content.decode()


def test_hearing_record_and_refusal(client_for, staff_a, world):
    resolution = county_item(world, staff_a, kind=Item.Kind.RESOLUTION, title="饮用水决议")
    client = client_for(staff_a)
    # A resolution needs its text and execution deadline: the service says so next to them.
    bad = client.post(
        url("hearing_record", resolution.pk),
        {"heard_on": "2025-06-20", "reporter": "保留的报告人"},
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "保留的报告人" in html
    assert "invalid-feedback" in html
    ok = client.post(
        url("hearing_record", resolution.pk),
        {
            "heard_on": "2025-06-20",
            "reporter": "王副县长",
            "resolution_text": "关于加强饮用水水源保护的决议",
            "execution_due": "2025-12-31",
        },
    )
    assert ok.status_code == 302
    resolution.refresh_from_db()
    assert resolution.state == State.OPINIONS_SENT
    assert resolution.handling_reports.get().due_on == date(2025, 12, 31)
    html = _page(client, resolution)
    assert "关于加强饮用水水源保护的决议" in html
    assert "执行情况报告" in html


def test_question_and_commitment_add(client_for, staff_a, inquiry, world):
    client = client_for(staff_a)
    data = {
        "asked_by": "张委员",
        "question": "整改进度如何？",
        "unit": world.unit_a.pk,
        "answered_by": "李局长",
        "answer": "年底前完成。",
    }
    assert client.post(url("question_add", inquiry.pk), data).status_code == 302
    question = inquiry.questions.get()
    assert question.number == 1
    prefix = f"q{question.pk}"
    ok = client.post(
        url("commitment_add", question.pk),
        {
            f"{prefix}-content": "年底前完成整改",
            f"{prefix}-unit": world.unit_a.pk,
            f"{prefix}-owner": "李局长",
            f"{prefix}-due_on": "2025-12-31",
        },
    )
    assert ok.status_code == 302
    assert question.commitments.count() == 1
    bad = client.post(
        url("commitment_add", question.pk),
        {f"{prefix}-content": "保留的承诺", f"{prefix}-unit": world.unit_a.pk},
    )
    assert bad.status_code == 400
    assert "保留的承诺" in bad.content.decode()


def test_question_on_a_work_report_is_refused_keeping_input(client_for, staff_a, item, world):
    """Only an inquiry has questions: the service's refusal is shown above the form, which
    keeps what was typed and appears although a work report has no inquiry section."""
    response = client_for(staff_a).post(
        url("question_add", item.pk),
        {
            "asked_by": "张委员",
            "question": "保留的问题",
            "unit": world.unit_a.pk,
            "answered_by": "李局长",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "保留的问题" in html
    assert "只有专题询问事项才能登记询问问题" in html
    assert not Question.objects.filter(item=item).exists()


def test_opinions_draft_refused_before_hearing_then_sent(client_for, staff_a, item):
    client = client_for(staff_a)
    bad = client.post(url("opinions_draft", item.pk), {"content": "保留的审议意见"})
    assert bad.status_code == 400
    assert "保留的审议意见" in bad.content.decode()
    assert not OpinionLetter.objects.filter(item=item).exists()
    heard(item, staff_a)
    assert (
        client.post(url("opinions_draft", item.pk), {"content": "一、加大投入。"}).status_code
        == 302
    )
    sent = client.post(
        url("opinions_send", item.pk), {"sent_on": "2025-06-27", "letter_number": "常办函1号"}
    )
    assert sent.status_code == 302
    item.refresh_from_db()
    assert item.state == State.OPINIONS_SENT
    assert item.handling_reports.get().due_on == date(2025, 8, 27)


def test_opinions_send_without_letter_keeps_input(client_for, staff_a, item):
    heard(item, staff_a)
    response = client_for(staff_a).post(
        url("opinions_send", item.pk), {"sent_on": "2025-06-27", "letter_number": "保留文号"}
    )
    assert response.status_code == 400
    assert "保留文号" in response.content.decode()


def test_letter_print(client_for, staff_a, item, world):
    opinions_sent(item, staff_a)
    response = client_for(staff_a).get(url("letter_print", item.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "沅陵县人大常委会" in html
    assert item.unit.name in html
    assert "一、加大投入" in html
    assert "请于 2025年8月27日 前将研究处理情况书面报告常委会" in html
    assert "常办函〔2025〕1号" in html


def test_letter_print_uses_the_body_name(client_for, staff_a, item, world):
    world.county_a.congress_body = "沅陵县人大工委"
    world.county_a.save()
    opinions_sent(item, staff_a)
    html = client_for(staff_a).get(url("letter_print", item.pk)).content.decode()
    assert "沅陵县人大工委" in html


def test_letter_print_404_without_letter(client_for, staff_a, item):
    assert client_for(staff_a).get(url("letter_print", item.pk)).status_code == 404


def test_handling_report_receive_and_verdict(client_for, staff_a, item):
    report = opinions_sent(item, staff_a)
    client = client_for(staff_a)
    prefix = f"h{report.pk}"
    bad = client.post(
        url("handling_report_receive", report.pk),
        {f"{prefix}-received_on": "", f"{prefix}-content": "保留的处理情况"},
    )
    assert bad.status_code == 400
    assert "保留的处理情况" in bad.content.decode()
    ok = client.post(
        url("handling_report_receive", report.pk),
        {f"{prefix}-received_on": "2025-08-20", f"{prefix}-content": "已逐条研究落实。"},
    )
    assert ok.status_code == 302
    verdict = client.post(
        url("verdict_record", report.pk), {f"v{report.pk}-verdict": "unsatisfied"}
    )
    assert verdict.status_code == 302
    item.refresh_from_db()
    assert item.state == State.RE_REPORT
    assert item.handling_reports.filter(round=2).exists()
    again = client.post(url("verdict_record", report.pk), {f"v{report.pk}-verdict": "satisfied"})
    assert again.status_code == 400
    assert "已有测评结果" in again.content.decode()


def test_poll_start_refused_before_hearing_then_created(client_for, staff_a, item, world):
    county_voters(world.county_a)
    client = client_for(staff_a)
    refused = client.post(url("poll_start", item.pk), follow=True)
    assert "尚未审议" in refused.content.decode()
    heard(item, staff_a)
    assert client.post(url("poll_start", item.pk)).status_code == 302
    item.refresh_from_db()
    assert item.report_poll is not None
    html = _page(client, item)
    assert reverse("polls:detail", args=[item.report_poll_id]) in html


def test_poll_on_a_handling_report(client_for, staff_a, item, world):
    voters = county_voters(world.county_a)
    report = received(opinions_sent(item, staff_a), staff_a)
    client = client_for(staff_a)
    assert client.post(url("poll_start", item.pk), {"report": report.pk}).status_code == 302
    report.refresh_from_db()
    assert report.poll is not None
    # Not closed yet: the result cannot be read.
    applied = client.post(url("poll_apply", item.pk), {"report": report.pk}, follow=True)
    assert "测评尚未结束" in applied.content.decode()
    poll_run(report.poll, staff_a, [(v, "S") for v in voters])
    applied = client.post(url("poll_apply", item.pk), {"report": report.pk}, follow=True)
    assert "测评结果：满意" in applied.content.decode()
    report.refresh_from_db()
    assert report.verdict == HandlingReport.Verdict.SATISFIED


def test_poll_apply_on_the_report_heard_tells_the_verdict(client_for, staff_a, item, world):
    voters = county_voters(world.county_a)
    heard(item, staff_a)
    poll = lifecycle.poll_start(item=item, by=staff_a)
    poll_run(poll, staff_a, [(voters[0], "U"), (voters[1], "U"), (voters[2], "S")])
    applied = client_for(staff_a).post(url("poll_apply", item.pk), follow=True)
    assert "测评结果：不满意" in applied.content.decode()
    item.refresh_from_db()
    assert item.report_verdict == HandlingReport.Verdict.UNSATISFIED


def test_poll_target_of_another_item_is_refused(client_for, staff_a, item, world):
    other = received(opinions_sent(county_item(world, staff_a), staff_a), staff_a)
    response = client_for(staff_a).post(url("poll_start", item.pk), {"report": other.pk})
    assert response.status_code == 400
    assert other.poll_id is None


def test_item_close_refused_then_closed(client_for, staff_a, item):
    client = client_for(staff_a)
    refused = client.post(url("item_close", item.pk), {"closed_on": "2025-09-01"})
    assert refused.status_code == 400
    assert "尚未收到研究处理情况报告" in refused.content.decode()
    report = received(opinions_sent(item, staff_a), staff_a)
    lifecycle.verdict_record(report=report, verdict="satisfied", by=staff_a)
    assert client.post(url("item_close", item.pk), {"closed_on": "2025-09-01"}).status_code == 302
    item.refresh_from_db()
    assert item.state == State.CLOSED


def test_item_publish(client_for, staff_a, item):
    client = client_for(staff_a)
    refused = client.post(url("item_publish", item.pk), follow=True)
    assert "尚未审议，不能公开" in refused.content.decode()
    heard(item, staff_a)
    assert client.post(url("item_publish", item.pk)).status_code == 302
    item.refresh_from_db()
    assert item.published_on == timezone.localdate()


def test_item_follow_up(client_for, staff_a, item, world):
    later = AdoptedPlanFactory(jurisdiction=world.county_a, year=2026, created_by=staff_a)
    earlier = AdoptedPlanFactory(jurisdiction=world.county_a, year=2024, created_by=staff_a)
    client = client_for(staff_a)
    # The item's own plan is not offered; an earlier year's is refused by the service, next to
    # the plan, the month kept.
    assert (
        client.post(
            url("item_follow_up", item.pk), {"plan": item.plan_id, "planned_month": 5}
        ).status_code
        == 400
    )
    bad = client.post(url("item_follow_up", item.pk), {"plan": earlier.pk, "planned_month": 7})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "跟踪监督应列入以后年度的监督工作计划" in html
    assert '<option value="7" selected>' in html
    assert not Item.objects.filter(follows=item).exists()
    ok = client.post(url("item_follow_up", item.pk), {"plan": later.pk, "planned_month": 5})
    follow_up = Item.objects.get(follows=item)
    assert ok.status_code == 302
    assert ok.url == follow_up.get_absolute_url()
    assert follow_up.plan == later
    html = _page(client, item)
    assert follow_up.get_absolute_url() in html


def test_dossier_print(client_for, staff_a, inquiry):
    CommitmentFactory(question=QuestionFactory(item=inquiry), content="年底前完成全部整改")
    ResearchFactory(item=inquiry, findings="资金拨付慢")
    response = client_for(staff_a).get(url("dossier_print", inquiry.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "年底前完成全部整改" in html
    assert "资金拨付慢" in html
    assert "<form" not in html.split("<main")[1].split("</main>")[0]


# --- Deputies, the liaison, the outsider ---------------------------------------------------------


def test_deputy_reads_published_items_only(client_for, deputy_a, staff_a, item):
    client = client_for(deputy_a)
    assert client.get(url("item_detail", item.pk)).status_code == 404
    heard(item, staff_a)
    lifecycle.item_publish(item=item, by=staff_a)
    html = _page(client, item)
    assert url("research_add", item.pk) not in html
    assert "下一步" not in html
    assert client.post(url("item_publish", item.pk)).status_code == 403
    assert client.get(url("dossier_print", item.pk)).status_code == 200


def test_deputy_sees_no_link_to_an_unpublished_follow_up(
    client_for, deputy_a, staff_a, item, world
):
    later = AdoptedPlanFactory(jurisdiction=world.county_a, year=2026, created_by=staff_a)
    heard(item, staff_a)
    lifecycle.item_publish(item=item, by=staff_a)
    follow_up = lifecycle.item_follow_up(item=item, plan=later, planned_month=5, by=staff_a)
    assert follow_up.get_absolute_url() in _page(client_for(staff_a), item)
    assert follow_up.get_absolute_url() not in _page(client_for(deputy_a), item)
    # The follow-up names the item it follows, linked for the office.
    assert item.get_absolute_url() in _page(client_for(staff_a), follow_up)


def test_liaison_reads_own_unit_and_reports_a_commitment(client_for, liaison_a, staff_a, world):
    inquiry = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    commitment = CommitmentFactory(question=QuestionFactory(item=inquiry, unit=world.unit_a))
    other_unit = ItemFactory(plan=inquiry.plan, unit=world.township_unit_a)
    client = client_for(liaison_a)
    html = _page(client, inquiry)
    assert url("commitment_report", commitment.pk) in html
    assert url("research_add", inquiry.pk) not in html
    assert client.get(url("item_detail", other_unit.pk)).status_code == 404
    prefix = f"c{commitment.pk}"
    bad = client.post(
        url("commitment_report", commitment.pk),
        {f"{prefix}-done_on": "", f"{prefix}-result": "保留的落实情况"},
    )
    assert bad.status_code == 400
    assert "保留的落实情况" in bad.content.decode()
    ok = client.post(
        url("commitment_report", commitment.pk),
        {f"{prefix}-done_on": "2025-11-30", f"{prefix}-result": "已全部整改", "next": "list"},
    )
    assert ok.status_code == 302
    assert ok.url == url("commitment_list")
    commitment.refresh_from_db()
    assert commitment.done_on == date(2025, 11, 30)


def test_liaison_cannot_run_items(client_for, liaison_a, staff_a, world):
    item = county_item(world, staff_a)
    client = client_for(liaison_a)
    for name in ["research_add", "version_add", "session_set", "hearing_record", "item_publish"]:
        assert client.post(url(name, item.pk), {}).status_code == 403
    assert not item.research.exists()


def _every_url(item, question, commitment, report):
    gets = [
        url("item_detail", item.pk),
        url("letter_print", item.pk),
        url("dossier_print", item.pk),
    ]
    posts = [
        url(name, item.pk)
        for name in [
            "research_add",
            "version_add",
            "session_set",
            "hearing_record",
            "question_add",
            "opinions_draft",
            "opinions_send",
            "poll_start",
            "poll_apply",
            "item_close",
            "item_publish",
            "item_follow_up",
        ]
    ]
    posts += [
        url("commitment_add", question.pk),
        url("commitment_report", commitment.pk),
        url("handling_report_receive", report.pk),
        url("verdict_record", report.pk),
    ]
    return gets, posts


def test_outsider_reaches_nothing(client_for, outsider, staff_a, world):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    commitment = CommitmentFactory(question=QuestionFactory(item=item))
    report = opinions_sent(item, staff_a)
    lifecycle.item_publish(item=item, by=staff_a)
    client = client_for(outsider)
    gets, posts = _every_url(item, commitment.question, commitment, report)
    for address in gets + posts:
        assert client.get(address).status_code in (403, 404, 405), address
    for address in posts:
        assert client.post(address, {"content": "x", "report": report.pk}).status_code in (
            403,
            404,
        ), address
    assert commitment.done_on is None
    assert Commitment.objects.count() == 1
    assert client.get(url("commitment_list")).content.decode().count("commitment-row") == 0


# --- Commitment list -----------------------------------------------------------------------------


def test_commitment_list_filters_and_flags_overdue(client_for, staff_a, inquiry):
    question = QuestionFactory(item=inquiry)
    today = timezone.localdate()
    late = CommitmentFactory(question=question, content="逾期的承诺", due_on=today - timedelta(1))
    CommitmentFactory(question=question, content="未到期的承诺", due_on=today + timedelta(30))
    CommitmentFactory(
        question=question, content="完成的承诺", due_on=today, done_on=today, result="已完成"
    )
    client = client_for(staff_a)
    html = client.get(url("commitment_list")).content.decode()
    assert html.count('data-testid="commitment-row"') == 3
    assert html.count('data-testid="overdue"') == 1
    overdue = client.get(url("commitment_list") + "?show=overdue").content.decode()
    assert "逾期的承诺" in overdue and "未到期的承诺" not in overdue
    open_ = client.get(url("commitment_list") + "?show=open").content.decode()
    assert "完成的承诺" not in open_ and "未到期的承诺" in open_
    done = client.get(url("commitment_list") + "?show=done").content.decode()
    assert "完成的承诺" in done and "逾期的承诺" not in done
    assert late.is_overdue(today)


def test_commitment_list_of_liaison_is_their_units(client_for, liaison_a, staff_a, world):
    mine = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    theirs = ItemFactory(plan=mine.plan, kind=Item.Kind.INQUIRY, unit=world.township_unit_a)
    CommitmentFactory(question=QuestionFactory(item=mine), content="本单位承诺")
    CommitmentFactory(question=QuestionFactory(item=theirs), content="别的单位承诺")
    html = client_for(liaison_a).get(url("commitment_list")).content.decode()
    assert "本单位承诺" in html
    assert "别的单位承诺" not in html
    assert "报告落实情况" in html


# --- Query counts ---------------------------------------------------------------------------------


# Session, user, the item with its letter, one query per kind of record (research, deputies,
# versions, questions, commitments, handling reports, changes, follow-ups, joined items,
# evidence), the county's setting, the form choices (units twice for their count, deputies,
# plans), the unread count, the history, and the session saved.
ITEM_DETAIL_QUERIES = 23
COMMITMENT_LIST_QUERIES = 7


def _fill(item, n):
    for _ in range(n):
        ResearchFactory(item=item)
        question = QuestionFactory(item=item)
        CommitmentFactory(question=question)
        CommitmentFactory(question=question)


def _count(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_item_detail_query_count_does_not_grow(client_for, staff_a, inquiry, world):
    client = client_for(staff_a)
    _fill(inquiry, 1)
    research = inquiry.research.first()
    research.deputies.add(DeputyFactory(county=world.county_a))
    opinions_sent(inquiry, staff_a)
    address = url("item_detail", inquiry.pk)
    few = _count(client, address)
    _fill(inquiry, 4)
    for r in inquiry.research.all():
        r.deputies.add(DeputyFactory(county=world.county_a))
    many = _count(client, address)
    assert few == many
    assert many <= ITEM_DETAIL_QUERIES


def test_item_detail_query_count_pinned(
    client_for, staff_a, inquiry, django_assert_max_num_queries
):
    _fill(inquiry, 3)
    client = client_for(staff_a)
    with django_assert_max_num_queries(ITEM_DETAIL_QUERIES):
        client.get(url("item_detail", inquiry.pk))


def test_commitment_list_query_count_pinned(client_for, liaison_a, staff_a, world):
    client = client_for(liaison_a)
    inquiry = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    _fill(inquiry, 1)
    few = _count(client, url("commitment_list"))
    _fill(inquiry, 5)
    many = _count(client, url("commitment_list"))
    assert few == many
    assert many <= COMMITMENT_LIST_QUERIES
