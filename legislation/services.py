"""Every write of the legislative contact points: the network of points, the consultations with
their articles and channels, and each suggestion from its receipt to the upper body's answer."""

import datetime as dt
import secrets
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import User
from core import throttle

from . import rules
from .models import (
    Article,
    Channel,
    CollectionPoint,
    Consultation,
    ContactPoint,
    Informant,
    Suggestion,
)

# Receipt numbers and check codes are read out over the phone: no 0/O, 1/I/L.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CHECK_CODE_LENGTH = 6
THROTTLE_PURPOSE = "legislation.suggestions"

M = TypeVar("M", bound=Model)


def _saved(record: M) -> M:
    record.full_clean()
    record.save()
    return record


def _updated(record: M, fields: dict[str, Any]) -> M:
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save(update_fields=list(fields))
    return record


# --- The network of points ---------------------------------------------------------------------


@transaction.atomic
def point_create(*, by: User, **fields: Any) -> ContactPoint:
    return _saved(ContactPoint(**fields))


@transaction.atomic
def point_update(*, point: ContactPoint, by: User, **fields: Any) -> ContactPoint:
    fields.pop("county", None)
    point = ContactPoint.objects.select_for_update().get(pk=point.pk)
    return _updated(point, fields)


@transaction.atomic
def collection_point_add(*, point: ContactPoint, by: User, **fields: Any) -> CollectionPoint:
    return _saved(CollectionPoint(point=point, **fields))


@transaction.atomic
def informant_add(*, point: ContactPoint, by: User, **fields: Any) -> Informant:
    place = fields.get("collection_point")
    if place is not None and place.point_id != point.pk:
        raise ValidationError({"collection_point": _("所选信息采集点不属于该联系点。")})
    return _saved(Informant(point=point, **fields))


# --- Consultations -----------------------------------------------------------------------------


@transaction.atomic
def consultation_create(*, by: User, **fields: Any) -> Consultation:
    return _saved(Consultation(created_by=by, **fields))


@transaction.atomic
def consultation_update(*, consultation: Consultation, by: User, **fields: Any) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if "point" in fields and fields["point"].county_id != consultation.point.county_id:
        raise ValidationError({"point": _("不能把征询移到其他县市区的联系点。")})
    return _updated(consultation, fields)


@transaction.atomic
def articles_import(*, consultation: Consultation, text: str, by: User) -> int:
    """Replace the draft's articles with those split from `text` (pasted or read from a .docx).

    Once a suggestion names an article the draft is fixed: replacing it would leave the
    suggestion pointing at words nobody can read any more.
    """
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.suggestions.filter(article__isnull=False).exists():
        raise ValidationError(_("已有针对具体条款的建议，不能再替换草案条文。"))
    draft = rules.split_articles(text)
    if not draft.articles:
        raise ValidationError(
            {"text": _("没有找到“第一条”开头的条文，请检查草案文本（每条应另起一行）。")}
        )
    consultation.articles.all().delete()
    Article.objects.bulk_create(
        Article(
            consultation=consultation,
            number=article.number,
            label=article.label[:16],
            chapter=article.chapter[:200],
            text=article.text,
        )
        for article in draft.articles
    )
    consultation.preamble = draft.preamble
    consultation.save(update_fields=["preamble"])
    return len(draft.articles)


@transaction.atomic
def channel_add(*, consultation: Consultation, by: User, **fields: Any) -> Channel:
    """A channel of the consultation; a symposium is recorded with its day, place and
    attendance, a text-message batch with its count."""
    channel = Channel(consultation=consultation, **fields)
    errors: dict[str, str] = {}
    if channel.kind == Channel.Kind.SYMPOSIUM:
        if channel.held_on is None:
            errors["held_on"] = _("请填写座谈会日期。")
        if not channel.place:
            errors["place"] = _("请填写座谈会地点。")
        if not channel.attendees:
            errors["attendees"] = _("请填写参加人数。")
    if channel.kind == Channel.Kind.SMS and not channel.messages_sent:
        errors["messages_sent"] = _("请填写发送的短信条数。")
    if errors:
        raise ValidationError(errors)
    return _saved(channel)


# --- Suggestions -------------------------------------------------------------------------------


def check_hash(number: str, code: str) -> str:
    return salted_hmac("legislation.receipt", f"{number}:{code.upper()}").hexdigest()


def _new_code(length: int) -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(length))


def _store(suggestion: Suggestion) -> tuple[Suggestion, str]:
    """Store under a fresh receipt number (retrying the rare collision); returns the check code,
    which only the author is shown."""
    article = suggestion.article
    if article is not None and article.consultation_id != suggestion.consultation_id:
        raise ValidationError({"article": _("所选条款不属于该草案。")})
    year = timezone.localdate().year
    for _attempt in range(5):
        code = _new_code(CHECK_CODE_LENGTH)
        suggestion.receipt_number = f"LF{year}-{_new_code(6)}"
        suggestion.check_hash = check_hash(suggestion.receipt_number, code)
        suggestion.full_clean(exclude=["receipt_number"])
        try:
            with transaction.atomic():
                suggestion.save()
            return suggestion, code
        except IntegrityError:
            if not Suggestion.objects.filter(receipt_number=suggestion.receipt_number).exists():
                raise
    raise RuntimeError("could not allocate a receipt number")


def _require_open(consultation: Consultation) -> None:
    if not consultation.is_open_on(timezone.localdate()):
        raise ValidationError(_("该草案的意见征询不在征询期内，不能再提交建议。"), code="closed")


@transaction.atomic
def public_suggestion_submit(
    *, consultation: Consultation, client_key: str, **fields: Any
) -> tuple[Suggestion, str]:
    """A suggestion from the public, kept from the public pages until staff have read it, and
    refused once the same client sent the hourly limit's worth (core/throttle.py)."""
    _require_open(consultation)
    now = timezone.now()
    throttle.serialize_client(client_key)
    recent = Suggestion.objects.filter(client_key=client_key, created_at__gte=now - throttle.WINDOW)
    if recent.count() >= rules.PUBLIC_SUGGESTIONS_PER_HOUR:
        raise ValidationError(
            _("提交过于频繁：每小时最多提交 %(n)d 条建议，请稍后再试。")
            % {"n": rules.PUBLIC_SUGGESTIONS_PER_HOUR},
            code="rate_limited",
        )
    result = _store(
        Suggestion(
            consultation=consultation,
            source=Suggestion.Source.PUBLIC,
            client_key=client_key,
            **fields,
        )
    )
    Suggestion.objects.filter(created_at__lt=now - throttle.WINDOW).exclude(client_key="").update(
        client_key=""
    )
    return result


@transaction.atomic
def deputy_suggestion_submit(
    *, consultation: Consultation, by: User, **fields: Any
) -> tuple[Suggestion, str]:
    """A deputy's own suggestion: signed in, so read as given."""
    _require_open(consultation)
    return _store(
        Suggestion(
            consultation=consultation,
            source=Suggestion.Source.DEPUTY,
            submitted_by=by,
            author_name=by.full_name or by.username,
            moderation=Suggestion.Moderation.ACCEPTED,
            **fields,
        )
    )


@transaction.atomic
def suggestion_record(
    *, consultation: Consultation, by: User, **fields: Any
) -> tuple[Suggestion, str]:
    """A suggestion heard at a symposium or brought in by an informant, entered by staff, also
    after the window: the symposium may have been its last day."""
    if fields.get("source") not in (Suggestion.Source.SYMPOSIUM, Suggestion.Source.INFORMANT):
        raise ValidationError({"source": _("请选择座谈会或信息员收集。")})
    channel = fields.get("channel")
    if channel is not None and channel.consultation_id != consultation.pk:
        raise ValidationError({"channel": _("所选征询渠道不属于该草案。")})
    return _store(
        Suggestion(
            consultation=consultation,
            submitted_by=by,
            moderation=Suggestion.Moderation.ACCEPTED,
            **fields,
        )
    )


def _locked(suggestion: Suggestion) -> Suggestion:
    locked: Suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    return locked


@transaction.atomic
def suggestion_moderate(
    *, suggestion: Suggestion, accept: bool, note: str = "", by: User
) -> Suggestion:
    """Staff read a public suggestion: accepted ones go on to the report; refused ones (abuse,
    advertising, off topic) need a reason, which the author reads on the receipt."""
    suggestion = _locked(suggestion)
    if suggestion.moderation != Suggestion.Moderation.PENDING:
        raise ValidationError(_("该建议已审核。"), code="moderated")
    if not accept and not note.strip():
        raise ValidationError({"moderation_note": _("不予受理须说明理由。")})
    if accept:
        return _updated(suggestion, {"moderation": Suggestion.Moderation.ACCEPTED})
    fields = {"moderation": Suggestion.Moderation.REJECTED, "moderation_note": note.strip()}
    return _updated(suggestion, fields)


def _require_kept_unsent(suggestion: Suggestion) -> None:
    if suggestion.moderation != Suggestion.Moderation.ACCEPTED:
        raise ValidationError(_("该建议尚未受理。"), code="not_accepted")
    if suggestion.merged_into_id:
        raise ValidationError(_("该建议已合并到其他建议。"), code="merged")
    if suggestion.sent_on:
        raise ValidationError(_("该建议已报送，不能再修改。"), code="sent")


@transaction.atomic
def suggestion_merge(*, suggestion: Suggestion, into: Suggestion, by: User) -> Suggestion:
    """Merge a duplicate into the suggestion kept: it is sent and answered as that one, and any
    already merged into the duplicate follow it."""
    suggestion, into = _locked(suggestion), _locked(into)
    if suggestion.pk == into.pk:
        raise ValidationError({"into": _("不能合并到自身。")})
    if suggestion.consultation_id != into.consultation_id:
        raise ValidationError({"into": _("只能合并同一草案的建议。")})
    _require_kept_unsent(suggestion)
    _require_kept_unsent(into)
    Suggestion.objects.filter(merged_into=suggestion).update(merged_into=into)
    return _updated(suggestion, {"merged_into": into})


@transaction.atomic
def suggestion_rewrite(
    *, suggestion: Suggestion, suggested_text: str, reason: str, by: User
) -> Suggestion:
    """The suggestion in legal language (修改建议) with its reason, as the report carries it."""
    suggestion = _locked(suggestion)
    _require_kept_unsent(suggestion)
    if not suggested_text.strip():
        raise ValidationError({"suggested_text": _("请填写规范表述的修改建议。")})
    fields = {"suggested_text": suggested_text.strip(), "reason": reason.strip()}
    return _updated(suggestion, fields)


@transaction.atomic
def report_send(*, consultation: Consultation, sent_on: dt.date, by: User) -> int:
    """Send the rewritten suggestions not sent yet to the upper body in one report; returns how
    many went. Suggestions not yet rewritten wait for the next report."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("报送日期不能晚于今天。")})
    if sent_on < consultation.opens_on:
        raise ValidationError({"sent_on": _("报送日期不能早于征询开始日期。")})
    ready = Suggestion.objects.filter(consultation=consultation).ready_to_send()
    count = ready.update(sent_on=sent_on)
    if not count:
        raise ValidationError(_("没有可报送的建议：请先受理并改写为规范表述。"), code="nothing")
    return int(count)


@transaction.atomic
def disposition_record(
    *,
    suggestion: Suggestion,
    disposition: str,
    note: str = "",
    answered_on: dt.date,
    by: User,
) -> Suggestion:
    """The upper body's answer to a suggestion sent; the suggestions merged into it share it."""
    suggestion = _locked(suggestion)
    if suggestion.sent_on is None:
        raise ValidationError(_("该建议尚未报送，不能登记采纳情况。"), code="not_sent")
    if disposition in rules.NEEDS_REASON and not note.strip():
        raise ValidationError({"note": _("未采纳的须填写理由，提出人将看到这一说明。")})
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("反馈日期不能晚于今天。")})
    if answered_on < suggestion.sent_on:
        raise ValidationError({"answered_on": _("反馈日期不能早于报送日期。")})
    fields = {
        "disposition": disposition,
        "disposition_note": note.strip(),
        "answered_on": answered_on,
    }
    return _updated(suggestion, fields)
