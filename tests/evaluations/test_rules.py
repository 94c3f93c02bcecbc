from datetime import date
from decimal import Decimal

import pytest

from evaluations.rules import (
    Consequence,
    Grade,
    GradePolicy,
    RectificationTally,
    add_months,
    assessed_alone,
    consequences,
    d_top,
    grades_by_proportion,
    is_overdue,
    percentage,
    reply_due,
)

GT, PT, PA, RM = (
    Consequence.GOVERNMENT_TALK,
    Consequence.PARTY_TALK,
    Consequence.POST_ADJUSTMENT,
    Consequence.REMOVAL_MOTION,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 8, date(2024, 9, 30)),
        (date(2023, 6, 30), 8, date(2024, 2, 29)),  # into a leap February
        (date(2022, 6, 30), 8, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 5, 15), 8, date(2025, 1, 15)),
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("took_office", "appraisal_date", "alone"),
    [
        (date(2024, 1, 31), date(2024, 9, 30), True),  # the 8th month lacks the 31st
        (date(2024, 1, 31), date(2024, 9, 29), False),
        (date(2024, 3, 1), date(2024, 11, 1), True),  # exactly 8 months (含)
        (date(2024, 3, 1), date(2024, 10, 31), False),
        (date(2023, 6, 29), date(2024, 2, 29), True),  # leap day
        (date(2023, 6, 30), date(2024, 2, 28), False),
        (date(2023, 6, 30), date(2024, 2, 29), True),
        (date(2020, 1, 1), date(2024, 12, 1), True),
        (date(2024, 12, 1), date(2024, 12, 1), False),
    ],
)
def test_assessed_alone(took_office, appraisal_date, alone):
    assert assessed_alone(took_office, appraisal_date) is alone


def test_reply_due_is_two_calendar_months_after_issue():
    assert reply_due(date(2024, 3, 15)) == date(2024, 5, 15)
    assert reply_due(date(2024, 12, 31)) == date(2025, 2, 28)
    assert reply_due(date(2023, 12, 31)) == date(2024, 2, 29)


def test_d_top_takes_the_three_with_most_d_votes():
    assert d_top({"甲": 9, "乙": 7, "丙": 5, "丁": 3, "戊": 1}) == {"甲", "乙", "丙"}


def test_d_top_includes_everyone_tied_with_the_third():
    assert d_top({"甲": 9, "乙": 5, "丙": 5, "丁": 5, "戊": 1}) == {"甲", "乙", "丙", "丁"}
    assert d_top({"甲": 4, "乙": 4, "丙": 4, "丁": 4}) == {"甲", "乙", "丙", "丁"}


def test_d_top_tie_above_the_third_does_not_widen():
    assert d_top({"甲": 9, "乙": 9, "丙": 5, "丁": 3}) == {"甲", "乙", "丙"}


def test_d_top_leaves_out_heads_with_no_d_votes():
    assert d_top({"甲": 2, "乙": 0, "丙": 0, "丁": 0}) == {"甲"}
    assert d_top({"甲": 0, "乙": 0}) == set()
    assert d_top({}) == set()


def test_d_top_other_n():
    assert d_top({"甲": 3, "乙": 2, "丙": 2}, n=1) == {"甲"}
    assert d_top({"甲": 3, "乙": 2, "丙": 2}, n=2) == {"甲", "乙", "丙"}


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], []),
        ([(False, False)], []),
        ([(True, False)], [GT]),
        ([(False, True)], [GT]),
        ([(True, True), (False, False)], []),  # current round does not count
        ([(True, False), (False, True)], [PT]),
        ([(False, False), (True, False), (False, True)], [PT]),  # streak broken before
        ([(True, False), (False, False), (True, True)], [GT]),
        ([(True, False), (True, False), (True, False)], [PA]),
        ([(True, True), (True, True), (True, True)], [PA, RM]),
        ([(True, True), (True, True), (True, False)], [PA]),
        ([(False, True), (True, True), (True, True), (True, True)], [PA, RM]),
        ([(True, True), (True, True), (True, True), (False, True)], [PA]),
        ([(True, False)] * 5, [PA]),
    ],
)
def test_consequences(history, expected):
    assert consequences(history) == expected


def test_consequence_labels_are_chinese():
    assert str(Consequence.REMOVAL_MOTION.label) == "由人大常委会依法提出撤职案"
    assert Consequence.GOVERNMENT_TALK == "government_talk"


def test_rectification_rates_on_yuanling_figures():
    tally = RectificationTally(total=40, rectified=32, partial=7, committed=1)
    assert tally.rectified_rate == Decimal("80.0")
    assert tally.closed_rate == Decimal("0.0")
    assert percentage(1, 3) == Decimal("33.3")
    assert percentage(0, 0) is None


def test_is_overdue():
    assert is_overdue(date(2024, 6, 30), False, date(2024, 7, 1))
    assert not is_overdue(date(2024, 6, 30), False, date(2024, 6, 30))
    assert not is_overdue(date(2024, 6, 30), True, date(2024, 7, 1))
    assert not is_overdue(None, False, date(2024, 7, 1))


def votes(a=0, b=0, c=0, d=0):
    return {Grade.A: a, Grade.B: b, Grade.C: c, Grade.D: d}


def test_grades_by_default_proportion():
    tallies = {f"h{i}": votes(a=50 - i * 4, b=10 + i * 4) for i in range(10)}
    grades = grades_by_proportion(tallies)
    assert [grades[f"h{i}"] for i in range(10)] == ["A"] * 2 + ["B"] * 5 + ["C"] * 3


def test_poor_by_d_share_not_by_quota():
    tallies = {"甲": votes(a=30), "乙": votes(b=30), "丙": votes(c=10, d=11), "丁": votes(c=30)}
    grades = grades_by_proportion(tallies)
    assert grades == {"甲": "B", "乙": "B", "丙": "D", "丁": "C"}  # 4 × 20 % rounds down to 0


def test_ties_at_a_band_edge_share_the_better_grade():
    tallies = {"甲": votes(a=10), "乙": votes(a=10), "丙": votes(b=10), "丁": votes(c=10)}
    policy = GradePolicy(excellent_share=Decimal("0.25"), good_share=Decimal("0.25"))
    assert grades_by_proportion(tallies, policy) == {"甲": "A", "乙": "A", "丙": "B", "丁": "C"}


def test_head_without_votes_gets_no_grade():
    assert grades_by_proportion({"甲": votes()}) == {"甲": None}
