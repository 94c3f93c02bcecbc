"""Import of the audit office's problem list (审计问题清单) from an Excel workbook.

Every row is validated before anything is written; a file with any bad row is refused as a whole,
and every bad row is named by row number and column. The workbook is measured before openpyxl opens
it and its rows are counted as they are read, as for every import (`core.exchange.importers`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from core.exchange.importers import (
    CellError,
    ImportOutcome,
    RowError,
    check_fits,
    progress_reporter,
    register,
    sheet_rows,
)
from core.exchange.upload_checks import Limits, Refused, check_workbook
from core.models import Jurisdiction, Unit
from core.permissions import STAFF_ROLES, has_role

from .models import AuditImport, AuditProblem
from .services import audit_import_notify

COLUMNS = {
    "number": gettext_lazy("序号"),
    "area": gettext_lazy("问题领域"),
    "description": gettext_lazy("问题描述"),
    "amount": gettext_lazy("涉及金额（万元）"),
    "unit": gettext_lazy("责任单位"),
    "deadline": gettext_lazy("整改期限"),
}
OPTIONAL = {"amount"}
# An audit report lists tens of problems, a few hundred at most.
MAX_ROWS = 2_000
LIMITS = Limits(max_rows=MAX_ROWS)
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    """The workbook the audit office fills in: the header row and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("审计问题清单")
    sheet.append([str(label) for label in COLUMNS.values()])
    sheet.append(
        ["1", _("预算执行"), _("部分项目资金未及时拨付"), 12.5, _("某某县财政局"), "2024-06-30"]
    )
    for letter, width in zip("ABCDEF", (8, 14, 48, 16, 22, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_workbook(
    file, *, county, year: int, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Parse and validate every row; nothing is written. `progress` goes up to 50 percent."""
    result = ImportResult()
    try:
        check_workbook(file, LIMITS)
    except Refused as refusal:
        result.errors.append(str(refusal))
        return result
    rows = sheet_rows(
        file,
        LIMITS,
        report=progress_reporter(progress),
        unreadable=lambda: result.errors.append(
            _("无法读取该文件，请上传 .xlsx 格式的审计问题清单。")
        ),
    )
    header = [_text(cell) for cell in next(rows, ())]
    if result.errors:
        return result
    positions = {
        key: header.index(str(label)) for key, label in COLUMNS.items() if str(label) in header
    }
    missing = [str(label) for key, label in COLUMNS.items() if key not in positions]
    if missing:
        result.errors.append(
            _("缺少列：%(columns)s。") % {"columns": "、".join(f"「{m}」" for m in missing)}
        )
        return result
    units = _units_by_name(county)
    taken = set(
        AuditProblem.objects.filter(jurisdiction=county, year=year).values_list("number", flat=True)
    )
    for row_number, cells in enumerate(rows, start=2):
        # Counted while reading: a sheet need not declare its size.
        if row_number - 1 > MAX_ROWS:
            result.errors.append(_("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})
            return result
        values = {key: cells[pos] if pos < len(cells) else None for key, pos in positions.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        row, errors = _parse_row(values, units)
        if row.get("number") in taken:
            errors.append((COLUMNS["number"], _("编号 %(n)s 已存在") % {"n": row["number"]}))
        taken.add(row.get("number"))
        for column, message in errors:
            result.errors.append(
                _("第 %(row)s 行「%(column)s」：%(message)s")
                % {"row": row_number, "column": column, "message": message}
            )
        result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append(_("文件中没有问题数据。"))
    return result


def _parse_row(values: dict, units: dict) -> tuple[dict, list]:
    row, errors = {}, []
    for key in ("number", "area", "description", "unit"):
        row[key] = _text(values[key])
        if not row[key]:
            errors.append((COLUMNS[key], _("不能为空")))
        elif key != "unit":
            _fits(key, row[key], errors)
    if row["unit"]:
        name, row["unit"] = row["unit"], units.get(row["unit"])
        if row["unit"] is None:
            errors.append((COLUMNS["unit"], _("找不到单位“%(name)s”") % {"name": name}))
    try:
        row["deadline"] = _date(values["deadline"])
    except ValueError:
        errors.append((COLUMNS["deadline"], _("日期格式不正确（应如 2024-06-30）")))
    else:
        _fits("deadline", row["deadline"], errors)
    try:
        row["amount"] = _amount(values["amount"])
    except CellError as error:
        errors.append((COLUMNS["amount"], str(error)))
    except ValueError:
        errors.append((COLUMNS["amount"], _("金额应为不小于 0 的数字")))
    else:
        _fits("amount", row["amount"], errors)
    return row, errors


def _fits(key: str, value, errors: list) -> None:
    """A value the problem's own field would refuse (too long, too large) is a row error."""
    try:
        check_fits(AuditProblem._meta.get_field(key), value)
    except CellError as error:
        errors.append((COLUMNS[key], str(error)))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_PATTERN.match(_text(value))
    if not match:
        raise ValueError(value)
    return date(*(int(part) for part in match.groups()))


def _amount(value) -> Decimal | None:
    text = _text(value).replace(",", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(value) from error
    if amount < 0 or not amount.is_finite():
        raise ValueError(value)
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than the decimal context holds
        raise CellError(_("数值过大")) from None


def _units_by_name(county) -> dict[str, Unit]:
    units = Unit.objects.filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county))
    return {unit.name: unit for unit in units}


@transaction.atomic
def audit_problems_import(
    *,
    file,
    file_name: str,
    county,
    year: int,
    by,
    progress: Callable[[int], None] | None = None,
) -> AuditImport:
    """Import a whole workbook or nothing: raises ValidationError listing every bad row.

    `progress` receives the percent done, inside the import's transaction.
    """
    report = progress_reporter(progress)
    result = read_workbook(file, county=county, year=year, progress=report)
    if result.errors:
        raise ValidationError(result.errors)
    batch = AuditImport.objects.create(
        jurisdiction=county,
        year=year,
        file_name=file_name[:255],
        row_count=len(result.rows),
        imported_by=by,
    )
    for index, row in enumerate(result.rows, start=1):
        # Saved one by one, not bulk_create, so each problem starts its change history.
        AuditProblem.objects.create(jurisdiction=county, year=year, source=batch, **row)
        report(50 + 50 * index // len(result.rows))
    audit_import_notify(batch=batch, by=by)
    return batch


@register
class AuditProblemImporter:
    """The audit list as a background import job (reports.services.import_job_create).

    The job's params carry what the evaluations import page asked for: the county, the year and
    the file's name. The scope is checked again when the worker runs the job.
    """

    identifier = "audit-problems"
    verbose_name = gettext_lazy("审计问题清单")
    roles = STAFF_ROLES
    # Uploaded on its own page, which asks for the county and year.
    upload_page = "evaluations:problem_import"

    def __init__(self, *, user, county: int, year: int, file_name: str):
        self.user, self.county_id, self.year, self.file_name = user, county, year, file_name

    @classmethod
    def allowed_for(cls, user) -> bool:
        return has_role(user, *cls.roles)

    def run(self, file, *, progress: Callable[[int], None] | None = None) -> ImportOutcome:
        county = Jurisdiction.objects.visible_to(self.user).get(pk=self.county_id)
        try:
            batch = audit_problems_import(
                file=file,
                file_name=self.file_name,
                county=county,
                year=self.year,
                by=self.user,
                progress=progress,
            )
        except ValidationError as error:
            return ImportOutcome(errors=[RowError(0, "", message) for message in error.messages])
        return ImportOutcome(created=batch.row_count)
