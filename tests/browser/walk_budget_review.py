"""Rows of township budget review and 两问四评 that the page walk opens, by name in
`Records.extra`."""

from core.models import Jurisdiction, Unit


def records(county: Jurisdiction, unit: Unit) -> dict:
    return {}
