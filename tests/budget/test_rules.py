"""The pure warning rules, at their edges."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from budget import rules
from budget.rules import pace_warning

D = Decimal


def test_time_share_counts_both_ends_and_leap_years():
    assert rules.time_share(date(2023, 1, 1)) == Fraction(1, 365)
    assert rules.time_share(date(2024, 12, 31)) == 1
    assert rules.time_share(date(2024, 2, 29)) == Fraction(60, 366)
    assert rules.time_share(date(2023, 3, 1)) == Fraction(60, 365)


def test_exactly_at_low_or_high_warns_nothing():
    # 2023-06-30: 181 of 365 days. Spending 80% (or 120%) of that share, exactly.
    as_of = date(2023, 6, 30)
    budget = D(365)
    assert pace_warning(budget, D("144.80"), as_of) is None  # 181 * 0.8
    assert pace_warning(budget, D("217.20"), as_of) is None  # 181 * 1.2
    assert pace_warning(budget, D("144.79"), as_of) == "behind"
    assert pace_warning(budget, D("217.21"), as_of) == "ahead"


def test_leap_year_changes_the_time_share():
    # The same spending on the same calendar day is exactly on the line in 2023 and not in 2024.
    assert pace_warning(D(365), D("144.80"), date(2023, 6, 30)) is None
    # In 2024, 30 June is day 182 of 366: 144.80/365 over 182/366 is below 80 %.
    assert pace_warning(D(365), D("144.80"), date(2024, 6, 30)) == "behind"


def test_custom_thresholds():
    as_of = date(2024, 12, 31)
    assert pace_warning(D(100), D(90), as_of, low=95, high=110) == "behind"
    assert pace_warning(D(100), D(95), as_of, low=95, high=110) is None
    assert pace_warning(D(100), D(111), as_of, low=95, high=110) == "ahead"


def test_refund_larger_than_spending_counts_as_nothing():
    as_of = date(2024, 6, 30)
    assert pace_warning(D(1000), D(-50), as_of) == "behind"
    assert rules.pace(D(1000), D(-50), as_of) == 0


@pytest.mark.parametrize(
    ("budget", "executed", "expected"),
    [
        (D(0), D(1), "unbudgeted"),
        (D(-5), D("0.01"), "unbudgeted"),
        (D(0), D(0), None),
        (D(0), D(-10), None),
    ],
)
def test_nothing_budgeted(budget, executed, expected):
    assert pace_warning(budget, executed, date(2024, 3, 31)) == expected


def test_pace_is_exact_not_floating():
    value = rules.pace(D("3"), D("1"), date(2023, 12, 31))
    assert value == Fraction(100, 3)
    assert rules.fraction_to_decimal(value) == D("33.3")


@pytest.mark.parametrize(
    ("line", "change", "approved", "expected"),
    [
        (D(1000), D(100), False, False),  # exactly 10 %
        (D(1000), D("100.01"), False, True),
        (D(1000), D("-100.01"), False, True),  # cuts count too
        (D(1000), D(500), True, False),  # approved
        (D(0), D(1), False, True),  # nothing budgeted, any change
        (D(1000), D(0), False, False),
    ],
)
def test_adjustment_warning(line, change, approved, expected):
    assert rules.adjustment_warning(line, change, approved=approved, share=10) is expected


@pytest.mark.parametrize(
    ("november", "december", "expected"),
    [
        (D(700), D(1000), False),  # exactly 30 %
        (D(700), D("1000.01"), True),
        (D(-100), D(250), False),  # a refund before December counts as nothing spent
        (D(900), D(800), False),  # refunds in December
    ],
)
def test_last_month_warning(november, december, expected):
    assert rules.last_month_warning(D(1000), november, december, share=30) is expected


def test_last_month_without_budget_is_not_this_rule():
    assert rules.last_month_warning(D(0), D(0), D(500), share=30) is False


def test_tree_mismatches_name_parent_and_children():
    amounts = {
        "201": D(300),
        "20101": D(300),
        "2010101": D(100),
        "2010102": D(150),
        "205": D(50),  # no children given: not checked
    }
    (mismatch,) = rules.tree_mismatches(amounts)
    assert mismatch.code == "20101"
    assert mismatch.children_sum == D(250)
    assert mismatch.children == ("2010101", "2010102")
    amounts["2010102"] = D(200)
    assert rules.tree_mismatches(amounts) == []


def test_codes_and_leaves():
    assert rules.parent_code("2010101") == "20101"
    assert rules.parent_code("20101") == "201"
    assert rules.parent_code("201") is None
    assert rules.code_level("20101a") is None
    assert rules.code_level("2010") is None
    # A grandparent given without the middle level is still not a leaf.
    assert rules.leaf_codes(["201", "2010101", "205"]) == {"2010101", "205"}


def test_pace_checked_at_quarter_ends():
    assert rules.pace_checked(6, every_month=False)
    assert not rules.pace_checked(5, every_month=False)
    assert rules.pace_checked(5, every_month=True)
