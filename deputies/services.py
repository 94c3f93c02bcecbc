"""Writes of deputy work. Each function checks its rule, changes one thing atomically, returns it.

Rule violations raise `ValidationError` with Chinese messages keyed by the form field they concern,
so views can show them next to the input; nothing is saved when one is raised.
"""

import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO, Any, Literal, TypeVar, cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import throttle
from core.models import Jurisdiction, Unit
from notifications.services import notice_send

from . import photos, rules
from .models import (
    Activity,
    Campaign,
    ContactVisit,
    CountySetting,
    Deputy,
    Opinion,
    OpinionReply,
    PartnerDeputy,
    Satisfaction,
    Station,
    StationMembership,
    StationPost,
    Suggestion,
    Visit,
)

VISIT_FIELDS = ("station", "visited_on", "kind", "people_received", "notes")


def _check_same_county(*, station: Station, deputy: Deputy) -> None:
    if station.county_id != deputy.county_id:
        raise ValidationError({"station": _("只能在代表所在县市区的联络站登记履职。")})


def _check_unit_in_county(*, unit: Unit, county_id: int, field: str = "unit") -> None:
    jurisdiction = unit.jurisdiction
    if county_id not in (jurisdiction.pk, jurisdiction.parent_id):
        raise ValidationError({field: _("只能交给本县市区及所辖乡镇的承办单位。")})


def _check_status(obj: Opinion | Suggestion | Activity, *allowed: str) -> None:
    """Lock the record's row until the write commits and check its status as it is now, so two
    requests cannot both act on the state they read (a second reply, a reply to a withdrawn
    transfer)."""
    manager = type(obj)._default_manager
    obj.status = manager.select_for_update().values_list("status", flat=True).get(pk=obj.pk)
    if obj.status not in allowed:
        raise ValidationError(
            _("当前状态为“%(s)s”，不能进行此操作。") % {"s": obj.get_status_display()}
        )


# --- Duty visits and the opinions raised at them --------------------------------------------------


@transaction.atomic
def visit_record(
    *,
    deputy: Deputy,
    station: Station,
    visited_on: date,
    kind: str,
    people_received: int,
    notes: str = "",
    opinions: Sequence[dict[str, Any]] = (),
    by: User,
) -> Visit:
    rules.check_visit(
        visited_on=visited_on, today=timezone.localdate(), people_received=people_received
    )
    _check_same_county(station=station, deputy=deputy)
    visit = Visit.objects.create(
        deputy=deputy,
        station=station,
        visited_on=visited_on,
        kind=kind,
        people_received=people_received,
        notes=notes,
        recorded_by=by,
    )
    for data in opinions:
        opinion_record(visit=visit, by=by, **data)
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, by: User, **changes: Any) -> Visit:
    unknown = set(changes) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"visit_update() got unexpected fields {sorted(unknown)}")
    for field, value in changes.items():
        setattr(visit, field, value)
    rules.check_visit(
        visited_on=visit.visited_on,
        today=timezone.localdate(),
        people_received=visit.people_received,
    )
    _check_same_county(station=visit.station, deputy=visit.deputy)
    visit.save(update_fields=list(changes))
    return visit


@transaction.atomic
def opinion_record(
    *,
    visit: Visit,
    content: str,
    category: str,
    raised_by: str = "",
    raised_by_phone: str = "",
    location: str = "",
    answer: str = "",
    by: User,
) -> Opinion:
    return _opinion_taken_up(
        source=Opinion.Source.VISIT,
        links={"visit": visit, "station": visit.station, "deputy": visit.deputy},
        county_id=visit.station.county_id,
        raised_on=visit.visited_on,
        content=content,
        category=category,
        raised_by=raised_by,
        raised_by_phone=raised_by_phone,
        location=location or visit.station.name,
        answer=answer,
    )


@transaction.atomic
def opinion_record_at_contact(
    *,
    contact_visit: ContactVisit,
    content: str,
    category: str,
    answer: str = "",
    by: User,
    raised_by: str = "",
    raised_by_phone: str = "",
    location: str = "",
) -> Opinion:
    """An opinion gathered on a 三联系三走访 visit, counted for the visit's deputy."""
    return _opinion_taken_up(
        source=Opinion.Source.CONTACT_VISIT,
        links={"contact_visit": contact_visit, "deputy": contact_visit.deputy},
        county_id=contact_visit.county_id,
        raised_on=contact_visit.visited_on,
        content=content,
        category=category,
        raised_by=raised_by,
        raised_by_phone=raised_by_phone,
        location=location or contact_visit.visited,
        answer=answer,
    )


@transaction.atomic
def opinion_record_at_activity(
    *,
    activity: Activity,
    content: str,
    category: str,
    answer: str = "",
    by: User,
    raised_by: str = "",
    raised_by_phone: str = "",
    location: str = "",
) -> Opinion:
    """An opinion raised at a station activity, which must have taken place."""
    if activity.status not in Activity.OUTCOME_OPEN or activity.starts_at > timezone.now():
        raise ValidationError(_("活动开展后才能登记活动中收集的意见。"))
    return _opinion_taken_up(
        source=Opinion.Source.ACTIVITY,
        links={"activity": activity, "station": activity.station, "campaign": activity.campaign},
        county_id=activity.county_id,
        raised_on=timezone.localtime(activity.starts_at).date(),
        content=content,
        category=category,
        raised_by=raised_by,
        raised_by_phone=raised_by_phone,
        location=location or activity.station.name,
        answer=answer,
    )


def _opinion_taken_up(
    *,
    source: str,
    links: dict[str, Any],
    county_id: int,
    raised_on: date,
    answer: str,
    raised_by_phone: str,
    **fields: Any,
) -> Opinion:
    """An opinion a deputy or staff took down in person: answered there, or pending."""
    if raised_by_phone and not rules.is_mobile(raised_by_phone):
        raise ValidationError({"raised_by_phone": _("手机号码应为11位中国大陆手机号。")})
    answered = bool(answer.strip())
    return Opinion.objects.create(
        source=source,
        county_id=county_id,
        raised_on=raised_on,
        raised_by_phone=raised_by_phone,
        answer=answer,
        status=Opinion.Status.ANSWERED if answered else Opinion.Status.PENDING,
        resolved_on=raised_on if answered else None,
        **links,
        **fields,
    )


def _new_receipt() -> str:
    while True:
        receipt = "".join(
            secrets.choice(rules.RECEIPT_ALPHABET) for _ in range(rules.RECEIPT_LENGTH)
        )
        if not Opinion.objects.filter(receipt=receipt).exists():
            return receipt


@transaction.atomic
def public_opinion_submit(
    *,
    station: Station | None = None,
    deputy: Deputy | None = None,
    content: str,
    category: str,
    raised_by: str = "",
    raised_by_phone: str = "",
    consent: bool,
    client_key: str,
) -> Opinion:
    """An opinion sent through a station's or a deputy's QR code. It waits for staff to read it
    (待审核) and counts nowhere until they take it up; its receipt is how the sender follows it.
    Refused once the same client sent the hourly limit's worth (core/throttle.py)."""
    if (station is None) == (deputy is None):
        raise TypeError("public_opinion_submit() takes a station or a deputy")
    if not consent:
        raise ValidationError({"consent": _("请阅读并同意个人信息的使用说明。")})
    if not content.strip():
        raise ValidationError({"content": _("请填写意见建议内容。")})
    if raised_by_phone and not rules.is_mobile(raised_by_phone):
        raise ValidationError({"raised_by_phone": _("手机号码应为11位中国大陆手机号。")})
    now = timezone.now()
    throttle.serialize_client(client_key)
    recent = Opinion.objects.filter(client_key=client_key, created_at__gte=now - throttle.WINDOW)
    if recent.count() >= rules.PUBLIC_OPINIONS_PER_HOUR:
        raise ValidationError(
            _("提交过于频繁：每小时最多提交 %(n)d 条意见，请稍后再试。")
            % {"n": rules.PUBLIC_OPINIONS_PER_HOUR},
            code="rate_limited",
        )
    place = cast(Station | Deputy, station or deputy)
    opinion = Opinion.objects.create(
        source=Opinion.Source.ONLINE,
        county_id=place.county_id,
        station=station,
        deputy=deputy,
        content=content,
        category=category,
        raised_by=raised_by,
        raised_by_phone=raised_by_phone,
        location=station.name if station else "",
        raised_on=timezone.localdate(),
        status=Opinion.Status.UNREVIEWED,
        receipt=_new_receipt(),
        client_key=client_key,
        consented_at=now,
        created_at=now,
    )
    Opinion.objects.filter(created_at__lt=now - throttle.WINDOW).exclude(client_key="").update(
        client_key=""
    )
    return opinion


@transaction.atomic
def opinion_review(*, opinion: Opinion, accept: bool, note: str = "", by: User) -> Opinion:
    """Staff read an opinion sent online: take it up (待处理, into the handling flow) or turn it
    down with a reason the sender sees with the receipt."""
    _check_status(opinion, Opinion.Status.UNREVIEWED)
    if not accept and not note.strip():
        raise ValidationError({"note": _("不予受理须说明理由。")})
    opinion.status = Opinion.Status.PENDING if accept else Opinion.Status.REJECTED
    opinion.review_note = "" if accept else note
    opinion.save(update_fields=["status", "review_note"])
    return opinion


@transaction.atomic
def opinion_answer(*, opinion: Opinion, answer: str, by: User) -> Opinion:
    _check_status(opinion, Opinion.Status.PENDING)
    if not answer.strip():
        raise ValidationError({"answer": _("请填写答复内容。")})
    opinion.answer = answer
    opinion.status = Opinion.Status.ANSWERED
    opinion.resolved_on = timezone.localdate()
    opinion.save(update_fields=["answer", "status", "resolved_on"])
    return opinion


@transaction.atomic
def opinion_transfer(
    *, opinion: Opinion, unit: Unit, level: str, due_on: date, by: User
) -> Opinion:
    """分级分类转交: hand the opinion to a unit, which must reply by `due_on`."""
    _check_status(opinion, *Opinion.TRANSFERABLE)
    _check_unit_in_county(unit=unit, county_id=opinion.county_id)
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("办理期限不能早于今天。")})
    opinion.unit = unit
    opinion.level = level
    opinion.due_on = due_on
    opinion.transferred_on = today
    opinion.status = Opinion.Status.TRANSFERRED
    opinion.save(update_fields=["unit", "level", "due_on", "transferred_on", "status"])
    notice_send(
        event="deputies.opinion.transferred",
        about=f"{opinion.pk}:{unit.pk}",
        title=gettext_noop("群众意见转交本单位办理：「%(summary)s」"),
        body=gettext_noop("办理期限：%(due_on)s"),
        params={"summary": _summary(opinion.content), "due_on": due_on.isoformat()},
        url=opinion.get_absolute_url(),
        units=[unit],
        by=by,
    )
    return opinion


@transaction.atomic
def opinion_refer_across(*, opinion: Opinion, partner_unit: str, due_on: date, by: User) -> Opinion:
    """Hand a problem raised at an inter-provincial station to the partner region's body; the
    office records its result as the reply, which tracks it to a result like any transfer."""
    _check_status(opinion, *Opinion.TRANSFERABLE)
    station = opinion.station
    if station is None or station.kind != Station.Kind.INTER_PROVINCIAL:
        raise ValidationError(_("只有省际联络站收集的意见可以转交省外协调。"))
    if not partner_unit.strip():
        raise ValidationError({"partner_unit": _("请填写省外协调单位。")})
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("办理期限不能早于今天。")})
    opinion.unit = None
    opinion.partner_unit = partner_unit
    opinion.level = ""
    opinion.due_on = due_on
    opinion.transferred_on = today
    opinion.status = Opinion.Status.TRANSFERRED
    opinion.save(
        update_fields=["unit", "partner_unit", "level", "due_on", "transferred_on", "status"]
    )
    return opinion


def _summary(text: str) -> str:
    return Truncator(text).chars(21)


@transaction.atomic
def opinion_reply(*, opinion: Opinion, body: str, outcome: str, by: User) -> OpinionReply:
    _check_status(opinion, *Opinion.OPEN_FOR_ANSWER)
    today = timezone.localdate()
    reply = OpinionReply.objects.create(
        opinion=opinion,
        unit=opinion.unit,
        body=body,
        outcome=outcome,
        replied_on=today,
        replied_by=by,
    )
    resolved = outcome == OpinionReply.Outcome.RESOLVED
    opinion.status = Opinion.Status.RESOLVED if resolved else Opinion.Status.IN_PROGRESS
    opinion.resolved_on = today if resolved else None
    opinion.save(update_fields=["status", "resolved_on"])
    notice_send(
        event="deputies.opinion.replied",
        about=reply.pk,
        title=gettext_noop("您收集的群众意见已有答复：「%(summary)s」"),
        body=gettext_noop("%(unit)s：%(outcome)s"),
        params={
            "summary": _summary(opinion.content),
            "unit": opinion.unit.name if opinion.unit else "",
            "outcome": reply.get_outcome_display(),
        },
        url=opinion.get_absolute_url(),
        users=[opinion.deputy.user] if opinion.deputy else [],
        by=by,
    )
    return reply


@transaction.atomic
def opinion_rate(*, opinion: Opinion, satisfaction: str, by: User) -> Opinion:
    _check_status(opinion, *Opinion.SETTLED)
    opinion.satisfaction = satisfaction
    opinion.save(update_fields=["satisfaction"])
    return opinion


# --- Deputy suggestions and micro-suggestions -----------------------------------------------------


def _next_number(*, county_id: int, year: int, micro: bool) -> str:
    kind = Suggestion.Kind.MICRO if micro else Suggestion.Kind.SUGGESTION
    sequence = (
        Suggestion.objects.filter(county_id=county_id, kind=kind, submitted_on__year=year).count()
        + 1
    )
    taken = set(Suggestion.objects.filter(county_id=county_id).values_list("number", flat=True))
    number = rules.suggestion_number(year=year, micro=micro, sequence=sequence)
    while number in taken:
        sequence += 1
        number = rules.suggestion_number(year=year, micro=micro, sequence=sequence)
    return number


@transaction.atomic
def suggestion_submit(
    *,
    deputy: Deputy,
    kind: str,
    title: str,
    content: str,
    submitted_on: date | None = None,
    by: User,
) -> Suggestion:
    submitted_on = submitted_on or timezone.localdate()
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("提出日期不能晚于今天。")})
    number = _next_number(
        county_id=deputy.county_id,
        year=submitted_on.year,
        micro=kind == Suggestion.Kind.MICRO,
    )
    return Suggestion.objects.create(
        county_id=deputy.county_id,
        kind=kind,
        number=number,
        title=title,
        content=content,
        deputy=deputy,
        submitted_on=submitted_on,
    )


def micro_suggestion_days(county: Jurisdiction | int) -> int:
    county_id = getattr(county, "pk", county)
    setting = CountySetting.objects.filter(county_id=county_id).first()
    return setting.micro_suggestion_days if setting else CountySetting().micro_suggestion_days


@transaction.atomic
def suggestion_assign(
    *,
    suggestion: Suggestion,
    lead_unit: Unit,
    co_units: Iterable[Unit] = (),
    assigned_on: date | None = None,
    by: User,
) -> Suggestion:
    _check_status(suggestion, Suggestion.Status.SUBMITTED)
    co_units = [u for u in co_units if u.pk != lead_unit.pk]
    _check_unit_in_county(unit=lead_unit, county_id=suggestion.county_id, field="lead_unit")
    for unit in co_units:
        _check_unit_in_county(unit=unit, county_id=suggestion.county_id, field="co_units")
    assigned_on = assigned_on or timezone.localdate()
    if assigned_on < suggestion.submitted_on:
        raise ValidationError({"assigned_on": _("交办日期不能早于提出日期。")})
    if suggestion.kind == Suggestion.Kind.MICRO:
        days = micro_suggestion_days(suggestion.county_id)
        due_on = rules.micro_suggestion_due_on(assigned_on, days)
    else:
        due_on = rules.reply_due_on(assigned_on)
    suggestion.lead_unit = lead_unit
    suggestion.assigned_on = assigned_on
    suggestion.due_on = due_on
    suggestion.status = Suggestion.Status.ASSIGNED
    suggestion.save(update_fields=["lead_unit", "assigned_on", "due_on", "status"])
    suggestion.co_units.set(co_units)
    _suggestion_notice(
        suggestion, "assigned", gettext_noop("%(kind)s交本单位主办：%(number)s《%(title)s》"), by
    )
    for unit in co_units:
        _suggestion_notice(
            suggestion,
            "co_assigned",
            gettext_noop("%(kind)s交本单位协办：%(number)s《%(title)s》"),
            by,
            unit=unit,
        )
    return suggestion


def _suggestion_notice(
    suggestion: Suggestion, event: str, title: str, by: User, *, unit: Unit | None = None
) -> None:
    """Tell a handling unit (the lead unit unless another is named) about a suggestion."""
    unit = unit or suggestion.lead_unit
    if unit is None:  # only an assigned suggestion has a unit to tell
        return
    notice_send(
        event=f"deputies.suggestion.{event}",
        about=f"{suggestion.pk}:{unit.pk}:{_version(suggestion)}",
        title=title,
        body=gettext_noop("答复期限：%(due_on)s"),
        params=_suggestion_params(suggestion),
        url=suggestion.get_absolute_url(),
        units=[unit],
        by=by,
    )


def _suggestion_params(suggestion: Suggestion) -> dict[str, str]:
    return {
        "kind": suggestion.get_kind_display(),
        "number": suggestion.number,
        "title": suggestion.title,
        "due_on": suggestion.due_on.isoformat() if suggestion.due_on else "",
    }


def _version(record: Suggestion) -> int:
    """The change-history version this write made: a suggestion is replied to, or sent back,
    more than once, and each time is news; a retry of the same write is not."""
    latest = record.history.only("history_id").first()
    return latest.history_id if latest else 0


@transaction.atomic
def suggestion_extend(*, suggestion: Suggestion, due_on: date, reason: str, by: User) -> Suggestion:
    _check_status(suggestion, *Suggestion.AWAITING_REPLY)
    rules.check_extension(
        # Both are set when a suggestion is assigned, which the status check has made sure of.
        assigned_on=cast(date, suggestion.assigned_on),
        current_due_on=cast(date, suggestion.due_on),
        new_due_on=due_on,
        reason=reason,
    )
    suggestion.due_on = due_on
    suggestion.extension_reason = reason
    suggestion.save(update_fields=["due_on", "extension_reason"])
    return suggestion


@transaction.atomic
def suggestion_reply(
    *, suggestion: Suggestion, reply: str, result_class: str, by: User
) -> Suggestion:
    _check_status(suggestion, *Suggestion.AWAITING_REPLY)
    if not reply.strip():
        raise ValidationError({"reply": _("请填写答复内容。")})
    suggestion.reply = reply
    suggestion.result_class = result_class
    suggestion.replied_on = timezone.localdate()
    suggestion.satisfaction = ""
    suggestion.rated_on = None
    suggestion.status = Suggestion.Status.REPLIED
    suggestion.save(
        update_fields=["reply", "result_class", "replied_on", "satisfaction", "rated_on", "status"]
    )
    notice_send(
        event="deputies.suggestion.replied",
        about=f"{suggestion.pk}:{_version(suggestion)}",
        title=gettext_noop("您的%(kind)s已有答复：%(number)s《%(title)s》"),
        body=gettext_noop("请查看答复并进行满意度测评。"),
        params=_suggestion_params(suggestion),
        url=suggestion.get_absolute_url(),
        users=[suggestion.deputy.user],
        by=by,
    )
    return suggestion


@transaction.atomic
def suggestion_rate(*, suggestion: Suggestion, satisfaction: str, by: User) -> Suggestion:
    """The deputy rates the reply; 不满意 sends it back to the unit to be handled again."""
    _check_status(suggestion, Suggestion.Status.REPLIED)
    suggestion.satisfaction = satisfaction
    suggestion.rated_on = timezone.localdate()
    if satisfaction == Satisfaction.DISSATISFIED:
        suggestion.status = Suggestion.Status.REOPENED
    else:
        suggestion.status = Suggestion.Status.CLOSED
    suggestion.save(update_fields=["satisfaction", "rated_on", "status"])
    if suggestion.status == Suggestion.Status.REOPENED:
        _suggestion_notice(
            suggestion,
            "reopened",
            gettext_noop("代表对答复不满意，请重新办理：%(number)s《%(title)s》"),
            by,
        )
    return suggestion


# --- Station activities, posts and contact campaigns ----------------------------------------------

OFFICIAL_FIELDS = ("judge", "prosecutor", "police_officer", "lawyer", "other_guests")


@transaction.atomic
def activity_create(
    *,
    station: Station,
    kind: str,
    title: str,
    starts_at: datetime,
    description: str = "",
    deputies: Iterable[Deputy] = (),
    officials: dict[str, str] | None = None,
    announce: bool = False,
    late_reason: str = "",
    by: User,
) -> Activity:
    officials = officials or {}
    activity = Activity.objects.create(
        county_id=station.county_id,
        station=station,
        kind=kind,
        title=title,
        starts_at=starts_at,
        description=description,
        **{f: officials.get(f, "") for f in OFFICIAL_FIELDS},
    )
    activity.deputies.set(deputies)
    if announce:
        activity_announce(activity=activity, late_reason=late_reason, by=by)
    return activity


@transaction.atomic
def activity_announce(*, activity: Activity, late_reason: str = "", by: User) -> Activity:
    """Publish the activity on the public calendar, at least five days ahead or with a reason."""
    _check_status(activity, Activity.Status.DRAFT)
    now = timezone.localtime()
    rules.check_announcement(
        announced_at=now, starts_at=timezone.localtime(activity.starts_at), late_reason=late_reason
    )
    activity.status = Activity.Status.ANNOUNCED
    activity.announced_at = now
    activity.late_reason = late_reason
    activity.save(update_fields=["status", "announced_at", "late_reason"])
    return activity


@transaction.atomic
def activity_record_outcome(
    *,
    activity: Activity,
    participants: int,
    questions_answered: int,
    disputes_mediated: int,
    outcome: str = "",
    by: User,
) -> Activity:
    _check_status(activity, *Activity.OUTCOME_OPEN)
    if activity.starts_at > timezone.now():
        raise ValidationError(_("活动尚未开始，不能登记成效。"))
    if min(participants, questions_answered, disputes_mediated) < 0:
        raise ValidationError(_("人数和件数不能为负数。"))
    activity.participants = participants
    activity.questions_answered = questions_answered
    activity.disputes_mediated = disputes_mediated
    activity.outcome = outcome
    activity.status = Activity.Status.HELD
    activity.save(
        update_fields=[
            "participants",
            "questions_answered",
            "disputes_mediated",
            "outcome",
            "status",
        ]
    )
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by: User) -> Activity:
    _check_status(activity, *Activity.CANCELLABLE)
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def station_post_publish(
    *, station: Station, title: str, body: str = "", is_public: bool = False, by: User
) -> StationPost:
    return StationPost.objects.create(
        station=station,
        title=title,
        body=body,
        is_public=is_public,
        published_on=timezone.localdate(),
    )


@transaction.atomic
def station_post_set_public(*, post: StationPost, is_public: bool, by: User) -> StationPost:
    post.is_public = is_public
    post.save(update_fields=["is_public"])
    return post


@transaction.atomic
def station_set_public(*, station: Station, is_public: bool, by: User) -> Station:
    """Put a station online (its public page, QR code and opinion form) or take it off."""
    if is_public and not station.is_active:
        raise ValidationError(_("已停用的联络站不能公开上线。"))
    station.is_public = is_public
    station.save(update_fields=["is_public"])
    return station


# --- Campaigns and partner deputies -----------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    county: Jurisdiction,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    by: User,
) -> Campaign:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})
    if Campaign.objects.filter(county=county, name=name).exists():
        raise ValidationError({"name": _("本县市区已有同名的专项活动。")})
    return Campaign.objects.create(
        county=county, name=name, starts_on=starts_on, ends_on=ends_on, description=description
    )


def _check_campaign(campaign: Campaign | None, county_id: int) -> None:
    if campaign is not None and campaign.county_id != county_id:
        raise ValidationError({"campaign": _("只能归入本县市区的专项活动。")})


@transaction.atomic
def opinion_tag(*, opinion: Opinion, campaign: Campaign | None, by: User) -> Opinion:
    _check_campaign(campaign, opinion.county_id)
    opinion.campaign = campaign
    opinion.save(update_fields=["campaign"])
    return opinion


@transaction.atomic
def activity_tag(*, activity: Activity, campaign: Campaign | None, by: User) -> Activity:
    _check_campaign(campaign, activity.county_id)
    activity.campaign = campaign
    activity.save(update_fields=["campaign"])
    return activity


@transaction.atomic
def partner_deputy_add(
    *, station: Station, name: str, region: str, title: str = "", by: User
) -> PartnerDeputy:
    """Record a partner region's deputy at an inter-provincial station, without an account."""
    if station.kind != Station.Kind.INTER_PROVINCIAL:
        raise ValidationError(_("只有省际联络站可以登记省外代表。"))
    if PartnerDeputy.objects.filter(station=station, name=name).exists():
        raise ValidationError({"name": _("本站已登记这位省外代表。")})
    return PartnerDeputy.objects.create(station=station, name=name, region=region, title=title)


@transaction.atomic
def activity_set_partners(
    *, activity: Activity, partners: Iterable[PartnerDeputy], by: User
) -> Activity:
    """The partner region's deputies who joined the activity, which makes it a joint one."""
    partners = list(partners)
    if any(p.station_id != activity.station_id for p in partners):
        raise ValidationError({"partners": _("只能选择本站登记的省外代表。")})
    activity.partner_deputies.set(partners)
    return activity


@transaction.atomic
def contact_visit_record(
    *,
    county: Jurisdiction,
    kind: str,
    visitor: str,
    visited: str,
    visited_on: date,
    deputy: Deputy | None = None,
    notes: str = "",
    by: User,
) -> ContactVisit:
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("走访日期不能晚于今天。")})
    if deputy is not None and deputy.county_id != county.pk:
        raise ValidationError({"deputy": _("代表不属于本县市区。")})
    return ContactVisit.objects.create(
        county=county,
        kind=kind,
        visitor=visitor,
        visited=visited,
        deputy=deputy,
        visited_on=visited_on,
        notes=notes,
    )


# --- Photos of stations and deputies --------------------------------------------------------------

_Pictured = TypeVar("_Pictured", Station, Deputy)


def _delete_file_after_commit(name: str | None) -> None:
    # Deleted only once the new state is committed: a rollback leaves the old photo in place.
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _photo_store(record: _Pictured, upload: IO[bytes], size: int) -> _Pictured:
    jpeg = photos.shrink_to_jpeg(upload, size)
    old = record.photo.name
    # `upload_to` gives the stored name; the storage may be object storage, never a local path.
    record.photo.save("photo.jpg", ContentFile(jpeg), save=False)
    record.save(update_fields=["photo"])
    _delete_file_after_commit(old)
    return record


def _photo_remove(record: _Pictured) -> _Pictured:
    if not record.photo:
        raise ValidationError(_("没有可删除的照片。"))
    old = record.photo.name
    record.photo = ""
    record.save(update_fields=["photo"])
    _delete_file_after_commit(old)
    return record


@transaction.atomic
def station_photo_set(*, station: Station, upload: IO[bytes], size: int, by: User) -> Station:
    """The station's photo, checked and redrawn (see photos.py), in place of any earlier one."""
    return _photo_store(station, upload, size)


@transaction.atomic
def station_photo_remove(*, station: Station, by: User) -> Station:
    return _photo_remove(station)


@transaction.atomic
def deputy_photo_set(
    *, deputy: Deputy, public: bool, upload: IO[bytes] | None = None, size: int = 0, by: User
) -> Deputy:
    """A new photo of the deputy when one is uploaded, and whether the county publishes it."""
    if upload is not None:
        deputy = _photo_store(deputy, upload, size)
    return deputy_photo_publish(deputy=deputy, public=public, by=by)


@transaction.atomic
def deputy_photo_remove(*, deputy: Deputy, by: User) -> Deputy:
    """Removing the photo also withdraws the publication, so a later upload is not shown unasked."""
    deputy = _photo_remove(deputy)
    deputy.photo_public = False
    deputy.save(update_fields=["photo_public"])
    return deputy


@transaction.atomic
def deputy_photo_publish(*, deputy: Deputy, public: bool, by: User) -> Deputy:
    """Whether the county publishes the deputy's photo on the public station pages."""
    if public and not deputy.photo:
        raise ValidationError({"photo_public": _("请先上传照片，再选择公开。")})
    deputy.photo_public = public
    deputy.save(update_fields=["photo_public"])
    return deputy


# --- Imports of the station list and the deputy roster ---------------------------------------------

Outcome = Literal["created", "updated", "unchanged"]
_Imported = TypeVar("_Imported", Station, Deputy)


def _import_record(
    model: type[_Imported], lookup: dict[str, Any], fields: dict[str, Any]
) -> tuple[_Imported, Outcome]:
    """Create the record found by its natural key `lookup`, or bring it up to `fields`."""
    record = model._default_manager.select_for_update().filter(**lookup).first()
    if record is None:
        return model._default_manager.create(**lookup, **fields), "created"
    if all(getattr(record, key) == value for key, value in fields.items()):
        return record, "unchanged"
    for key, value in fields.items():
        setattr(record, key, value)
    record.save(update_fields=list(fields))
    return record, "updated"


@transaction.atomic
def station_import(*, county: Jurisdiction, name: str, fields: dict[str, Any], by: User) -> Outcome:
    """A row of the station list: the station is (county, name); the importer checked that `by`
    may import into `county`."""
    return _import_record(Station, {"county": county, "name": name}, fields)[1]


@transaction.atomic
def deputy_import(
    *,
    county: Jurisdiction,
    name: str,
    phone: str,
    fields: dict[str, Any],
    station: Station | None,
    station_role: str,
    by: User,
) -> Outcome:
    """A row of the roster: the deputy is (county, name, mobile number), and joins `station` in
    `station_role` when one is named."""
    deputy, outcome = _import_record(
        Deputy, {"county": county, "name": name, "phone": phone}, fields
    )
    if station is None:
        return outcome
    membership, created = StationMembership.objects.get_or_create(
        station=station, deputy=deputy, defaults={"role": station_role}
    )
    if not created and membership.role != station_role:
        membership.role = station_role
        membership.save(update_fields=["role"])
        return "updated" if outcome == "unchanged" else outcome
    if created and outcome == "unchanged":
        return "updated"
    return outcome
