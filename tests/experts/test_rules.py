"""The pool's pure rules: the senior share and its target, the quarters without a meeting, the
term of appointment."""

from datetime import date
from decimal import Decimal

import pytest

from experts import rules


@pytest.mark.parametrize(
    ("senior", "total", "share"),
    [(29, 35, Decimal("82.9")), (28, 35, Decimal("80.0")), (1, 3, Decimal("33.3")), (0, 4, 0)],
)
def test_senior_share_is_a_percentage_to_one_decimal(senior, total, share):
    assert rules.senior_share(senior, total) == share


def test_an_empty_pool_has_no_share_and_is_not_below_target():
    assert rules.senior_share(0, 0) is None
    assert not rules.below_target(0, 0, 80)


@pytest.mark.parametrize(
    ("senior", "total", "below"),
    [(28, 35, False), (27, 34, True), (4, 5, False), (3, 4, True), (29, 35, False)],
)
def test_below_target_compares_exact_counts(senior, total, below):
    # 27 of 34 is 79.41 %: below 80 however it would be rounded for display.
    assert rules.below_target(senior, total, 80) is below


def test_senior_titles_are_full_and_deputy_senior():
    assert rules.is_senior("full_senior") and rules.is_senior("deputy_senior")
    assert not rules.is_senior("intermediate") and not rules.is_senior("other")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 12, 31), False),
        (date(2024, 1, 18), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
    ],
)
def test_in_term_includes_both_ends(day, expected):
    assert rules.in_term(date(2024, 1, 18), date(2026, 12, 31), day) is expected


def test_a_term_without_end_runs_on():
    assert rules.in_term(date(2024, 1, 1), None, date(2040, 1, 1))


def test_quarter_bounds():
    assert rules.quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert rules.quarter_bounds(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))


def test_a_quarter_is_missed_only_after_its_last_day():
    # On 31 March the first quarter is not over yet; on 1 April it is.
    assert rules.quarters_without_meeting([], date(2024, 3, 31)) == []
    assert rules.quarters_without_meeting([], date(2024, 4, 1)) == [1]


def test_a_meeting_in_the_quarter_covers_it_whatever_its_kind():
    meetings = [date(2024, 2, 27), date(2024, 9, 26)]
    assert rules.quarters_without_meeting(meetings, date(2024, 12, 1)) == [2]


def test_meetings_of_another_year_do_not_count():
    meetings = [date(2023, 5, 1)]
    assert rules.quarters_without_meeting(meetings, date(2024, 7, 1)) == [1, 2]


def test_quarters_before_the_pool_existed_owe_no_meeting():
    # Set up on 15 May: the first quarter owes nothing, the second (ended 30 June) does.
    since = date(2024, 5, 15)
    assert rules.quarters_without_meeting([], date(2024, 7, 1), since) == [2]
    assert rules.quarters_without_meeting([], date(2024, 7, 1), date(2024, 7, 1)) == []


def test_quarters_to_watch_reach_back_into_last_year_in_january():
    assert rules.quarters_to_watch(date(2025, 1, 10)) == [(2024, 4), (2025, 1)]
    assert rules.quarters_to_watch(date(2025, 8, 10)) == [(2025, 2), (2025, 3)]
