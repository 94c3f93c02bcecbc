"""A delivery whose first message never reached a worker is still sent, by the periodic retry.

The message is lost when the process dies between the commit and the publish, or when Redis
restarts without its data after taking it; either way the database holds a pending delivery that
no attempt ever touched (next_attempt_at is empty), and nothing else would ever send it.
"""

import datetime as dt

import time_machine
from django.core import mail
from django.utils import timezone

from notifications import services
from notifications.models import Delivery
from notifications.tasks import retry_deliveries


def test_a_delivery_whose_first_message_was_lost_is_sent_by_the_retry(
    liaison_a, world, django_capture_on_commit_callbacks, eager_tasks
):
    liaison_a.email = "wangqiang@example.gov.cn"
    liaison_a.save()
    # The commit happens, the on-commit publish never does: the process died in between.
    with django_capture_on_commit_callbacks(execute=False):
        notification = services.notify(recipient=liaison_a, key="lost", title="提醒", url="/")
    delivery = notification.deliveries.get()
    assert delivery.next_attempt_at is None and delivery.status == Delivery.Status.PENDING
    # A fresh delivery is left to its own message, not sent a second one every minute.
    assert services.deliveries_due() == []
    later = timezone.now() + services.LOST_AFTER + dt.timedelta(seconds=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_due() == [delivery.pk]
        assert retry_deliveries() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert [message.subject for message in mail.outbox] == ["提醒"]
