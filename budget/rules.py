"""The warning rules of networked budget supervision (预算联网监督) and the sums of the functional
classification tree: plain values in and out, no database.

Every rule is exact: amounts are Decimal, shares are Fractions, and a threshold is a whole
percentage set per county. A value exactly at a threshold warns nothing.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
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


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, to one decimal; None for nothing budgeted."""
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def fraction_to_decimal(value: Fraction, places: str = "0.1") -> Decimal:
    """An exact fraction shown to `places`, without passing through a float."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places))
