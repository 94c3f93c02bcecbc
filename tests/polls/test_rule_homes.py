"""One home per polls rule: each rule's edge cases built once, and every consumer agrees.

- The scale of a poll (an approval vote always marks 赞成; a rating poll needs satisfaction or
  grades): `rules.poll_scale`, the create form, the create service and the edit service.
- What may be edited when (everything in draft, only the later settings once voting started,
  nothing once published): `rules.settings_change_error`, the edit form, the edit service under
  the poll's lock, and the edit page.
- What an "open" poll is: `Poll.objects.open()`, the home page's count, the reminders and the beat.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from polls import rules, selectors, services
from polls.forms import PollForm
from polls.models import Poll
from polls.reminders import open_polls_not_yet_voted
from polls.rules import PollStateError
from polls.tasks import close_due_polls

SCALE_NEEDED = "测评请选择满意度或等次。"

# (kind, scale chosen) → the scale the poll gets, or None when the choice is refused.
SCALE_CASES = [
    ("approval", "", "approval"),
    ("approval", "satisfaction", "approval"),
    ("approval", "grade", "approval"),
    ("rating", "satisfaction", "satisfaction"),
    ("rating", "grade", "grade"),
    ("rating", "", None),
    ("rating", "approval", None),
]


def _form_data(world, kind, scale, **extra):
    return {
        "title": "规则测评",
        "jurisdiction": world.county_a.pk,
        "kind": kind,
        "scale": scale,
        "max_choices": 1,
        "verdict_basis": "entitled",
        "verdict_threshold": 50,
        **extra,
    }


def _form_outcome(form):
    if form.is_valid():
        return form.cleaned_data["scale"]
    assert SCALE_NEEDED in form.errors.get("scale", []), form.errors
    return None


def _service_outcome(action):
    try:
        return action().scale
    except ValidationError as error:
        assert error.message_dict == {"scale": [SCALE_NEEDED]}
        return None


@pytest.mark.parametrize(("kind", "scale", "expected"), SCALE_CASES)
def test_every_consumer_gives_a_poll_the_same_scale(world, staff_a, kind, scale, expected):
    assert rules.poll_scale(kind=kind, scale=scale) == expected
    form = PollForm(_form_data(world, kind, scale), user=staff_a)
    assert _form_outcome(form) == expected
    fields = {"title": "规则测评", "kind": kind, "scale": scale}
    created = _service_outcome(
        lambda: services.poll_create(by=staff_a, jurisdiction=world.county_a, **fields)
    )
    assert created == expected
    draft = services.poll_create(
        by=staff_a, jurisdiction=world.county_a, title="草稿", kind="rating", scale="grade"
    )
    edited = _service_outcome(
        lambda: services.poll_update(poll=draft, changes={"kind": kind, "scale": scale}, by=staff_a)
    )
    assert edited == expected
    assert Poll.objects.filter(title="规则测评").count() == (1 if expected else 0)
    if expected is None:
        assert Poll.objects.get(pk=draft.pk).scale == "grade"


# --- What may be edited when --------------------------------------------------------------------

ALL_FIELDS = ["title", "kind", "scale", "max_choices", "closes_at", "tellers"]
LATER = ["title", "description", "closes_at", "tellers"]


@pytest.mark.parametrize(
    ("status", "fields", "allowed"),
    [
        ("draft", ALL_FIELDS, True),
        ("open", LATER, True),
        ("closed", LATER, True),
        ("open", ALL_FIELDS, False),
        ("closed", ["kind"], False),
        ("published", LATER, False),
        ("published", [], False),
    ],
)
def test_the_edit_rule(status, fields, allowed):
    assert (rules.settings_change_error(status=status, fields=fields) is None) is allowed


def test_the_edit_form_offers_exactly_what_the_rule_allows(world, staff_a, open_poll):
    assert set(PollForm(instance=open_poll, user=staff_a).fields) == set(rules.LATER_FIELDS)
    draft = services.poll_create(
        by=staff_a, jurisdiction=world.county_a, title="草稿", kind="rating", scale="grade"
    )
    fields = set(PollForm(instance=draft, user=staff_a).fields)
    assert rules.settings_change_error(status="draft", fields=fields) is None
    assert rules.settings_change_error(status="open", fields=fields) is not None


def _stored(poll):
    poll = Poll.objects.get(pk=poll.pk)
    return (
        poll.title,
        poll.kind,
        poll.scale,
        poll.max_choices,
        sorted(poll.tellers.values_list("pk", flat=True)),
        poll.history.count(),
    )


def test_an_edit_of_a_poll_opened_meanwhile_is_refused_in_chinese_and_saves_nothing(
    world, staff_a, draft_poll
):
    """The form was filled in while the poll was a draft; by the time it is saved the poll has
    opened. The service checks the status under the poll's lock and refuses the whole edit."""
    form = PollForm(
        _form_data(world, "approval", "", title="改名", max_choices=2),
        instance=Poll.objects.get(pk=draft_poll.pk),
        user=staff_a,
    )
    assert form.is_valid(), form.errors
    services.poll_open(poll=draft_poll, by=staff_a)
    before = _stored(draft_poll)
    with pytest.raises(PollStateError) as refused:
        services.poll_update(poll=form.instance, changes=form.cleaned_data, by=staff_a)
    assert str(refused.value) == (
        "投票已经开始，只能修改名称、说明、截止时间和计票人，请刷新页面后重试。"
    )
    assert _stored(draft_poll) == before


def test_an_edit_of_a_published_poll_is_refused_in_chinese_and_saves_nothing(staff_a, open_poll):
    services.poll_close(poll=open_poll, by=staff_a)
    services.poll_publish(poll=open_poll, by=staff_a)
    before = _stored(open_poll)
    with pytest.raises(PollStateError, match="结果公布后不能再修改设置"):
        services.poll_update(poll=open_poll, changes={"title": "改名", "tellers": []}, by=staff_a)
    assert _stored(open_poll) == before


def test_the_edit_page_shows_the_refusal_and_keeps_what_was_typed(
    client_for, world, staff_a, draft_poll, monkeypatch
):
    """The page hands the service a poll that opened after the form was validated."""
    real_update = services.poll_update
    opened = []

    def opened_meanwhile(**kwargs):
        services.poll_open(poll=Poll.objects.get(pk=draft_poll.pk), by=staff_a)
        opened.append(_stored(draft_poll))
        return real_update(**kwargs)

    monkeypatch.setattr(services, "poll_update", opened_meanwhile)
    data = _form_data(world, "rating", "grade", title="改了名的测评")
    response = client_for(staff_a).post(reverse("polls:edit", args=[draft_poll.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "投票已经开始，只能修改名称" in page and "改了名的测评" in page
    assert _stored(draft_poll) == opened[0]


def test_the_edit_locks_the_polls_row(staff_a, draft_poll):
    with CaptureQueriesContext(connection) as queries:
        services.poll_update(poll=draft_poll, changes={"title": "加锁"}, by=staff_a)
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    assert Poll.objects.get(pk=draft_poll.pk).title == "加锁"


def test_an_open_polls_later_settings_still_change(staff_a, teller_b, open_poll):
    services.poll_update(
        poll=open_poll, changes={"title": "新名称", "tellers": [teller_b]}, by=staff_a
    )
    assert _stored(open_poll)[:5] == (open_poll.title, "rating", "satisfaction", 1, [teller_b.pk])
    assert open_poll.title == "新名称"


# --- What an open poll is -----------------------------------------------------------------------


def test_every_consumer_agrees_on_which_polls_are_open(world, staff_a, deputy_a, open_poll):
    """A draft, an open, a closed and a published poll of one electorate: only the open one is
    counted on the home page, listed for the deputy, reminded of, and closed by the beat."""
    soon = timezone.now() + dt.timedelta(hours=1)
    by_status = {"open": open_poll}
    for status in ["draft", "closed", "published"]:
        poll = services.poll_create(
            by=staff_a, jurisdiction=world.county_a, title=status, kind="rating", scale="grade"
        )
        services.subjects_add(poll=poll, labels=["甲"], by=staff_a)
        services.electorate_add(poll=poll, group_name="全体代表", voters=[deputy_a], by=staff_a)
        if status != "draft":
            services.poll_open(poll=poll, by=staff_a)
            services.poll_close(poll=poll, by=staff_a)
        if status == "published":
            services.poll_publish(poll=poll, by=staff_a)
        by_status[status] = poll
    Poll.objects.update(closes_at=soon)
    Poll.objects.filter(pk=by_status["draft"].pk).update(closes_at=None)

    open_pks = {open_poll.pk}
    assert set(Poll.objects.open().values_list("pk", flat=True)) == open_pks
    assert selectors.home_figures(user=staff_a)["running"] == len(open_pks)
    assert {p.pk for p in selectors.home_figures(user=deputy_a)["open_polls"]} == open_pks
    assert {p.pk for p in selectors.my_polls(user=deputy_a).open_polls} == open_pks
    today = timezone.localdate()
    assert {due.object_id for due in open_polls_not_yet_voted(today)} == open_pks
    Poll.objects.update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert close_due_polls() == len(open_pks)
