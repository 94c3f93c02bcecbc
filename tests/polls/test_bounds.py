"""A poll's rules and a teller's counts stay within sane bounds, in the form and the database."""

import pytest
from django.db import IntegrityError, transaction

from polls.forms import PaperTallyForm, PollForm
from polls.models import Poll


def _poll_errors(user, **changes):
    data = {
        "title": "测评",
        "jurisdiction": user.jurisdiction_id,
        "kind": Poll.Kind.APPROVAL,
        "max_choices": 2,
        "verdict_basis": Poll.Basis.ENTITLED,
        "verdict_threshold": 50,
        **changes,
    }
    form = PollForm(data, user=user)
    form.is_valid()
    return form.errors


def test_threshold_and_choices_are_bounded(staff_a):
    assert _poll_errors(staff_a) == {}
    assert _poll_errors(staff_a, verdict_threshold=250)["verdict_threshold"] == [
        "成立比例应在 1 到 100 之间。"
    ]
    assert _poll_errors(staff_a, max_choices=0)["max_choices"] == ["应选名额至少为 1。"]
    errors = _poll_errors(staff_a, opens_at="2999-01-01T09:00")
    assert errors["opens_at"] == ["日期应在 2000 年至 2100 年之间。"]


def test_a_tally_of_a_hundred_million_ballots_is_refused(draft_poll):
    form = PaperTallyForm(
        {"group": draft_poll.groups.first().pk, "ballots": 99_999_999, "invalid_ballots": 0},
        poll=draft_poll,
        subjects=[],
        groups=draft_poll.groups.all(),
    )
    assert not form.is_valid()
    assert form.errors["ballots"] == ["数值过大，不能超过 100000。"]


def test_the_database_refuses_a_threshold_over_100(draft_poll):
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=draft_poll.pk).update(verdict_threshold=250)
