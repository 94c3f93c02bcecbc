import datetime as dt

import time_machine
from django.utils import timezone

from notifications import services as notification_services
from notifications.models import Notification
from polls import services
from polls.models import Ballot, Poll
from polls.tasks import close_due_polls

from .conftest import subject_ids


def test_open_polls_close_at_their_closing_time_once(open_poll, deputy_a):
    closes_at = timezone.now() + dt.timedelta(hours=1)
    open_poll.closes_at = closes_at
    open_poll.save(update_fields=["closes_at"])
    ids = subject_ids(open_poll)
    services.ballot_cast(poll=open_poll, voter=deputy_a, marks={ids[0]: "S", ids[1]: "B"})
    assert close_due_polls() == 0  # not yet
    with time_machine.travel(closes_at + dt.timedelta(minutes=5), tick=False):
        assert close_due_polls() == 1
        assert close_due_polls() == 0  # the next beat run finds nothing to do
    open_poll.refresh_from_db()
    assert open_poll.status == Poll.Status.CLOSED
    assert Ballot.objects.filter(poll=open_poll).count() == 1  # unsealed, not lost


def test_non_voters_are_reminded_and_voters_are_not(open_poll, deputy_a):
    open_poll.closes_at = timezone.now() + dt.timedelta(days=1)
    open_poll.save(update_fields=["closes_at"])
    ids = subject_ids(open_poll)
    services.ballot_cast(poll=open_poll, voter=deputy_a, marks={ids[0]: "S", ids[1]: None})
    created = notification_services.reminders_send(today=timezone.localdate())
    reminded = set(Notification.objects.values_list("recipient__username", flat=True))
    assert created == 4 and "deputy_a" not in reminded
    note = Notification.objects.first()
    assert note.url == f"/polls/{open_poll.pk}/vote/" and "2024年度部门工作满意度测评" in note.title
