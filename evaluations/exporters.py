"""Excel exports. An exporter yields a header row and data rows; the base class writes the file.

Cells are written as text when they start with = + - @ so a name or a note can never become a
formula when the file is opened (CSV/formula injection).
"""

from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@")


class Exporter:
    sheet_title = "Sheet"

    def header(self) -> list[str]:
        raise NotImplementedError

    def rows(self) -> Iterable[list]:
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    def render(self) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.sheet_title)
        sheet.append(self.header())
        for row in self.rows():
            sheet.append([_cell(sheet, value) for value in row])
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _cell(sheet, value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # stored as a string, never evaluated
        return cell
    return value


class AppraisalExporter(Exporter):
    def __init__(self, appraisal, entries):
        self.appraisal = appraisal
        self.entries = entries
        self.sheet_title = _("测评结果")

    def filename(self) -> str:
        return f"{self.appraisal.title}.xlsx"

    def header(self):
        return [
            _("单位"),
            _("姓名"),
            _("职务"),
            _("任职日期"),
            _("测评方式"),
            _("A票"),
            _("B票"),
            _("C票"),
            _("D票"),
            _("等次"),
            _("D票前三"),
            _("结果运用"),
        ]

    def rows(self):
        for entry in self.entries:
            head = entry.head
            yield [
                head.unit.name,
                head.name,
                head.post,
                head.took_office,
                _("单独测评") if entry.assessed_alone else _("与前任一并测评"),
                entry.votes_a,
                entry.votes_b,
                entry.votes_c,
                entry.votes_d,
                entry.get_grade_display(),
                _("是") if entry.in_d_top else "",
                "；".join(str(label) for label in entry.consequence_labels),
            ]


EXPORTERS = {"appraisal": AppraisalExporter}
