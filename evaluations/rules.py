"""The rules of work evaluation and of the appraisal of heads, as pure functions.

No ORM, no request: plain values in and out, so each rule is tested on its own.
"""

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeVar

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

TENURE_MONTHS = 8
PROCURATORIAL_REPLY_MONTHS = 2

# Whatever names a head on a roster: an entry's id, a name in the tests.
Head = TypeVar("Head")


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later; a day the target month lacks becomes its last."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def assessed_alone(took_office: date, appraisal_date: date) -> bool:
    """True when in post 8 calendar months or more on `appraisal_date`.

    A start on a day the 8th month lacks (the 31st, say) reaches 8 months on that month's last
    day: 2024-01-31 reaches it on 2024-09-30. A head assessed not alone is assessed together with
    the predecessor.
    """
    return appraisal_date >= add_months(took_office, TENURE_MONTHS)


def audit_year_reviewed(evaluation_year: int) -> int:
    """The audit year whose problems a work evaluation of `evaluation_year` examines.

    The audit office reports on the previous year's budget execution, and the units rectify
    during the evaluation year: 沅陵's 2024 evaluation embedded "the 40 audit problems of 2023".
    """
    return evaluation_year - 1


def reply_due(issued_on: date) -> date:
    """A procuratorial suggestion is answered in writing within two calendar months of issue."""
    return add_months(issued_on, PROCURATORIAL_REPLY_MONTHS)


def d_top(d_votes: Mapping[Head, int], n: int = 3) -> set[Head]:
    """The n heads with the most D votes; everyone tied with the n-th is included; nobody with 0."""
    counted = sorted((votes for votes in d_votes.values() if votes > 0), reverse=True)
    if not counted or n <= 0:
        return set()
    threshold = counted[min(n, len(counted)) - 1]
    return {head for head, votes in d_votes.items() if votes > 0 and votes >= threshold}


class Consequence(StrEnum):
    GOVERNMENT_TALK = "government_talk"
    PARTY_TALK = "party_talk"
    POST_ADJUSTMENT = "post_adjustment"
    REMOVAL_MOTION = "removal_motion"

    @property
    def label(self) -> StrOrPromise:
        return CONSEQUENCE_LABELS[self]


CONSEQUENCE_LABELS = {
    Consequence.GOVERNMENT_TALK: _("由政府负责人约谈"),
    Consequence.PARTY_TALK: _("提请党委组织部门约谈"),
    Consequence.POST_ADJUSTMENT: _("提请党委岗位调整"),
    Consequence.REMOVAL_MOTION: _("由人大常委会依法提出撤职案"),
}


def consequences(history: Sequence[tuple[bool, bool]]) -> list[Consequence]:
    """The consequences of one head's current appraisal.

    `history` is the head's consecutive appraisals, oldest first, the current one last; each item
    is (rated_poor, in_d_top). A round counts when the head was rated poor or was in the D-top-3.
    Counting the current round and those straight before it that also counted: one → a talk with
    the government's head; two → a talk by the party committee's organization department; three
    or more → a proposal to adjust the post, and when the last three rounds were each both poor
    and in the D-top-3, also a removal motion. A current round that does not count gives nothing.
    """
    streak = 0
    for rated_poor, in_d_top in reversed(history):
        if not (rated_poor or in_d_top):
            break
        streak += 1
    if streak == 0:
        return []
    if streak == 1:
        return [Consequence.GOVERNMENT_TALK]
    if streak == 2:
        return [Consequence.PARTY_TALK]
    result = [Consequence.POST_ADJUSTMENT]
    if len(history) >= 3 and all(poor and top for poor, top in history[-3:]):
        result.append(Consequence.REMOVAL_MOTION)
    return result


# --- Audit rectification ------------------------------------------------------------------------


@dataclass(frozen=True)
class RectificationTally:
    """Audit problems of a unit (or a county) by status, with the rates the scorecard shows."""

    total: int = 0
    rectified: int = 0  # 整改到位
    partial: int = 0  # 部分整改
    committed: int = 0  # 承诺整改
    not_started: int = 0  # 未整改
    closed: int = 0  # 已销号
    overdue: int = 0  # past the deadline and not fully rectified

    @property
    def rectified_rate(self) -> Decimal | None:
        return percentage(self.rectified, self.total)

    @property
    def closed_rate(self) -> Decimal | None:
        return percentage(self.closed, self.total)


def percentage(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent with one decimal, or None when there is nothing to measure."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def is_overdue(deadline: date | None, done: bool, today: date) -> bool:
    return deadline is not None and not done and today > deadline


# --- Grades by proportion -----------------------------------------------------------------------


class Grade(StrEnum):
    A = "A"  # 优秀
    B = "B"  # 良好
    C = "C"  # 一般
    D = "D"  # 较差


@dataclass(frozen=True)
class GradePolicy:
    """How a county turns A–D votes into grades (按比例确定等次).

    The default, used unless the county sets its own on the appraisal round:
    - heads are ranked by their average vote (A=4, B=3, C=2, D=1 over the valid votes they got);
    - the best `excellent_share` (20 %) of the roster, rounded down, are graded 优秀 (A), the next
      `good_share` (50 %), rounded down, 良好 (B), the rest 一般 (C);
    - a head whose D votes are more than `poor_d_share` (one third) of their votes is graded
      较差 (D) whatever their rank: a share of the roster is never declared poor by quota alone;
    - heads tied with the last place of a band share that band, so a band can exceed its quota
      by the tied heads only; a head with no valid votes gets no grade.
    """

    excellent_share: Decimal = Decimal("0.20")
    good_share: Decimal = Decimal("0.50")
    poor_d_share: Decimal = Decimal("1") / Decimal("3")


DEFAULT_POLICY = GradePolicy()
WEIGHTS = {Grade.A: 4, Grade.B: 3, Grade.C: 2, Grade.D: 1}


def average_vote(votes: Mapping[Grade, int]) -> Decimal | None:
    total = sum(votes.get(g, 0) for g in Grade)
    if total == 0:
        return None
    return Decimal(sum(WEIGHTS[g] * votes.get(g, 0) for g in Grade)) / total


def grades_by_proportion(
    tallies: Mapping[Head, Mapping[Grade, int]], policy: GradePolicy = DEFAULT_POLICY
) -> dict[Head, Grade | None]:
    """The grade of each head from their vote tallies under `policy` (see GradePolicy)."""
    scores = {head: average_vote(votes) for head, votes in tallies.items()}
    valid = {head: score for head, score in scores.items() if score is not None}
    ranked = sorted(valid, key=lambda head: -valid[head])
    size = len(tallies)
    bands = [
        (Grade.A, int(size * policy.excellent_share)),
        (Grade.B, int(size * policy.good_share)),
    ]
    result: dict[Head, Grade | None] = {head: None for head in tallies}
    position = 0
    for grade, quota in bands:
        end = position + quota
        while (
            end < len(ranked) and end > position and scores[ranked[end]] == scores[ranked[end - 1]]
        ):
            end += 1
        for head in ranked[position:end]:
            result[head] = grade
        position = min(end, len(ranked))
    for head in ranked[position:]:
        result[head] = Grade.C
    for head in ranked:
        votes = tallies[head]
        total = sum(votes.get(g, 0) for g in Grade)
        if Decimal(votes.get(Grade.D, 0)) > policy.poor_d_share * total:
            result[head] = Grade.D
    return result
