"""Pure rules of the deputy-voted livelihood projects: the vote count, progress, lag, timeline.

No ORM, no request: plain values in and out, so every rule is tested on its own and the pages,
the services and the demo data all count the same way.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.formatting import number_text

# A project is flagged when its progress or spending trails the share of time elapsed by more
# than this many percentage points (budget-supervision platforms warn at about this distance).
LAG_MARGIN = Decimal(20)

HUNDRED = Decimal(100)


# --- The decision vote (差额票决) ------------------------------------------------------------------


@dataclass(frozen=True)
class VoteCount:
    votes: dict[str, int]
    valid_ballots: int
    invalid_ballots: int
    elected: list[str]
    revote: list[str]
    revote_seats: int
    unfilled_seats: int

    @property
    def decided(self) -> bool:
        """True when no re-vote is pending."""
        return not self.revote


def ballot_is_valid(ballot: Collection[str], candidates: Collection[str], seats: int) -> bool:
    """A ballot may mark at most `seats` candidates, each a real candidate, each once."""
    marks = list(ballot)
    return len(marks) <= seats and len(set(marks)) == len(marks) and set(marks) <= set(candidates)


def check_vote(candidates: Sequence[str], seats: int, deputies_total: int, ballots: int) -> None:
    """Raise ValueError unless the vote is a competitive one that the congress could have held."""
    if len(set(candidates)) != len(candidates):
        raise ValueError("candidate names must be unique")
    if seats < 1:
        raise ValueError("seats must be at least 1")
    if seats >= len(candidates):
        raise ValueError("a competitive vote needs more candidates than seats")
    if deputies_total < 1:
        raise ValueError("deputies_total must be at least 1")
    if ballots > deputies_total:
        raise ValueError("more ballots than deputies")


def count_project_vote(
    candidates: Sequence[str],
    ballots: Iterable[Collection[str]],
    seats: int,
    deputies_total: int,
) -> VoteCount:
    """Count the secret ballots of a competitive vote on livelihood projects."""
    ballots = list(ballots)
    check_vote(candidates, seats, deputies_total, len(ballots))
    votes = dict.fromkeys(candidates, 0)
    invalid = 0
    for ballot in ballots:
        if not ballot_is_valid(ballot, candidates, seats):
            invalid += 1
            continue
        for name in ballot:
            votes[name] += 1
    return decide_vote(
        candidates,
        votes,
        seats=seats,
        deputies_total=deputies_total,
        valid_ballots=len(ballots) - invalid,
        invalid_ballots=invalid,
    )


def decide_vote(
    candidates: Sequence[str],
    votes: Mapping[str, int],
    *,
    seats: int,
    deputies_total: int,
    valid_ballots: int,
    invalid_ballots: int,
) -> VoteCount:
    """Who is elected from yes-vote totals; shared by the ballot count and paper totals.

    A candidate needs more than half of all deputies of the congress. When more pass than there
    are seats the highest are taken; a tie straddling the last seat goes to a re-vote.
    """
    check_vote(candidates, seats, deputies_total, valid_ballots + invalid_ballots)
    if set(votes) - set(candidates):
        raise ValueError("votes for a name that is not a candidate")
    if any(votes.get(name, 0) > valid_ballots for name in candidates):
        raise ValueError("a candidate has more votes than valid ballots")
    totals = {name: votes.get(name, 0) for name in candidates}
    passing = sorted(
        (name for name in candidates if passes_majority(totals[name], deputies_total)),
        key=lambda name: -totals[name],  # sorted() is stable: ties keep the candidates' order
    )
    elected, revote, revote_seats = passing, [], 0
    if len(passing) > seats:
        last = totals[passing[seats - 1]]
        above = [name for name in passing if totals[name] > last]
        tied = [name for name in passing if totals[name] == last]
        if len(above) + len(tied) > seats:
            elected, revote, revote_seats = above, tied, seats - len(above)
        else:
            elected = passing[:seats]
    return VoteCount(
        votes=totals,
        valid_ballots=valid_ballots,
        invalid_ballots=invalid_ballots,
        elected=elected,
        revote=revote,
        revote_seats=revote_seats,
        unfilled_seats=seats - len(elected) - revote_seats,
    )


def passes_majority(yes_votes: int, deputies_total: int) -> bool:
    """More than half of all the congress's deputies, not of the ballots cast."""
    return yes_votes * 2 > deputies_total


# --- Progress, money and lag -------------------------------------------------------------------


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole as a percentage with one decimal, or None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def weighted_progress(milestones: Iterable[tuple[int, int]]) -> Decimal:
    """Weighted completion of (weight, percent complete) milestones, 0–100; no milestones is 0."""
    milestones = list(milestones)
    total = sum(weight for weight, _done in milestones)
    if not total:
        return Decimal(0)
    done = sum(weight * min(max(share, 0), 100) for weight, share in milestones)
    return (Decimal(done) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def time_elapsed(start: date | None, end: date | None, today: date) -> Decimal | None:
    """The share of the implementation period that has passed, 0–100; None without a period."""
    if start is None or end is None or end <= start:
        return None
    days = (min(max(today, start), end) - start).days
    return percent(days, (end - start).days)


@dataclass(frozen=True)
class Lag:
    elapsed: Decimal
    progress_lag: Decimal | None  # percentage points behind time, when beyond the margin
    spending_lag: Decimal | None

    @property
    def flagged(self) -> bool:
        return self.progress_lag is not None or self.spending_lag is not None

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.progress_lag is not None:
            out.append(
                str(_("进度落后时间进度 %(p)s 个百分点") % {"p": number_text(self.progress_lag)})
            )
        if self.spending_lag is not None:
            out.append(
                str(
                    _("资金支付落后时间进度 %(p)s 个百分点") % {"p": number_text(self.spending_lag)}
                )
            )
        return out


def lag(
    *,
    progress: Decimal,
    budget: Decimal,
    spent: Decimal,
    start: date | None,
    end: date | None,
    today: date,
    margin: Decimal = LAG_MARGIN,
) -> Lag | None:
    """How far a project trails the calendar, or None when it has no implementation period.

    Spending is judged against the budget; a project without a budget is judged on progress only.
    """
    elapsed = time_elapsed(start, end, today)
    if elapsed is None:
        return None
    behind = elapsed - progress
    spent_share = percent(spent, budget)
    money_behind = None if spent_share is None else elapsed - spent_share
    return Lag(
        elapsed=elapsed,
        progress_lag=behind if behind > margin else None,
        spending_lag=money_behind if money_behind is not None and money_behind > margin else None,
    )


def over_budget(*, budget: Decimal, spent: Decimal) -> bool:
    """Spending above the budget must be explained (a reason is recorded with the entry)."""
    return spent > budget


@dataclass(frozen=True)
class Envelope:
    """The year's budget envelope for the voted projects (溆浦: 1,000万元), and what they take."""

    envelope: Decimal
    used: Decimal

    @property
    def left(self) -> Decimal:
        """What the envelope still holds; negative when the projects cost more than it."""
        return self.envelope - self.used

    @property
    def over(self) -> bool:
        return self.used > self.envelope

    @property
    def over_by(self) -> Decimal:
        return max(self.used - self.envelope, Decimal(0))

    @property
    def share(self) -> Decimal | None:
        return percent(self.used, self.envelope)


def project_cost(budget: Decimal, estimated: Decimal | None) -> Decimal:
    """What an elected project takes from the envelope: its budget once the money entries record
    one, before that the cost estimated when it stood for the vote."""
    if budget > 0:
        return budget
    return estimated or Decimal(0)


def envelope_use(envelope: Decimal, costs: Iterable[Decimal]) -> Envelope:
    """The envelope against the elected projects' costs (see `project_cost`)."""
    return Envelope(envelope=envelope, used=sum(costs, Decimal(0)))


# --- The eight steps 征 提 议 决 交 办 督 评 ------------------------------------------------------

STEPS: list[tuple[str, str, str | Promise]] = [
    ("solicit", "征", _("征集项目")),
    ("propose", "提", _("提出建议")),
    ("deliberate", "议", _("审议候选")),
    ("decide", "决", _("代表票决")),
    ("assign", "交", _("集中交办")),
    ("handle", "办", _("组织实施")),
    ("supervise", "督", _("视察督办")),
    ("evaluate", "评", _("满意度测评")),
]


@dataclass(frozen=True)
class Step:
    key: str
    char: str
    label: str
    on: date | None
    state: str  # "done", "current" or "upcoming"


def timeline(dates: Mapping[str, date | None], today: date) -> list[Step]:
    """The eight steps with their dates; the last step whose date has come is the current one."""
    reached = [key for key, _c, _l in STEPS if (on := dates.get(key)) is not None and on <= today]
    current = reached[-1] if reached else None
    steps, seen_current = [], False
    for key, char, label in STEPS:
        if key == current:
            state, seen_current = "current", True
        elif current is not None and not seen_current:
            state = "done"
        else:
            state = "upcoming"
        steps.append(Step(key=key, char=char, label=str(label), on=dates.get(key), state=state))
    return steps


# --- Satisfaction ------------------------------------------------------------------------------


def satisfaction_rate(satisfied: int, basic: int, dissatisfied: int) -> Decimal | None:
    """满意率 = (满意 + 基本满意) / 有效票, as a percentage."""
    return percent(satisfied + basic, satisfied + basic + dissatisfied)
