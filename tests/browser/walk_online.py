"""Rows of deputies online (public station pages, opinions from the public) that the page walk opens, by name in `Records.extra`."""

from core.models import Jurisdiction, Unit


def records(county: Jurisdiction, unit: Unit) -> dict:
    return {}
