"""Checks on an uploaded workbook before openpyxl opens it.

openpyxl trusts the file: it holds every shared string in memory; in read-only mode it yields as
many rows as the sheet's `<dimension>` declares, padded to as many columns, and for a sheet without
one it builds an element for every row just to size it. A 2 MB upload can therefore hold gigabytes
of text or a million empty rows. These checks measure the archive with the standard library instead:
its size, what it declares it inflates to and at what ratio, each worksheet's declared dimension and
its rows, and the shared strings, all counted by a streaming parse that holds nothing. Nothing is
taken on trust: every part is read through a stream that stops at a byte cap, whatever the archive
declares, and no XML part may carry a DOCTYPE (the door to entity-expansion bombs).

Bytes are not enough: a few bytes of XML become hundreds of bytes of Python objects, and an
incompressible comment keeps any part under the ratio cap. So elements are counted too, across the
archive: cells per row (openpyxl builds every child of a `<row>` before it trims the row to the
columns asked for), rich-text runs per string and in all, the elements outside rows and strings
(styles, names, relationships: openpyxl parses those parts whole into objects), and every element.

Pure: a file-like object and limits in, `Refused` with a Chinese message out. No Django models.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pyexpat import ExpatError, ParserCreate

from django.utils.translation import gettext as _

MB = 1024 * 1024
READ_CHUNK = 64 * 1024
# Before its root element a part holds only the XML declaration.
PROLOG_CAP = 64 * 1024
# A small part can have any ratio and still inflate to little; the ratio matters for large ones.
RATIO_FLOOR = MB
CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# openpyxl reads the styles from this name, whatever the relationships say.
STYLES_PART = "xl/styles.xml"
# A filled cell is `<c><v/></c>` plus its shared string `<si><t/></si>`, or `<c><is><t/></is></c>`.
ELEMENTS_PER_CELL = 4
# Rows and strings (shared `<si>`, inline `<is>`): what they hold has caps of its own.
CONTAINERS = frozenset(("row", "si", "is"))
RUNS = frozenset(("r", "rPh"))


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * MB
    max_rows: int = 5_000  # data rows, below the header row
    max_columns: int = 50
    max_entries: int = 1_000
    # A template filled to the row cap with long texts inflates to a few megabytes.
    max_uncompressed: int = 32 * MB
    max_ratio: int = 100
    max_shared_strings: int = 200_000
    max_shared_strings_bytes: int = 16 * MB
    # Elements outside rows and shared strings, across the archive. An importer's template has
    # about 400 (most in the theme); a workbook whose styles were bloated by years of copying holds
    # tens of thousands. openpyxl turns a cell format into ~600 bytes of objects: 100,000 cost the
    # worker about 60 MB and 4 s (measured), against 1.3 GB and 27 s for the 2 million once taken.
    max_structure_elements: int = 100_000
    # Excel's styles part is tens of kilobytes; openpyxl parses it whole.
    max_styles_bytes: int = 2 * MB
    # Rich-text runs (`<r>`) are rare in imported data (a word in bold); each costs ~450 bytes of
    # objects while its string is read.
    max_runs_per_string: int = 256
    max_runs: int = 100_000
    # Sheets × the largest relationships part (see `_refuse_repeated_reading`): openpyxl parses a
    # million relationships in about 20 s. A workbook of 10 sheets with 2,000 hyperlinks (each a
    # relationship) on one of them comes to 20,000.
    max_sheet_relationships: int = 250_000

    @property
    def max_cells(self) -> int:
        """Cells across the archive: one sheet at the caps (an import reads the first sheet only)."""
        return (self.max_rows + 1) * self.max_columns

    @property
    def max_elements(self) -> int:
        """Every element of every part: a full sheet at the row and column caps, and its structure.

        5,001 rows of 50 cells come to about a million. The importers' templates have at most
        12 columns, so a real file at the row cap holds a quarter of that.
        """
        return self.max_cells * ELEMENTS_PER_CELL + self.max_structure_elements


class Refused(ValueError):
    """The upload is not read; the message tells the user why, in Chinese."""


def check_workbook(file, limits: Limits) -> None:
    """Refuse a workbook openpyxl should not open; leave the file at its start either way."""
    try:
        _check_size(file, limits)
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
            raise Refused(_unreadable()) from None
        with archive:
            _check_archive(archive, limits)
            totals = _Totals()
            for info in archive.infolist():
                _check_part(archive, info, limits, totals)
    finally:
        file.seek(0)


def _check_size(file, limits: Limits) -> None:
    file.seek(0, 2)
    if file.tell() > limits.max_bytes:
        raise Refused(
            _("文件过大，一次最多上传 %(mb)s MB。") % {"mb": _megabytes(limits.max_bytes)}
        )
    file.seek(0)


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    entries = archive.infolist()
    names = {info.filename for info in entries}
    if any(part not in names for part in REQUIRED_PARTS):
        raise Refused(_unreadable())
    if len(entries) > limits.max_entries:
        raise Refused(_("文件内部结构异常（包含 %(n)s 个部件），已拒绝。") % {"n": len(entries)})
    if sum(info.file_size for info in entries) > limits.max_uncompressed:
        raise Refused(_inflates_too_much(limits))
    for info in entries:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise Refused(
                _("文件中“%(name)s”的压缩比异常（%(ratio)d 倍，最多 %(max)s 倍），已拒绝。")
                % {"name": info.filename, "ratio": ratio, "max": limits.max_ratio}
            )


def _check_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, totals: _Totals
) -> None:
    """Stream one part through expat, whatever its name or root element, and count what matters.

    openpyxl finds the sheet and the shared strings through the content types and the workbook's
    relationships, and collects `<row>` and `<si>` wherever they sit in the part it was pointed
    at; so every XML part is counted, not the ones named like a sheet or with the expected root.
    """
    scan = _PartScan(limits, totals, styles=info.filename == STYLES_PART)
    parser = ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(READ_CHUNK):
                scan.read(len(chunk))
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except Refused:
        raise
    except ExpatError:
        if scan.elements:
            raise Refused(_unreadable()) from None
        # Not XML at all (an image, a printer setting): openpyxl does not parse it.
    except (ValueError, LookupError):
        # expat refuses a declared multi-byte encoding (`encoding="gbk"`) with a ValueError, where
        # openpyxl's parser would fail the same way in the worker.
        raise Refused(_unreadable()) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        # A corrupt or encrypted entry, or one whose content is not what its header declares.
        raise Refused(_unreadable()) from None


@dataclass
class _Totals:
    """Counts across the archive: openpyxl reads several parts, and parts may be many."""

    bytes: int = 0
    elements: int = 0
    structure: int = 0
    cells: int = 0
    runs: int = 0
    sheets: int = 0
    relationships: int = 0  # in the largest relationships part


class _PartScan:
    """What one part holds so far; refuses as soon as a count passes its cap."""

    def __init__(self, limits: Limits, totals: _Totals, *, styles: bool = False):
        self.limits, self.totals, self.styles = limits, totals, styles
        self.max_elements = limits.max_elements
        self.bytes = self.elements = self.rows = self.strings = self.depth = self.shielded = 0
        self.relationships = 0
        # The open rows and strings: [depth, cells or runs so far, whether it shields]; and the
        # depths of both, so that closing any other element costs one comparison.
        self.open_rows: list[list] = []
        self.open_strings: list[list] = []
        self.closing: list[int] = []

    def read(self, size: int) -> None:
        # Counted as inflated, whatever the archive declared.
        self.bytes += size
        self.totals.bytes += size
        if self.totals.bytes > self.limits.max_uncompressed:
            raise Refused(_inflates_too_much(self.limits))
        if self.elements == 0 and self.bytes > PROLOG_CAP:
            raise Refused(_("文件内部结构异常，已拒绝。"))
        if self.strings and self.bytes > self.limits.max_shared_strings_bytes:
            raise Refused(_too_much_text(self.limits))
        if self.styles and self.bytes > self.limits.max_styles_bytes:
            raise Refused(
                _("文件中的样式信息超过 %(mb)s MB，请将数据粘贴到导入模板后再上传。")
                % {"mb": _megabytes(self.limits.max_styles_bytes)}
            )

    def start(self, name: str, attributes: dict) -> None:
        # Called for every element, a million times for a full sheet: kept to a few comparisons.
        self.depth += 1
        self.elements += 1
        totals = self.totals
        totals.elements += 1
        if totals.elements > self.max_elements:
            raise Refused(
                _("文件内容过多（超过 %(n)s 个 XML 元素），请分批导入。") % {"n": self.max_elements}
            )
        local = name.rpartition("}")[2]
        if ":" in local:  # a prefix with no namespace declared
            local = local.rpartition(":")[2]
        # What sits in a row or a string is capped by their own counts; but a root named `row` or
        # `si` shields nothing, since openpyxl parses the styles whatever their root is called.
        shields = local in CONTAINERS and self.depth > 1
        if not (shields or self.shielded):
            self._count_structure()
        if self.open_rows and self.open_rows[-1][0] == self.depth - 1:
            self._count_cell()
        if self.open_strings and local in RUNS:
            self._count_run()
        if local in CONTAINERS:
            self._open(local, shields)
        elif local == "dimension":
            _refuse_range(attributes.get("ref", ""), self.limits)
        elif local == "sheet":
            self.totals.sheets += 1
            self._refuse_repeated_reading()
        elif local == "Relationship":
            self._count_relationship(attributes)

    def end(self, _name: str) -> None:
        if self.closing and self.closing[-1] == self.depth:
            self.closing.pop()
            for opened in (self.open_rows, self.open_strings):
                if opened and opened[-1][0] == self.depth:
                    self.shielded -= opened.pop()[2]
        self.depth -= 1

    def _open(self, local: str, shields: bool) -> None:
        if local == "si":
            self._count_string()
        elif local == "row":
            self._count_row()
        self.shielded += shields
        self.closing.append(self.depth)
        opened = self.open_rows if local == "row" else self.open_strings
        opened.append([self.depth, 0, shields])

    def _count_relationship(self, attributes: dict) -> None:
        # openpyxl reads a chartsheet's drawing and charts whole, even in read-only mode, once for
        # every reference to them; an import has no use for a chart.
        if "chartsheet" in attributes.get("Type", ""):
            raise Refused(_("文件包含图表工作表，请将数据粘贴到导入模板后再上传。"))
        self.relationships += 1
        if self.relationships > self.totals.relationships:
            self.totals.relationships = self.relationships
            self._refuse_repeated_reading()

    def _refuse_repeated_reading(self) -> None:
        """Refuse sheets × relationships that would keep openpyxl parsing the same part.

        It parses a sheet's relationships once for every `<sheet>` that points at the sheet, and
        every `<sheet>` may point at the same one: the work is the number of sheets times the
        largest relationships part, whatever the bytes.
        """
        totals, limits = self.totals, self.limits
        if totals.sheets * totals.relationships > limits.max_sheet_relationships:
            raise Refused(
                _("文件中的工作表（%(sheets)s 个）或关联信息过多，请将数据粘贴到导入模板后再上传。")
                % {"sheets": totals.sheets}
            )

    def _count_structure(self) -> None:
        self.totals.structure += 1
        if self.totals.structure > self.limits.max_structure_elements:
            raise Refused(
                _("文件中的格式和结构信息过多（超过 %(n)s 项），请将数据粘贴到导入模板后再上传。")
                % {"n": self.limits.max_structure_elements}
            )

    def _count_cell(self) -> None:
        # Every child of a row becomes a cell in openpyxl, whatever its name. Cells are also
        # counted across the archive: rows are capped per sheet, and sheets may be many.
        row, limits = self.open_rows[-1], self.limits
        row[1] += 1
        if row[1] > limits.max_columns:
            raise Refused(
                _("工作表中有一行超过 %(max)s 列，请使用导入模板。") % {"max": limits.max_columns}
            )
        self.totals.cells += 1
        if self.totals.cells > limits.max_cells:
            raise Refused(_("文件中的单元格超过 %(n)s 个，请分批导入。") % {"n": limits.max_cells})

    def _count_run(self) -> None:
        string = self.open_strings[-1]
        string[1] += 1
        if string[1] > self.limits.max_runs_per_string:
            raise Refused(
                _("文件中有一段文字分成了超过 %(n)s 段不同格式，请清除格式后再导入。")
                % {"n": self.limits.max_runs_per_string}
            )
        self.totals.runs += 1
        if self.totals.runs > self.limits.max_runs:
            raise Refused(
                _("文件中带格式的文字片段超过 %(n)s 处，请清除格式后再导入。")
                % {"n": self.limits.max_runs}
            )

    def _count_string(self) -> None:
        self.strings += 1
        if self.strings > self.limits.max_shared_strings:
            raise Refused(
                _("文件中的文字条目超过 %(n)s 条，请分批导入。")
                % {"n": self.limits.max_shared_strings}
            )

    def _count_row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.max_rows + 1:
            raise Refused(_("工作表超过 %(max)s 行，请分批导入。") % {"max": self.limits.max_rows})


def _refuse_range(ref: str, limits: Limits) -> None:
    """Refuse a sheet whose declared used range (`A1:K1048576`) is beyond the row or column cap.

    openpyxl pads every row it yields to the declared width and yields empty rows down to the
    declared height. A row numbered far below the last (`<row r="1048576">`) in a sheet without a
    dimension costs nothing here and is stopped while the rows are read (`BaseImporter.max_rows`).
    """
    last = CELL_REF.match(ref.upper().split(":")[-1])
    if last is None:
        return
    columns, rows = _column_number(last.group(1)), int(last.group(2))
    if rows > limits.max_rows + 1:
        raise Refused(
            _("工作表声明了 %(rows)s 行（含表头），一次最多导入 %(max)s 行，请分批导入。")
            % {"rows": rows, "max": limits.max_rows}
        )
    if columns > limits.max_columns:
        raise Refused(
            _("工作表声明了 %(columns)s 列，最多 %(max)s 列，请使用导入模板。")
            % {"columns": columns, "max": limits.max_columns}
        )


def _refuse_doctype(*_args) -> None:
    raise Refused(_("文件包含不允许的 XML 声明（DOCTYPE 或 ENTITY），已拒绝。"))


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _megabytes(size: int) -> str:
    return f"{size / MB:g}"


def _unreadable() -> str:
    return _("无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。")


def _too_much_text(limits: Limits) -> str:
    return _("文件中的文字内容超过 %(mb)s MB，请分批导入。") % {
        "mb": _megabytes(limits.max_shared_strings_bytes)
    }


def _inflates_too_much(limits: Limits) -> str:
    return _("文件解压后超过 %(mb)s MB，已拒绝。") % {"mb": _megabytes(limits.max_uncompressed)}
