"""Writes of a month's execution: the month's rows replaced as a whole, then the rules run.

The importer validates the whole file first and hands the rows over in batches, inside its one
transaction: a refused file leaves the month as it was.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from core.models import Jurisdiction

from ..models import Execution, Extract, Snapshot
from .budgets import subjects_ensure
from .warnings import execution_warnings_refresh, extract_warnings_raise

BATCH = 2000


@transaction.atomic
def snapshot_open(
    *, jurisdiction: Jurisdiction, year: int, month: int, digest: str, by: User
) -> Snapshot | None:
    """The month emptied for its new rows; None when the same figures were imported already."""
    snapshot = (
        Snapshot.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, year=year, month=month)
        .first()
    )
    if snapshot is not None and snapshot.digest == digest:
        return None
    if snapshot is None:
        snapshot = Snapshot.objects.create(
            jurisdiction=jurisdiction, year=year, month=month, digest=digest, imported_by=by
        )
    else:
        snapshot.rows.all().delete()
        snapshot.digest = digest
        snapshot.imported_by = by
        snapshot.save(update_fields=["digest", "imported_by", "imported_at"])
    return snapshot


def rows_add(*, snapshot: Snapshot, rows: Sequence[tuple[str, str, str, Decimal, Decimal]]) -> None:
    """Rows of (agency, code, name, budget, executed), the codes' subjects created if new."""
    subjects_ensure({(code, name) for _agency, code, name, _b, _e in rows})
    Execution.objects.bulk_create(
        [
            Execution(
                snapshot=snapshot, agency=agency, subject_id=code, budget=budget, executed=executed
            )
            for agency, code, _name, budget, executed in rows
        ],
        batch_size=BATCH,
    )


@transaction.atomic
def snapshot_close(*, snapshot: Snapshot, row_count: int) -> int:
    """Record the month's size and run the rules; returns how many warnings are new."""
    Snapshot.objects.filter(pk=snapshot.pk).update(row_count=row_count)
    snapshot.row_count = row_count
    return execution_warnings_refresh(snapshot=snapshot)


@transaction.atomic
def extract_save(
    *,
    jurisdiction: Jurisdiction,
    year: int,
    source: str,
    number: str,
    agency: str,
    description: str,
    amount: Decimal | None,
    by: User,
) -> str:
    """A finding from audit, tax or state assets by its number; returns what happened to it."""
    values = {"agency": agency, "description": description, "amount": amount}
    extract = Extract.objects.filter(
        jurisdiction=jurisdiction, year=year, source=source, number=number
    ).first()
    if extract is not None and all(getattr(extract, k) == v for k, v in values.items()):
        return "unchanged"
    result = "created" if extract is None else "updated"
    extract, _created = Extract.objects.update_or_create(
        jurisdiction=jurisdiction, year=year, source=source, number=number, defaults=values
    )
    extract_warnings_raise(extracts=[extract])
    return result
