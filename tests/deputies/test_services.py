from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from deputies import services
from deputies.models import Activity, CountySetting, Opinion, OpinionReply, Suggestion, Visit

from .factories import ActivityFactory, OpinionFactory, SuggestionFactory


def test_visit_with_opinions(deputy_a, deputy_record_a, station_a):
    visit = services.visit_record(
        deputy=deputy_record_a,
        station=station_a,
        visited_on=timezone.localdate(),
        kind=Visit.Kind.RECEPTION,
        people_received=5,
        opinions=[
            {"content": "村口路灯不亮", "category": Opinion.Category.URBAN},
            {
                "content": "咨询医保报销",
                "category": Opinion.Category.HEALTH,
                "answer": "已当场解释报销流程",
                "raised_by": "张大爷",
                "raised_by_phone": "13912345678",
            },
        ],
        by=deputy_a,
    )
    pending, answered = visit.opinions.order_by("pk")
    assert pending.status == Opinion.Status.PENDING and pending.county == station_a.county
    assert answered.status == Opinion.Status.ANSWERED and answered.deputy == deputy_record_a


def test_visit_in_future_or_negative_or_bad_phone_saves_nothing(
    deputy_a, deputy_record_a, station_a
):
    base = {
        "deputy": deputy_record_a,
        "station": station_a,
        "kind": Visit.Kind.RECEPTION,
        "by": deputy_a,
    }
    with pytest.raises(ValidationError):
        services.visit_record(
            visited_on=timezone.localdate() + timedelta(days=1), people_received=1, **base
        )
    with pytest.raises(ValidationError):
        services.visit_record(visited_on=timezone.localdate(), people_received=-2, **base)
    with pytest.raises(ValidationError):
        services.visit_record(
            visited_on=timezone.localdate(),
            people_received=1,
            opinions=[{"content": "x", "category": "other", "raised_by_phone": "12345"}],
            **base,
        )
    assert not Visit.objects.exists() and not Opinion.objects.exists()


def test_visit_only_at_a_station_of_the_deputys_county(deputy_record_a, station_b, deputy_a):
    with pytest.raises(ValidationError):
        services.visit_record(
            deputy=deputy_record_a,
            station=station_b,
            visited_on=timezone.localdate(),
            kind=Visit.Kind.RECEPTION,
            people_received=1,
            by=deputy_a,
        )


def test_opinion_transfer_reply_resolve(world, station_a, staff_a, liaison_a):
    opinion = OpinionFactory(station=station_a)
    services.opinion_transfer(
        opinion=opinion,
        unit=world.unit_a,
        level=Opinion.Level.COUNTY,
        due_on=timezone.localdate() + timedelta(days=30),
        by=staff_a,
    )
    assert opinion.status == Opinion.Status.TRANSFERRED
    services.opinion_reply(
        opinion=opinion, body="已安排维修", outcome=OpinionReply.Outcome.IN_PROGRESS, by=liaison_a
    )
    assert opinion.status == Opinion.Status.IN_PROGRESS
    services.opinion_reply(
        opinion=opinion, body="已修复", outcome=OpinionReply.Outcome.RESOLVED, by=liaison_a
    )
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.RESOLVED and opinion.replies.count() == 2
    services.opinion_rate(opinion=opinion, satisfaction="satisfied", by=staff_a)
    assert opinion.satisfaction == "satisfied"


def test_opinion_cannot_go_to_another_countys_unit(world, station_a, staff_a):
    opinion = OpinionFactory(station=station_a)
    with pytest.raises(ValidationError):
        services.opinion_transfer(
            opinion=opinion,
            unit=world.unit_b,
            level=Opinion.Level.COUNTY,
            due_on=timezone.localdate(),
            by=staff_a,
        )
    services.opinion_transfer(
        opinion=opinion,
        unit=world.township_unit_a,
        level=Opinion.Level.TOWNSHIP,
        due_on=timezone.localdate(),
        by=staff_a,
    )


@time_machine.travel(date(2024, 1, 31), tick=False)
def test_suggestion_lifecycle(world, deputy_record_a, staff_a, liaison_a, deputy_a):
    suggestion = services.suggestion_submit(
        deputy=deputy_record_a,
        kind=Suggestion.Kind.SUGGESTION,
        title="修复通村公路",
        content="……",
        by=deputy_a,
    )
    assert suggestion.number == "2024-建001"
    services.suggestion_assign(
        suggestion=suggestion,
        lead_unit=world.unit_a,
        co_units=[world.township_unit_a],
        by=staff_a,
    )
    assert suggestion.due_on == date(2024, 4, 30)
    with pytest.raises(ValidationError):
        services.suggestion_extend(
            suggestion=suggestion, due_on=date(2024, 8, 1), reason="资金", by=staff_a
        )
    services.suggestion_extend(
        suggestion=suggestion, due_on=date(2024, 7, 31), reason="资金", by=staff_a
    )
    services.suggestion_reply(
        suggestion=suggestion, reply="已列入计划", result_class="B", by=liaison_a
    )
    services.suggestion_rate(suggestion=suggestion, satisfaction="dissatisfied", by=deputy_a)
    assert suggestion.status == Suggestion.Status.REOPENED
    services.suggestion_reply(suggestion=suggestion, reply="已修复", result_class="A", by=liaison_a)
    services.suggestion_rate(suggestion=suggestion, satisfaction="satisfied", by=deputy_a)
    assert suggestion.status == Suggestion.Status.CLOSED
    assert list(Suggestion.objects.for_unit_year(world.township_unit_a, 2024)) == [suggestion]
    assert list(Suggestion.objects.for_unit_year(world.unit_a, 2024)) == [suggestion]
    assert not Suggestion.objects.for_unit_year(world.unit_a, 2023).exists()


@time_machine.travel(date(2024, 5, 1), tick=False)
def test_micro_suggestion_uses_county_deadline(world, deputy_record_a, staff_a):
    CountySetting.objects.create(county=world.county_a, micro_suggestion_days=10)
    suggestion = SuggestionFactory(
        deputy=deputy_record_a, kind=Suggestion.Kind.MICRO, submitted_on=date(2024, 5, 1)
    )
    services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    assert suggestion.due_on == date(2024, 5, 11)


def test_activity_announced_too_late_is_not_published(station_a, staff_a):
    starts = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError):
        services.activity_create(
            station=station_a,
            kind=Activity.Kind.THREE_OFFICIALS,
            title="三官一律进站",
            starts_at=starts,
            announce=True,
            by=staff_a,
        )
    assert not Activity.objects.exists()
    activity = services.activity_create(
        station=station_a,
        kind=Activity.Kind.THREE_OFFICIALS,
        title="三官一律进站",
        starts_at=starts,
        announce=True,
        late_reason="法院调整排期",
        officials={"judge": "法官 杨帆"},
        by=staff_a,
    )
    assert activity.status == Activity.Status.ANNOUNCED and activity.judge == "法官 杨帆"


def test_activity_outcome_only_after_it_started(station_a, staff_a):
    activity = ActivityFactory(station=station_a, status=Activity.Status.ANNOUNCED)
    with pytest.raises(ValidationError):
        services.activity_record_outcome(
            activity=activity,
            participants=30,
            questions_answered=12,
            disputes_mediated=2,
            by=staff_a,
        )
    activity.starts_at = timezone.now() - timedelta(hours=2)
    services.activity_record_outcome(
        activity=activity, participants=30, questions_answered=12, disputes_mediated=2, by=staff_a
    )
    assert activity.status == Activity.Status.HELD
