import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from notifications import services
from notifications.models import Delivery, Notification, Preference, ReminderPolicy


def titles(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_each_stage_is_sent_once_on_its_day(deadline_source, liaison_a, staff_a):
    for day in range(20, 33):  # 20 March .. 1 April, twice each day
        today = dt.date(2026, 3, day) if day <= 31 else dt.date(2026, 4, 1)
        services.reminders_send(today=today)
        services.reminders_send(today=today)
    assert titles(liaison_a) == sorted(
        [
            "【7天后到期】代表建议 2026-001 答复",
            "【1天后到期】代表建议 2026-001 答复",
            "【今日到期】代表建议 2026-001 答复",
            "【已逾期】代表建议 2026-001 答复",
        ]
    )
    # Staff hear of it only once it is overdue.
    assert titles(staff_a) == ["【已逾期】代表建议 2026-001 答复"]


def test_county_offsets_apply(deadline_source, liaison_a, world):
    ReminderPolicy.objects.create(jurisdiction=world.county_a, offsets="14,3")
    services.reminders_send(today=dt.date(2026, 3, 17))
    assert titles(liaison_a) == ["【14天后到期】代表建议 2026-001 答复"]


def test_reminders_stop_when_the_item_is_done(deadline_source, liaison_a):
    deadline_source.clear()  # the source no longer yields it: the reply came in
    services.reminders_send(today=dt.date(2026, 3, 31))
    assert titles(liaison_a) == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_reminder_once(deadline_source, liaison_a):
    """Runs released together by a barrier claim each reminder once (the unique key decides).

    Real concurrency needs PostgreSQL: the test database of the SQLite default is shared-cache
    in-memory, which answers concurrent writers with "table is locked" instead of waiting, so
    there the runs take turns, which still proves a second run sends nothing.
    """
    if connection.vendor == "postgresql":
        _run_together(8, lambda: services.reminders_send(today=dt.date(2026, 3, 31)))
    else:
        for _ in range(3):
            services.reminders_send(today=dt.date(2026, 3, 31))
    assert titles(liaison_a) == ["【今日到期】代表建议 2026-001 答复"]


def _run_together(count, func):
    from django.db import connections

    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            func()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_email_is_sent_once_when_chosen(
    deadline_source, liaison_a, django_capture_on_commit_callbacks, eager_tasks
):
    liaison_a.email = "wangqiang@example.gov.cn"
    liaison_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(today=dt.date(2026, 3, 31))
        services.reminders_send(today=dt.date(2026, 3, 31))
    assert [m.subject for m in mail.outbox] == ["【今日到期】代表建议 2026-001 答复"]
    assert mail.outbox[0].to == ["wangqiang@example.gov.cn"]
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_digest_users_get_one_mail_a_day(
    deadline_source, liaison_a, staff_a, django_capture_on_commit_callbacks
):
    staff_a.email = "zhangmin@example.gov.cn"
    staff_a.save()
    Preference.objects.create(user=staff_a, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(today=dt.date(2026, 4, 1))
    assert mail.outbox == []  # no single message for digest users
    assert services.digests_send() == 1
    assert services.digests_send() == 0  # already digested
    assert len(mail.outbox) == 1 and "已逾期" in mail.outbox[0].body


class FlakyBackend:
    """An SMTP server that refuses the first `failures` messages."""

    failures = 0
    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise OSError("SMTP connection refused")
        FlakyBackend.sent.extend(messages)
        return len(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_reminders.FlakyBackend"
    FlakyBackend.sent = []
    return FlakyBackend


def _delivery(liaison_a):
    liaison_a.email = "wangqiang@example.gov.cn"
    liaison_a.save()
    notification = services.notify(recipient=liaison_a, key="k1", title="提醒", url="/")
    return notification.deliveries.get()


def test_smtp_failure_is_retried_with_backoff_then_sent_once(liaison_a, flaky_smtp, world):
    flaky_smtp.failures = 2
    delivery = _delivery(liaison_a)
    start = dt.datetime(2026, 3, 31, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        assert services.delivery_attempt(delivery_id=delivery.pk) == Delivery.Status.PENDING
        assert services.deliveries_due() == []  # backing off
        traveller.shift(dt.timedelta(minutes=1))
        assert services.deliveries_due() == [delivery.pk]
        assert services.delivery_attempt(delivery_id=delivery.pk) == Delivery.Status.PENDING
        traveller.shift(dt.timedelta(minutes=2))
        assert services.delivery_attempt(delivery_id=delivery.pk) == Delivery.Status.SENT
        assert services.delivery_attempt(delivery_id=delivery.pk) is None  # never twice
    assert len(flaky_smtp.sent) == 1


def test_a_delivery_that_keeps_failing_is_shown_to_admins(
    liaison_a,
    flaky_smtp,
    client_for,
    admin_user,
    outsider,
    django_capture_on_commit_callbacks,
    eager_tasks,
):
    flaky_smtp.failures = 99
    delivery = _delivery(liaison_a)
    now = dt.datetime(2026, 3, 31, 1, 0, tzinfo=dt.UTC)
    for _ in range(services.MAX_ATTEMPTS):
        services.delivery_attempt(delivery_id=delivery.pk, now=now)
        now += dt.timedelta(hours=2)
    delivery.refresh_from_db()
    assert (
        delivery.status == Delivery.Status.FAILED
        and "SMTP connection refused" in delivery.last_error
    )
    body = client_for(admin_user).get(reverse("notifications:failed")).content.decode()
    assert "SMTP connection refused" in body
    # Staff of county B are not admins; a county B admin would not see county A's recipients.
    assert client_for(outsider).get(reverse("notifications:failed")).status_code == 403
    flaky_smtp.failures = 0
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:resend", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and len(flaky_smtp.sent) == 1


@pytest.mark.django_db(transaction=True)
def test_the_periodic_task_on_a_worker_sends_once_however_often_it_runs(
    deadline_source, liaison_a, celery_runner
):
    """Through Celery (a real worker on Redis in CI's PostgreSQL run): the beat task delivered
    twice, as after a redelivery, leaves one reminder per stage and recipient."""
    from notifications.tasks import send_reminders

    with time_machine.travel(dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC), tick=True):
        first = send_reminders.delay()
        second = send_reminders.delay()
        assert sorted([first.get(timeout=20), second.get(timeout=20)]) == [0, 1]
    assert titles(liaison_a) == ["【今日到期】代表建议 2026-001 答复"]
