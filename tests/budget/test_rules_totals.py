"""A budget's totals and its spending, each yuan counted once up the classification tree."""

from decimal import Decimal

from budget.rules import leaf_total, top_totals

D = Decimal


def test_the_class_lines_carry_the_total():
    lines = [("201", D(1000), D(1200)), ("20101", D(600), D(700)), ("205", D(50), D(50))]
    assert top_totals(lines) == (D(1050), D(1250))


def test_a_budget_without_class_lines_adds_its_highest_lines():
    lines = [("20101", D(600), D(600)), ("2010101", D(400), D(450)), ("20502", D(5), D(5))]
    # 2010101 sits under 20101, which holds it: only 20101 and 20502 are counted.
    assert top_totals(lines) == (D(605), D(605))
    assert top_totals([]) == (D(0), D(0))


def test_spending_counts_the_leaves_of_what_was_reported():
    assert leaf_total({"201": D(9), "20101": D(5), "2010101": D(3), "20502": D(2)}) == D(5)
    assert leaf_total({}) == D(0)
