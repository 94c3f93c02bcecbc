"""The standing committee's supervision (监督法): deadlines and the state of a supervision item.

Pure functions of dates and facts; nothing here reads the database. Models, services, reminders and
pages ask these, so that "when is it due" and "where does the item stand" have one answer.
"""

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

import chinese_calendar
from django.utils.translation import gettext as _

# The body sends its draft report for comments 20 days before the session and the final report 10
# days before it (监督法 第十四条、第十五条 as practised by the county committees).
DRAFT_REPORT_DAYS = 20
FINAL_REPORT_DAYS = 10
# A county's defaults, each a setting of the county: deliberation opinions go to the body within
# 5 working days of the session; its handling report is due two months after they are sent.
OPINION_WORKING_DAYS = 5
HANDLING_REPORT_MONTHS = 2


def calendar_knows(year: int) -> bool:
    """Whether the official holiday schedule of `year` is known to the calendar package; for
    other years only the admin's table of holidays and adjusted workdays can say."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(
    day: dt.date,
    *,
    extra_holidays: Collection[dt.date] = (),
    extra_workdays: Collection[dt.date] = (),
) -> bool:
    """A working day by China's official calendar: adjusted weekend workdays count, public
    holidays do not. The admin's table overrides the package on any day it names; in a year the
    package does not know, Saturdays and Sundays rest and every other day works."""
    if day in extra_workdays:
        return True
    if day in extra_holidays:
        return False
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def working_day_deadline(
    start: dt.date,
    days: int,
    *,
    extra_holidays: Collection[dt.date] = (),
    extra_workdays: Collection[dt.date] = (),
) -> dt.date:
    """The `days`-th working day after `start` (`start` itself never counts; days >= 1)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    both = set(extra_holidays) & set(extra_workdays)
    if both:
        # The admin table cannot call one day both; refuse rather than pick one silently.
        raise ValueError(f"a day is both a holiday and a workday: {sorted(both)}")
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, extra_holidays=extra_holidays, extra_workdays=extra_workdays):
            counted += 1
    return day


def years_beyond_calendar(start: dt.date, end: dt.date) -> list[int]:
    """The years from `start` to `end` whose holidays the package does not know: a deadline that
    runs into them rests on the admin's table, and the item and the admin page say so."""
    return [year for year in range(start.year, end.year + 1) if not calendar_knows(year)]


def report_deadlines(session_on: dt.date) -> tuple[dt.date, dt.date]:
    """(draft due, final due): 20 and 10 calendar days before the session."""
    return (
        session_on - dt.timedelta(days=DRAFT_REPORT_DAYS),
        session_on - dt.timedelta(days=FINAL_REPORT_DAYS),
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (31 Dec + 2 months
    is 28 or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def handling_report_deadline(
    opinions_sent_on: dt.date, months: int = HANDLING_REPORT_MONTHS
) -> dt.date:
    """When the body's handling report (研究处理情况报告) is due."""
    return add_months(opinions_sent_on, months)


class Verdict(StrEnum):
    """The committee members' satisfaction poll on a report (满意度测评)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


class ItemState(StrEnum):
    PLANNED = "planned"  # in the adopted plan, nothing done yet
    PREPARING = "preparing"  # research under way or a draft report received
    HEARD = "heard"  # heard (or inspected, inquired, resolved) at a session
    OPINIONS_SENT = "opinions_sent"  # deliberation opinions sent to the body
    HANDLED = "handled"  # the body's handling report received
    RE_REPORT = "re_report"  # the handling report was polled 不满意: the body reports again
    CLOSED = "closed"


@dataclass(frozen=True)
class HandlingReport:
    """One report of the body on how it handled the opinions (or executed a resolution), with
    the poll's verdict once there is one."""

    received_on: dt.date
    verdict: Verdict | None = None


@dataclass(frozen=True)
class Steps:
    """What has happened to an item, in the terms of its lifecycle; the models translate their
    records into this."""

    preparation_started: bool = False
    heard_on: dt.date | None = None
    opinions_sent_on: dt.date | None = None
    handling_reports: Sequence[HandlingReport] = ()
    closed_on: dt.date | None = None


def item_state(steps: Steps) -> ItemState:
    """Where an item stands: the furthest step reached; a 不满意 verdict on the latest handling
    report sends it back to the body, which reports again as a new step of the same item."""
    if steps.closed_on is not None:
        return ItemState.CLOSED
    if steps.handling_reports:
        latest = steps.handling_reports[-1]
        if latest.verdict == Verdict.UNSATISFIED:
            return ItemState.RE_REPORT
        return ItemState.HANDLED
    if steps.opinions_sent_on is not None:
        return ItemState.OPINIONS_SENT
    if steps.heard_on is not None:
        return ItemState.HEARD
    if steps.preparation_started:
        return ItemState.PREPARING
    return ItemState.PLANNED


def close_refusal(steps: Steps) -> str | None:
    """Why the item cannot be closed yet, or None. It closes once the body's latest handling
    report stands and was not found 不满意 (a report still awaiting its poll may close only where
    the county does not poll handling reports, which the service decides)."""
    state = item_state(steps)
    if state == ItemState.CLOSED:
        return _("该监督事项已经办结。")
    if state == ItemState.RE_REPORT:
        return _("研究处理情况报告测评为不满意，须由被监督单位重新报告后才能办结。")
    if state != ItemState.HANDLED:
        return _("尚未收到研究处理情况报告，不能办结。")
    return None
