"""A poll's rules are fixed once it leaves draft, outside the services too: Poll.save refuses on
every database, and on PostgreSQL a trigger refuses queryset updates and raw SQL as well."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from accounts.models import Role
from polls import rules, services
from polls.models import Elector, Poll, Subject, VoterGroup
from tests.accounts.factories import UserFactory

RULE_CHANGES = [
    {"verdict_threshold": 10},
    {"verdict_basis": Poll.Basis.VALID},
    {"scale": Poll.Scale.GRADE},
    {"kind": Poll.Kind.APPROVAL, "scale": Poll.Scale.APPROVAL},
    {"max_choices": 2},
]
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"
)


@pytest.fixture
def published_poll(open_poll, staff_a):
    services.poll_close(poll=open_poll, by=staff_a)
    return services.poll_publish(poll=open_poll, by=staff_a)


def stored_rules(poll) -> dict:
    return Poll.objects.filter(pk=poll.pk).values(*Poll.RULE_FIELDS).get()


@pytest.mark.parametrize("change", RULE_CHANGES)
def test_saving_changed_rules_of_a_published_poll_is_refused(published_poll, change):
    before = stored_rules(published_poll)
    poll = Poll.objects.get(pk=published_poll.pk)
    for field, value in change.items():
        setattr(poll, field, value)
    with pytest.raises(ValidationError, match="投票开始后不能修改"):
        poll.full_clean()
    with pytest.raises(ValidationError, match="投票开始后不能修改"):
        poll.save()
    assert stored_rules(published_poll) == before


def test_an_open_poll_is_held_to_its_rules_too(open_poll):
    open_poll.verdict_threshold = 10
    with pytest.raises(ValidationError):
        open_poll.save()


def test_a_draft_may_change_its_rules(draft_poll):
    draft_poll.verdict_threshold = 66
    draft_poll.save()
    assert stored_rules(draft_poll)["verdict_threshold"] == 66


def test_other_fields_of_an_open_poll_stay_editable(open_poll):
    open_poll.title = "改名"
    open_poll.save()
    assert Poll.objects.get(pk=open_poll.pk).title == "改名"


def test_a_poll_cannot_go_back_to_draft_to_unfreeze_its_rules(published_poll):
    poll = Poll.objects.get(pk=published_poll.pk)
    poll.status = Poll.Status.DRAFT
    with pytest.raises(ValidationError, match="不能回退"):
        poll.save()
    assert Poll.objects.get(pk=published_poll.pk).status == Poll.Status.PUBLISHED


@pytest.mark.postgres
@needs_postgres
@pytest.mark.parametrize("change", RULE_CHANGES)
def test_the_database_refuses_a_queryset_update_of_a_published_polls_rules(published_poll, change):
    before = stored_rules(published_poll)
    with pytest.raises(IntegrityError, match="rules are fixed"), transaction.atomic():
        Poll.objects.filter(pk=published_poll.pk).update(**change)
    assert stored_rules(published_poll) == before


@pytest.mark.postgres
@needs_postgres
def test_the_database_refuses_a_step_back_and_allows_a_draft_to_change(published_poll, world):
    with pytest.raises(IntegrityError, match="one step"), transaction.atomic():
        Poll.objects.filter(pk=published_poll.pk).update(status=Poll.Status.DRAFT)
    with pytest.raises(IntegrityError, match="one step"), transaction.atomic():
        Poll.objects.filter(pk=published_poll.pk).update(status=Poll.Status.OPEN)
    draft = services.poll_create(
        by=published_poll.created_by,
        jurisdiction=world.county_a,
        title="草稿",
        kind="rating",
        scale="satisfaction",
    )
    Poll.objects.filter(pk=draft.pk).update(verdict_threshold=66, scale=Poll.Scale.GRADE)
    assert stored_rules(draft)["verdict_threshold"] == 66


def test_rule_change_error_is_a_pure_rule():
    same = {"kind": "rating", "verdict_threshold": 50}
    changed = {"kind": "rating", "verdict_threshold": 10}
    check = rules.rule_change_error
    assert check(stored_status="draft", status="draft", stored_rules=same, rules=changed) is None
    assert check(stored_status="draft", status="open", stored_rules=same, rules=changed) is None
    assert check(stored_status="open", status="closed", stored_rules=same, rules=same) is None
    assert check(stored_status="open", status="open", stored_rules=same, rules=changed)
    assert check(stored_status="closed", status="open", stored_rules=same, rules=same)
    assert check(stored_status="draft", status="closed", stored_rules=same, rules=same)


def test_no_one_becomes_an_elector_of_an_open_poll(open_poll, world):
    newcomer = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_a)
    group = open_poll.groups.get()
    with pytest.raises(ValidationError, match="只有草稿状态"):
        Elector.objects.create(poll=open_poll, voter=newcomer, group=group)
    with pytest.raises(ValidationError, match="只有草稿状态"):
        Subject.objects.create(poll=open_poll, label="新对象")
    with pytest.raises(ValidationError, match="只有草稿状态"):
        VoterGroup.objects.create(poll=open_poll, name="新组")
    elector = Elector.objects.filter(poll=open_poll).first()
    elector.voter = newcomer
    with pytest.raises(ValidationError, match="只有草稿状态"):
        elector.save()
    assert not Elector.objects.filter(voter=newcomer).exists()


def test_an_elector_cannot_be_moved_out_of_an_open_poll_into_a_draft(open_poll, world, staff_a):
    draft = services.poll_create(
        by=staff_a, jurisdiction=world.county_a, title="草稿", kind="rating", scale="grade"
    )
    elector = Elector.objects.filter(poll=open_poll).first()
    elector.poll = draft
    with pytest.raises(ValidationError):
        elector.save()


@pytest.mark.postgres
@needs_postgres
def test_the_database_refuses_new_electors_of_an_open_poll(open_poll, world):
    newcomer = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_a)
    group = open_poll.groups.get()
    with pytest.raises(IntegrityError, match="set-up changes only"), transaction.atomic():
        Elector.objects.bulk_create([Elector(poll=open_poll, voter=newcomer, group=group)])
    with pytest.raises(IntegrityError, match="set-up changes only"), transaction.atomic():
        Elector.objects.filter(poll=open_poll).update(voter=newcomer)
    with pytest.raises(IntegrityError, match="set-up changes only"), transaction.atomic():
        Subject.objects.filter(poll=open_poll).update(label="改名")
    # Deleting a poll still deletes its set-up.
    Poll.objects.filter(pk=open_poll.pk).delete()
    assert not Elector.objects.exists()
