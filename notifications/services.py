"""Writes for notifications: claim-once creation, event notices, delivery attempts with backoff,
digests.

Every path here is safe to run twice at the same time. A reminder or a notice is claimed by
inserting its unique key; a delivery is claimed by a conditional UPDATE from "pending"; a digest claims its
notifications by stamping them. Whoever loses the race does nothing.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core import outbox

from . import recipients, rules, selectors, sms
from .models import Delivery, Notification, Preference, ReminderPolicy
from .registry import Due, sources

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A delivery left "sending" this long belonged to a worker that died mid-send. It is not resent
# (it may have gone out); it is marked failed so an admin can check and resend by hand.
SENDING_TIMEOUT = dt.timedelta(minutes=10)

STAGE_LABELS = {rules.DUE: "今日到期", rules.OVERDUE: "已逾期"}


def notify(
    *, recipient: User, key: str, title: str, body: str = "", url: str = ""
) -> Notification | None:
    """Put a message in the recipient's inbox and queue its outside deliveries, once per key."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, key=key, title=title[:200], body=body, url=url
            )
            for channel in _channels_for(recipient):
                delivery = Delivery.objects.create(notification=notification, channel=channel)
                _enqueue_delivery(delivery.pk)
    except IntegrityError:
        return None  # already sent under this key
    return notification


def notice_send(
    *,
    event: str,
    about: int | str,
    title: str,
    params: Mapping[str, Any] | None = None,
    body: str = "",
    url: str = "",
    users: Iterable[User | None] = (),
    units: Iterable[Any] = (),
    by: User | None = None,
) -> None:
    """Tell people of an event once the current transaction commits, each of them once.

    Domain services call this right after their write; a write that is rolled back tells nobody.
    `users`, and the active liaisons of `units`, are read at commit, so a queryset sees the
    committed state. `title` and `body` are `gettext_noop` templates filled with `params` in the
    portal's language, whatever language the actor's page is in. The actor `by` is left out:
    they have just done it on their own screen. The key (`rules.notice_key`) makes a retried or
    repeated call send nothing new.
    """
    send = partial(
        _notice_send, event, about, title, body, dict(params or {}), url, users, tuple(units), by
    )
    # Robust: the write has committed by then; a failed notice is logged, not turned into an error
    # page for a change that was saved.
    transaction.on_commit(send, robust=True)


def _notice_send(
    event: str,
    about: int | str,
    title: str,
    body: str,
    params: dict[str, Any],
    url: str,
    users: Iterable[User | None],
    units: tuple[Any, ...],
    by: User | None,
) -> int:
    people = {user.pk: user for user in users if user is not None}
    people.update((user.pk, user) for user in recipients.unit_liaisons(units))
    if by is not None:
        people.pop(by.pk, None)
    with translation.override(settings.LANGUAGE_CODE):
        title = _(title) % params
        body = _(body) % params if body else ""
    sent = 0
    with transaction.atomic():
        for user in people.values():
            key = rules.notice_key(event, about, user.pk)
            if user.is_active and notify(recipient=user, key=key, title=title, body=body, url=url):
                sent += 1
    return sent


def _channels_for(user: User) -> list[str]:
    preference = selectors.preference_of(user=user)
    channels: list[str] = []
    if preference.email and user.email and not preference.daily_digest:
        channels.append(Delivery.Channel.EMAIL)
    if preference.sms and user.phone:
        channels.append(Delivery.Channel.SMS)
    return channels


def _enqueue_delivery(delivery_id: int) -> None:
    from .tasks import deliver

    # Through the outbox: with the broker down the delivery is sent when it returns, not lost.
    outbox.enqueue(deliver, delivery_id)


def reminders_send(*, today: dt.date | None = None) -> int:
    """Ask every source what is due and send the reminders not sent yet; returns how many."""
    # Stored titles are in the portal's language, whatever language the caller happens to use.
    with translation.override(settings.LANGUAGE_CODE):
        return _reminders_send(today or timezone.localdate())


def _reminders_send(today: dt.date) -> int:
    offsets_by_jurisdiction: dict[int | None, tuple[int, ...]] = {
        policy.jurisdiction_id: policy.offset_days for policy in ReminderPolicy.objects.all()
    }
    created = 0
    for name, source in sources.items():
        for due in source(today):
            offsets = offsets_by_jurisdiction.get(due.jurisdiction_id, rules.DEFAULT_OFFSETS)
            stage = rules.reminder_stage(due.deadline, today, offsets)
            if stage is None:
                continue
            created += _remind(name, due, stage, today)
    return created


def _remind(name: str, due: Due, stage: str, today: dt.date) -> int:
    recipients = list(due.recipients)
    if stage == rules.OVERDUE:
        recipients += [user for user in due.escalate_to if user not in recipients]
    label = STAGE_LABELS.get(stage) or _("%(days)s天后到期") % {"days": (due.deadline - today).days}
    title = f"【{label}】{due.title}"
    body = _("截止日期：%(date)s") % {"date": due.deadline.isoformat()}
    created = 0
    for user in recipients:
        if not user.is_active:
            continue
        key = rules.reminder_key(name, due.object_id, stage, user.pk)
        if notify(recipient=user, key=key, title=title, body=body, url=due.url):
            created += 1
    return created


def delivery_attempt(*, delivery_id: int, now: dt.datetime | None = None) -> str | None:
    """Try to send one delivery; returns its new status, or None when someone else has it."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        pk=delivery_id,
        status=Delivery.Status.PENDING,
    ).update(status=Delivery.Status.SENDING, claimed_at=now)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    try:
        _send(delivery)
    except Exception as exc:  # any transport error: count it and back off
        attempts = delivery.attempts + 1
        failed = attempts >= MAX_ATTEMPTS
        logger.warning("delivery %s attempt %s failed: %s", delivery_id, attempts, exc)
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED if failed else Delivery.Status.PENDING,
            attempts=attempts,
            next_attempt_at=None if failed else now + rules.retry_delay(attempts),
            last_error=f"{exc.__class__.__name__}: {exc}"[:1000],
        )
        return Delivery.Status.FAILED if failed else Delivery.Status.PENDING
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT,
        attempts=delivery.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return Delivery.Status.SENT


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    user = notification.recipient
    if delivery.channel == Delivery.Channel.EMAIL:
        body = notification.body
        if notification.url:
            body += "\n\n" + settings.PORTAL_BASE_URL.rstrip("/") + notification.url
        send_mail(notification.title, body, None, [user.email], fail_silently=False)
    else:
        sms.get_backend().send(user.phone, notification.title)


# A delivery never attempted this long after it was queued lost its message (the process died
# between commit and publish, or Redis restarted without its data); the retry sends it again, as
# jobs_reap does for jobs. Long enough that a delivery still waiting in a busy queue is left alone.
LOST_AFTER = dt.timedelta(minutes=10)


def deliveries_due(*, now: dt.datetime | None = None) -> list[int]:
    """Pending deliveries whose retry time has come, or whose first message was lost; stale
    "sending" ones are given up."""
    now = now or timezone.now()
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=now - SENDING_TIMEOUT
    ).update(
        status=Delivery.Status.FAILED, last_error=_("发送过程中断，可能已发出，请核实后手动重发。")
    )
    lost = Q(next_attempt_at__isnull=True, notification__created_at__lt=now - LOST_AFTER)
    return list(
        Delivery.objects.filter(
            Q(next_attempt_at__lte=now) | lost, status=Delivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def delivery_resend(*, delivery: Delivery, by: User) -> None:
    """An admin sends a failed delivery again, after checking it did not go out."""
    updated = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, next_attempt_at=None, attempts=0
    )
    if updated:
        _enqueue_delivery(delivery.pk)


def digests_send(*, now: dt.datetime | None = None) -> int:
    """One email per digest user with their unread, not yet digested notifications."""
    now = now or timezone.now()
    sent = 0
    users = Preference.objects.filter(daily_digest=True, email=True).select_related("user")
    for preference in users:
        user = preference.user
        if not user.email or not user.is_active:
            continue
        pending = Notification.objects.filter(
            recipient=user, read_at__isnull=True, digested_at__isnull=True
        )
        # Stamping is the claim: a concurrent run stamps other rows or none, never the same ones.
        if not pending.update(digested_at=now):
            continue
        items = list(
            Notification.objects.filter(recipient=user, digested_at=now).order_by("created_at")
        )
        lines = [f"· {n.title}（{n.body}）" for n in items]
        send_mail(
            _("人大监督工作平台 每日提醒汇总（%(n)s条）") % {"n": len(items)},
            "\n".join(lines),
            None,
            [user.email],
        )
        sent += 1
    return sent


def preference_set(*, user: User, email: bool, sms: bool, daily_digest: bool) -> Preference:
    """Set how `user` is told besides the inbox (the form checked they have the address)."""
    preference, _created = Preference.objects.update_or_create(
        user=user, defaults={"email": email, "sms": sms, "daily_digest": daily_digest}
    )
    return preference


def notifications_mark_read(*, user: User, notification: Notification | None = None) -> int:
    queryset = Notification.objects.visible_to(user).unread()
    if notification is not None:
        queryset = queryset.filter(pk=notification.pk)
    return queryset.update(read_at=timezone.now())
