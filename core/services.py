"""Writes of the base app: handling units as the importer brings them."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from .models import Jurisdiction, Unit

UNIT_IMPORT_FIELDS = ("kind", "contact_person", "contact_phone", "is_active")


@transaction.atomic
def unit_import(
    *, jurisdiction: Jurisdiction, name: str, values: dict[str, Any], by: AbstractBaseUser
) -> str:
    """Create the unit named `name` in `jurisdiction`, or update it to `values`; returns
    "created", "updated" or "unchanged". The importer checked that `by` may import units there."""
    fields = {key: values[key] for key in UNIT_IMPORT_FIELDS}
    unit = Unit.objects.select_for_update().filter(jurisdiction=jurisdiction, name=name).first()
    if unit is None:
        Unit.objects.create(jurisdiction=jurisdiction, name=name, **fields)
        return "created"
    if all(getattr(unit, key) == value for key, value in fields.items()):
        return "unchanged"
    for key, value in fields.items():
        setattr(unit, key, value)
    unit.save(update_fields=[*fields])
    return "updated"
