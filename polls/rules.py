"""Pure voting rules: scales, ballot and paper-sheet checks, tallies, verdicts, approval outcome.

Plain values in and out, no ORM and no request, so every rule can be unit-tested on its own and
the result pages, the services and the tests all count the same way.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SATISFACTION = "satisfaction"
GRADE = "grade"
APPROVAL = "approval"

RATING = "rating"
# The kind of a competitive vote (差额票决); it always uses the APPROVAL scale.
APPROVAL_KIND = "approval"

# Marks best first; the verdict rule walks them in this order.
SCALES: dict[str, list[tuple[str, str | Promise]]] = {
    SATISFACTION: [("S", _("满意")), ("B", _("基本满意")), ("U", _("不满意"))],
    GRADE: [("A", _("优秀")), ("B", _("良好")), ("C", _("一般")), ("D", _("较差"))],
    APPROVAL: [("Y", _("赞成"))],
}
# The marks that count towards the satisfaction rate (满意率) or the share of good grades (优良率).
POSITIVE = {SATISFACTION: ("S", "B"), GRADE: ("A", "B")}
POOR = "D"

# What a voter sends for a rating subject they leave blank (弃权).
ABSTAIN = "-"
BLANK = "blank"
INVALID = "invalid"

BASIS_ENTITLED = "entitled"
BASIS_VOTED = "voted"
BASIS_VALID = "valid"


class BallotRejected(ValidationError):
    """A ballot, tally or step that must not be stored; the message is shown to the user."""

    def __str__(self) -> str:
        # The message itself, as the voter reads it (ValidationError would show a list).
        return "；".join(self.messages)


class PollStateError(BallotRejected):
    """An action the poll's current status does not allow."""


# --- A poll's rules and lifecycle ---------------------------------------------------------------

# A poll only moves forward through these, one step at a time.
STATUSES = ("draft", "open", "closed", "published")


def rule_change_error(
    *, stored_status: str, status: str, stored_rules: Mapping[str, Any], rules: Mapping[str, Any]
) -> str | None:
    """Why a poll may not be saved this way, or None: its rules are fixed once it leaves draft,
    and its status never goes back (which would unfix them)."""
    step = STATUSES.index(status) - STATUSES.index(stored_status)
    if step not in (0, 1):
        return str(_("投票状态只能依次推进，不能回退或跳过。"))
    if stored_status != "draft" and dict(stored_rules) != dict(rules):
        return str(_("投票开始后不能修改投票类型、评价标准、应选名额和结论计算规则。"))
    return None


# What may still change once voting has started; the rest would alter a running count.
LATER_FIELDS = ("title", "description", "closes_at", "tellers")


def settings_change_error(*, status: str, fields: Iterable[str]) -> str | None:
    """Why a poll's settings may not be changed this way, or None: nothing once the results are
    published, and only `LATER_FIELDS` once the poll has left draft."""
    if status == "published":
        return str(_("结果公布后不能再修改设置。"))
    if status != "draft" and not set(fields) <= set(LATER_FIELDS):
        return str(_("投票已经开始，只能修改名称、说明、截止时间和计票人，请刷新页面后重试。"))
    return None


def poll_scale(*, kind: str | None, scale: str | None) -> str | None:
    """The scale a poll of `kind` uses when `scale` was chosen, or None when the choice does not
    fit: a competitive vote always marks 赞成; a rating poll needs satisfaction or grades."""
    if kind == APPROVAL_KIND:
        return APPROVAL
    if scale in (SATISFACTION, GRADE):
        return scale
    return None


SCALE_NEEDED = _("测评请选择满意度或等次。")


def codes(scale: str) -> list[str]:
    return [code for code, _label in SCALES[scale]]


def label(scale: str, code: str) -> str:
    return str(dict(SCALES[scale]).get(code, code))


# --- Ballots ------------------------------------------------------------------------------------


def ballot_errors(
    *,
    kind: str,
    scale: str,
    subject_ids: Iterable[int],
    max_choices: int,
    marks: Mapping[int, str | None],
) -> list[str]:
    """Why a ballot cannot be accepted, or [] if it can.

    A rating ballot answers every subject (None = blank); an approval ballot names the chosen
    subjects with the scale's one mark, at most `max_choices` of them.
    """
    known = set(subject_ids)
    allowed = set(codes(scale))
    if not set(marks) <= known:
        return [str(_("选票内容与本次投票不符，请刷新页面后重新填写。"))]
    if kind == RATING:
        if set(marks) != known:
            return [str(_("请对每一个测评对象作出选择（可选择弃权）。"))]
        if any(mark is not None and mark not in allowed for mark in marks.values()):
            return [str(_("选票中有无效的评价选项。"))]
        return []
    chosen = [sid for sid, mark in marks.items() if mark is not None]
    if any(marks[sid] not in allowed for sid in chosen):
        return [str(_("选票中有无效的选项。"))]
    if len(chosen) > max_choices:
        return [
            str(
                _("最多只能选择 %(k)d 项，您选择了 %(n)d 项。")
                % {"k": max_choices, "n": len(chosen)}
            )
        ]
    return []


# --- Tallies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Counts for one subject: per mark, blank (弃权) and invalid (无效)."""

    marks: Mapping[str, int] = field(default_factory=dict)
    blank: int = 0
    invalid: int = 0

    @property
    def valid(self) -> int:
        return sum(self.marks.values())

    def count(self, code: str) -> int:
        return self.marks.get(code, 0)

    def __add__(self, other: "Tally") -> "Tally":
        keys = list(dict.fromkeys([*self.marks, *other.marks]))
        return Tally(
            marks={k: self.count(k) + other.count(k) for k in keys},
            blank=self.blank + other.blank,
            invalid=self.invalid + other.invalid,
        )


def online_tally(*, scale: str, mark_counts: Mapping[str, int], ballots: int) -> Tally:
    """An online rating subject: every ballot without a mark for it was left blank."""
    marks = {code: mark_counts.get(code, 0) for code in codes(scale)}
    blank = 0 if scale == APPROVAL else ballots - sum(marks.values())
    return Tally(marks=marks, blank=blank)


@dataclass(frozen=True)
class BallotCounts:
    """Whole ballots: cast, wholly invalid (废票) and wholly blank (空白票)."""

    cast: int = 0
    invalid: int = 0
    blank: int = 0

    @property
    def valid(self) -> int:
        return self.cast - self.invalid

    def __add__(self, other: "BallotCounts") -> "BallotCounts":
        return BallotCounts(
            self.cast + other.cast, self.invalid + other.invalid, self.blank + other.blank
        )


def rate(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def positive_rate(scale: str, tally: Tally) -> Fraction | None:
    """满意率 = (满意 + 基本满意) / 有效票; for grades the share of 优秀 + 良好."""
    if scale not in POSITIVE:
        return None
    return rate(sum(tally.count(code) for code in POSITIVE[scale]), tally.valid)


def verdict_base(basis: str, *, entitled: int, voted: int, valid: int) -> int:
    return {BASIS_ENTITLED: entitled, BASIS_VOTED: voted, BASIS_VALID: valid}[basis]


def exceeds(votes: int, base: int, threshold_percent: int) -> bool:
    """More than `threshold_percent` % of `base` (50 → more than half), in exact arithmetic."""
    return base > 0 and votes * 100 > threshold_percent * base


def verdict(*, scale: str, tally: Tally, base: int, threshold_percent: int = 50) -> str | None:
    """The best mark whose votes, added to all better marks, exceed the threshold of the base.

    Satisfaction: 满意 if 满意 > half; 基本满意 if 满意 + 基本满意 > half; else 不满意.
    Grades the same way down to 较差. None when there is nothing to decide on (base 0).
    """
    if base <= 0 or scale not in POSITIVE:
        return None
    order = codes(scale)
    running = 0
    for code in order[:-1]:
        running += tally.count(code)
        if exceeds(running, base, threshold_percent):
            return code
    return order[-1]


def most_marked(counts: Mapping[int, int], n: int = 3) -> list[int]:
    """Keys with the `n` highest non-zero counts, ties at the cut included (D-top-3)."""
    ranked = sorted((k for k, v in counts.items() if v > 0), key=lambda k: -counts[k])
    if len(ranked) <= n:
        return ranked
    cut = counts[ranked[n - 1]]
    return [k for k in ranked if counts[k] >= cut]


@dataclass(frozen=True)
class ApprovalOutcome:
    elected: list[int]
    # Tied for the last seats: a re-vote among them decides `revote_seats` seats.
    tied: list[int]
    revote_seats: int
    unfilled: int


def approval_outcome(
    *, yes: Mapping[int, int], seats: int, base: int, threshold_percent: int = 50
) -> ApprovalOutcome:
    """Competitive vote (差额票决): a candidate passes with yes votes over the threshold of the
    base (all deputies of the congress by default); if more pass than there are seats, the
    highest are taken; a tie for the last seat goes to a re-vote; unfilled seats stay unfilled."""
    passing = sorted(
        (k for k, v in yes.items() if exceeds(v, base, threshold_percent)), key=lambda k: -yes[k]
    )
    if len(passing) <= seats:
        return ApprovalOutcome(passing, [], 0, seats - len(passing))
    cut = yes[passing[seats - 1]]
    above = [k for k in passing if yes[k] > cut]
    at_cut = [k for k in passing if yes[k] == cut]
    if len(above) + len(at_cut) <= seats:
        return ApprovalOutcome(above + at_cut, [], 0, 0)
    return ApprovalOutcome(above, at_cut, seats - len(above), 0)


# --- Paper ballots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperSheet:
    """A teller's totals for one group: whole ballots, and per subject {mark|blank|invalid: n}."""

    ballots: int
    invalid_ballots: int = 0
    blank_ballots: int = 0
    counts: Mapping[int, Mapping[str, int]] = field(default_factory=dict)

    def ballot_counts(self) -> BallotCounts:
        return BallotCounts(self.ballots, self.invalid_ballots, self.blank_ballots)

    def tally(self, subject_id: int) -> Tally:
        row = self.counts.get(subject_id, {})
        marks = {k: v for k, v in row.items() if k not in (BLANK, INVALID)}
        # A wholly invalid ballot is invalid for every subject on it.
        return Tally(marks, row.get(BLANK, 0), row.get(INVALID, 0) + self.invalid_ballots)


def sheet_errors(
    *, kind: str, scale: str, subject_ids: Iterable[int], max_choices: int, sheet: PaperSheet
) -> list[str]:
    """Why a teller's sheet does not add up, or [] if it does."""
    subject_ids = list(subject_ids)
    wrong: list[int] = []
    usable = sheet.ballots - sheet.invalid_ballots - (sheet.blank_ballots if kind != RATING else 0)
    if usable < 0:
        return [str(_("无效票和空白票之和不能超过收回选票数。"))]
    if set(sheet.counts) != set(subject_ids):
        return [str(_("计票表与本次投票的测评对象不符。"))]
    allowed = set(codes(scale)) | ({BLANK, INVALID} if kind == RATING else set())
    for sid in subject_ids:
        row = sheet.counts[sid]
        if not set(row) <= allowed or any(v < 0 for v in row.values()):
            return [str(_("计票表中有无效的选项或负数。"))]
        if kind == RATING and sum(row.values()) != usable:
            wrong.append(sid)
        if kind != RATING and row.get("Y", 0) > usable:
            wrong.append(sid)
    if wrong and kind == RATING:
        return [str(_("每个测评对象的各项票数、弃权票与无效票之和应等于有效选票数。"))]
    if wrong:
        return [str(_("单个项目的赞成票不能超过有效选票数。"))]
    if (
        kind != RATING
        and sum(row.get("Y", 0) for row in sheet.counts.values()) > usable * max_choices
    ):
        return [str(_("赞成票总数超过了有效选票数乘以应选名额。"))]
    return []


@dataclass(frozen=True)
class Difference:
    subject_id: int | None  # None: a whole-ballot count
    key: str
    first: int
    second: int


def sheet_differences(first: PaperSheet, second: PaperSheet) -> list[Difference]:
    """Every figure on which two tellers' sheets disagree; [] means they agree."""
    diffs = [
        Difference(None, key, getattr(first, key), getattr(second, key))
        for key in ("ballots", "invalid_ballots", "blank_ballots")
        if getattr(first, key) != getattr(second, key)
    ]
    for sid in sorted(set(first.counts) | set(second.counts)):
        a, b = first.counts.get(sid, {}), second.counts.get(sid, {})
        for key in sorted(set(a) | set(b)):
            if a.get(key, 0) != b.get(key, 0):
                diffs.append(Difference(sid, key, a.get(key, 0), b.get(key, 0)))
    return diffs
