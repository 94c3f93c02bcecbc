"""The pure rules, on plain values only."""

from fractions import Fraction

import pytest

from polls import rules
from polls.rules import ApprovalOutcome, PaperSheet, Tally

SAT = rules.SATISFACTION


def errors(marks, kind=rules.RATING, scale=SAT, k=1):
    return rules.ballot_errors(
        kind=kind, scale=scale, subject_ids=[1, 2], max_choices=k, marks=marks
    )


def test_a_complete_rating_ballot_is_accepted_with_blanks():
    assert errors({1: "S", 2: None}) == []


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ({1: "S"}, "请对每一个测评对象作出选择"),
        ({1: "S", 2: "X"}, "无效的评价选项"),
        ({1: "S", 2: "A"}, "无效的评价选项"),  # a grade mark on a satisfaction ballot
        ({1: "S", 2: "B", 3: "S"}, "选票内容与本次投票不符"),
    ],
)
def test_bad_rating_ballots_are_refused_in_chinese(marks, message):
    assert message in errors(marks)[0]


def test_approval_ballot_limits_the_number_of_marks():
    assert errors({1: "Y"}, kind=rules.APPROVAL, scale=rules.APPROVAL, k=1) == []
    assert errors({}, kind=rules.APPROVAL, scale=rules.APPROVAL, k=1) == []
    too_many = errors({1: "Y", 2: "Y"}, kind=rules.APPROVAL, scale=rules.APPROVAL, k=1)
    assert "最多只能选择 1 项" in too_many[0]
    assert "无效的选项" in errors({1: "N"}, kind=rules.APPROVAL, scale=rules.APPROVAL)[0]


def test_online_tally_counts_missing_marks_as_blank():
    tally = rules.online_tally(scale=SAT, mark_counts={"S": 3, "U": 1}, ballots=6)
    assert tally == Tally({"S": 3, "B": 0, "U": 1}, blank=2, invalid=0)
    assert tally.valid == 4


def test_tallies_add_up():
    total = Tally({"S": 1, "B": 2}, blank=1) + Tally({"S": 4, "U": 1}, blank=0, invalid=2)
    assert total == Tally({"S": 5, "B": 2, "U": 1}, blank=1, invalid=2)


@pytest.mark.parametrize(
    ("s", "b", "u", "base", "expected"),
    [
        (6, 2, 2, 10, "S"),  # 满意 6 > 5
        (5, 3, 2, 10, "B"),  # 满意 exactly half is not more than half
        (3, 2, 5, 10, "U"),  # 满意 + 基本满意 exactly half
        (3, 3, 0, 10, "B"),
        (5, 0, 0, 12, "U"),  # few voted: the base is all entitled voters
    ],
)
def test_default_verdict_is_more_than_half_of_the_entitled(s, b, u, base, expected):
    tally = Tally({"S": s, "B": b, "U": u})
    assert rules.verdict(scale=SAT, tally=tally, base=base) == expected


def test_verdict_threshold_is_configurable_and_grades_walk_down_to_d():
    tally = Tally({"S": 7, "B": 1, "U": 2})
    assert rules.verdict(scale=SAT, tally=tally, base=10, threshold_percent=70) == "B"
    assert rules.verdict(scale=SAT, tally=tally, base=10, threshold_percent=2 * 33) == "S"
    grades = Tally({"A": 1, "B": 2, "C": 3, "D": 4})
    assert rules.verdict(scale=rules.GRADE, tally=grades, base=10) == "C"
    assert rules.verdict(scale=rules.GRADE, tally=Tally({"D": 9}), base=10) == "D"
    assert rules.verdict(scale=SAT, tally=Tally(), base=0) is None


def test_satisfaction_rate_is_satisfied_plus_basically_over_valid():
    tally = Tally({"S": 5, "B": 2, "U": 1}, blank=4, invalid=3)
    assert rules.positive_rate(SAT, tally) == Fraction(7, 8)
    assert rules.positive_rate(SAT, Tally()) is None
    assert rules.positive_rate(rules.APPROVAL, tally) is None


def test_verdict_base_follows_the_configured_basis():
    kwargs = {"entitled": 30, "voted": 25, "valid": 20}
    assert rules.verdict_base(rules.BASIS_ENTITLED, **kwargs) == 30
    assert rules.verdict_base(rules.BASIS_VOTED, **kwargs) == 25
    assert rules.verdict_base(rules.BASIS_VALID, **kwargs) == 20


def test_most_marked_lists_the_top_three_with_ties_and_skips_zero():
    assert rules.most_marked({1: 5, 2: 4, 3: 4, 4: 4, 5: 1}) == [1, 2, 3, 4]
    assert rules.most_marked({1: 0, 2: 2}) == [2]


def test_approval_outcome_takes_the_highest_passing_candidates():
    yes = {1: 40, 2: 35, 3: 31, 4: 20}
    assert rules.approval_outcome(yes=yes, seats=2, base=60) == ApprovalOutcome([1, 2], [], 0, 0)


def test_approval_outcome_leaves_seats_unfilled_without_a_majority_of_all_deputies():
    yes = {1: 40, 2: 30, 3: 29}  # 30 of 60 is not more than half
    assert rules.approval_outcome(yes=yes, seats=3, base=60) == ApprovalOutcome([1], [], 0, 2)


def test_approval_outcome_sends_a_tie_for_the_last_seat_to_a_revote():
    yes = {1: 50, 2: 40, 3: 40, 4: 10}
    assert rules.approval_outcome(yes=yes, seats=2, base=60) == ApprovalOutcome([1], [2, 3], 1, 0)
    assert rules.approval_outcome(yes=yes, seats=3, base=60) == ApprovalOutcome([1, 2, 3], [], 0, 0)


def sheet(**kwargs):
    defaults = {
        "ballots": 10,
        "invalid_ballots": 1,
        "counts": {1: {"S": 5, "B": 2, "U": 1, "blank": 1}, 2: {"S": 9}},
    }
    return PaperSheet(**{**defaults, **kwargs})


def sheet_errors(s, kind=rules.RATING, scale=SAT, k=1):
    return rules.sheet_errors(kind=kind, scale=scale, subject_ids=[1, 2], max_choices=k, sheet=s)


def test_a_consistent_paper_sheet_is_accepted_and_its_tally_counts_void_ballots():
    assert sheet_errors(sheet()) == []
    assert sheet().tally(1) == Tally({"S": 5, "B": 2, "U": 1}, blank=1, invalid=1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"invalid_ballots": 11}, "不能超过收回选票数"),
        ({"counts": {1: {"S": 9}}}, "测评对象不符"),
        ({"counts": {1: {"S": 9}, 2: {"S": 8}}}, "之和应等于有效选票数"),
        ({"counts": {1: {"S": 9}, 2: {"X": 9}}}, "无效的选项"),
        ({"counts": {1: {"S": 10, "U": -1}, 2: {"S": 9}}}, "负数"),
    ],
)
def test_paper_sheets_that_do_not_add_up_are_refused(changes, message):
    assert message in sheet_errors(sheet(**changes))[0]


def test_approval_paper_sheets_respect_the_seats():
    ok = PaperSheet(
        ballots=10, invalid_ballots=1, blank_ballots=1, counts={1: {"Y": 8}, 2: {"Y": 8}}
    )
    assert sheet_errors(ok, kind=rules.APPROVAL, scale=rules.APPROVAL, k=2) == []
    over = PaperSheet(ballots=10, counts={1: {"Y": 8}, 2: {"Y": 8}})
    assert "乘以应选名额" in sheet_errors(over, kind=rules.APPROVAL, scale=rules.APPROVAL, k=1)[0]
    one = PaperSheet(ballots=10, invalid_ballots=2, counts={1: {"Y": 9}, 2: {}})
    assert (
        "不能超过有效选票数" in sheet_errors(one, kind=rules.APPROVAL, scale=rules.APPROVAL, k=2)[0]
    )


def test_sheet_differences_name_every_disagreeing_figure():
    a = sheet()
    b = sheet(ballots=11, counts={1: {"S": 6, "B": 2, "U": 1, "blank": 1}, 2: {"S": 9}})
    assert rules.sheet_differences(a, a) == []
    assert rules.sheet_differences(a, b) == [
        rules.Difference(None, "ballots", 10, 11),
        rules.Difference(1, "S", 5, 6),
    ]
