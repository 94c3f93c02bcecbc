"""Checks on an uploaded workbook before openpyxl opens it.

openpyxl trusts the file: it holds every shared string in memory; in read-only mode it yields as
many rows as the sheet's `<dimension>` declares, padded to as many columns, and for a sheet without
one it builds an element for every row just to size it. A 2 MB upload can therefore hold gigabytes
of text or a million empty rows. These checks measure the archive with the standard library instead:
its size, what it declares it inflates to and at what ratio, each worksheet's declared dimension and
its rows, and the shared strings, all counted by a streaming parse that holds nothing. Nothing is
taken on trust: every part is read through a stream that stops at a byte cap, whatever the archive
declares, and no XML part may carry a DOCTYPE (the door to entity-expansion bombs).

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
            inflated = 0
            for info in archive.infolist():
                inflated += _check_part(
                    archive, info, limits, budget=limits.max_uncompressed - inflated
                )
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
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, *, budget: int
) -> int:
    """Stream one part through expat, whatever its name or root element, and count what matters.

    openpyxl finds the sheet and the shared strings through the content types and the workbook's
    relationships, and collects `<row>` and `<si>` wherever they sit in the part it was pointed
    at; so every XML part is counted, not the ones named like a sheet or with the expected root.
    Returns the bytes inflated, which with the other parts' must stay within `budget`.
    """
    scan = _PartScan(limits, budget)
    parser = ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = scan.start
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(READ_CHUNK):
                scan.read(len(chunk))
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except ExpatError:
        if scan.elements:
            raise Refused(_unreadable()) from None
        # Not XML at all (an image, a printer setting): openpyxl does not parse it.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        # A corrupt or encrypted entry, or one whose content is not what its header declares.
        raise Refused(_unreadable()) from None
    return scan.bytes


class _PartScan:
    """What one part holds so far; refuses as soon as a count passes its cap."""

    def __init__(self, limits: Limits, budget: int):
        self.limits, self.budget = limits, budget
        self.bytes = self.elements = self.rows = self.strings = 0

    def read(self, size: int) -> None:
        # Counted as inflated, whatever the archive declared.
        self.bytes += size
        if self.bytes > self.budget:
            raise Refused(_inflates_too_much(self.limits))
        if self.elements == 0 and self.bytes > PROLOG_CAP:
            raise Refused(_("文件内部结构异常，已拒绝。"))
        if self.strings and self.bytes > self.limits.max_shared_strings_bytes:
            raise Refused(_too_much_text(self.limits))

    def start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        local = _local(name)
        if local == "si":
            self.strings += 1
            if self.strings > self.limits.max_shared_strings:
                raise Refused(
                    _("文件中的文字条目超过 %(n)s 条，请分批导入。")
                    % {"n": self.limits.max_shared_strings}
                )
        elif local == "row":
            self.rows += 1
            if self.rows > self.limits.max_rows + 1:
                raise Refused(
                    _("工作表超过 %(max)s 行，请分批导入。") % {"max": self.limits.max_rows}
                )
        elif local == "dimension":
            _refuse_range(attributes.get("ref", ""), self.limits)


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


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


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
