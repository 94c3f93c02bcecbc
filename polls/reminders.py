"""Open polls, for the reminder task: electors who have not voted are reminded before the poll
closes. Nothing about ballots is read; only "who has voted" decides who is reminded."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from notifications.registry import Due, due_source

from .models import Poll
from .selectors import electors_not_voted


@due_source("polls.not_voted")
def open_polls_not_yet_voted(today: dt.date):
    polls = Poll.objects.open().filter(closes_at__isnull=False).select_related("jurisdiction")
    for poll in polls:
        voters = tuple(elector.voter for elector in electors_not_voted(poll=poll))
        if not voters:
            continue
        yield Due(
            source="polls.not_voted",
            object_id=poll.pk,
            deadline=timezone.localtime(poll.closes_at).date(),
            title=f"请在截止前参加投票：{poll.title}",
            url=reverse("polls:vote", args=[poll.pk]),
            jurisdiction_id=(poll.jurisdiction.county or poll.jurisdiction).pk,
            recipients=voters,
        )
