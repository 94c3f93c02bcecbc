"""Pure date rules for reports: quarters are bounded in local (Asia/Shanghai) dates."""

import datetime as dt


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First day of the quarter and first day of the next one (half-open range)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1..4")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end


def previous_quarter(day: dt.date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)
