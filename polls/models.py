"""Secret-ballot polls (无记名投票): satisfaction polls, graded appraisals and approval votes.

Threat model
============
Who must not learn how a voter voted: committee staff and admins using the portal, people holding
the database (DBAs, backup operators, anyone with a dump, the WAL or the data files), and other
voters.

What we store, and why it does not link a voter to a choice:

* ``Elector``  (poll, voter, group): the electorate, set before the poll opens.
* ``Participation`` (poll, voter, group, channel): "who has voted". No choice, no ballot id.
  A unique constraint on (poll, voter) is the one-voter-one-ballot guard.
* ``SealedBallot`` (random UUID, poll, box): while the poll is open, "what was voted", as a
  libsodium sealed box to the poll's public key (``Poll.ballot_key``); the group is inside the
  box. Every plaintext is padded to one length per poll, so the length of a box does not tell how
  many choices an approval ballot made (``sealing.py``).
* ``Ballot`` (random UUID, poll, group) and ``BallotMark`` (random UUID, ballot, subject, mark):
  "what was voted", in the clear, written only by the close. No user, no timestamp, no sequential
  id, no history table, no admin page.

The private key is created when the poll opens and kept in a file under ``settings.POLL_KEY_DIR``
(directory 0700, file 0600) on the application's filesystem, never in the database, not even
encrypted. A vote writes the participation and one box in one transaction, so the box exists if
and only if the participation does; both carry the voter's transaction id, but the box is
ciphertext. ``services.poll_close`` loads the key, opens every box, writes the plain ballots and
marks in an order drawn from the system's CSPRNG, and deletes the boxes, all in the closing
transaction; only after that transaction has committed is the key file overwritten and removed
(a close that fails keeps it), and the sealed table is vacuumed. Should the process die between
the commit and the removal, the beat task destroys the keys of polls no longer open.

What that leaves, after the close:

* A DBA with the database, its WAL (archived or not) and its data files, free space included,
  finds no row, log record or leftover byte written by a voter's transaction that holds a plain
  ballot: those transactions wrote participations and boxes only. The plain ballots all carry the
  closing transaction's id and lie in random order. The boxes, in the WAL, in a backup or in the
  sealed table's free space, are ciphertext under a key that no longer exists.
  ``tests/polls/test_secrecy.py`` checks this with pg_walinspect, the raw WAL segments and
  pageinspect, with a backup's snapshot held open during the close.
* What still shows, as on paper: who voted, when (their participation's position and transaction
  id), on paper or online, and in which group.

While a poll is open:

* The database alone reveals nothing about a choice; neither does the key alone.
* Someone with the app server's filesystem (the key file) and the database, its WAL or a backup,
  can open every box and link it to its voter through the transaction id. The key store is as
  sensitive as the votes themselves until the close: root on the app server or a copy of
  POLL_KEY_DIR during an open poll defeats the secrecy. Keep ``DEBUG`` off and do not enable
  ``log_statement = 'all'``: a statement log is one more copy of each box beside its voter.
* The web processes and the Celery worker (the beat task closes polls at their closing time) must
  all see the same POLL_KEY_DIR: with several app machines, a shared directory (or one machine
  that closes polls). A poll whose key is not there cannot close: it stays open with every box
  kept and the staff see a Chinese error until the directory is restored.

POLL_KEY_DIR is deliberately NOT backed up. A backed-up key outlives its destruction at close, and
with a database backup or the WAL archive from the same days it would link every voter of the
poll to their ballot for as long as the backups are kept, which is exactly what this design
removes. The price: if the key directory is lost while a poll is open, that poll's online ballots
cannot be counted and the poll must be voted again (the participations show who had voted). A
poll runs for days at most, so the exposure is short and a re-vote is possible; a lasting link
between voters and ballots could never be taken back.

The voter group is stored on the ballot. That is needed to report each group's result on its own
(辰溪's two-sided assessment), and it reveals only what the electorate already shows: that the
ballot came from *some* member of the group. It does not distinguish members within the group.
The trade-off: in a group with very few voters (or where everyone votes the same way) the group
result itself reveals choices, as it would on paper; the poll page warns when a group has fewer
than ``SMALL_GROUP`` electors.

Application rules that keep it this way: no log line names a voter together with a choice (the
services log only poll ids and counts), results are computed only once a poll is closed and shown
to deputies only once published, and staff pages show turnout and who has not voted, never a
ballot. Paper ballots are counted at the meeting and only their totals are entered. A poll's
rules (kind, scale, number of choices, verdict rule) are fixed once it leaves draft, by
``Poll.save`` and, on PostgreSQL, by a trigger (migration 0002).
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import (
    PERCENT_MAX,
    VOTES_MAX,
    bounds,
    date_validators,
    votes_validators,
)

from . import rules
from .querysets import PollQuerySet

# More choices than this on one ballot is a slip: a county elects a handful of projects.
MAX_CHOICES = 50

# Groups smaller than this get a warning: their result may reveal individual choices.
SMALL_GROUP = 3


class Poll(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("测评（逐项评价）")
        APPROVAL = "approval", _("差额票决（限选）")

    class Scale(models.TextChoices):
        SATISFACTION = rules.SATISFACTION, _("满意度：满意/基本满意/不满意")
        GRADE = rules.GRADE, _("等次：优秀/良好/一般/较差")
        APPROVAL = rules.APPROVAL, _("赞成（票决）")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("投票中")
        CLOSED = "closed", _("已结束")
        PUBLISHED = "published", _("已公布")

    class Basis(models.TextChoices):
        ENTITLED = rules.BASIS_ENTITLED, _("应投票人数")
        VOTED = rules.BASIS_VOTED, _("实际投票人数")
        VALID = rules.BASIS_VALID, _("有效票数")

    jurisdiction = models.ForeignKey(
        "core.Jurisdiction",
        verbose_name=_("所属行政区划"),
        on_delete=models.PROTECT,
        related_name="polls",
    )
    title = models.CharField(_("名称"), max_length=128)
    description = models.TextField(_("说明"), blank=True)
    kind = models.CharField(_("投票类型"), max_length=16, choices=Kind.choices)
    scale = models.CharField(_("评价标准"), max_length=16, choices=Scale.choices)
    max_choices = models.PositiveSmallIntegerField(
        _("应选名额"),
        default=1,
        validators=[
            MinValueValidator(1, _("应选名额至少为 1。")),
            MaxValueValidator(MAX_CHOICES, _("应选名额不能超过 %(limit_value)s。")),
        ],
        help_text=_("差额票决时每张选票最多可选的项目数。"),
    )
    verdict_basis = models.CharField(
        _("结论计算基数"),
        max_length=16,
        choices=Basis.choices,
        default=Basis.ENTITLED,
        help_text=_("默认：以应投票人数为基数，过半数即成立。"),
    )
    verdict_threshold = models.PositiveSmallIntegerField(
        _("成立比例（%）"),
        default=50,
        validators=[
            MinValueValidator(1, _("成立比例应在 1 到 100 之间。")),
            MaxValueValidator(PERCENT_MAX, _("成立比例应在 1 到 100 之间。")),
        ],
        help_text=_("票数须超过基数的这一比例，默认 50（过半数）。"),
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(
        _("计划开始时间"), validators=date_validators, null=True, blank=True
    )
    closes_at = models.DateTimeField(
        _("截止时间"),
        validators=date_validators,
        null=True,
        blank=True,
        help_text=_("到时后不再接受网上投票。"),
    )
    opened_at = models.DateTimeField(_("实际开始时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("实际结束时间"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True, editable=False)
    # The public half of the poll's ballot key (see sealing.py), set when the poll opens.
    ballot_key = models.BinaryField(null=True, editable=False)
    tellers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("计票人"),
        blank=True,
        related_name="teller_polls",
        help_text=_("纸质选票由两名计票人分别录入，两次录入一致后才计入结果。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    # Fixed once the poll leaves draft; the database refuses changes too (migration 0002).
    RULE_FIELDS = ("kind", "scale", "max_choices", "verdict_basis", "verdict_threshold")

    objects = PollQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "ballot_key"])

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="approval", scale="approval")
                | (Q(kind="rating") & ~Q(scale="approval")),
                name="poll_scale_matches_kind",
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="poll_max_choices_gte_1"),
            *bounds(
                "poll",
                datetimes=["opens_at", "closes_at"],
                maxima={"max_choices": MAX_CHOICES, "verdict_threshold": PERCENT_MAX},
                ordered=[("opens_at", "closes_at", _("截止时间应晚于开始时间。"))],
            ),
            models.CheckConstraint(
                condition=Q(verdict_threshold__gte=1), name="poll_verdict_threshold_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, update_fields=None, **kwargs) -> None:
        if update_fields is None or set(update_fields) & {*self.RULE_FIELDS, "status"}:
            self._refuse_rule_changes()
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("polls:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        self._refuse_rule_changes()

    def _refuse_rule_changes(self) -> None:
        """The model's half of the guard; on PostgreSQL a trigger also covers queryset updates."""
        if self._state.adding or self.pk is None:
            return
        stored = Poll.objects.filter(pk=self.pk).values("status", *self.RULE_FIELDS).first()
        if stored is None:
            return
        message = rules.rule_change_error(
            stored_status=stored.pop("status"),
            status=self.status,
            stored_rules=stored,
            rules={f: getattr(self, f) for f in self.RULE_FIELDS},
        )
        if message:
            raise ValidationError(message)

    @property
    def marks(self) -> list[tuple[str, str | Promise]]:
        return rules.SCALES[self.scale]

    @property
    def is_approval(self) -> bool:
        return self.kind == self.Kind.APPROVAL

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def results_ready(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.PUBLISHED)


class SetUpInDraft(models.Model):
    """A part of a poll's set-up (subject, group, elector): changed only while the poll is a
    draft, so no one becomes an elector of an open poll. Checked here on every database and by
    a trigger on PostgreSQL (migration 0003); deleting stays possible for deleting a poll."""

    class Meta:
        abstract = True

    poll_id: int

    def save(self, *args: Any, **kwargs: Any) -> None:
        polls = {self.poll_id}
        if not self._state.adding:  # moving a row to another poll changes the one it leaves too
            model: Any = type(self)  # the concrete subclass: this abstract base has no manager
            polls.add(
                model._default_manager.filter(pk=self.pk).values_list("poll", flat=True).first()
            )
        if Poll.objects.filter(pk__in=polls).exclude(status=Poll.Status.DRAFT).exists():
            raise ValidationError(_("只有草稿状态的投票可以修改测评对象、组别和投票人。"))
        super().save(*args, **kwargs)


class Subject(SetUpInDraft):
    """What is rated or chosen: a unit, a head of a unit, a project, any model, or a plain label."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="subjects")
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # Kept on the row so ballots and results read the same even if the target is renamed later.
    label = models.CharField(_("名称"), max_length=128)
    note = models.CharField(_("备注"), max_length=128, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("测评对象")
        verbose_name_plural = _("测评对象")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "content_type", "object_id"],
                condition=Q(content_type__isnull=False),
                name="subject_unique_target_per_poll",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.label


class VoterGroup(SetUpInDraft):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("投票人组别"), max_length=64)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("投票人组别")
        verbose_name_plural = _("投票人组别")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "name"], name="votergroup_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Elector(SetUpInDraft):
    """One entitled voter of a poll, in exactly one group."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="electors")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="poll_electors"
    )
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="electors")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("投票人")
        verbose_name_plural = _("投票人")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="elector_unique_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} · {self.group}"


class Participation(models.Model):
    """That a voter has voted, and how; never what. No history: the row is the record."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上投票")
        PAPER = "paper", _("纸质选票")

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="poll_participations"
    )
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="participations")
    channel = models.CharField(_("投票方式"), max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="participation_one_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} · {self.get_channel_display()}"


class Ballot(models.Model):
    """One online ballot. Deliberately without voter, time, sequence or history (see above)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        # No ordering: there is no meaningful one, and none must be implied.

    def __str__(self) -> str:
        return str(_("选票"))


class BallotMark(models.Model):
    """One mark on a ballot. A rating subject without a mark was left blank (弃权)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="ballot_marks")
    mark = models.CharField(max_length=8)

    class Meta:
        verbose_name = _("选票标记")
        verbose_name_plural = _("选票标记")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "subject"], name="ballotmark_one_per_subject")
        ]

    def __str__(self) -> str:
        return str(_("选票标记"))


class SealedBallot(models.Model):
    """An online ballot while its poll is open: ciphertext sealed to the poll's public key.

    Nothing but the poll and a random id beside the box; the voter's group is inside it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="sealed_ballots")
    box = models.BinaryField()

    class Meta:
        verbose_name = _("密封选票")
        verbose_name_plural = _("密封选票")

    def __str__(self) -> str:
        return str(_("密封选票"))


class PaperTally(models.Model):
    """One teller's entry of the paper ballot totals of one group. Append-only: a correction is a
    new entry, and the latest entry of each teller is the one compared."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="paper_tallies")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="paper_tallies")
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("计票人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    ballots = models.PositiveIntegerField(_("收回选票数"), validators=votes_validators)
    invalid_ballots = models.PositiveIntegerField(
        _("无效票数"), validators=votes_validators, default=0
    )
    blank_ballots = models.PositiveIntegerField(
        _("空白票数"), validators=votes_validators, default=0
    )
    # {subject_id: {mark: count, "blank": count, "invalid": count}} with string keys.
    counts = models.JSONField(_("分项票数"), default=dict)

    class Meta:
        verbose_name = _("纸质选票计票录入")
        verbose_name_plural = _("纸质选票计票录入")
        ordering = ["-entered_at", "-pk"]
        constraints = [
            *bounds(
                "paper_tally",
                maxima={
                    "ballots": VOTES_MAX,
                    "invalid_ballots": VOTES_MAX,
                    "blank_ballots": VOTES_MAX,
                },
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.teller}"

    def as_sheet(self) -> rules.PaperSheet:
        return rules.PaperSheet(
            ballots=self.ballots,
            invalid_ballots=self.invalid_ballots,
            blank_ballots=self.blank_ballots,
            counts={
                int(sid): {k: int(v) for k, v in row.items()} for sid, row in self.counts.items()
            },
        )
