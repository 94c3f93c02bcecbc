"""All-or-nothing Excel imports with row-level errors, and the registry of importers.

An importer declares its columns and how one parsed row is written. The base class reads the
workbook in read-only mode, validates every row before anything is written, names each error by
row number and column in Chinese, and writes the whole file in one transaction, updating records
found by their natural key so that importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any, ClassVar

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.permissions import has_role

registry: dict[str, type[BaseImporter]] = {}

MAX_ROWS = 50_000
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def register(importer: type[BaseImporter]) -> type[BaseImporter]:
    registry[importer.identifier] = importer
    return importer


class CellError(ValueError):
    """A value that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = True
    parse: Callable[[Any], Any] | None = None
    example: Any = ""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("第 %(row)s 行「%(column)s」：%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return self.message


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class BaseImporter:
    identifier: ClassVar[str]
    verbose_name: ClassVar[str]
    roles: ClassVar[tuple[str, ...]] = ()
    columns: ClassVar[tuple[Column, ...]]

    def __init__(self, *, user):
        self.user = user

    @classmethod
    def allowed_for(cls, user) -> bool:
        return has_role(user, *cls.roles)

    # --- to implement -----------------------------------------------------------------------
    def prepare(self) -> None:
        """Load lookups (units, jurisdictions…) once, before rows are validated."""

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check a row against lookups and other rows; raise CellError keyed by column."""
        return values

    def save_row(self, values: dict[str, Any]) -> str:
        """Write one valid row; return "created", "updated" or "unchanged"."""
        raise NotImplementedError

    # --- the machinery ----------------------------------------------------------------------
    def template(self) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(self.verbose_name)[:31]
        sheet.append(
            [column.label + ("" if column.required else "（选填）") for column in self.columns]
        )
        sheet.append([column.example for column in self.columns])
        for index, column in enumerate(self.columns):
            sheet.column_dimensions[chr(ord("A") + index)].width = max(12, len(column.label) * 3)
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def run(self, file, *, dry_run: bool = False) -> ImportOutcome:
        outcome = ImportOutcome()
        rows = list(self._read(file, outcome))
        if outcome.errors:
            return outcome
        if not rows:
            outcome.errors.append(RowError(0, "", _("文件中没有数据行。")))
            return outcome
        if dry_run:
            return outcome
        with transaction.atomic():
            for values in rows:
                result = self.save_row(values)
                setattr(outcome, result, getattr(outcome, result) + 1)
        return outcome

    def _read(self, file, outcome: ImportOutcome) -> Iterator[dict[str, Any]]:
        try:
            sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
        except (
            InvalidFileException,
            zipfile.BadZipFile,
            KeyError,
            OSError,
            ValueError,
            IndexError,
        ):
            outcome.errors.append(
                RowError(0, "", _("无法读取该文件，请上传 .xlsx 格式的 Excel 文件。"))
            )
            return
        rows = sheet.iter_rows(values_only=True)
        header = [text(cell).removesuffix("（选填）") for cell in next(rows, ())]
        positions = {c.key: header.index(c.label) for c in self.columns if c.label in header}
        missing = [c.label for c in self.columns if c.key not in positions and c.required]
        if missing:
            outcome.errors.append(
                RowError(
                    0,
                    "",
                    _("缺少列：%(columns)s。请使用导入模板。")
                    % {"columns": "、".join(f"「{m}」" for m in missing)},
                )
            )
            return
        self.prepare()
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                outcome.errors.append(
                    RowError(0, "", _("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})
                )
                return
            raw = {
                c.key: (
                    cells[positions[c.key]]
                    if c.key in positions and positions[c.key] < len(cells)
                    else None
                )
                for c in self.columns
            }
            if all(text(v) == "" for v in raw.values()):
                continue
            values = self._parse(number, raw, outcome)
            if values is None:
                continue
            try:
                yield self.validate_row(values)
            except CellError as exc:
                key, message = exc.args if len(exc.args) == 2 else ("", exc.args[0])
                outcome.errors.append(RowError(number, self._label(key), message))

    def _parse(
        self, number: int, raw: dict[str, Any], outcome: ImportOutcome
    ) -> dict[str, Any] | None:
        values, ok = {}, True
        for column in self.columns:
            value = raw[column.key]
            if text(value) == "":
                if column.required:
                    outcome.errors.append(RowError(number, column.label, _("不能为空")))
                    ok = False
                values[column.key] = None
                continue
            try:
                values[column.key] = column.parse(value) if column.parse else text(value)
            except CellError as exc:
                outcome.errors.append(RowError(number, column.label, str(exc)))
                ok = False
        return values if ok else None

    def _label(self, key: str) -> str:
        return next((c.label for c in self.columns if c.key == key), "")


# --- cell parsers -------------------------------------------------------------------------------
def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DATE_PATTERN.match(text(value))
    if not match:
        raise CellError(_("日期格式不正确（应如 2024-06-30）"))
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("日期不存在")) from None


def parse_amount(value: Any) -> Decimal:
    try:
        amount = Decimal(text(value).replace(",", ""))
    except InvalidOperation:
        raise CellError(_("应为数字")) from None
    if not amount.is_finite() or amount < 0:
        raise CellError(_("应为不小于 0 的数字"))
    return amount.quantize(Decimal("0.01"))


def parse_phone(value: Any) -> str:
    phone = text(value).replace(" ", "").replace("-", "")
    if not PHONE_PATTERN.match(phone):
        raise CellError(_("手机号码应为11位数字，以1开头"))
    return phone


def parse_choice(choices) -> Callable[[Any], str]:
    """Accept a choice by its Chinese label (or its stored value)."""
    by_label = {str(label): value for value, label in choices}
    values = {value for value, _label in choices}

    def parse(value: Any) -> str:
        raw = text(value)
        if raw in by_label:
            return by_label[raw]
        if raw in values:
            return raw
        raise CellError(_("应为以下之一：%(options)s") % {"options": "、".join(by_label)})

    return parse


def parse_bool(value: Any) -> bool:
    raw = text(value)
    if raw in {"是", "1", "true", "TRUE", "True", "Y", "y"}:
        return True
    if raw in {"否", "0", "false", "FALSE", "False", "N", "n"}:
        return False
    raise CellError(_("应为“是”或“否”"))
