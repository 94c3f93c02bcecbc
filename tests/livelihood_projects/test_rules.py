from datetime import date
from decimal import Decimal

import pytest

from livelihood_projects.rules import (
    ballot_is_valid,
    count_project_vote,
    decide_vote,
    envelope_use,
    lag,
    over_budget,
    passes_majority,
    percent,
    project_cost,
    satisfaction_rate,
    time_elapsed,
    timeline,
    weighted_progress,
)

ABCD = ["A", "B", "C", "D"]


def ballots(*groups):
    """ballots(("AB", 3), ("C", 2)) → three ballots marking A and B, two marking C."""
    out = []
    for marks, n in groups:
        out += [list(marks)] * n
    return out


# --- count_project_vote ----------------------------------------------------------------------------


def test_simple_vote_elects_the_highest_with_a_majority():
    count = count_project_vote(ABCD, ballots(("AB", 6), ("AC", 3), ("", 1)), 2, 10)
    assert count.votes == {"A": 9, "B": 6, "C": 3, "D": 0}
    assert count.valid_ballots == 10 and count.invalid_ballots == 0
    assert count.elected == ["A", "B"]
    assert count.revote == [] and count.revote_seats == 0 and count.unfilled_seats == 0
    assert count.decided


def test_every_candidate_appears_in_votes_even_without_votes():
    count = count_project_vote(ABCD, [], 1, 5)
    assert count.votes == dict.fromkeys(ABCD, 0)
    assert count.valid_ballots == 0 and count.elected == [] and count.unfilled_seats == 1


def test_ballot_marking_more_than_seats_is_invalid():
    count = count_project_vote(ABCD, ballots(("ABC", 1), ("AB", 1)), 2, 3)
    assert count.invalid_ballots == 1 and count.valid_ballots == 1
    assert count.votes["C"] == 0 and count.votes["A"] == 1


def test_ballot_marking_unknown_name_is_invalid():
    count = count_project_vote(ABCD, [["A", "Z"], ["A"]], 2, 3)
    assert count.invalid_ballots == 1
    assert count.votes["A"] == 1


def test_ballot_marking_one_candidate_twice_is_invalid():
    count = count_project_vote(ABCD, [["A", "A"], ["B"]], 2, 3)
    assert count.invalid_ballots == 1
    assert count.votes == {"A": 0, "B": 1, "C": 0, "D": 0}


def test_blank_ballot_is_valid_and_counts_for_nobody():
    count = count_project_vote(ABCD, [[], set(), ()], 2, 3)
    assert count.valid_ballots == 3 and count.invalid_ballots == 0
    assert sum(count.votes.values()) == 0


def test_majority_is_of_all_deputies_not_of_ballots_cast():
    # 5 of 6 ballots mark A, but the congress has 11 deputies: 5 is not more than half of 11.
    count = count_project_vote(ABCD, ballots(("A", 5), ("B", 1)), 1, 11)
    assert count.elected == [] and count.unfilled_seats == 1
    count = count_project_vote(ABCD, ballots(("A", 6)), 1, 11)
    assert count.elected == ["A"]


def test_exactly_half_is_not_a_majority():
    assert not passes_majority(5, 10)
    assert passes_majority(6, 10)
    assert passes_majority(6, 11) and not passes_majority(5, 11)


def test_unfilled_seats_are_recorded():
    count = count_project_vote(ABCD, ballots(("AB", 6), ("C", 4)), 3, 10)
    assert count.elected == ["A", "B"] and count.unfilled_seats == 1


def test_more_passing_than_seats_takes_the_highest():
    count = count_project_vote(ABCD, ballots(("AB", 5), ("AC", 2), ("BC", 2), ("CD", 1)), 2, 10)
    assert count.votes == {"A": 7, "B": 7, "C": 5, "D": 1}
    assert count.elected == ["A", "B"]


def test_elected_are_ordered_by_votes_then_candidate_order():
    count = count_project_vote(ABCD, ballots(("CB", 7), ("C", 1)), 2, 10)
    assert count.elected == ["C", "B"]
    count = count_project_vote(["B", "A", "C"], ballots(("AB", 7)), 2, 10)
    assert count.elected == ["B", "A"]


def test_tie_within_the_seats_needs_no_revote():
    count = count_project_vote(ABCD, ballots(("AB", 6), ("C", 1)), 2, 10)
    assert count.elected == ["A", "B"] and count.revote == []


def test_tie_straddling_the_last_seat_goes_to_a_revote():
    five = ["A", "B", "C", "D", "E"]
    bs = ballots(("ABC", 4), ("ADE", 4), ("ABD", 4), ("BCE", 3), ("CDE", 3), ("CE", 1))
    count = count_project_vote(five, bs, 3, 20)
    assert count.votes == {"A": 12, "B": 11, "C": 11, "D": 11, "E": 11}
    assert count.elected == ["A"]
    assert count.revote == ["B", "C", "D", "E"] and count.revote_seats == 2
    assert count.unfilled_seats == 0 and not count.decided


def test_tie_for_all_seats_goes_to_a_revote_for_all_of_them():
    count = count_project_vote(["A", "B", "C"], ballots(("AB", 2), ("BC", 2), ("AC", 2)), 2, 7)
    assert count.votes == {"A": 4, "B": 4, "C": 4}
    assert count.elected == [] and count.revote == ["A", "B", "C"] and count.revote_seats == 2


def test_tie_below_the_majority_is_not_a_revote():
    count = count_project_vote(ABCD, ballots(("AB", 3), ("AC", 3), ("A", 1)), 2, 10)
    # A 7 passes; B and C tie on 3 but neither has a majority: the seat stays unfilled.
    assert count.elected == ["A"] and count.revote == [] and count.unfilled_seats == 1


def test_revote_among_the_tied_decides_the_last_seat():
    first = count_project_vote(ABCD, ballots(("AB", 4), ("AC", 4), ("BC", 2)), 2, 10)
    assert first.votes == {"A": 8, "B": 6, "C": 6, "D": 0}
    assert first.elected == ["A"] and first.revote == ["B", "C"] and first.revote_seats == 1
    second = count_project_vote(first.revote, ballots(("C", 6), ("B", 3)), first.revote_seats, 10)
    assert second.elected == ["C"] and second.decided


@pytest.mark.parametrize(
    ("candidates", "seats", "total", "n_ballots"),
    [
        (ABCD, 0, 10, 0),
        (ABCD, -1, 10, 0),
        (ABCD, 4, 10, 0),  # not competitive
        (ABCD, 5, 10, 0),
        (["A"], 1, 10, 0),
        (ABCD, 2, 3, 4),  # more ballots than deputies
        (["A", "A", "B"], 1, 10, 0),
    ],
)
def test_impossible_votes_raise_value_error(candidates, seats, total, n_ballots):
    with pytest.raises(ValueError):
        count_project_vote(candidates, [[]] * n_ballots, seats, total)


def test_ballots_may_be_any_iterable_of_collections():
    count = count_project_vote(ABCD, (frozenset(b) for b in ["AB", "A"]), 2, 3)
    assert count.votes["A"] == 2 and count.elected == ["A"]


def test_ballot_is_valid_helper():
    assert ballot_is_valid([], ABCD, 1)
    assert not ballot_is_valid(["A", "B"], ABCD, 1)
    assert not ballot_is_valid(["E"], ABCD, 1)
    assert not ballot_is_valid(["A", "A"], ABCD, 2)


def test_decide_from_paper_totals_matches_the_ballot_count():
    bs = ballots(("AB", 4), ("AC", 4), ("A", 1), ("ABCD", 1))
    counted = count_project_vote(ABCD, bs, 2, 12)
    from_totals = decide_vote(
        ABCD,
        {"A": 9, "B": 4, "C": 4},
        seats=2,
        deputies_total=12,
        valid_ballots=9,
        invalid_ballots=1,
    )
    assert from_totals == counted


def test_decide_rejects_totals_above_the_valid_ballots():
    with pytest.raises(ValueError):
        decide_vote(ABCD, {"A": 5}, seats=1, deputies_total=10, valid_ballots=4, invalid_ballots=0)
    with pytest.raises(ValueError):
        decide_vote(ABCD, {"Z": 1}, seats=1, deputies_total=10, valid_ballots=4, invalid_ballots=0)


# --- Progress, money, lag ----------------------------------------------------------------------


def test_weighted_progress():
    assert weighted_progress([]) == 0
    assert weighted_progress([(1, 100), (3, 0)]) == Decimal("25.0")
    assert weighted_progress([(2, 50), (2, 100)]) == Decimal("75.0")
    assert weighted_progress([(1, 150), (1, -5)]) == Decimal("50.0")  # clamped
    assert weighted_progress([(0, 100)]) == 0


def test_time_elapsed():
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    assert time_elapsed(start, end, date(2023, 6, 1)) == 0
    assert time_elapsed(start, end, date(2025, 6, 1)) == 100
    assert time_elapsed(start, end, date(2024, 7, 1)) == Decimal("49.9")
    assert time_elapsed(None, end, date(2024, 7, 1)) is None
    assert time_elapsed(end, start, date(2024, 7, 1)) is None


def test_lag_flags_progress_and_spending_beyond_the_margin():
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    result = lag(
        progress=Decimal(20),
        budget=Decimal(100),
        spent=Decimal(10),
        start=start,
        end=end,
        today=date(2024, 7, 1),
    )
    assert result.flagged
    assert result.progress_lag == Decimal("29.9") and result.spending_lag == Decimal("39.9")
    assert len(result.reasons) == 2 and "进度落后时间进度" in result.reasons[0]


def test_lag_within_the_margin_is_not_flagged():
    result = lag(
        progress=Decimal(40),
        budget=Decimal(100),
        spent=Decimal(35),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        today=date(2024, 7, 1),
    )
    assert not result.flagged and result.reasons == []


def test_lag_margin_is_strict_and_configurable():
    kwargs = dict(
        budget=Decimal(0), spent=Decimal(0), start=date(2024, 1, 1), end=date(2024, 1, 11)
    )
    today = date(2024, 1, 6)  # 50% elapsed
    assert not lag(progress=Decimal(30), today=today, **kwargs).flagged  # exactly 20 points
    assert lag(progress=Decimal("29.9"), today=today, **kwargs).flagged
    assert not lag(progress=Decimal(10), today=today, margin=Decimal(50), **kwargs).flagged
    # No budget: spending is not judged.
    assert lag(progress=Decimal(50), today=today, **kwargs).spending_lag is None


def test_lag_without_period_is_none():
    assert (
        lag(
            progress=Decimal(0),
            budget=Decimal(1),
            spent=Decimal(0),
            start=None,
            end=None,
            today=date(2024, 1, 1),
        )
        is None
    )


def test_over_budget_and_percent():
    assert over_budget(budget=Decimal(100), spent=Decimal("100.01"))
    assert not over_budget(budget=Decimal(100), spent=Decimal(100))
    assert percent(1, 3) == Decimal("33.3") and percent(1, 0) is None


def test_satisfaction_rate():
    assert satisfaction_rate(8, 2, 0) == 100
    assert satisfaction_rate(5, 2, 3) == 70
    assert satisfaction_rate(0, 0, 0) is None


# --- Timeline ----------------------------------------------------------------------------------


def test_timeline_marks_done_current_and_upcoming_steps():
    dates = {
        "solicit": date(2024, 10, 1),
        "propose": date(2024, 11, 1),
        "deliberate": date(2024, 12, 1),
        "decide": date(2025, 1, 10),
    }
    steps = timeline(dates, today=date(2024, 11, 15))
    assert [s.char for s in steps] == list("征提议决交办督评")
    assert [s.state for s in steps[:3]] == ["done", "current", "upcoming"]
    assert steps[7].on is None and steps[7].state == "upcoming"
    assert all(s.state == "upcoming" for s in timeline({}, today=date(2024, 1, 1)))


# --- The envelope (溆浦's 1,000万元 for the year's voted projects) ---------------------------------


def test_project_cost_is_the_budget_once_recorded_else_the_estimate():
    assert project_cost(Decimal(120), Decimal(100)) == 120
    assert project_cost(Decimal(0), Decimal(100)) == 100
    assert project_cost(Decimal(0), None) == 0


@pytest.mark.parametrize(
    ("costs", "left", "over", "over_by", "share"),
    [
        ([Decimal(400), Decimal("599.99")], Decimal("0.01"), False, 0, Decimal("100.0")),
        ([Decimal(400), Decimal(600)], Decimal(0), False, 0, Decimal("100.0")),
        ([Decimal(400), Decimal("600.5")], Decimal("-0.5"), True, Decimal("0.5"), Decimal("100.1")),
        ([], Decimal(1000), False, 0, Decimal(0)),
    ],
)
def test_envelope_used_and_left_at_the_edge(costs, left, over, over_by, share):
    envelope = envelope_use(Decimal(1000), costs)
    figures = (envelope.left, envelope.over, envelope.over_by, envelope.share)
    assert figures == (left, over, over_by, share)


def test_an_envelope_of_nothing_has_no_share():
    assert envelope_use(Decimal(0), [Decimal(5)]).share is None
    assert envelope_use(Decimal(0), [Decimal(5)]).over
