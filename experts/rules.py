"""Pure rules of the expert pool: the senior share against its target, the quarters that passed
without a meeting, and whether an appointment is in term. Plain values in and out."""

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

# 鹤城's pool: "高级职称的占比达80%以上"; a county sets its own target, this is the default.
DEFAULT_SENIOR_TARGET = 80

# 正高 and 副高 are the senior titles (高级职称); 中级 and the rest are not.
SENIOR_LEVELS = frozenset({"full_senior", "deputy_senior"})


def is_senior(level: str) -> bool:
    return level in SENIOR_LEVELS


def senior_share(senior: int, total: int) -> Decimal | None:
    """The senior share in percent, to one decimal; None for an empty pool (nothing to measure)."""
    if total <= 0:
        return None
    return (Decimal(senior) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def below_target(senior: int, total: int, target: int) -> bool:
    """The share falls short of the target. Compared on the exact counts, not the rounded share:
    27 of 34 (79.41 %) is below 80 even if someone rounds it to 79.4 or 80."""
    return total > 0 and senior * 100 < target * total


def in_term(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """Appointed on `day`: from the first day of the term to its last day, both included; a term
    without an end runs until one is set."""
    return start <= day and (end is None or day <= end)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    first = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, following - dt.timedelta(days=1)


def quarters_without_meeting(
    meetings: Iterable[dt.date], today: dt.date, since: dt.date | None = None
) -> list[int]:
    """The quarters of today's year that are over (their last day is before today) and held no
    meeting of the pool. A quarter that ended before the pool existed (`since`) owes none."""
    held = {quarter_of(day) for day in meetings if day.year == today.year}
    missing = []
    for quarter in range(1, 5):
        first, last = quarter_bounds(today.year, quarter)
        if last >= today or (since is not None and last < since):
            continue
        if quarter not in held:
            missing.append(quarter)
    return missing


def quarters_to_watch(today: dt.date) -> list[tuple[int, int]]:
    """(year, quarter) of the quarter under way and the one before it, for reminders: the current
    one is reminded before its end, the previous one once, when it ended without a meeting (in
    January the previous one is last year's fourth)."""
    quarter = quarter_of(today)
    previous = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    return [previous, (today.year, quarter)]
