"""Writes of the polls engine (reads are in selectors.py).

Every write is keyword-only and atomic, and a write that depends on the poll's status locks the
poll's row and checks the status under that lock. Log lines name polls, groups and counts, never a
voter together with a choice: `ballot_cast` logs nothing about the voter at all.
"""

import logging
import random
import uuid
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.models import Jurisdiction
from notifications.services import notice_send

from . import rules, sealing
from .models import (
    Ballot,
    BallotMark,
    Elector,
    PaperTally,
    Participation,
    Poll,
    SealedBallot,
    Subject,
    VoterGroup,
)
from .rules import BallotRejected, PollStateError
from .selectors import paper_status

logger = logging.getLogger(__name__)

# Shuffling must not be predictable from the outside: use the operating system's CSPRNG.
_rng = random.SystemRandom()


def _locked(poll: Poll) -> Poll:
    """Lock the poll's row, then bring the caller's instance up to date."""
    Poll.objects.select_for_update().filter(pk=poll.pk).values_list("pk").get()
    poll.refresh_from_db()
    return poll


def _public_key(poll: Poll) -> bytes:
    """The poll's public ballot key, which every poll has from its opening on."""
    return bytes(cast(bytes, poll.ballot_key))


def _require_status(poll: Poll, *statuses: str, message: str) -> None:
    if poll.status not in statuses:
        raise PollStateError(message)


# --- Setting a poll up --------------------------------------------------------------------------


@transaction.atomic
def poll_create(
    *, by: User, jurisdiction: Jurisdiction, tellers: Iterable[User] = (), **fields: Any
) -> Poll:
    fields["scale"] = _scale(fields.get("kind"), fields.get("scale"))
    poll = Poll(jurisdiction=jurisdiction, created_by=by, **fields)
    poll.full_clean()
    poll.save()
    poll.tellers.set(tellers)
    logger.info("poll %s created in jurisdiction %s", poll.pk, jurisdiction.pk)
    return poll


@transaction.atomic
def poll_update(*, poll: Poll, changes: Mapping[str, Any], by: User) -> Poll:
    """Change a poll's settings (tellers included): any of them while it is a draft, only the
    later ones once voting has started, none once the results are published. Checked under the
    poll's lock, so a poll opened or published since the form was shown is refused, not
    overwritten."""
    poll = _locked(poll)
    refused = rules.settings_change_error(status=poll.status, fields=changes)
    if refused:
        raise PollStateError(refused)
    fields = dict(changes)
    tellers = fields.pop("tellers", None)
    if {"kind", "scale"} & set(fields):
        fields["scale"] = _scale(fields.get("kind", poll.kind), fields.get("scale", poll.scale))
    for name, value in fields.items():
        setattr(poll, name, value)
    poll.full_clean()
    poll.save(update_fields=list(fields))
    if tellers is not None:
        poll.tellers.set(tellers)
    logger.info("poll %s settings changed", poll.pk)
    return poll


def _scale(kind: str | None, scale: str | None) -> str:
    fitting = rules.poll_scale(kind=kind, scale=scale)
    if fitting is None:
        raise ValidationError({"scale": rules.SCALE_NEEDED})
    return fitting


@transaction.atomic
def subjects_add(
    *, poll: Poll, targets: Iterable[Model] = (), labels: Iterable[str] = (), by: User
) -> int:
    """Add model instances (units, heads, projects…) and plain labels as subjects of a draft."""
    poll = _locked(poll)
    _require_status(poll, Poll.Status.DRAFT, message=_("只有草稿状态的投票可以修改测评对象。"))
    position = (poll.subjects.aggregate(m=Max("position"))["m"] or 0) + 1
    existing = set(poll.subjects.values_list("content_type_id", "object_id"))
    rows = []
    for target in targets:
        ct = ContentType.objects.get_for_model(target)
        if (ct.pk, target.pk) in existing:
            continue
        rows.append(Subject(poll=poll, content_type=ct, object_id=target.pk, label=str(target)))
    rows += [Subject(poll=poll, label=text.strip()) for text in labels if text.strip()]
    for offset, row in enumerate(rows):
        row.position = position + offset
        row.save()  # one by one, so the history records each
    return len(rows)


@transaction.atomic
def subject_remove(*, subject: Subject, by: User) -> None:
    poll = _locked(subject.poll)
    _require_status(poll, Poll.Status.DRAFT, message=_("只有草稿状态的投票可以修改测评对象。"))
    subject.delete()


@transaction.atomic
def electorate_add(*, poll: Poll, group_name: str, voters: Iterable[User], by: User | None) -> int:
    """Put voters in a group of a draft poll. A voter already in another group is moved."""
    poll = _locked(poll)
    _require_status(poll, Poll.Status.DRAFT, message=_("只有草稿状态的投票可以修改投票人。"))
    position = (poll.groups.aggregate(m=Max("position"))["m"] or 0) + 1
    group, _created = VoterGroup.objects.get_or_create(
        poll=poll, name=group_name.strip(), defaults={"position": position}
    )
    added = 0
    for voter in voters:
        _elector, created = Elector.objects.update_or_create(
            poll=poll, voter=voter, defaults={"group": group}
        )
        added += created
    logger.info("poll %s: %s electors added to group %s", poll.pk, added, group.pk)
    return added


@transaction.atomic
def elector_remove(*, elector: Elector, by: User) -> None:
    poll = _locked(elector.poll)
    _require_status(poll, Poll.Status.DRAFT, message=_("只有草稿状态的投票可以修改投票人。"))
    group = elector.group
    elector.delete()
    if not group.electors.exists():
        group.delete()


# --- Lifecycle ----------------------------------------------------------------------------------


@transaction.atomic
def poll_open(*, poll: Poll, by: User | None) -> Poll:
    poll = _locked(poll)
    _require_status(poll, Poll.Status.DRAFT, message=_("只有草稿状态的投票可以开始。"))
    if not poll.subjects.exists():
        raise PollStateError(_("请先添加测评对象。"))
    if not poll.electors.exists():
        raise PollStateError(_("请先确定投票人。"))
    if poll.is_approval and poll.subjects.count() <= poll.max_choices:
        raise PollStateError(_("差额票决的候选项目数应多于应选名额。"))
    poll.status = Poll.Status.OPEN
    poll.opened_at = timezone.now()
    # Last, so that a refused open leaves no key behind; a rolled-back one leaves an unused file.
    poll.ballot_key = sealing.key_create()
    poll.save(update_fields=["status", "opened_at", "ballot_key"])
    logger.info("poll %s opened", poll.pk)
    _electors_notify(poll, by)
    return poll


def _electors_notify(poll: Poll, by: User | None) -> None:
    closes_at = timezone.localtime(poll.closes_at) if poll.closes_at else None
    notice_send(
        event="polls.open",
        about=poll.pk,
        title=gettext_noop("投票已开始，请参加：%(title)s"),
        body=gettext_noop("截止时间：%(closes_at)s") if closes_at else "",
        params={
            "title": poll.title,
            "closes_at": f"{closes_at:%Y-%m-%d %H:%M}" if closes_at else "",
        },
        url=reverse("polls:vote", args=[poll.pk]),
        # Read at commit: a poll closed again before then (the demo does) invites nobody.
        users=User.objects.filter(
            poll_electors__poll_id=poll.pk, poll_electors__poll__status=Poll.Status.OPEN
        ),
        by=by,
    )


class BallotKeyMissing(PollStateError):
    """The poll's private key is not in the key store: the poll cannot be counted (yet)."""


@transaction.atomic
def poll_close(*, poll: Poll, by: User | None) -> Poll:
    """End voting: open the sealed ballots and write them as plain ballots in random order; once
    that has committed, destroy the poll's private key (see the threat model in models.py).
    `by` is None when the beat closes a poll at its closing time."""
    poll = _locked(poll)
    _require_status(poll, Poll.Status.OPEN, message=_("只有投票中的投票可以结束。"))
    try:
        count = _ballots_unseal(poll)
    except sealing.KeyMissing as error:
        logger.error("poll %s cannot close: its ballot key is missing or wrong", poll.pk)
        raise BallotKeyMissing(
            _(
                "找不到本次投票的解密密钥（POLL_KEY_DIR），无法结束投票。"
                "投票仍在进行，已投的网上选票均完好保存；请恢复密钥目录后再结束投票。"
            )
        ) from error
    poll.status = Poll.Status.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "closed_at"])
    # Only a committed close may destroy the key: a close that fails must leave it in place.
    transaction.on_commit(partial(_after_close, _public_key(poll)))
    logger.info("poll %s closed with %s online ballots", poll.pk, count)
    return poll


def _ballots_unseal(poll: Poll) -> int:
    """Open every sealed ballot, write the contents in an order drawn from the CSPRNG, and delete
    the boxes, all in the closing transaction."""
    private = sealing.key_load(_public_key(poll))
    contents = [
        sealing.decode(sealing.unseal(private, bytes(box)))
        for box in SealedBallot.objects.filter(poll=poll).values_list("box", flat=True)
    ]
    _rng.shuffle(contents)
    ballots, marks = [], []
    for group_id, ballot_marks in contents:
        ballot = Ballot(id=uuid.uuid4(), poll=poll, group_id=group_id)
        ballots.append(ballot)
        marks += [BallotMark(ballot=ballot, subject_id=s, mark=m) for s, m in ballot_marks]
    Ballot.objects.bulk_create(ballots, batch_size=500)
    BallotMark.objects.bulk_create(marks, batch_size=1000)
    SealedBallot.objects.filter(poll=poll).delete()
    return len(ballots)


def _after_close(public_key: bytes) -> None:
    sealing.key_destroy(public_key)
    if connection.vendor == "postgresql":
        _vacuum_sealed_ballots()


def poll_keys_sweep() -> int:
    """Destroy the keys of polls no longer open: left behind when a process died between a
    close's commit and the destruction that follows it."""
    publics = sealing.key_publics()
    done = Poll.objects.filter(ballot_key__in=publics).exclude(status=Poll.Status.OPEN)
    stale = [bytes(key) for key in done.values_list("ballot_key", flat=True)]
    for public in stale:
        sealing.key_destroy(public)
    if stale:
        logger.warning("destroyed %s ballot keys of closed polls", len(stale))
    return len(stale)


def _vacuum_sealed_ballots() -> None:
    """Prune the deleted boxes now rather than at autovacuum's leisure. They are ciphertext under
    a destroyed key, so this is tidiness, not secrecy."""
    if connection.in_atomic_block:  # e.g. inside a test transaction: VACUUM cannot run there
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {SealedBallot._meta.db_table}")
    except Exception:  # the close has committed; a failed vacuum leaves it to autovacuum
        logger.warning("vacuum after poll close failed", exc_info=True)


@transaction.atomic
def poll_publish(*, poll: Poll, by: User) -> Poll:
    poll = _locked(poll)
    _require_status(poll, Poll.Status.CLOSED, message=_("只有已结束的投票可以公布结果。"))
    for status in paper_status(poll=poll):
        if status.needed and not status.agreed:
            raise PollStateError(
                _("“%(group)s”的纸质选票计票尚未由两名计票人一致录入。") % {"group": status.group}
            )
    poll.status = Poll.Status.PUBLISHED
    poll.published_at = timezone.now()
    poll.save(update_fields=["status", "published_at"])
    logger.info("poll %s published", poll.pk)
    return poll


# --- Voting -------------------------------------------------------------------------------------


def ballot_cast(*, poll: Poll, voter: User, marks: Mapping[int, str | None]) -> None:
    """Record that `voter` voted and, separately, what: both or neither.

    `marks` maps subject ids to a mark code, None for a blank rating subject; approval ballots
    name only the chosen subjects. Raises BallotRejected with a message for the voter.
    """
    try:
        with transaction.atomic():
            poll, elector_group, subject_ids = _share_locked(poll, voter)
            group_id = _group_if_open(poll, elector_group)
            _check_ballot(poll, subject_ids, marks)
            # The unique constraint on (poll, voter) is the guard against a second ballot: no
            # query asks first, the insert refuses.
            Participation.objects.create(
                poll=poll, voter=voter, group_id=group_id, channel="online"
            )
            # What was voted goes only into the sealed box (see the threat model in models.py).
            box = _sealed(poll, group_id, marks, subject_count=len(subject_ids))
            SealedBallot.objects.create(poll=poll, box=box)
    except IntegrityError as error:
        raise BallotRejected(_("您已投过票，每人只能投一次。")) from error


def _sealed(
    poll: Poll, group_id: int, marks: Mapping[int, str | None], *, subject_count: int
) -> bytes:
    plaintext = sealing.encode(
        group_id,
        [(sid, mark) for sid, mark in marks.items() if mark is not None],
        size=sealing.ballot_size(subject_count),
    )
    return sealing.seal(_public_key(poll), plaintext)


def _share_locked(poll: Poll, voter: User) -> tuple[Poll, int | None, list[int]]:
    """Read the poll under a lock that lets voters proceed together but makes `poll_close` wait
    for ballots in flight, so no ballot is sealed after the close has opened the boxes; with it,
    the voter's group in the electorate (None if not an elector) and the poll's subjects."""
    if connection.vendor == "postgresql":
        # The ORM has no FOR SHARE; one raw read takes the lock and everything a ballot checks,
        # which is most of what a ballot costs the database.
        locked = list(
            Poll.objects.raw(
                f"""SELECT p.*,
                    (SELECT e.group_id FROM {Elector._meta.db_table} e
                      WHERE e.poll_id = p.id AND e.voter_id = %s) AS elector_group_id,
                    ARRAY(SELECT s.id FROM {Subject._meta.db_table} s WHERE s.poll_id = p.id
                          ORDER BY s.position, s.id) AS subject_ids
                FROM {Poll._meta.db_table} p WHERE p.id = %s FOR SHARE OF p""",
                [voter.pk, poll.pk],
            )
        )
        if not locked:
            raise Poll.DoesNotExist
        row: Any = locked[0]  # with the two columns the raw query adds
        return row, row.elector_group_id, list(row.subject_ids)
    # SQLite serialises writing transactions anyway (transaction_mode IMMEDIATE).
    poll = Poll.objects.get(pk=poll.pk)
    group_id = Elector.objects.filter(poll=poll, voter=voter).values_list("group_id", flat=True)
    return poll, group_id.first(), list(poll.subjects.values_list("pk", flat=True))


def _group_if_open(poll: Poll, group_id: int | None) -> int:
    """The voter's group, once the voter is an elector and the poll takes ballots now."""
    if group_id is None:
        raise BallotRejected(_("您不在本次投票的投票人名单中。"))
    if poll.status != Poll.Status.OPEN:
        raise BallotRejected(_("本次投票未在进行中，不能投票。"))
    if poll.closes_at and timezone.now() >= poll.closes_at:
        raise BallotRejected(_("本次投票已截止。"))
    return group_id


def _check_ballot(poll: Poll, subject_ids: list[int], marks: Mapping[int, str | None]) -> None:
    errors = rules.ballot_errors(
        kind=poll.kind,
        scale=poll.scale,
        subject_ids=subject_ids,
        max_choices=poll.max_choices,
        marks=marks,
    )
    if errors:
        raise BallotRejected(errors[0])


# --- Paper ballots ------------------------------------------------------------------------------


@transaction.atomic
def paper_voters_record(*, poll: Poll, voters: Iterable[User], by: User) -> int:
    """Record who received a paper ballot at the meeting, so they cannot also vote online."""
    poll = _locked(poll)
    _require_status(poll, Poll.Status.OPEN, message=_("只有投票中的投票可以登记纸质投票人。"))
    if poll.tellers.count() < 2:
        raise PollStateError(_("请先在投票设置中指定两名计票人。"))
    groups = dict(Elector.objects.filter(poll=poll).values_list("voter_id", "group_id"))
    done = set(Participation.objects.filter(poll=poll).values_list("voter_id", flat=True))
    rows = [
        Participation(poll=poll, voter=v, group_id=groups[v.pk], channel="paper")
        for v in voters
        if v.pk in groups and v.pk not in done
    ]
    Participation.objects.bulk_create(rows)
    logger.info("poll %s: %s paper voters recorded", poll.pk, len(rows))
    return len(rows)


@transaction.atomic
def paper_tally_enter(
    *, poll: Poll, group: VoterGroup, teller: User, sheet: rules.PaperSheet
) -> PaperTally:
    """Append one teller's totals for one group; earlier entries stay as they were."""
    poll = _locked(poll)
    _require_status(
        poll, Poll.Status.OPEN, Poll.Status.CLOSED, message=_("结果公布后不能再录入纸质选票。")
    )
    if not poll.tellers.filter(pk=teller.pk).exists():
        raise BallotRejected(_("您不是本次投票的计票人。"))
    if group.poll_id != poll.pk:
        raise BallotRejected(_("组别不属于本次投票。"))
    errors = rules.sheet_errors(
        kind=poll.kind,
        scale=poll.scale,
        subject_ids=poll.subjects.values_list("pk", flat=True),
        max_choices=poll.max_choices,
        sheet=sheet,
    )
    paper_voters = poll.participations.filter(group=group, channel="paper").count()
    if sheet.ballots > paper_voters:
        errors.append(
            _("收回选票数（%(n)d）超过了登记领取纸质选票的人数（%(m)d）。")
            % {"n": sheet.ballots, "m": paper_voters}
        )
    if errors:
        raise BallotRejected(errors[0])
    tally = PaperTally.objects.create(
        poll=poll,
        group=group,
        teller=teller,
        ballots=sheet.ballots,
        invalid_ballots=sheet.invalid_ballots,
        blank_ballots=sheet.blank_ballots,
        counts={str(sid): dict(row) for sid, row in sheet.counts.items()},
    )
    logger.info("poll %s group %s: paper tally %s entered", poll.pk, group.pk, tally.pk)
    return tally
