"""The warning rules of networked budget supervision (预算联网监督) and the sums of the functional
classification tree: plain values in and out, no database.

Every rule is exact: amounts are Decimal, shares are Fractions, and a threshold is a whole
percentage set per county. A value exactly at a threshold warns nothing.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ZERO = Decimal("0")

# The standard tree's levels by the length of their code: 类 201, 款 20101, 项 2010101.
CODE_LENGTHS = (3, 5, 7)
QUARTER_ENDS = (3, 6, 9, 12)

# Defaults of a county's thresholds, until its admin sets its own.
DEFAULT_PACE_LOW = 80
DEFAULT_PACE_HIGH = 120
DEFAULT_ADJUSTMENT_SHARE = 10
DEFAULT_LAST_MONTH_SHARE = 30
DEFAULT_DUE_DAYS = 30


def time_share(as_of: date) -> Fraction:
    """Days from 1 January to `as_of`, both counted, over the days of that year."""
    days_in_year = 366 if calendar.isleap(as_of.year) else 365
    return Fraction(as_of.timetuple().tm_yday, days_in_year)


def pace(budget: Decimal, executed: Decimal, as_of: date) -> Fraction | None:
    """Execution share over time share, in percent; None when nothing is budgeted.
    A refund larger than the spending counts as nothing spent."""
    if budget <= 0:
        return None
    spent = max(executed, ZERO)
    return Fraction(spent) / Fraction(budget) / time_share(as_of) * 100


def pace_warning(
    budget: Decimal, executed: Decimal, as_of: date, *, low: int = 80, high: int = 120
) -> str | None:
    """'behind', 'ahead', 'unbudgeted' or None.
    time share = days from 1 January to `as_of`, both counted, over the days of that year;
    execution share = executed / budget; pace = execution share / time share, in percent,
    computed exactly (Fraction or Decimal), never in floats.
    'behind' when pace < low, 'ahead' when pace > high (exactly `low` or `high` warns nothing).
    budget <= 0 with executed > 0 is 'unbudgeted'; nothing budgeted and nothing spent is None.
    Negative `executed` (a refund larger than spending) counts as 0."""
    if budget <= 0:
        return "unbudgeted" if executed > 0 else None
    value = pace(budget, executed, as_of)
    assert value is not None
    if value < low:
        return "behind"
    if value > high:
        return "ahead"
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def pace_checked(month: int, *, every_month: bool) -> bool:
    """Whether the pace rule runs on a month's execution: at quarter ends, as 会同 reviews it,
    unless the county checks every month."""
    return every_month or month in QUARTER_ENDS


def adjustment_warning(line: Decimal, change: Decimal, *, approved: bool, share: int) -> bool:
    """An adjustment (either way) above `share` percent of the line, without an approval.
    A line with nothing budgeted has no share to stay within: any change to it warns."""
    if approved or change == 0:
        return False
    if line <= 0:
        return True
    return abs(change) * 100 > line * share


def last_month_warning(
    budget: Decimal, executed_november: Decimal, executed_december: Decimal, *, share: int
) -> bool:
    """More than `share` percent of the line drawn down in December alone (the year's rush to
    spend). Refunds in December draw nothing; a line with no budget is the unbudgeted rule's."""
    if budget <= 0:
        return False
    drawn = max(executed_december, ZERO) - max(executed_november, ZERO)
    return drawn * 100 > budget * share


def code_level(code: str) -> int | None:
    """1 for 类, 2 for 款, 3 for 项; None for a code that is not of the tree."""
    if not code.isdigit() or len(code) not in CODE_LENGTHS:
        return None
    return CODE_LENGTHS.index(len(code)) + 1


def parent_code(code: str) -> str | None:
    level = code_level(code)
    if level is None or level == 1:
        return None
    return code[: CODE_LENGTHS[level - 2]]


@dataclass(frozen=True)
class Mismatch:
    """A parent whose amount is not the sum of its children's."""

    code: str
    amount: Decimal
    children_sum: Decimal
    children: tuple[str, ...]


def tree_mismatches(amounts: Mapping[str, Decimal]) -> list[Mismatch]:
    """Each parent given with children given whose amount differs from their sum, by code.
    A parent given without children, or children without their parent, is not checked."""
    children: dict[str, list[str]] = {}
    for code in amounts:
        parent = parent_code(code)
        if parent is not None and parent in amounts:
            children.setdefault(parent, []).append(code)
    found = []
    for parent, kids in sorted(children.items()):
        total = sum((amounts[k] for k in kids), ZERO)
        if total != amounts[parent]:
            found.append(Mismatch(parent, amounts[parent], total, tuple(sorted(kids))))
    return found


def leaf_codes(codes: Iterable[str]) -> set[str]:
    """The codes none of the others descends from: summing these counts each yuan once."""
    given = set(codes)
    ancestors: set[str] = set()
    for code in given:
        parent = parent_code(code)
        while parent is not None:
            ancestors.add(parent)
            parent = parent_code(parent)
    return given - ancestors


def top_totals(lines: Iterable[tuple[str, Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    """A budget's totals from its lines (code, adopted, as it stands), each yuan counted once:
    the lines none of whose ancestors is present (the class lines, when the budget has them)."""
    rows = list(lines)
    present = {row[0] for row in rows}

    def is_top(code: str) -> bool:
        parent = parent_code(code)
        while parent is not None:
            if parent in present:
                return False
            parent = parent_code(parent)
        return True

    tops = [row for row in rows if is_top(row[0])]
    return sum((r[1] for r in tops), ZERO), sum((r[2] for r in tops), ZERO)


def leaf_total(amounts: Mapping[str, Decimal]) -> Decimal:
    """Spending reported by code, each yuan once: a parent's amount is its children's."""
    return sum((amounts[code] for code in leaf_codes(amounts)), ZERO)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, to one decimal; None for nothing budgeted."""
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def fraction_to_decimal(value: Fraction, places: str = "0.1") -> Decimal:
    """An exact fraction shown to `places`, without passing through a float."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places))


# --- Township budget review (乡镇人大预算审查, 中方) -------------------------------------------------

# The steps a township congress takes on its budget in a year, in the order the matrix shows them.
REVIEW_STEPS = ("preliminary", "approval", "adjustment", "final")


def review_window(step: str, year: int) -> tuple[date, date]:
    """The days a step on the budget of `year` may fall on, both included.

    The budget is reviewed and approved at the session around the new year: from 1 November of
    the year before to the end of the year. Adjustments are approved within the year; the final
    accounts (决算) of a year only once it is over, within the next year."""
    if step in ("preliminary", "approval"):
        return date(year - 1, 11, 1), date(year, 12, 31)
    if step == "adjustment":
        return date(year, 1, 1), date(year, 12, 31)
    if step == "final":
        return date(year + 1, 1, 1), date(year + 1, 12, 31)
    raise ValueError(f"unknown review step {step!r}")


def review_step_error(
    step: str, held_on: date, year: int, *, preliminary_on: date | None
) -> str | None:
    """Why a step cannot be recorded on `held_on`, or None:
    'window' outside `review_window`; 'no_preliminary' an approval with no preliminary review
    recorded; 'before_preliminary' an approval earlier than the preliminary review (the same
    day is allowed: the presidium reviews in the morning, the session approves that afternoon)."""
    start, end = review_window(step, year)
    if not start <= held_on <= end:
        return "window"
    if step == "approval":
        if preliminary_on is None:
            return "no_preliminary"
        if held_on < preliminary_on:
            return "before_preliminary"
    return None


# --- 两问四评 of a major fund (新晃) ------------------------------------------------------------

# The parts of a fund's result: the two questions put to the public and the four evaluations.
FUND_QUESTIONS = ("in_place", "satisfied")
FUND_EVALUATIONS = ("finance", "audit", "third_party", "congress")
FUND_PARTS = FUND_QUESTIONS + FUND_EVALUATIONS
DEFAULT_FUND_WEIGHTS = {
    "in_place": 15,
    "satisfied": 15,
    "finance": 20,
    "audit": 20,
    "third_party": 15,
    "congress": 15,
}
HUNDRED = Fraction(100)


def fund_weights_error(weights: Mapping[str, int]) -> str | None:
    """'parts' when a part is missing or unknown, 'range' for a weight below 0 or above 100,
    'sum' when the weights do not add up to exactly 100; None when they do."""
    if set(weights) != set(FUND_PARTS):
        return "parts"
    if any(not 0 <= w <= 100 for w in weights.values()):
        return "range"
    if sum(weights.values()) != 100:
        return "sum"
    return None


def favourable_share(favourable: int, total: int) -> Fraction | None:
    """The share of favourable answers (好 and 较好, 满意 and 基本满意) in percent, exactly;
    None when nobody answered."""
    if favourable < 0 or favourable > total:
        raise ValueError("favourable answers must lie between 0 and the total")
    if total == 0:
        return None
    return Fraction(favourable * 100, total)


def evaluation_score(scores: Iterable[tuple[Decimal, Decimal]]) -> Fraction | None:
    """An evaluation's score out of 100 from its criteria's (score, maximum): the points given
    over the points possible, so a criterion's maximum is its weight. None with no criteria."""
    given = possible = Fraction(0)
    for score, maximum in scores:
        if maximum <= 0 or not 0 <= score <= maximum:
            raise ValueError("a score lies between 0 and its criterion's positive maximum")
        given += Fraction(score)
        possible += Fraction(maximum)
    if possible == 0:
        return None
    return given / possible * 100


def fund_result(
    scores: Mapping[str, Fraction | Decimal | None], weights: Mapping[str, int]
) -> Decimal | None:
    """The fund's one result out of 100: each part's score (0-100) times its weight, summed over
    100, rounded once at the end to two places (half up). Not complete (None) while any of the
    six parts has no score, whatever its weight. Weights must pass `fund_weights_error`."""
    error = fund_weights_error(weights)
    if error:
        raise ValueError(f"fund weights refused: {error}")
    total = Fraction(0)
    for part in FUND_PARTS:
        score = scores.get(part)
        if score is None:
            return None
        if not 0 <= score <= 100:
            raise ValueError(f"the score of {part} lies outside 0-100")
        total += Fraction(score) * weights[part]
    return to_score(total / HUNDRED)


def to_score(value: Fraction | Decimal) -> Decimal:
    """A score or share shown to two places, half up, without passing through a float."""
    exact = Fraction(value)
    quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
    return quotient.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
