"""Every supervision deadline reaches the reminder task: the body's liaisons for its reports and
commitments, the committee staff for the opinions letter and once anything is overdue; each
reminder once, however often the task runs, and none once the step is done."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from notifications import services
from notifications.models import Notification
from notifications.registry import sources
from supervision import rules
from supervision.models import Item, ReportVersion
from supervision.services import lifecycle

from .factories import PlanFactory
from .factories_lifecycle import county_item, heard, opinions_sent, received


def _run(day: date) -> int:
    """The scheduler runs more than once a day: twice here, and only the first may send."""
    created = services.reminders_send(today=day)
    assert services.reminders_send(today=day) == 0
    return created


def _titles(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True)
    )


def test_every_deadline_has_a_source():
    assert {
        "supervision.draft_report",
        "supervision.final_report",
        "supervision.opinions",
        "supervision.handling_report",
        "supervision.execution_report",
        "supervision.commitment",
    } <= set(sources)


def test_draft_and_final_reports_before_the_session(world, staff_a, liaison_a, outsider):
    item = county_item(world, staff_a, title="义务教育工作")
    lifecycle.session_set(item=item, session_on=date(2025, 9, 30), by=staff_a)
    # Draft due 10 September, final due 20 September.
    assert _run(date(2025, 9, 2)) == 0
    assert _run(date(2025, 9, 3)) == 1
    assert _titles(liaison_a) == ["【7天后到期】《义务教育工作》征求意见稿报送"]
    lifecycle.version_record(
        item=item,
        stage=ReportVersion.Stage.DRAFT,
        received_on=date(2025, 9, 9),
        summary="征求意见稿",
        by=staff_a,
    )
    _run(date(2025, 9, 10))
    _run(date(2025, 9, 13))
    assert _titles(liaison_a)[1:] == ["【7天后到期】《义务教育工作》正式报告报送"]
    _run(date(2025, 9, 21))
    assert _titles(liaison_a)[-1] == "【已逾期】《义务教育工作》正式报告报送"
    assert _titles(staff_a) == ["【已逾期】《义务教育工作》正式报告报送"]
    # Heard without the final report: nothing more is asked of the body before the session.
    heard(item, staff_a, on=date(2025, 9, 30))
    reports = Notification.objects.filter(title__contains="报告报送")
    before = reports.count()
    for day in range(5):
        services.reminders_send(today=date(2025, 9, 22) + timedelta(days=day))
    assert reports.count() == before
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_no_report_reminders_for_draft_plans_inspections_or_joined_inquiries(
    world, staff_a, liaison_a
):
    draft_plan = PlanFactory(jurisdiction=world.county_a, year=2026, created_by=staff_a)
    drafted = county_item(world, staff_a, plan=draft_plan)
    inspection = county_item(world, staff_a, kind=Item.Kind.INSPECTION)
    report = county_item(world, staff_a)
    inquiry = county_item(world, staff_a, kind=Item.Kind.INQUIRY, joined_to=report)
    for item in (drafted, inspection, inquiry):
        lifecycle.session_set(item=item, session_on=date(2025, 9, 30), by=staff_a)
    _run(date(2025, 9, 10))
    assert not Notification.objects.exists()


def test_opinions_letter_is_the_offices_deadline(world, staff_a, liaison_a, outsider):
    item = county_item(world, staff_a, title="食品安全工作")
    heard(item, staff_a, on=date(2025, 9, 30))  # opinions due 14 October (National Day)
    _run(date(2025, 10, 7))
    assert _titles(staff_a) == ["【7天后到期】《食品安全工作》审议意见交办"]
    lifecycle.opinions_draft(item=item, content="意见", by=staff_a)
    _run(date(2025, 10, 7))  # drafting does not remind again
    _run(date(2025, 10, 14))
    assert _titles(staff_a)[-1] == "【今日到期】《食品安全工作》审议意见交办"
    assert _titles(liaison_a) == []
    lifecycle.opinions_send(letter=item.opinion_letter, sent_on=date(2025, 10, 14), by=staff_a)
    assert _run(date(2025, 10, 15)) == 0
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_handling_reports_and_the_report_made_again(world, staff_a, liaison_a):
    item = county_item(world, staff_a, title="生态环境保护")
    first = opinions_sent(item, staff_a, on=date(2025, 10, 13))  # due 13 December
    _run(date(2025, 12, 14))
    assert _titles(liaison_a) == ["【已逾期】《生态环境保护》研究处理情况报告"]
    assert _titles(staff_a) == ["【已逾期】《生态环境保护》研究处理情况报告"]
    received(first, staff_a, on=date(2025, 12, 15))
    assert _run(date(2025, 12, 16)) == 0
    lifecycle.verdict_record(
        report=first,
        verdict=rules.Verdict.UNSATISFIED,
        decided_on=date(2025, 12, 20),
        by=staff_a,
    )  # the report made again is due 20 February
    _run(date(2026, 2, 20))
    assert _titles(liaison_a)[-1] == "【今日到期】《生态环境保护》研究处理情况报告（第2次）"


def test_resolution_execution_report(world, staff_a, liaison_a):
    item = county_item(world, staff_a, kind=Item.Kind.RESOLUTION, title="饮用水源保护决议")
    heard(item, staff_a, on=date(2025, 6, 20))  # execution report due 31 December
    assert _run(date(2025, 6, 21)) == 0  # no opinions letter for a resolution
    _run(date(2025, 12, 30))
    assert _titles(liaison_a) == ["【1天后到期】《饮用水源保护决议》决议、决定执行情况报告"]
    received(item.handling_reports.get(), staff_a, on=date(2025, 12, 30))
    assert _run(date(2026, 1, 5)) == 0


def test_commitments_until_reported(world, staff_a, liaison_a):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY, title="审计整改专题询问")
    question = lifecycle.question_record(
        item=item,
        asked_by="张委员",
        question="整改进度？",
        unit=world.unit_a,
        answered_by="李局长",
        by=staff_a,
    )
    commitment = lifecycle.commitment_record(
        question=question,
        content="年底前全部整改",
        unit=world.unit_a,
        due_on=date(2025, 12, 31),
        by=staff_a,
    )
    _run(date(2025, 12, 31))
    assert _titles(liaison_a) == ["【今日到期】应询承诺落实：年底前全部整改（审计整改专题询问）"]
    # Reported from the commitment list: the item may be another unit's, closed to the liaison.
    notice = Notification.objects.get(recipient=liaison_a)
    assert notice.url == reverse("supervision:commitment_list")
    lifecycle.commitment_report(
        commitment=commitment, done_on=date(2025, 12, 31), result="已整改", by=liaison_a
    )
    assert _run(date(2026, 1, 2)) == 0


@pytest.mark.parametrize("days", [0, 1])
def test_reminders_are_sent_once(world, staff_a, liaison_a, days):
    item = county_item(world, staff_a)
    lifecycle.session_set(item=item, session_on=date(2025, 9, 30), by=staff_a)
    day = date(2025, 9, 10) + timedelta(days=days)
    first = services.reminders_send(today=day)
    assert first >= 1
    assert services.reminders_send(today=day) == 0
    assert Notification.objects.count() == first


def test_sources_read_in_bulk(world, staff_a, liaison_a, django_assert_max_num_queries):
    """The number of queries of a run does not grow with the number of items."""
    for index in range(4):
        item = county_item(world, staff_a, kind=Item.Kind.INQUIRY, title=f"事项{index}")
        lifecycle.session_set(item=item, session_on=date(2025, 9, 30), by=staff_a)
        question = lifecycle.question_record(
            item=item,
            asked_by="张委员",
            question="？",
            unit=world.unit_a,
            answered_by="李局长",
            by=staff_a,
        )
        lifecycle.commitment_record(
            question=question,
            content="整改",
            unit=world.unit_a,
            due_on=date(2025, 9, 10),
            by=staff_a,
        )
    expected = {
        "supervision.draft_report": 4,
        "supervision.final_report": 4,
        "supervision.handling_report": 0,
        "supervision.execution_report": 0,
        "supervision.commitment": 4,
    }
    for name, count in expected.items():
        with django_assert_max_num_queries(4):
            dues = list(sources[name](date(2025, 9, 10)))
        assert len(dues) == count, name
