"""Deadlines and states of supervision items at their edges: China's holidays and adjusted
workdays, a year the calendar package does not know yet, and the admin's table of overrides."""

from datetime import date

import pytest

from supervision.rules import (
    HandlingReport,
    ItemState,
    Steps,
    Verdict,
    add_months,
    calendar_knows,
    close_refusal,
    handling_report_deadline,
    item_state,
    report_deadlines,
    working_day_deadline,
    years_beyond_calendar,
)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # A plain week: the start never counts.
        (date(2025, 3, 3), 1, date(2025, 3, 4)),
        (date(2025, 3, 7), 1, date(2025, 3, 10)),  # Friday → Monday
        # Spring Festival 2025: 28 Jan–4 Feb rest; Saturday 8 Feb is an adjusted workday.
        (date(2025, 1, 27), 5, date(2025, 2, 10)),
        # Sunday 26 Jan 2025 is an adjusted workday.
        (date(2025, 1, 24), 1, date(2025, 1, 26)),
        # Spring Festival 2026: 15–23 Feb rest; Saturday 14 Feb works.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
        # National Day 2026: 1–7 Oct rest; Saturday 10 Oct works, Sunday 11 Oct rests.
        (date(2026, 9, 30), 5, date(2026, 10, 13)),
    ],
)
def test_working_days_follow_the_official_calendar(start, days, due):
    assert working_day_deadline(start, days) == due


def test_a_deadline_running_into_a_year_the_package_does_not_know():
    assert calendar_knows(2026) and not calendar_knows(2027)
    # 31 Dec 2026 is known; 2027 falls back to weekdays: 1 Jan (Fri) counts, the weekend not.
    assert working_day_deadline(date(2026, 12, 30), 5) == date(2027, 1, 6)
    assert years_beyond_calendar(date(2026, 12, 30), date(2027, 1, 6)) == [2027]
    assert years_beyond_calendar(date(2026, 1, 5), date(2026, 1, 12)) == []
    # The admin's table enters New Year's Day 2027 as a holiday.
    assert working_day_deadline(date(2026, 12, 30), 5, extra_holidays={date(2027, 1, 1)}) == date(
        2027, 1, 7
    )


def test_the_admin_table_overrides_the_package_on_the_days_it_names():
    # Sunday 11 Oct 2026 made a workday; 8 Oct made a holiday.
    assert working_day_deadline(date(2026, 9, 30), 5, extra_workdays={date(2026, 10, 11)}) == date(
        2026, 10, 12
    )
    assert working_day_deadline(date(2026, 9, 30), 5, extra_holidays={date(2026, 10, 8)}) == date(
        2026, 10, 14
    )


def test_nonsense_is_refused():
    with pytest.raises(ValueError):
        working_day_deadline(date(2026, 3, 2), 0)
    with pytest.raises(ValueError):
        working_day_deadline(
            date(2026, 3, 2),
            3,
            extra_holidays={date(2026, 3, 3)},
            extra_workdays={date(2026, 3, 3)},
        )


def test_reports_are_due_20_and_10_days_before_the_session():
    assert report_deadlines(date(2026, 3, 25)) == (date(2026, 3, 5), date(2026, 3, 15))
    # Calendar days, across a month and a year.
    assert report_deadlines(date(2027, 1, 8)) == (date(2026, 12, 19), date(2026, 12, 29))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 12), 2, date(2026, 7, 12)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_months_end_on_the_shorter_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_the_handling_report_is_due_two_months_after_the_opinions_by_default():
    assert handling_report_deadline(date(2026, 4, 3)) == date(2026, 6, 3)
    assert handling_report_deadline(date(2026, 4, 3), months=1) == date(2026, 5, 3)


HEARD = date(2026, 3, 25)
SENT = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("steps", "state"),
    [
        (Steps(), ItemState.PLANNED),
        (Steps(preparation_started=True), ItemState.PREPARING),
        (Steps(preparation_started=True, heard_on=HEARD), ItemState.HEARD),
        (Steps(heard_on=HEARD, opinions_sent_on=SENT), ItemState.OPINIONS_SENT),
        (
            Steps(heard_on=HEARD, opinions_sent_on=SENT, handling_reports=[HandlingReport(SENT)]),
            ItemState.HANDLED,
        ),
        (
            Steps(
                heard_on=HEARD,
                opinions_sent_on=SENT,
                handling_reports=[HandlingReport(SENT, Verdict.UNSATISFIED)],
            ),
            ItemState.RE_REPORT,
        ),
        # The body reported again: the new report stands until its own poll.
        (
            Steps(
                heard_on=HEARD,
                opinions_sent_on=SENT,
                handling_reports=[
                    HandlingReport(SENT, Verdict.UNSATISFIED),
                    HandlingReport(date(2026, 7, 1)),
                ],
            ),
            ItemState.HANDLED,
        ),
        (
            Steps(
                heard_on=HEARD,
                opinions_sent_on=SENT,
                handling_reports=[HandlingReport(SENT, Verdict.BASICALLY_SATISFIED)],
                closed_on=date(2026, 7, 1),
            ),
            ItemState.CLOSED,
        ),
    ],
)
def test_an_items_state_is_the_furthest_step_it_reached(steps, state):
    assert item_state(steps) == state


def test_an_item_closes_only_on_a_handling_report_that_stands():
    handled = Steps(
        heard_on=HEARD,
        opinions_sent_on=SENT,
        handling_reports=[HandlingReport(SENT, Verdict.SATISFIED)],
    )
    assert close_refusal(handled) is None
    assert "重新报告" in close_refusal(
        Steps(heard_on=HEARD, handling_reports=[HandlingReport(SENT, Verdict.UNSATISFIED)])
    )
    assert "尚未收到" in close_refusal(Steps(heard_on=HEARD, opinions_sent_on=SENT))
    assert "已经办结" in close_refusal(
        Steps(handling_reports=[HandlingReport(SENT)], closed_on=date(2026, 7, 1))
    )
