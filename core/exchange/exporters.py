"""The exporter registry and the base class that writes every Excel export.

An exporter names itself, names the permission that lets a user run it, and yields a header row and data rows for a
user and the parameters of the page being exported (the same filters, the same scope). The base
class writes an openpyxl write-only workbook, so memory stays flat however many rows there are, and
reports progress as it goes. Apps declare exporters in their own `exporters.py`, decorated with
`@register`; `CoreConfig.ready` imports those modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, ClassVar

from django.http import QueryDict
from django.utils import timezone
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

registry: dict[str, type[BaseExporter]] = {}

# Leading characters that make a spreadsheet read text as a formula (OWASP's CSV injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

THIN = Side(style="thin", color="999999")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
TITLE_FONT = Font(bold=True, size=14)


def register(exporter: type[BaseExporter]) -> type[BaseExporter]:
    if exporter.identifier in registry and registry[exporter.identifier] is not exporter:
        raise ValueError(f"duplicate exporter identifier {exporter.identifier!r}")
    registry[exporter.identifier] = exporter
    return exporter


def get_exporter(identifier: str) -> type[BaseExporter] | None:
    return registry.get(identifier)


@dataclass
class Sheet:
    """One worksheet: a title row, a header row, data rows and an optional totals row."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str = ""
    column_widths: Sequence[int] = field(default_factory=tuple)
    totals: Callable[[], Sequence[Any]] | None = None


class BaseExporter:
    identifier: ClassVar[str]
    verbose_name: ClassVar[StrOrPromise]
    # The named permission that lets a user run it (e.g. "deputies.view_visits", usually the
    # permission of the page it exports); the rows are scoped to the user anyway.
    permission: ClassVar[str]

    def __init__(self, *, user, params: dict[str, Any] | None = None):
        self.user = user
        self.params = params or {}

    @classmethod
    def allowed_for(cls, user) -> bool:
        return bool(user.has_perm(cls.permission))

    def query_params(self) -> QueryDict:
        """The exported page's query string as a QueryDict, to feed the page's own FilterSet."""
        query = QueryDict(mutable=True)
        for key, value in self.params.items():
            query.setlist(key, value if isinstance(value, list) else [value])
        return query

    def filename(self) -> str:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return f"{self.verbose_name}-{stamp}.xlsx"

    def total_rows(self) -> int | None:
        """Rows expected, for the progress bar; None when unknown."""
        return None

    def sheets(self) -> Iterator[Sheet]:
        raise NotImplementedError

    def write(self, stream: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        """Write the workbook to `stream`; return the number of data rows written."""
        workbook = Workbook(write_only=True)
        total = self.total_rows()
        written = 0
        for sheet in self.sheets():
            worksheet = workbook.create_sheet(title=sheet.name[:31])
            _setup_sheet(worksheet, sheet)
            header_row = 1
            if sheet.title:
                # Write-only sheets have no merge_cells(); the range is recorded directly.
                last = _column_letter(max(1, len(sheet.headers)))
                worksheet.merged_cells.add(f"A1:{last}1")
                title = _styled_cell(worksheet, sheet.title)
                title.font = TITLE_FONT
                title.alignment = Alignment(horizontal="center", vertical="center")
                worksheet.append([title])
                header_row = 2
            worksheet.print_title_rows = f"{header_row}:{header_row}"
            worksheet.append([_header_cell(worksheet, h) for h in sheet.headers])
            for row in sheet.rows:
                worksheet.append([_cell(worksheet, value) for value in row])
                written += 1
                if progress and total and written % 500 == 0:
                    progress(min(99, written * 100 // total))
            if sheet.totals is not None:
                worksheet.append([_header_cell(worksheet, value) for value in sheet.totals()])
        if not workbook.worksheets:
            workbook.create_sheet(title="Sheet1")
        workbook.save(stream)
        return written


class ListExporter(BaseExporter):
    """The export of a list page: the page's FilterSet applied to the user's scoped queryset, so
    the workbook holds exactly the rows the page shows."""

    filterset_class: ClassVar[type | None] = None

    def base_queryset(self):
        raise NotImplementedError

    def queryset(self):
        queryset = self.base_queryset()
        if self.filterset_class is None:
            return queryset
        return self.filterset_class(self.query_params(), queryset=queryset, user=self.user).qs

    def total_rows(self) -> int:
        return self.queryset().count()


def _setup_sheet(worksheet: Worksheet, sheet: Sheet) -> None:
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = "9"  # A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.freeze_panes = "A3" if sheet.title else "A2"
    for index, width in enumerate(sheet.column_widths or [18] * len(sheet.headers), start=1):
        worksheet.column_dimensions[_column_letter(index)].width = width


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _styled_cell(worksheet: Worksheet, value: Any) -> WriteOnlyCell:
    """A cell object to style, its value prepared by `_cell` like every other."""
    cell = _cell(worksheet, value)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(worksheet, value=cell)
    return cell


def _header_cell(worksheet: Worksheet, value: Any) -> WriteOnlyCell:
    cell = _styled_cell(worksheet, value)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    return cell


def _cell(worksheet: Worksheet, value: Any) -> WriteOnlyCell | Any:
    """A value ready to append: plain where openpyxl's defaults are right, a styled cell where not.

    Plain values go through the write-only sheet's one shared cell; creating a cell object for
    each of a quarter's half a million values doubled the time of a large export.
    """
    value = export_value(value)
    if isinstance(value, str):
        return text_cell_value(value)
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    # Dates get openpyxl's own "yyyy-mm-dd".
    return value


def text_cell_value(text: str) -> str:
    """Text as a cell must hold it: never read as a formula, and storable in the file at all.

    Every string of every workbook passes here. A leading apostrophe is what a spreadsheet user
    types to keep `=...` as text, and it keeps it text after the file is re-saved as CSV, where a
    text-typed cell alone would not. Control characters other than tab and newlines are illegal
    in the file's XML: openpyxl would refuse the whole workbook for one of them.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def export_value(value: Any) -> Any:
    """A Python value as a spreadsheet can hold it: local naive times, plain numbers, text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | dt.date | str):
        return value
    return str(value)
