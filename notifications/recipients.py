"""Who is told about a deadline or an event: a unit's liaisons, the committee staff of a
jurisdiction.

Sources look recipients up in bulk, one query per kind per run, not one per due item.
"""

from collections import defaultdict
from collections.abc import Iterable

from accounts.models import User


def liaisons_by_unit(unit_ids: Iterable[int]) -> dict[int | None, tuple[User, ...]]:
    result: dict[int | None, list[User]] = defaultdict(list)
    for user in User.objects.active_liaisons().filter(unit_id__in=set(unit_ids)):
        result[user.unit_id].append(user)
    return {unit_id: tuple(users) for unit_id, users in result.items()}


def unit_liaisons(units: Iterable) -> list[User]:
    """The active liaisons of the given units (Unit objects or ids): who acts for a unit."""
    unit_ids = {getattr(unit, "pk", unit) for unit in units if unit is not None}
    return list(User.objects.active_liaisons().filter(unit_id__in=unit_ids))


def staff_by_jurisdiction(jurisdiction_ids: Iterable[int]) -> dict[int | None, tuple[User, ...]]:
    result: dict[int | None, list[User]] = defaultdict(list)
    users = User.objects.active_committee_staff().filter(jurisdiction_id__in=set(jurisdiction_ids))
    for user in users:
        result[user.jurisdiction_id].append(user)
    return {jurisdiction_id: tuple(users) for jurisdiction_id, users in result.items()}


def unit_dues(source, items, *, deadline, title, unit_id, county_id, url=None):
    """Dues of records a unit must act on: its liaisons are reminded, the county's staff are told
    once overdue. Recipients are looked up for all items at once, not per item."""
    from .registry import Due

    items = list(items)
    liaisons = liaisons_by_unit(unit_id(item) for item in items)
    staff = staff_by_jurisdiction(county_id(item) for item in items)
    for item in items:
        yield Due(
            source=source,
            object_id=item.pk,
            deadline=deadline(item),
            title=title(item),
            url=url(item) if url else item.get_absolute_url(),
            jurisdiction_id=county_id(item),
            recipients=liaisons.get(unit_id(item), ()),
            escalate_to=staff.get(county_id(item), ()),
        )
