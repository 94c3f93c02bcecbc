"""Writes of the expert pool. Each takes the acting user as `by`, checks what the forms cannot
(whose county a record belongs to, who was invited), and refuses with a Chinese message."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction
from evaluations.models import EvaluationRound
from supervision.models import Item

from .models import Activity, Engagement, Expert, Meeting, Opinion, Pool


def _require_county(county: Jurisdiction) -> None:
    if county.level != Jurisdiction.Level.COUNTY:
        raise ValidationError({"county": _("专家库由县（市、区）人大常委会组建，请选择县市区。")})


def _own_experts(county: Jurisdiction, experts: Iterable[Expert], field: str) -> list[Expert]:
    experts = list(experts)
    if any(expert.county_id != county.pk for expert in experts):
        raise ValidationError({field: _("只能选择本县市区专家库的专家。")})
    return experts


@transaction.atomic
def pool_settings_update(
    *,
    county: Jurisdiction,
    name: str,
    senior_target: int,
    established_on: dt.date | None = None,
    rules_title: str = "",
    rules_adopted_on: dt.date | None = None,
    by: User,
) -> Pool:
    """The county's pool settings, created with the first change (until then the defaults)."""
    _require_county(county)
    pool = Pool.objects.select_for_update().filter(county=county).first() or Pool(county=county)
    pool.name = name.strip()
    pool.senior_target = senior_target
    pool.established_on = established_on
    pool.rules_title = rules_title.strip()
    pool.rules_adopted_on = rules_adopted_on
    pool.full_clean()
    pool.save()
    return pool


EXPERT_FIELDS = (
    "name",
    "field",
    "title",
    "title_level",
    "employer",
    "term_start",
    "term_end",
    "rules_document",
    "rules_signed_on",
    "phone",
    "email",
    "notes",
)


def _fill_expert(expert: Expert, values: dict[str, object]) -> Expert:
    for name in EXPERT_FIELDS:
        value = values.get(name, getattr(expert, name))
        setattr(expert, name, value.strip() if isinstance(value, str) else value)
    if expert.rules_signed_on and not expert.rules_document:
        raise ValidationError({"rules_document": _("请填写签署的管理办法名称。")})
    expert.full_clean()
    return expert


@transaction.atomic
def expert_add(*, county: Jurisdiction, by: User, **values: object) -> Expert:
    _require_county(county)
    expert = _fill_expert(Expert(county=county, created_by=by), values)
    expert.save()
    return expert


@transaction.atomic
def expert_update(*, expert: Expert, by: User, **values: object) -> Expert:
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    _fill_expert(expert, values)
    expert.save()
    return expert


@transaction.atomic
def meeting_record(
    *,
    county: Jurisdiction,
    kind: str,
    held_on: dt.date,
    topic: str,
    attendees: Iterable[Expert],
    place: str = "",
    minutes: str = "",
    by: User,
) -> Meeting:
    """A meeting of the pool. The symposium is held once a year (鹤城's rules), so a second one in
    the same year is refused; quarterly meetings may be as many as needed."""
    _require_county(county)
    attendees = _own_experts(county, attendees, "attendees")
    if kind == Meeting.Kind.SYMPOSIUM:
        # Serialise symposiums of one county: two staff recording the year's at once.
        Pool.objects.select_for_update().filter(county=county).first()
        taken = Meeting.objects.filter(county=county, kind=kind, held_on__year=held_on.year)
        if taken.exists():
            raise ValidationError(
                {"kind": _("%(year)s年已召开年度座谈会，每年只召开一次。") % {"year": held_on.year}}
            )
    meeting = Meeting(
        county=county,
        kind=kind,
        held_on=held_on,
        topic=topic.strip(),
        place=place.strip(),
        minutes=minutes.strip(),
        recorded_by=by,
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _check_link(
    county: Jurisdiction, kind: str, item: Item | None, evaluation_round: EvaluationRound | None
) -> None:
    if kind == Engagement.Kind.SUPERVISION:
        if item is None:
            raise ValidationError({"item": _("请选择专家参与的监督事项。")})
        if (item.plan.jurisdiction.county or item.plan.jurisdiction).pk != county.pk:
            raise ValidationError({"item": _("只能选择本县市区的监督事项。")})
    elif kind == Engagement.Kind.EVALUATION:
        if evaluation_round is None:
            raise ValidationError({"evaluation_round": _("请选择专家参与的工作评议。")})
        if evaluation_round.jurisdiction_id != county.pk:
            raise ValidationError({"evaluation_round": _("只能选择本县市区的工作评议。")})


@transaction.atomic
def engagement_create(
    *,
    county: Jurisdiction,
    kind: str,
    title: str,
    started_on: dt.date,
    experts: Iterable[Expert],
    item: Item | None = None,
    evaluation_round: EvaluationRound | None = None,
    description: str = "",
    by: User,
) -> Engagement:
    """Invite experts to a piece of work. Linked work gives its own title when none is typed."""
    _require_county(county)
    _check_link(county, kind, item, evaluation_round)
    experts = _own_experts(county, experts, "experts")
    if not experts:
        raise ValidationError({"experts": _("请至少邀请一位专家。")})
    if kind != Engagement.Kind.SUPERVISION:
        item = None
    if kind != Engagement.Kind.EVALUATION:
        evaluation_round = None
    linked = item or evaluation_round
    title = title.strip() or (str(linked) if linked is not None else "")
    if not title:
        raise ValidationError({"title": _("请填写工作名称。")})
    engagement = Engagement(
        county=county,
        kind=kind,
        item=item,
        evaluation_round=evaluation_round,
        title=title,
        started_on=started_on,
        description=description.strip(),
        created_by=by,
    )
    engagement.full_clean()
    engagement.save()
    engagement.experts.set(experts)
    return engagement


@transaction.atomic
def engagement_invite(*, engagement: Engagement, experts: Iterable[Expert], by: User) -> None:
    experts = _own_experts(engagement.county, experts, "experts")
    if not experts:
        raise ValidationError({"experts": _("请选择要邀请的专家。")})
    engagement.experts.add(*experts)


def _invited(engagement: Engagement, experts: list[Expert], field: str) -> None:
    invited = set(engagement.experts.values_list("pk", flat=True))
    strangers = [expert.name for expert in experts if expert.pk not in invited]
    if strangers:
        raise ValidationError(
            {field: _("%(names)s未受邀参与此项工作，请先邀请。") % {"names": "、".join(strangers)}}
        )


@transaction.atomic
def activity_record(
    *,
    engagement: Engagement,
    kind: str,
    held_on: dt.date,
    experts: Iterable[Expert],
    place: str = "",
    summary: str = "",
    by: User,
) -> Activity:
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": _("请选择参加活动的专家。")})
    _invited(engagement, experts, "experts")
    activity = Activity(
        engagement=engagement,
        kind=kind,
        held_on=held_on,
        place=place.strip(),
        summary=summary.strip(),
    )
    activity.full_clean()
    activity.save()
    activity.experts.set(experts)
    return activity


@transaction.atomic
def opinion_record(
    *,
    engagement: Engagement,
    expert: Expert,
    kind: str,
    given_on: dt.date,
    content: str,
    by: User,
) -> Opinion:
    _invited(engagement, [expert], "expert")
    opinion = Opinion(
        engagement=engagement,
        expert=expert,
        kind=kind,
        given_on=given_on,
        content=content.strip(),
        recorded_by=by,
    )
    opinion.full_clean()
    opinion.save()
    return opinion


@transaction.atomic
def opinion_decide(
    *, opinion: Opinion, status: str, decided_on: dt.date, decision_note: str = "", by: User
) -> Opinion:
    """Whether the committee adopted the opinion; a later decision replaces an earlier one."""
    if status not in (Opinion.Status.ADOPTED, Opinion.Status.NOT_ADOPTED):
        raise ValidationError({"status": _("请选择“已采纳”或“未采纳”。")})
    if status == Opinion.Status.NOT_ADOPTED and not decision_note.strip():
        raise ValidationError({"decision_note": _("未采纳的意见请说明理由。")})
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    opinion.status = status
    opinion.decided_on = decided_on
    opinion.decision_note = decision_note.strip()
    opinion.full_clean()
    opinion.save(update_fields=["status", "decided_on", "decision_note"])
    return opinion
