"""One way to write a figure: the same value reads the same on every page."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template

from core.formatting import number_text, percent_text


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
