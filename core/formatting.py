"""How figures are written on every page, in one place so a figure reads the same everywhere."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PLACES = Decimal("0.01")


def number_text(value) -> str:
    """A measured figure with at most two decimals and no trailing zeros: 50.0 → "50"."""
    number = Decimal(str(value)).quantize(PLACES, ROUND_HALF_UP).normalize()
    # normalize() writes 100 as 1E+2; format it back to plain digits.
    return f"{number:f}"


def money_text(value) -> str:
    """An amount as budget tables write it: two decimals, thousands grouped by commas
    (1,000.50). Chinese number formats in Django group nothing, but finance bureaus' tables do."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(str(value)).quantize(PLACES, ROUND_HALF_UP):,}"


def percent_text(value) -> str:
    """A percentage as every page writes it: at most two decimals, trailing zeros dropped.

    A `Fraction` is a ratio (polls count exact ratios: 1/22 → "4.55%"); any other number is
    already in percent (the domain rules round to one decimal: 88.2 → "88.2%"). Nothing to
    measure → "—". One rule, so a turnout reads the same on the poll's page and its results.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return f"{number_text(value)}%"
