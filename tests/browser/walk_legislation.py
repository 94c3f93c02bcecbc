"""Rows of legislative contact points that the page walk opens, by name in `Records.extra`."""

from core.models import Jurisdiction, Unit


def records(county: Jurisdiction, unit: Unit) -> dict:
    return {}
