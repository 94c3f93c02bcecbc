"""Import of the audit office's problem list (审计问题清单) from an Excel workbook.

It runs on the portal's importer registry like the units, stations and deputy roster: uploaded on
the shared import page, read by the worker, every row checked before anything is written, and a
file with any bad row refused as a whole with each bad row named by number and column.

The natural key of a problem is (county, audit year, number): importing a corrected list again
updates the problems it names, and importing the same file twice changes nothing. What the unit
reported since (status, measures, evidence) is never touched; a problem already closed out
(销号) cannot be changed by an import.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.importers import (
    BaseImporter,
    CellError,
    Column,
    ImportOutcome,
    parse_amount,
    parse_date,
    register,
    text,
)
from core.models import Jurisdiction, Unit

from . import services
from .models import AuditImport, AuditProblem

# The columns an import writes; everything else on a problem is the unit's and the staff's.
IMPORTED_FIELDS = ("area", "description", "amount", "unit", "deadline")


def parse_year(value: Any) -> int:
    raw = text(value)
    if not raw.isdigit():
        raise CellError(_("应为年份，如 2023"))
    return int(raw)


@register
class AuditProblemImporter(BaseImporter):
    identifier = "audit-problems"
    verbose_name = gettext_lazy("审计问题清单")
    permission = "evaluations.import_problems"
    model = AuditProblem
    # An audit report lists tens of problems, a few hundred at most.
    max_rows = 2_000
    columns = (
        # Left empty, the county is the user's own when they work for one county.
        Column("county", "县市区", required=False, example="沅陵县"),
        Column("year", "审计年度", parse=parse_year, example=2023),
        Column("number", "序号", example="1"),
        Column("area", "问题领域", example="预算执行"),
        Column("description", "问题描述", example="部分项目资金未及时拨付"),
        Column("amount", "涉及金额（万元）", required=False, parse=parse_amount, example=12.5),
        Column("unit", "责任单位", example="沅陵县财政局"),
        Column("deadline", "整改期限", parse=parse_date, example="2024-06-30"),
    )

    def prepare(self) -> None:
        counties = list(Jurisdiction.objects.visible_to(self.user).counties())
        self.counties = {c.name: c for c in counties} | {c.code: c for c in counties}
        self.own_county = counties[0] if len(counties) == 1 else None
        self.units: dict[int, dict[str, Unit]] = {}
        self.existing: dict[tuple[int, int], dict[str, AuditProblem]] = {}
        self.seen: set[tuple[int, int, str]] = set()

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        county = self._county(values["county"])
        values["county"] = county
        units = self._units_of(county)
        name = values["unit"]
        values["unit"] = units.get(name)
        if values["unit"] is None:
            raise CellError("unit", _("找不到单位“%(name)s”") % {"name": name})
        key = (county.pk, values["year"], values["number"])
        if key in self.seen:
            raise CellError("number", _("与前面的行重复"))
        self.seen.add(key)
        problem = self._existing(county, values["year"]).get(values["number"])
        if problem is not None and problem.is_closed and _changes(problem, values):
            raise CellError("number", _("该问题已销号，不能再修改"))
        return values

    def save_row(self, values: dict[str, Any]) -> str:
        county, year = values["county"], values["year"]
        problem = self._existing(county, year).get(values["number"])
        if problem is not None and not _changes(problem, values):
            return "unchanged"
        # A batch records what an import wrote: a file imported again unchanged leaves none.
        batch = self.batches.get((county.pk, year))
        if batch is None:
            batch = services.audit_import_open(
                jurisdiction=county, year=year, file_name=self.file_name, by=self.user
            )
            self.batches[(county.pk, year)] = batch
        self.rows[batch.pk] += 1
        return services.audit_problem_save(
            jurisdiction=county,
            year=year,
            number=values["number"],
            fields={name: values[name] for name in IMPORTED_FIELDS},
            batch=batch,
            by=self.user,
        )

    def run(
        self,
        file: IO[bytes],
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportOutcome:
        """The framework's run, and then each county and year's batch is closed, all in the
        import's one transaction: the units hear of their new problems only when all is written."""
        # The worker passes its stored copy of the upload; its name identifies the import job.
        self.file_name = os.path.basename(str(getattr(file, "name", "") or ""))[:255]
        self.batches: dict[tuple[int, int], AuditImport] = {}
        self.rows: Counter[int] = Counter()
        with transaction.atomic():
            outcome = super().run(file, dry_run=dry_run, progress=progress)
            for batch in self.batches.values():
                services.audit_import_close(
                    batch=batch, row_count=self.rows[batch.pk], by=self.user
                )
        return outcome

    def _county(self, name: str | None) -> Jurisdiction:
        if not name:
            if self.own_county is None:
                raise CellError("county", _("请填写县市区"))
            return self.own_county
        county = self.counties.get(name)
        if county is None:
            raise CellError(
                "county", _("找不到县市区“%(name)s”，或不在您的工作范围内") % {"name": name}
            )
        return county

    def _units_of(self, county: Jurisdiction) -> dict[str, Unit]:
        """The units of the county and of its townships, by name."""
        if county.pk not in self.units:
            units = Unit.objects.filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county))
            self.units[county.pk] = {unit.name: unit for unit in units}
        return self.units[county.pk]

    def _existing(self, county: Jurisdiction, year: int) -> dict[str, AuditProblem]:
        if (county.pk, year) not in self.existing:
            problems = AuditProblem.objects.filter(jurisdiction=county, year=year)
            self.existing[(county.pk, year)] = {p.number: p for p in problems}
        return self.existing[(county.pk, year)]


def _changes(problem: AuditProblem, values: dict[str, Any]) -> bool:
    return any(getattr(problem, name) != values[name] for name in IMPORTED_FIELDS)
