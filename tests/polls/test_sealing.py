"""Online ballots are stored sealed to a per-poll key that lives outside the database and is
destroyed once the close has committed (see the threat model in polls/models.py)."""

import logging
import os
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone

from polls import sealing, selectors, services
from polls.models import Ballot, BallotMark, Participation, Poll, SealedBallot
from polls.tasks import close_due_polls

from .conftest import subject_ids

KEY_MISSING = "找不到本次投票的解密密钥"


@pytest.fixture(autouse=True)
def key_dir(settings, tmp_path):
    settings.POLL_KEY_DIR = tmp_path / "poll-keys"
    return settings.POLL_KEY_DIR


def key_file(poll) -> Path:
    (path,) = [p for p in Path(sealing._directory()).iterdir() if p.stem == poll.ballot_key.hex()]
    return path


def stored_boxes(poll) -> list[bytes]:
    """The boxes as they lie in the table, read with plain SQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT box FROM polls_sealedballot WHERE poll_id = %s", [poll.pk])
        return [bytes(row[0]) for row in cursor.fetchall()]


def cast_all(poll, patterns):
    ids = subject_ids(poll)
    electors = poll.electors.select_related("voter").order_by("pk")
    for elector, pattern in zip(electors, patterns, strict=False):
        marks = dict(zip(ids, pattern, strict=True))
        services.ballot_cast(poll=poll, voter=elector.voter, marks=marks)


def test_opening_creates_a_private_key_file_only_the_app_can_read(open_poll, key_dir):
    path = key_file(open_poll)
    assert path.stat().st_mode & 0o777 == 0o600 and key_dir.stat().st_mode & 0o777 == 0o700
    assert bytes(sealing.key_load(bytes(open_poll.ballot_key)).public_key) == open_poll.ballot_key
    assert path.read_bytes() not in bytes(Poll.objects.get(pk=open_poll.pk).ballot_key)


def test_a_sealed_ballot_holds_no_plaintext_and_the_key_goes_after_close(
    open_poll, staff_a, django_capture_on_commit_callbacks
):
    cast_all(open_poll, [("S", "U"), ("B", None)])
    group = open_poll.groups.get().pk
    a, b = subject_ids(open_poll)
    plaintexts = [
        sealing.encode(group, [(a, "S"), (b, "U")], size=sealing.ballot_size(2)),
        sealing.encode(group, [(a, "B")], size=sealing.ballot_size(2)),
    ]
    boxes = stored_boxes(open_poll)
    assert len(boxes) == 2 and not Ballot.objects.exists()
    for box in boxes:
        assert not [p for p in plaintexts if p in box]
        assert str(a).encode() + b"S" not in box  # nor anything that reads like a mark
    path = key_file(open_poll)

    with django_capture_on_commit_callbacks(execute=True):
        services.poll_close(poll=open_poll, by=staff_a)

    assert not path.exists() and not list(path.parent.iterdir())
    assert not SealedBallot.objects.exists()
    assert sorted(BallotMark.objects.values_list("mark", flat=True)) == ["B", "S", "U"]
    assert set(Ballot.objects.values_list("group_id", flat=True)) == {group}


def test_ciphertexts_have_one_length_whatever_the_number_of_choices(approval_poll):
    a, b, _c = subject_ids(approval_poll)
    voters = [e.voter for e in approval_poll.electors.order_by("pk")]
    for voter, marks in zip(voters, [{}, {a: "Y"}, {a: "Y", b: "Y"}], strict=False):
        services.ballot_cast(poll=approval_poll, voter=voter, marks=marks)
    assert len({len(box) for box in stored_boxes(approval_poll)}) == 1


def test_without_its_key_a_poll_stays_open_and_keeps_every_ballot(
    open_poll, staff_a, django_capture_on_commit_callbacks
):
    cast_all(open_poll, [("S", "S"), ("U", "B")])
    path = key_file(open_poll)
    saved = path.read_bytes()
    path.unlink()

    with pytest.raises(services.BallotKeyMissing, match=KEY_MISSING):
        services.poll_close(poll=open_poll, by=staff_a)
    open_poll.refresh_from_db()
    assert open_poll.status == Poll.Status.OPEN and open_poll.closed_at is None
    assert len(stored_boxes(open_poll)) == 2 and not Ballot.objects.exists()

    # Once the directory is restored, the same poll closes and counts both ballots.
    path.write_bytes(saved)
    with django_capture_on_commit_callbacks(execute=True):
        services.poll_close(poll=open_poll, by=staff_a)
    assert selectors.poll_results(poll=open_poll).overall.ballots.cast == 2
    assert not path.exists()


def test_staff_closing_a_poll_without_its_key_see_why_in_chinese(open_poll, staff_a, client_for):
    key_file(open_poll).unlink()
    response = client_for(staff_a).post(reverse("polls:close", args=[open_poll.pk]), follow=True)
    assert KEY_MISSING in response.content.decode()
    assert Poll.objects.get(pk=open_poll.pk).status == Poll.Status.OPEN


def test_a_close_that_fails_keeps_the_key_and_the_boxes(
    open_poll, staff_a, monkeypatch, django_capture_on_commit_callbacks
):
    cast_all(open_poll, [("S", "S")])
    path = key_file(open_poll)

    def fail(*args, **kwargs):
        raise IntegrityError("the database gave up half way")

    monkeypatch.setattr(BallotMark.objects, "bulk_create", fail)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(IntegrityError):
        services.poll_close(poll=open_poll, by=staff_a)
    assert path.exists()
    assert Poll.objects.get(pk=open_poll.pk).status == Poll.Status.OPEN
    assert len(stored_boxes(open_poll)) == 1 and not Ballot.objects.exists()


def test_the_beat_leaves_a_poll_without_its_key_open_and_says_so(open_poll, caplog):
    cast_all(open_poll, [("S", "S")])
    open_poll.closes_at = timezone.now()
    open_poll.save(update_fields=["closes_at"])
    key_file(open_poll).unlink()
    caplog.set_level(logging.ERROR)
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        assert close_due_polls() == 0
    assert Poll.objects.get(pk=open_poll.pk).status == Poll.Status.OPEN
    assert f"poll {open_poll.pk} cannot close" in caplog.text
    assert Participation.objects.filter(poll=open_poll).count() == len(stored_boxes(open_poll))


def test_the_beat_destroys_a_key_a_close_left_behind_and_no_other(
    open_poll, approval_poll, staff_a
):
    # Outside django_capture_on_commit_callbacks the close's after-commit work never runs here:
    # just what happens when the process dies between the commit and the key's destruction.
    services.poll_close(poll=open_poll, by=staff_a)
    left_behind, still_open = key_file(open_poll), key_file(approval_poll)
    assert close_due_polls() == 0
    assert not left_behind.exists() and still_open.exists()


def test_a_box_sealed_to_another_key_does_not_open():
    public = sealing.key_create()
    other = sealing.key_create()
    box = sealing.seal(public, sealing.encode(1, [(2, "S")], size=sealing.ballot_size(1)))
    assert sealing.decode(sealing.unseal(sealing.key_load(public), box)) == (1, [(2, "S")])
    with pytest.raises(sealing.KeyMissing):
        sealing.unseal(sealing.key_load(other), box)


def test_destroying_a_key_overwrites_it_before_removing_it(key_dir):
    public = sealing.key_create()
    (path,) = key_dir.iterdir()
    secret = path.read_bytes()
    # A second name for the same file shows what the file's blocks hold after the unlink.
    witness = key_dir.parent / "witness"
    os.link(path, witness)
    sealing.key_destroy(public)
    assert not path.exists()
    assert witness.read_bytes() != secret and len(witness.read_bytes()) == len(secret)
    with pytest.raises(sealing.KeyMissing):
        sealing.key_load(public)


def test_a_ballot_longer_than_the_polls_size_is_refused():
    with pytest.raises(ValueError):
        sealing.encode(1, [(1, "S"), (2, "S")], size=sealing.ballot_size(1))
