"""One way to write a figure: the same value reads the same on every page."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template

from core.formatting import money_text, number_text, percent_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (Fraction(1, 22), "4.55%"),
        (Fraction(1, 3), "33.33%"),
        (Fraction(1, 1), "100%"),
        (Decimal("88.2"), "88.2%"),
        (Decimal("100.0"), "100%"),
        (Decimal("50.0"), "50%"),
        (0, "0%"),
    ],
)
def test_percent_text(value, text):
    assert percent_text(value) == text


def test_number_text_drops_trailing_zeros():
    assert (number_text(Decimal("50.0")), number_text(Decimal("12.5"))) == ("50", "12.5")


def test_every_app_filter_writes_percentages_the_same_way():
    template = Template(
        "{% load formatting %}{{ v|percent }}|{% load polls_tags %}{{ v|percent }}|"
        "{% load deputies %}{{ v|percent }}"
    )
    assert template.render(Context({"v": Fraction(1, 22)})) == "4.55%|4.55%|4.55%"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1000.5"), "1,000.50"),
        (Decimal("12345678.005"), "12,345,678.01"),
        (Decimal("-2500"), "-2,500.00"),
        (0, "0.00"),
        (None, "—"),
    ],
)
def test_money_groups_thousands_with_two_decimals(value, text):
    assert money_text(value) == text
