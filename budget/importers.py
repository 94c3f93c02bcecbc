"""Imports of the finance bureau's figures and the matched-in findings, on the portal's importer
registry (uploaded on the shared import page, read by the worker, all or nothing, row errors named).

- 预算科目 (budget-lines): the budget by functional classification, in the layout a county finance
  bureau exports (科目编码, 科目名称, 年初预算数, 调整预算数, 决算数), updated by code. A parent whose
  amount is not the sum of its children refuses the file, naming the lines.
- 预算执行 (budget-execution): one month's execution by budget unit and code (预算数, 累计支出数 to
  the month's end). The month is replaced as a whole and the warning rules run; the same file
  imported again is recognised by its fingerprint and changes nothing. A 50,000-row file is read
  once in read-only mode; the checked rows wait in a temporary file, not in memory, and are
  written with bulk inserts in batches once the whole file has passed.
- 联网比对数据 (budget-extracts): findings from audit, tax and state assets, by number; each one
  becomes a warning for the office to weigh.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO, Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.importers import (
    BaseImporter,
    CellError,
    Column,
    ImportOutcome,
    RowError,
    parse_amount,
    parse_choice,
    progress_reporter,
    register,
    text,
)
from core.exchange.upload_checks import MB, Limits, Refused, check_workbook
from core.models import Jurisdiction

from . import rules
from .models import Extract
from .services import budgets as budget_services
from .services import execution as execution_services
from .workbooks import with_notes

PERMISSION = "budget.import_budget"
BATCH = 2000


def parse_year(value: Any) -> int:
    raw = text(value)
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise CellError(_("应为年份，如 2024"))
    return int(raw)


def parse_month(value: Any) -> int:
    raw = text(value).removesuffix("月")
    if not raw.isdigit() or not 1 <= int(raw) <= 12:
        raise CellError(_("应为 1 至 12 的月份"))
    return int(raw)


def parse_code(value: Any) -> str:
    code = text(value)
    if rules.code_level(code) is None:
        raise CellError(_("科目编码应为3、5或7位数字，如 2010101"))
    return code


def parse_signed(value: Any) -> Decimal:
    """An amount that may be negative: a refund larger than the month's spending."""
    try:
        amount = Decimal(text(value).replace(",", ""))
        if not amount.is_finite():
            raise InvalidOperation
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise CellError(_("应为数字")) from None


class _JurisdictionColumn:
    """The 行政区划 column: a county or township by name or code, within the user's scope; left
    empty, the user's own county."""

    user: Any

    def _jurisdictions(self) -> None:
        places = list(Jurisdiction.objects.visible_to(self.user).exclude(level="municipal"))
        self.places = {p.name: p for p in places} | {p.code: p for p in places}
        counties = [p for p in places if p.level == Jurisdiction.Level.COUNTY]
        self.own_county = counties[0] if len(counties) == 1 else None

    def _place(self, name: str | None) -> Jurisdiction:
        if not name:
            if self.own_county is None:
                raise CellError("jurisdiction", _("请填写行政区划"))
            return self.own_county
        place = self.places.get(name)
        if place is None:
            raise CellError(
                "jurisdiction",
                _("找不到行政区划“%(name)s”，或不在您的工作范围内") % {"name": name},
            )
        return place


class _Documented(BaseImporter):
    """The template workbook carries a sheet explaining each column."""

    notes: ClassVar[tuple[str, ...]] = ()

    def template(self) -> bytes:
        return with_notes(super().template(), _("填写说明"), self.notes)


JURISDICTION = Column("jurisdiction", "行政区划", required=False, example="会同县")


@register
class BudgetLineImporter(_JurisdictionColumn, _Documented):
    identifier = "budget-lines"
    verbose_name = gettext_lazy("预算科目")
    permission = PERMISSION
    max_rows = 10_000
    columns = (
        JURISDICTION,
        Column("year", "预算年度", parse=parse_year, example=2024),
        Column("code", "科目编码", parse=parse_code, example="2010101"),
        Column("name", "科目名称", example="行政运行"),
        Column("adopted", "年初预算数", parse=parse_amount, example=1250000),
        Column("adjusted", "调整预算数", required=False, parse=parse_amount, example=1300000),
        Column("final", "决算数", required=False, parse=parse_amount, example=""),
    )
    notes = (
        "每行一个功能分类科目（类3位、款5位、项7位编码），金额单位为元。",
        "行政区划填写县市区或乡镇名称（或行政区划代码）；留空为本人所在县。",
        "上级科目金额应等于所列下级科目之和，否则整个文件不予导入并列出不符的科目。",
        "已有的科目按编码更新；同一文件重复导入不会产生变化。",
    )

    def prepare(self) -> None:
        self._jurisdictions()
        self.seen: set[tuple[int, int, str]] = set()

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        values["jurisdiction"] = self._place(values["jurisdiction"])
        key = (values["jurisdiction"].pk, values["year"], values["code"])
        if key in self.seen:
            raise CellError("code", _("与前面的行重复"))
        self.seen.add(key)
        return values

    def run(
        self,
        file: IO[bytes],
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportOutcome:
        outcome = ImportOutcome()
        report = progress_reporter(progress)
        try:
            check_workbook(file, self.limits())
        except Refused as refusal:
            outcome.errors.append(RowError(0, "", str(refusal)))
            return outcome
        groups: dict[tuple[Jurisdiction, int], list[budget_services.LineRow]] = {}
        for values in self._read(file, outcome, report):
            row = budget_services.LineRow(
                values["code"],
                values["name"],
                values["adopted"],
                values["adjusted"],
                values["final"],
            )
            groups.setdefault((values["jurisdiction"], values["year"]), []).append(row)
        if not outcome.errors and not groups:
            outcome.errors.append(RowError(0, "", _("文件中没有数据行。")))
        for (place, year), rows in groups.items():
            try:
                budget_services.check_tree(rows)
            except ValidationError as refusal:
                for message in refusal.messages:
                    outcome.errors.append(RowError(0, "", f"{place}{year}年 {message}"))
        if outcome.errors or dry_run:
            return outcome
        with transaction.atomic():
            for (place, year), rows in groups.items():
                budget = budget_services.budget_ensure(jurisdiction=place, year=year, by=self.user)
                counts = budget_services.lines_write(budget=budget, rows=rows, by=self.user)
                for name, count in counts.items():
                    setattr(outcome, name, getattr(outcome, name) + count)
        report(100)
        return outcome


@register
class ExecutionImporter(_JurisdictionColumn, _Documented):
    identifier = "budget-execution"
    verbose_name = gettext_lazy("预算执行月报")
    permission = PERMISSION
    max_rows = 60_000
    columns = (
        JURISDICTION,
        Column("year", "年度", parse=parse_year, example=2024),
        Column("month", "截至月份", parse=parse_month, example=6),
        Column("agency", "预算单位", example="会同县教育局"),
        Column("code", "科目编码", parse=parse_code, example="2050202"),
        Column("name", "科目名称", example="小学教育"),
        Column("budget", "预算数", parse=parse_signed, example=8600000),
        Column("executed", "累计支出数", parse=parse_signed, example=3900000),
    )
    notes = (
        "财政部门预算执行月报：每行一个预算单位的一个功能分类科目，金额单位为元。",
        "累计支出数为1月1日至截至月份月末的累计数；退款大于支出时可为负数。",
        "一个文件只能是同一行政区划、同一年度、同一月份的数据；重新导入同一月份将整体替换该月数据。",
        "导入后按本县设置的阈值自动运行预警规则（执行进度、无预算支出、年末突击支出）。",
        "同一预算单位的上级科目金额应等于所列下级科目之和。",
    )

    @classmethod
    def limits(cls) -> Limits:
        # A month of a county's execution by unit and code runs to tens of thousands of rows.
        return Limits(
            max_rows=cls.max_rows,
            max_bytes=20 * MB,
            max_uncompressed=200 * MB,
            max_shared_strings=cls.max_rows * 4,
            max_shared_strings_bytes=32 * MB,
        )

    def prepare(self) -> None:
        self._jurisdictions()
        self.month_key: tuple[int, int, int] | None = None
        self.seen: set[tuple[str, str]] = set()

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        place = self._place(values["jurisdiction"])
        values["jurisdiction"] = place
        key = (place.pk, values["year"], values["month"])
        if self.month_key is None:
            self.month_key = key
        elif key != self.month_key:
            raise CellError("month", _("一个文件只能导入同一行政区划、同一年度、同一月份的数据"))
        # Interned: the set holds a key per row, and the units and codes repeat.
        row_key = (sys.intern(values["agency"]), sys.intern(values["code"]))
        if row_key in self.seen:
            raise CellError("code", _("与前面的行重复（同一预算单位、同一科目）"))
        self.seen.add(row_key)
        return values

    def run(
        self,
        file: IO[bytes],
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportOutcome:
        outcome = ImportOutcome()
        report = progress_reporter(progress)
        try:
            check_workbook(file, self.limits())
        except Refused as refusal:
            outcome.errors.append(RowError(0, "", str(refusal)))
            return outcome
        tree = _TreeSums()
        digest = hashlib.sha256()
        first: dict[str, Any] = {}
        count = 0
        # The checked rows wait in a temporary file, a line each, not in memory: a month of
        # 50,000 rows costs the same memory as one of 5,000, and the transaction that writes
        # them opens only once the whole file has passed.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            for values in self._read(file, outcome, report):
                first = first or values
                tree.add(values)
                row = [str(values[key]) for key in ("agency", "code", "name", "budget", "executed")]
                digest.update("\t".join(row).encode() + b"\n")
                if not outcome.errors:
                    # JSON, so a tab or a line break inside a cell stays inside its field.
                    spool.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            if not outcome.errors and not count:
                outcome.errors.append(RowError(0, "", _("文件中没有数据行。")))
            outcome.errors.extend(RowError(0, "", message) for message in tree.mismatches())
            if outcome.errors or dry_run:
                return outcome
            spool.seek(0)
            with transaction.atomic():
                snapshot = execution_services.snapshot_open(
                    jurisdiction=first["jurisdiction"],
                    year=first["year"],
                    month=first["month"],
                    digest=digest.hexdigest(),
                    by=self.user,
                )
                if snapshot is None:
                    outcome.unchanged = count
                    report(100)
                    return outcome
                replaced = snapshot.row_count > 0
                written = 0
                for batch in _batches(spool, BATCH):
                    execution_services.rows_add(snapshot=snapshot, rows=batch)
                    written += len(batch)
                    report(50 + 45 * written // count)
                execution_services.snapshot_close(snapshot=snapshot, row_count=count)
        if replaced:
            outcome.updated = count
        else:
            outcome.created = count
        report(100)
        return outcome


def _batches(spool: IO[str], size: int) -> Iterator[list[tuple[str, str, str, Decimal, Decimal]]]:
    """The spooled rows back as (agency, code, name, budget, executed), `size` at a time."""
    batch: list[tuple[str, str, str, Decimal, Decimal]] = []
    for line in spool:
        agency, code, name, budget, executed = json.loads(line)
        batch.append((agency, code, name, Decimal(budget), Decimal(executed)))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fen(amount: Decimal) -> int:
    return int(amount.scaleb(2))


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


class _TreeSums:
    """The sums a file's parents must equal, per budget unit, kept without keeping the rows:
    a parent's own amounts, and the running sums of its children. Amounts are kept in whole fen
    (they are read to the fen) and codes interned: a month may hold tens of thousands of keys."""

    def __init__(self) -> None:
        self.parents: dict[tuple[str, str], tuple[int, int]] = {}
        self.children: dict[tuple[str, str], tuple[int, int]] = {}

    def add(self, values: dict[str, Any]) -> None:
        agency, code = sys.intern(values["agency"]), values["code"]
        amounts = (_fen(values["budget"]), _fen(values["executed"]))
        if rules.code_level(code) != len(rules.CODE_LENGTHS):
            self.parents[(agency, sys.intern(code))] = amounts
        parent = rules.parent_code(code)
        if parent is not None:
            key = (agency, sys.intern(parent))
            budget, executed = self.children.get(key, (0, 0))
            self.children[key] = (budget + amounts[0], executed + amounts[1])

    def mismatches(self) -> list[str]:
        found = []
        for key, (budget, executed) in sorted(self.parents.items()):
            sums = self.children.get(key)
            if sums is not None and sums != (budget, executed):
                found.append(
                    _(
                        "%(agency)s 科目 %(code)s 的预算数 %(budget)s、累计支出数 %(executed)s "
                        "与下级科目合计（%(sum_budget)s、%(sum_executed)s）不符"
                    )
                    % {
                        "agency": key[0],
                        "code": key[1],
                        "budget": _yuan(budget),
                        "executed": _yuan(executed),
                        "sum_budget": _yuan(sums[0]),
                        "sum_executed": _yuan(sums[1]),
                    }
                )
        return found


@register
class ExtractImporter(_JurisdictionColumn, _Documented):
    identifier = "budget-extracts"
    verbose_name = gettext_lazy("联网比对数据")
    permission = PERMISSION
    model = Extract
    max_rows = 5_000
    columns = (
        JURISDICTION,
        Column("year", "年度", parse=parse_year, example=2024),
        Column("source", "数据来源", parse=parse_choice(Extract.Source.choices), example="审计"),
        Column("number", "编号", example="SJ-2024-01"),
        Column("agency", "涉及单位", example="会同县住房和城乡建设局"),
        Column("description", "情况说明", example="项目结余资金未及时收回"),
        Column("amount", "涉及金额（元）", required=False, parse=parse_amount, example=326000),
    )
    notes = (
        "审计、税务、国资部门提供的比对数据，每行一条，按“数据来源+编号”更新。",
        "数据来源填写：审计、税务或国资。金额单位为元，可留空。",
        "每条数据导入后生成一条待研判预警，由常委会工作人员确认或排除。",
    )

    def prepare(self) -> None:
        self._jurisdictions()
        self.seen: set[tuple[int, int, str, str]] = set()

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        values["jurisdiction"] = self._place(values["jurisdiction"])
        key = (values["jurisdiction"].pk, values["year"], values["source"], values["number"])
        if key in self.seen:
            raise CellError("number", _("与前面的行重复"))
        self.seen.add(key)
        return values

    def save_row(self, values: dict[str, Any]) -> str:
        return execution_services.extract_save(
            jurisdiction=values["jurisdiction"],
            year=values["year"],
            source=values["source"],
            number=values["number"],
            agency=values["agency"],
            description=values["description"],
            amount=values["amount"],
            by=self.user,
        )
