"""Writes of the pool: each refuses what does not belong (another county's expert or item, an
expert not invited, a second symposium in a year) in Chinese, and saves nothing half."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from experts import services
from experts.models import Activity, Engagement, Expert, Meeting, Opinion, Pool
from tests.evaluations.factories import EvaluationRoundFactory
from tests.supervision.factories import ItemFactory, PlanFactory

from .factories import EngagementFactory, ExpertFactory, OpinionFactory

pytestmark = pytest.mark.django_db

EXPERT = {
    "name": "向志军",
    "field": "宪法与行政法",
    "title": "教授",
    "title_level": Expert.TitleLevel.FULL_SENIOR,
    "employer": "怀化学院",
    "term_start": date(2024, 1, 18),
    "term_end": date(2026, 12, 31),
}


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_staff_add_an_expert_to_their_county(world, staff_a):
    expert = services.expert_add(county=world.county_a, by=staff_a, **EXPERT, phone="0745-2800001")
    assert expert.county == world.county_a and expert.is_senior
    assert expert.created_by == staff_a


def test_a_pool_belongs_to_a_county_not_a_township(world, staff_a):
    with pytest.raises(ValidationError, match="县（市、区）"):
        services.expert_add(county=world.township_a, by=staff_a, **EXPERT)
    assert not Expert.objects.exists()


def test_a_term_cannot_end_before_it_starts(world, staff_a):
    values = {**EXPERT, "term_end": date(2023, 12, 31)}
    with pytest.raises(ValidationError) as caught:
        services.expert_add(county=world.county_a, by=staff_a, **values)
    assert "聘期结束不能早于聘期开始" in _messages(caught.value)
    assert not Expert.objects.exists()


def test_a_signature_names_the_rules_signed(world, staff_a):
    with pytest.raises(ValidationError) as caught:
        services.expert_add(
            county=world.county_a, by=staff_a, **EXPERT, rules_signed_on=date(2024, 1, 18)
        )
    assert "rules_document" in caught.value.error_dict


def test_update_keeps_what_is_not_given(world, staff_a):
    expert = ExpertFactory(county=world.county_a, title="副教授")
    services.expert_update(expert=expert, by=staff_a, title="教授", title_level="full_senior")
    expert.refresh_from_db()
    assert (expert.title, expert.title_level, expert.field) == ("教授", "full_senior", "财政学")


def test_the_symposium_is_held_once_a_year(world, staff_a):
    expert = ExpertFactory(county=world.county_a)
    args = {"county": world.county_a, "kind": Meeting.Kind.SYMPOSIUM, "topic": "年度座谈会"}
    services.meeting_record(held_on=date(2024, 2, 27), attendees=[expert], by=staff_a, **args)
    with pytest.raises(ValidationError, match="每年只召开一次"):
        services.meeting_record(held_on=date(2024, 11, 1), attendees=[], by=staff_a, **args)
    services.meeting_record(held_on=date(2025, 2, 27), attendees=[], by=staff_a, **args)
    assert Meeting.objects.count() == 2


def test_quarterly_meetings_may_be_many(world, staff_a):
    for day in (date(2024, 3, 1), date(2024, 3, 28)):
        services.meeting_record(
            county=world.county_a,
            kind=Meeting.Kind.QUARTERLY,
            held_on=day,
            topic="恳谈会",
            attendees=[],
            by=staff_a,
        )
    assert Meeting.objects.count() == 2


def test_a_meeting_takes_only_the_countys_experts(world, staff_a):
    stranger = ExpertFactory(county=world.county_b)
    with pytest.raises(ValidationError, match="只能选择本县市区专家库的专家"):
        services.meeting_record(
            county=world.county_a,
            kind=Meeting.Kind.QUARTERLY,
            held_on=date(2024, 3, 28),
            topic="恳谈会",
            attendees=[stranger],
            by=staff_a,
        )
    assert not Meeting.objects.exists()


def test_invited_to_a_supervision_item_takes_its_title(world, staff_a):
    item = ItemFactory(plan=PlanFactory(jurisdiction=world.county_a), title="食品安全执法检查")
    expert = ExpertFactory(county=world.county_a)
    engagement = services.engagement_create(
        county=world.county_a,
        kind=Engagement.Kind.SUPERVISION,
        item=item,
        title="",
        started_on=date(2024, 5, 1),
        experts=[expert],
        by=staff_a,
    )
    assert engagement.title == "食品安全执法检查"
    assert list(engagement.experts.all()) == [expert]


def test_a_township_item_belongs_to_its_county(world, staff_a):
    item = ItemFactory(plan=PlanFactory(jurisdiction=world.township_a))
    engagement = services.engagement_create(
        county=world.county_a,
        kind=Engagement.Kind.SUPERVISION,
        item=item,
        title="",
        started_on=date(2024, 5, 1),
        experts=[ExpertFactory(county=world.county_a)],
        by=staff_a,
    )
    assert engagement.item == item


@pytest.mark.parametrize(
    ("kind", "link", "message"),
    [
        (Engagement.Kind.SUPERVISION, None, "请选择专家参与的监督事项"),
        (Engagement.Kind.SUPERVISION, "item_b", "只能选择本县市区的监督事项"),
        (Engagement.Kind.EVALUATION, None, "请选择专家参与的工作评议"),
        (Engagement.Kind.EVALUATION, "round_b", "只能选择本县市区的工作评议"),
    ],
)
def test_linked_work_must_be_the_countys(world, staff_a, kind, link, message):
    links = {
        "item_b": {"item": ItemFactory(plan=PlanFactory(jurisdiction=world.county_b))},
        "round_b": {"evaluation_round": EvaluationRoundFactory(jurisdiction=world.county_b)},
    }
    with pytest.raises(ValidationError, match=message):
        services.engagement_create(
            county=world.county_a,
            kind=kind,
            title="",
            started_on=date(2024, 5, 1),
            experts=[ExpertFactory(county=world.county_a)],
            by=staff_a,
            **links.get(link, {}),
        )
    assert not Engagement.objects.exists()


def test_other_work_needs_a_title_and_an_expert(world, staff_a):
    args = {"county": world.county_a, "kind": Engagement.Kind.OTHER, "started_on": date(2024, 5, 1)}
    with pytest.raises(ValidationError, match="请填写工作名称"):
        services.engagement_create(
            title=" ", experts=[ExpertFactory(county=world.county_a)], by=staff_a, **args
        )
    with pytest.raises(ValidationError, match="请至少邀请一位专家"):
        services.engagement_create(title="调研", experts=[], by=staff_a, **args)
    assert not Engagement.objects.exists()


def test_only_invited_experts_join_activities_and_give_opinions(world, staff_a):
    invited = ExpertFactory(county=world.county_a, name="向志军")
    other = ExpertFactory(county=world.county_a, name="舒丽华")
    engagement = EngagementFactory(county=world.county_a, experts=[invited])
    with pytest.raises(ValidationError, match="舒丽华未受邀参与此项工作"):
        services.activity_record(
            engagement=engagement,
            kind=Activity.Kind.VISIT,
            held_on=date(2024, 5, 2),
            experts=[invited, other],
            by=staff_a,
        )
    with pytest.raises(ValidationError, match="舒丽华未受邀"):
        services.opinion_record(
            engagement=engagement,
            expert=other,
            kind=Opinion.Kind.PROFESSIONAL,
            given_on=date(2024, 5, 2),
            content="意见",
            by=staff_a,
        )
    assert not Activity.objects.exists() and not Opinion.objects.exists()
    services.engagement_invite(engagement=engagement, experts=[other], by=staff_a)
    activity = services.activity_record(
        engagement=engagement,
        kind=Activity.Kind.VISIT,
        held_on=date(2024, 5, 2),
        experts=[invited, other],
        by=staff_a,
    )
    assert set(activity.experts.all()) == {invited, other}


def test_an_opinion_is_adopted_or_refused_with_a_reason(world, staff_a):
    opinion = OpinionFactory(engagement__county=world.county_a)
    with pytest.raises(ValidationError, match="未采纳的意见请说明理由"):
        services.opinion_decide(
            opinion=opinion, status="not_adopted", decided_on=date(2024, 6, 1), by=staff_a
        )
    with pytest.raises(ValidationError, match="研究日期不能早于提出日期"):
        services.opinion_decide(
            opinion=opinion, status="adopted", decided_on=date(2024, 5, 1), by=staff_a
        )
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.PENDING and opinion.decided_on is None
    services.opinion_decide(
        opinion=opinion, status="adopted", decided_on=date(2024, 6, 1), by=staff_a
    )
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.ADOPTED


def test_pool_settings_are_created_then_updated(world, admin_user):
    services.pool_settings_update(
        county=world.county_a, name="沅陵县咨询专家库", senior_target=75, by=admin_user
    )
    services.pool_settings_update(
        county=world.county_a, name="沅陵县咨询专家库", senior_target=85, by=admin_user
    )
    assert Pool.objects.get().senior_target == 85
    with pytest.raises(ValidationError):
        services.pool_settings_update(
            county=world.county_a, name="沅陵县咨询专家库", senior_target=120, by=admin_user
        )
    assert Pool.objects.get().senior_target == 85
