"""A deputy suggestion assigned on a date is reminded 7 days and 1 day ahead, on the day and when
overdue, each once, with the month end handled (assigned 30 November → due 28 February)."""

import datetime as dt

import pytest
import time_machine

from deputies import services as deputy_services
from deputies.models import Opinion, Suggestion
from notifications import services
from notifications.models import Notification
from tests.deputies.factories import DeputyFactory


def test_suggestion_reminders_follow_the_calendar(world, staff_a, liaison_a):
    deputy = DeputyFactory(name="李秀兰", county=world.county_a)
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        suggestion = deputy_services.suggestion_submit(
            deputy=deputy,
            kind=Suggestion.Kind.SUGGESTION,
            title="修缮官庄镇中心小学围墙",
            content="…",
            by=staff_a,
        )
        deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    assert suggestion.due_on == dt.date(2027, 2, 28)

    sent_on: dict[str, dt.date] = {}
    day = dt.date(2027, 2, 15)
    while day <= dt.date(2027, 3, 3):
        for _ in range(2):  # the scheduler runs more than once a day
            services.reminders_send(today=day)
        for note in Notification.objects.filter(recipient=liaison_a):
            sent_on.setdefault(note.title.split("】")[0] + "】", day)
        day += dt.timedelta(days=1)

    assert sent_on == {
        "【7天后到期】": dt.date(2027, 2, 21),
        "【1天后到期】": dt.date(2027, 2, 27),
        "【今日到期】": dt.date(2027, 2, 28),
        "【已逾期】": dt.date(2027, 3, 1),
    }
    assert Notification.objects.filter(recipient=liaison_a).count() == 4
    assert list(Notification.objects.filter(recipient=staff_a).values_list("title", flat=True)) == [
        f"【已逾期】代表建议 {suggestion.number}《修缮官庄镇中心小学围墙》答复"
    ]
    note = Notification.objects.filter(recipient=liaison_a).first()
    assert note.url == suggestion.get_absolute_url()


def test_replied_suggestions_and_other_counties_are_not_reminded(
    world, staff_a, liaison_a, outsider
):
    deputy = DeputyFactory(county=world.county_a)
    suggestion = deputy_services.suggestion_submit(
        deputy=deputy, kind=Suggestion.Kind.SUGGESTION, title="建议", content="…", by=staff_a
    )
    deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    deputy_services.suggestion_reply(
        suggestion=suggestion, reply="已落实", result_class="A", by=liaison_a
    )
    services.reminders_send(today=suggestion.due_on)
    assert not Notification.objects.exists()


def test_transferred_opinion_is_reminded_to_the_unit(world, staff_a, liaison_a, outsider):
    opinion = Opinion.objects.create(
        county=world.county_a,
        content="村道路灯损坏，夜间出行不便",
        raised_on=dt.date(2026, 3, 1),
        status=Opinion.Status.TRANSFERRED,
        unit=world.unit_a,
        due_on=dt.date(2026, 3, 20),
    )
    services.reminders_send(today=dt.date(2026, 3, 21))
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "liaison_a",
        "staff_a",
    }
    assert Notification.objects.filter(recipient=outsider).count() == 0
    assert Notification.objects.first().url == opinion.get_absolute_url()


def _reminded(day):
    services.reminders_send(today=day)
    return sorted(Notification.objects.values_list("recipient__username", "title"))


def test_activity_announcement_is_due_five_days_ahead(world, staff_a, outsider):
    from tests.deputies.factories import ActivityFactory, StationFactory

    station = StationFactory(county=world.county_a)
    start = dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ActivityFactory(station=station, title="三官一律进站", starts_at=start)
    assert _reminded(dt.date(2026, 6, 2)) == []
    assert _reminded(dt.date(2026, 6, 3)) == [
        ("staff_a", "【7天后到期】活动「三官一律进站」需提前5天发布预告")
    ]


def test_evaluation_checklists_remind_the_unit(world, staff_a, liaison_a):
    from core.models import Unit
    from evaluations.models import AuditProblem, ProcuratorialSuggestion
    from tests.core.factories import UnitFactory

    procuratorate = UnitFactory(
        name="沅陵县人民检察院", kind=Unit.Kind.PROCURATORATE, jurisdiction=world.county_a
    )
    ProcuratorialSuggestion.objects.create(
        number="沅检行建〔2026〕1号",
        procuratorate=procuratorate,
        unit=world.unit_a,
        content="规范行政处罚程序",
        issued_on=dt.date(2026, 1, 31),
    )  # reply due 31 March
    AuditProblem.objects.create(
        jurisdiction=world.county_a,
        unit=world.unit_a,
        year=2025,
        number="7",
        area="预算执行",
        description="专项资金未及时拨付",
        deadline=dt.date(2026, 3, 31),
    )
    assert _reminded(dt.date(2026, 3, 31)) == [
        ("liaison_a", "【今日到期】审计问题 2025-7（预算执行）整改"),
        ("liaison_a", "【今日到期】检察建议 沅检行建〔2026〕1号 书面回复"),
    ]


def test_project_milestones_remind_the_responsible_unit(world, staff_a, liaison_a):
    from livelihood_projects.models import Milestone
    from tests.livelihood_projects.factories import CycleFactory, ProjectFactory

    project = ProjectFactory(
        cycle=CycleFactory(jurisdiction=world.county_a, year=2026),
        title="官庄镇中心幼儿园改扩建",
        status="elected",
        responsible_unit=world.unit_a,
    )
    Milestone.objects.create(
        project=project, title="完成设计", due_on=dt.date(2026, 3, 31), weight=1
    )
    assert _reminded(dt.date(2026, 4, 1)) == [
        ("liaison_a", "【已逾期】民生实事「官庄镇中心幼儿园改扩建」节点：完成设计"),
        ("staff_a", "【已逾期】民生实事「官庄镇中心幼儿园改扩建」节点：完成设计"),
    ]


@pytest.mark.django_db(transaction=True)
def test_suggestion_reminders_through_the_worker_on_the_right_days(
    world, staff_a, liaison_a, celery_runner
):
    """The beat task, delivered twice each day (a redelivery), on a worker with real Redis in CI."""
    from notifications.tasks import send_reminders

    deputy = DeputyFactory(name="李秀兰", county=world.county_a)
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        suggestion = deputy_services.suggestion_submit(
            deputy=deputy,
            kind=Suggestion.Kind.SUGGESTION,
            title="修缮围墙",
            content="…",
            by=staff_a,
        )
        deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    days = {
        dt.date(2027, 2, 20): 0,
        dt.date(2027, 2, 21): 1,
        dt.date(2027, 2, 27): 1,
        dt.date(2027, 2, 28): 1,
        dt.date(2027, 3, 1): 2,
    }  # overdue: the liaison and county staff
    for day, expected in days.items():
        moment = dt.datetime.combine(day, dt.time(9, 5), tzinfo=dt.timezone(dt.timedelta(hours=8)))
        with time_machine.travel(moment, tick=True):
            first, second = send_reminders.delay(), send_reminders.delay()
            assert sorted([first.get(timeout=30), second.get(timeout=30)]) == [0, expected], day
    # Reminders only: the unit was also told once, at assignment (key "deputies.suggestion.assigned").
    reminders = Notification.objects.filter(key__startswith="deputies.suggestion:")
    assert reminders.filter(recipient=liaison_a).count() == 4
    assert reminders.filter(recipient=staff_a).count() == 1
