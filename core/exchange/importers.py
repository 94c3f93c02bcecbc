"""All-or-nothing Excel imports with row-level errors, and the registry of importers.

An importer declares its columns and how one parsed row is written. The base class reads the
workbook in read-only mode, validates every row before anything is written, names each error by
row number and column in Chinese, and writes the whole file in one transaction, updating records
found by their natural key so that importing the same file twice changes nothing.

A workbook is measured by `upload_checks` before openpyxl opens it, and rows are counted while they
are read, since a sheet need not declare its size. A cell the database would refuse (too long, a
number too large) is a row error, judged by the model field the column is written to.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any, ClassVar
from xml.etree.ElementTree import ParseError

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.validators import EARLIEST_DATE, LATEST_DATE

from .upload_checks import Limits, Refused, check_workbook

registry: dict[str, type[BaseImporter]] = {}

# What openpyxl may raise on a damaged workbook, when it is opened or while its rows are read.
UNREADABLE = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    IndexError,
    ParseError,
)
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
    # The field of the importer's model this column is written to, when it is not named `key`.
    field: str | None = None


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
    verbose_name: ClassVar[StrOrPromise]
    # The named permission that lets a user run it (e.g. "deputies.import_roster"); every row
    # is checked against the user's scope anyway.
    permission: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    # The model most columns are written to; its fields' limits are checked on every cell.
    model: ClassVar[type[models.Model] | None] = None
    max_rows: ClassVar[int] = 5_000

    def __init__(self, *, user):
        self.user = user

    @classmethod
    def allowed_for(cls, user) -> bool:
        return bool(user.has_perm(cls.permission))

    @classmethod
    def limits(cls) -> Limits:
        return Limits(max_rows=cls.max_rows)

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

    def run(
        self,
        file,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportOutcome:
        """Validate every row, then write them all or none.

        `progress` receives the percent done: up to 50 while rows are validated, then up to 100 while
        they are saved, inside the import's transaction.
        """
        outcome = ImportOutcome()
        report = progress_reporter(progress)
        try:
            check_workbook(file, self.limits())
        except Refused as refusal:
            outcome.errors.append(RowError(0, "", str(refusal)))
            return outcome
        rows = list(self._read(file, outcome, report))
        if outcome.errors:
            return outcome
        if not rows:
            outcome.errors.append(RowError(0, "", _("文件中没有数据行。")))
            return outcome
        if not dry_run:
            with transaction.atomic():
                for index, values in enumerate(rows, start=1):
                    result = self.save_row(values)
                    setattr(outcome, result, getattr(outcome, result) + 1)
                    report(50 + 50 * index // len(rows))
        report(100)
        return outcome

    def _read(self, file, outcome: ImportOutcome, report) -> Iterator[dict[str, Any]]:
        def unreadable() -> None:
            outcome.errors.append(
                RowError(0, "", _("无法读取该文件，请上传 .xlsx 格式的 Excel 文件。"))
            )

        rows = sheet_rows(file, self.limits(), report=report, unreadable=unreadable)
        header = [text(cell).removesuffix("（选填）") for cell in next(rows, ())]
        if outcome.errors:
            return
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
        self.fields = self._model_fields()
        self.prepare()
        for number, cells in enumerate(rows, start=2):
            # Counted while reading: a sheet without a dimension passes the upload check.
            if number - 1 > self.max_rows:
                outcome.errors.append(
                    RowError(0, "", _("一次最多导入 %(n)s 行。") % {"n": self.max_rows})
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
        values: dict[str, Any] = {}
        ok = True
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
                if column.key in self.fields:
                    check_fits(self.fields[column.key], values[column.key])
            except CellError as exc:
                outcome.errors.append(RowError(number, column.label, str(exc)))
                ok = False
        return values if ok else None

    def _label(self, key: str) -> str:
        return next((c.label for c in self.columns if c.key == key), "")

    def _model_fields(self) -> dict[str, models.Field[Any, Any]]:
        """The model field each column is written to; lookups (foreign keys) are not checked."""
        fields: dict[str, models.Field[Any, Any]] = {}
        if self.model is None:
            return fields
        for column in self.columns:
            try:
                model_field = self.model._meta.get_field(column.field or column.key)
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, models.Field) and not model_field.is_relation:
                fields[column.key] = model_field
        return fields


def sheet_rows(
    file, limits: Limits, *, report: Callable[[int], None], unreadable: Callable[[], None]
) -> Iterator[tuple]:
    """The first sheet's rows as values, reporting up to 50 percent as they are read.

    A damaged file calls `unreadable` and ends the rows, wherever openpyxl trips on it; an error
    in the caller's own code between rows is not caught here.
    """
    try:
        # External links hold cached copies of other workbooks, and openpyxl parses the linked part
        # once for every reference to it: a 6 KB file made the worker build 2.4 GB in 5 minutes.
        # The cells keep the linked values, so an import needs none of it.
        book = load_workbook(file, read_only=True, data_only=True, keep_links=False)
        sheet = book.worksheets[0]
        expected = min(sheet.max_row or limits.max_rows + 1, limits.max_rows + 1)
        # A declared width pads every row to it; the upload check capped it, this caps the rest.
        rows = sheet.iter_rows(values_only=True, max_col=limits.max_columns)
    except UNREADABLE:
        unreadable()
        return
    for number in itertools.count(1):
        try:
            cells = next(rows)
        except StopIteration:
            return
        except UNREADABLE:
            unreadable()
            return
        report(min(50, 50 * number // expected))
        yield cells


def progress_reporter(progress: Callable[[int], None] | None) -> Callable[[int], None]:
    """Pass a percent on only when it changes: the callback may write to the database."""
    last = None

    def report(percent: int) -> None:
        nonlocal last
        if progress is not None and percent != last:
            last = percent
            progress(percent)

    return report


def check_fits(model_field: models.Field, value: Any) -> None:
    """Refuse a value the database column would refuse, as the model field describes it.

    SQLite stores an over-long string or an over-wide decimal without a word; PostgreSQL refuses
    the whole transaction. Dates are held to a range a supervision record can have.
    """
    if value is None:
        return
    try:
        value = model_field.to_python(value)
    except ValidationError as error:
        raise CellError("；".join(error.messages)) from None
    limit = model_field.max_length
    if isinstance(value, str) and limit is not None and len(value) > limit:
        raise CellError(_("不能超过 %(n)s 个字") % {"n": limit})
    if isinstance(model_field, models.DecimalField):
        digits = model_field.max_digits - model_field.decimal_places
        if abs(value) >= Decimal(10) ** digits:
            raise CellError(_("数值过大，整数部分最多 %(n)s 位") % {"n": digits})
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, dt.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise CellError(
            _("日期应在 %(start)s 年至 %(end)s 年之间")
            % {"start": EARLIEST_DATE.year, "end": LATEST_DATE.year}
        )
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        raise CellError("；".join(error.messages)) from None


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
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than the decimal context holds
        raise CellError(_("数值过大")) from None


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
