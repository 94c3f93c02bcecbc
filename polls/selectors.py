"""Reads of the polls engine: results, turnout, paper tally status, and what pages show.

Nothing here reads a ballot before the poll has closed: turnout and "who has not voted" come from
participations, and `poll_results` refuses a poll that is still open.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import has_named_permission

from . import rules
from .models import (
    Ballot,
    BallotMark,
    Elector,
    PaperTally,
    Participation,
    Poll,
    Subject,
    VoterGroup,
)
from .rules import PollStateError

# --- Paper ballots ------------------------------------------------------------------------------


@dataclass
class PaperStatus:
    group: VoterGroup
    paper_voters: int
    entries: list[PaperTally]  # the latest entry of each teller
    differences: list[rules.Difference]

    @property
    def needed(self) -> bool:
        return self.paper_voters > 0 or bool(self.entries)

    @property
    def agreed(self) -> bool:
        return len(self.entries) >= 2 and not self.differences

    @property
    def sheet(self) -> rules.PaperSheet | None:
        return self.entries[0].as_sheet() if self.agreed else None


def paper_status(*, poll: Poll) -> list[PaperStatus]:
    """Per group: the latest entry of each teller, and where the two disagree."""
    paper_voters = _count_by_group(poll.participations.filter(channel="paper"))
    latest: dict[int, dict[int, PaperTally]] = defaultdict(dict)
    for tally in poll.paper_tallies.select_related("teller").order_by("entered_at", "pk"):
        latest[tally.group_id][tally.teller_id] = tally
    statuses = []
    for group in poll.groups.all():
        entries = sorted(latest[group.pk].values(), key=lambda t: t.teller_id)[:2]
        diffs = []
        if len(entries) == 2:
            diffs = rules.sheet_differences(entries[0].as_sheet(), entries[1].as_sheet())
        statuses.append(PaperStatus(group, paper_voters.get(group.pk, 0), entries, diffs))
    return statuses


def paper_differences(*, poll: Poll, status: PaperStatus) -> list[tuple[str, int, int]]:
    """A group's disagreements between the two tellers, named for the paper ballot page."""
    subjects = {s.pk: s.label for s in poll.subjects.all()}
    names: dict[str, str | Promise] = {
        "ballots": _("收回选票数"),
        "invalid_ballots": _("无效票数"),
        "blank_ballots": _("空白票数"),
        rules.BLANK: _("弃权"),
        rules.INVALID: _("无效"),
        **dict(poll.marks),
    }
    return [
        (
            f"{subjects.get(d.subject_id, '') if d.subject_id is not None else ''} "
            f"{names.get(d.key, d.key)}".strip(),
            d.first,
            d.second,
        )
        for d in status.differences
    ]


def is_teller(*, poll: Poll, user: User) -> bool:
    return poll.tellers.filter(pk=user.pk).exists()


# --- Results ------------------------------------------------------------------------------------


@dataclass
class SubjectResult:
    subject: Subject
    tally: rules.Tally
    rate: Fraction | None
    verdict: str | None
    verdict_label: str
    elected: bool = False
    tied: bool = False
    poor_top: bool = False

    @property
    def poor(self) -> int:
        return self.tally.count(rules.POOR)


@dataclass
class GroupResult:
    name: str
    entitled: int
    voted: int
    ballots: rules.BallotCounts
    subjects: list[SubjectResult]
    outcome: rules.ApprovalOutcome | None = None

    @property
    def turnout(self) -> Fraction | None:
        return rules.rate(self.voted, self.entitled)


@dataclass
class PollResults:
    poll: Poll
    groups: list[GroupResult]  # each group, then the overall result when there are several
    paper_pending: list[str]

    @property
    def overall(self) -> GroupResult:
        return self.groups[-1]


def poll_results(*, poll: Poll) -> PollResults:
    """Online ballots plus agreed paper totals, per group and overall. Only for closed polls."""
    if not poll.results_ready:
        raise PollStateError(_("投票结束后才能查看结果。"))
    subjects = list(poll.subjects.all())
    groups = list(poll.groups.all())
    entitled = _count_by_group(Elector.objects.filter(poll=poll))
    voted = _count_by_group(Participation.objects.filter(poll=poll))
    online = _online_counts(poll)
    paper = {s.group.pk: s for s in paper_status(poll=poll)}
    results = []
    for group in groups:
        status = paper.get(group.pk)
        sheet = status.sheet if status else None
        ballots, tallies = online[group.pk]
        if sheet:
            ballots = ballots + sheet.ballot_counts()
            tallies = {s.pk: tallies[s.pk] + sheet.tally(s.pk) for s in subjects}
        counts = _Counts(entitled.get(group.pk, 0), voted.get(group.pk, 0), ballots, tallies)
        results.append(_group_result(poll, group.name, counts, subjects))
    if len(results) > 1:
        results.append(_overall(poll, results, subjects))
    pending = [str(s.group) for s in paper.values() if s.needed and not s.agreed]
    return PollResults(poll, results, pending)


@dataclass(frozen=True)
class _Counts:
    entitled: int
    voted: int
    ballots: rules.BallotCounts
    tallies: Mapping[int, rules.Tally]


def _count_by_group(queryset: QuerySet[Any]) -> dict[int, int]:
    rows = queryset.values_list("group").annotate(n=Count("pk")).order_by()
    return {group_id: n for group_id, n in rows}


def _online_counts(poll: Poll) -> dict[int, tuple[rules.BallotCounts, dict[int, rules.Tally]]]:
    ballots = _count_by_group(Ballot.objects.filter(poll=poll))
    blank = _count_by_group(Ballot.objects.filter(poll=poll, marks__isnull=True))
    marks: defaultdict[int, defaultdict[int, dict[str, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for group_id, subject_id, mark, n in (
        BallotMark.objects.filter(ballot__poll=poll)
        .values_list("ballot__group", "subject", "mark")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        marks[group_id][subject_id][mark] = n
    counts = {}
    for group in poll.groups.all():
        cast = ballots.get(group.pk, 0)
        tallies = {
            s.pk: rules.online_tally(
                scale=poll.scale, mark_counts=marks[group.pk][s.pk], ballots=cast
            )
            for s in poll.subjects.all()
        }
        blank_ballots = blank.get(group.pk, 0) if poll.is_approval else 0
        counts[group.pk] = (rules.BallotCounts(cast, 0, blank_ballots), tallies)
    return counts


def _group_result(poll: Poll, name: str, counts: _Counts, subjects: list[Subject]) -> GroupResult:
    rows = []
    for subject in subjects:
        tally = counts.tallies[subject.pk]
        base = rules.verdict_base(
            poll.verdict_basis, entitled=counts.entitled, voted=counts.voted, valid=tally.valid
        )
        code = rules.verdict(
            scale=poll.scale, tally=tally, base=base, threshold_percent=poll.verdict_threshold
        )
        rows.append(
            SubjectResult(
                subject=subject,
                tally=tally,
                rate=rules.positive_rate(poll.scale, tally),
                verdict=code,
                verdict_label=rules.label(poll.scale, code) if code else "",
            )
        )
    outcome = None
    if poll.is_approval:
        base = rules.verdict_base(
            poll.verdict_basis,
            entitled=counts.entitled,
            voted=counts.voted,
            valid=counts.ballots.valid,
        )
        outcome = rules.approval_outcome(
            yes={r.subject.pk: r.tally.count("Y") for r in rows},
            seats=poll.max_choices,
            base=base,
            threshold_percent=poll.verdict_threshold,
        )
        for row in rows:
            row.elected = row.subject.pk in outcome.elected
            row.tied = row.subject.pk in outcome.tied
    if poll.scale == rules.GRADE:
        top = rules.most_marked({r.subject.pk: r.poor for r in rows})
        for row in rows:
            row.poor_top = row.subject.pk in top
    return GroupResult(name, counts.entitled, counts.voted, counts.ballots, rows, outcome)


def _overall(poll: Poll, results: list[GroupResult], subjects: list[Subject]) -> GroupResult:
    counts = _Counts(
        entitled=sum(r.entitled for r in results),
        voted=sum(r.voted for r in results),
        ballots=sum((r.ballots for r in results), rules.BallotCounts()),
        tallies={
            s.pk: sum((r.subjects[i].tally for r in results), rules.Tally())
            for i, s in enumerate(subjects)
        },
    )
    return _group_result(poll, _("全体"), counts, subjects)


def results_chart(results: PollResults) -> dict[str, Any]:
    """The overall counts per subject and mark, for the chart (the table shows every group)."""
    overall = results.overall
    return {
        "subjects": [r.subject.label for r in overall.subjects],
        "series": [
            {"name": str(text), "data": [r.tally.count(code) for r in overall.subjects]}
            for code, text in results.poll.marks
        ],
    }


# --- Turnout (for staff: who has voted, never how) ----------------------------------------------


@dataclass
class Turnout:
    group: VoterGroup
    entitled: int
    voted: int
    online: int
    paper: int

    @property
    def rate(self) -> Fraction | None:
        return rules.rate(self.voted, self.entitled)


def poll_turnout(*, poll: Poll) -> list[Turnout]:
    entitled = _count_by_group(Elector.objects.filter(poll=poll))
    by_channel: defaultdict[int, dict[str, int]] = defaultdict(dict)
    for group_id, channel, n in (
        Participation.objects.filter(poll=poll)
        .values_list("group", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_channel[group_id][channel] = n
    rows = []
    for group in poll.groups.all():
        online = by_channel[group.pk].get("online", 0)
        paper = by_channel[group.pk].get("paper", 0)
        rows.append(Turnout(group, entitled.get(group.pk, 0), online + paper, online, paper))
    return rows


def electors_not_voted(*, poll: Poll) -> QuerySet[Elector]:
    voted = Participation.objects.filter(poll=poll).values("voter_id")
    return (
        Elector.objects.filter(poll=poll)
        .exclude(voter_id__in=voted)
        .select_related("voter", "group")
        .order_by("group__position", "voter__username")
    )


def electors(*, poll: Poll) -> QuerySet[Elector]:
    return poll.electors.select_related("voter", "group").order_by(
        "group__position", "voter__username"
    )


# --- Lists --------------------------------------------------------------------------------------


def polls_managed(*, user: User) -> QuerySet[Poll]:
    """The staff list: the polls of the user's jurisdiction with their counts."""
    return Poll.objects.managed_by(user).select_related("jurisdiction").with_counts()


@dataclass
class MyPolls:
    open_polls: list[Poll]
    published_polls: list[Poll]


def my_polls(*, user: User) -> MyPolls:
    """A voter's polls: those to vote in now, and the latest published results."""
    polls = list(
        Poll.objects.votable_by(user)
        .with_voted_by(user)
        .select_related("jurisdiction")
        .order_by("-opened_at", "-pk")
    )
    return MyPolls(
        open_polls=[p for p in polls if p.is_open],
        published_polls=[p for p in polls if p.status == Poll.Status.PUBLISHED][:20],
    )


def has_voted(*, poll: Poll, user: User) -> bool:
    return poll.participations.filter(voter=user).exists()


# --- Home page ----------------------------------------------------------------------------------


def home_figures(*, user: User) -> dict[str, Any]:
    """For the home page: a deputy's open polls to vote in, and for staff the polls running."""
    figures: dict[str, Any] = {}
    if has_named_permission(user, "polls.list_own_polls"):
        figures["open_polls"] = list(
            Poll.objects.votable_by(user)
            .open()
            .with_voted_by(user)
            .order_by("closes_at", "-pk")[:10]
        )
    if has_named_permission(user, "polls.manage_polls"):
        figures["running"] = Poll.objects.managed_by(user).open().count()
    return figures
