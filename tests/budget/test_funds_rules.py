"""两问四评's pure rules at their edges: the favourable share, an evaluation's score, the weights
and the weighted result (exact, rounded once, incomplete while a part is missing)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from budget import rules

WEIGHTS = dict(rules.DEFAULT_FUND_WEIGHTS)
FULL = {part: Decimal(80) for part in rules.FUND_PARTS}


def test_favourable_share_is_exact():
    assert rules.favourable_share(2, 3) == Fraction(200, 3)
    assert rules.favourable_share(0, 5) == 0
    assert rules.favourable_share(5, 5) == 100
    assert rules.favourable_share(0, 0) is None
    for bad in ((-1, 5), (6, 5)):
        with pytest.raises(ValueError):
            rules.favourable_share(*bad)


def test_evaluation_score_is_points_over_possible():
    assert rules.evaluation_score([(Decimal(26), Decimal(30)), (Decimal(35), Decimal(40))]) == (
        Fraction(61 * 100, 70)
    )
    assert rules.evaluation_score([]) is None
    assert rules.evaluation_score([(Decimal(0), Decimal(10))]) == 0
    assert rules.evaluation_score([(Decimal(10), Decimal(10))]) == 100
    for bad in ([(Decimal(11), Decimal(10))], [(Decimal(-1), Decimal(10))], [(0, Decimal(0))]):
        with pytest.raises(ValueError):
            rules.evaluation_score(bad)


def test_weights_must_sum_to_exactly_100():
    assert rules.fund_weights_error(WEIGHTS) is None
    assert rules.fund_weights_error(WEIGHTS | {"congress": 14}) == "sum"
    assert rules.fund_weights_error(WEIGHTS | {"congress": 16}) == "sum"
    assert rules.fund_weights_error(WEIGHTS | {"congress": -1, "audit": 36}) == "range"
    assert rules.fund_weights_error({k: v for k, v in WEIGHTS.items() if k != "audit"}) == "parts"
    assert rules.fund_weights_error(WEIGHTS | {"other": 0}) == "parts"
    only_congress = dict.fromkeys(rules.FUND_PARTS, 0) | {"congress": 100}
    assert rules.fund_weights_error(only_congress) is None


def test_result_is_the_weighted_mean():
    assert rules.fund_result(FULL, WEIGHTS) == Decimal("80.00")
    scores = FULL | {"in_place": Fraction(200, 3)}  # 66.666…: 15 % of it is exactly 10
    assert rules.fund_result(scores, WEIGHTS) == Decimal("78.00")


def test_result_rounds_once_half_up():
    weights = dict.fromkeys(rules.FUND_PARTS, 0) | {"in_place": 50, "satisfied": 50}
    # (0.01 + 0) / 2 = 0.005 exactly: half up gives 0.01 (half even would give 0.00).
    scores = dict.fromkeys(rules.FUND_PARTS, Decimal(0)) | {"in_place": Decimal("0.01")}
    assert rules.fund_result(scores, weights) == Decimal("0.01")
    # Parts are not rounded before weighting: 1/3 and 2/3 weighted evenly make exactly 0.50.
    scores |= {"in_place": Fraction(1, 3), "satisfied": Fraction(2, 3)}
    assert rules.fund_result(scores, weights) == Decimal("0.50")


def test_a_missing_part_leaves_the_result_incomplete():
    for part in rules.FUND_PARTS:
        assert rules.fund_result(FULL | {part: None}, WEIGHTS) is None
        assert rules.fund_result({k: v for k, v in FULL.items() if k != part}, WEIGHTS) is None
    # Even a part weighted 0: the evaluation is not done until all six are in.
    weights = WEIGHTS | {"congress": 0, "audit": 35}
    assert rules.fund_result(FULL | {"congress": None}, weights) is None


def test_result_edges_and_refusals():
    assert rules.fund_result(dict.fromkeys(rules.FUND_PARTS, 0), WEIGHTS) == Decimal("0.00")
    assert rules.fund_result(dict.fromkeys(rules.FUND_PARTS, 100), WEIGHTS) == Decimal("100.00")
    with pytest.raises(ValueError):
        rules.fund_result(FULL, WEIGHTS | {"congress": 10})
    with pytest.raises(ValueError):
        rules.fund_result(FULL | {"audit": Decimal("100.01")}, WEIGHTS)
    with pytest.raises(ValueError):
        rules.fund_result(FULL | {"audit": Decimal("-0.01")}, WEIGHTS)


def test_to_score_rounds_half_up_without_floats():
    assert rules.to_score(Fraction(1, 200)) == Decimal("0.01")
    assert rules.to_score(Fraction(2, 3)) == Decimal("0.67")
    assert rules.to_score(Decimal("88.205")) == Decimal("88.21")
