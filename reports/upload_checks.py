"""Checks on an uploaded workbook before openpyxl opens it.

openpyxl trusts the file: it holds every shared string in memory, and in read-only mode it yields as
many rows as the sheet's `<dimension>` declares, padded to as many columns. A 2 MB upload can
therefore hold gigabytes of text or a million empty rows. These checks measure the archive with the
standard library instead: its size, what it declares it inflates to and at what ratio, the declared
dimension of every worksheet, and the shared strings, counted by a streaming parse. Nothing is taken
on trust: every part is read through a stream that stops at a byte cap, whatever the archive
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
# Before its root element a part holds only the XML declaration; a sheet's `<dimension>` comes
# before `<sheetData>`, after a few small elements (sheet properties, views, column widths).
PROLOG_CAP = 64 * 1024
SHEET_HEAD_CAP = 2 * MB
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
    max_uncompressed: int = 64 * MB
    max_ratio: int = 100
    max_shared_strings: int = 200_000
    max_shared_strings_bytes: int = 32 * MB


class Refused(ValueError):
    """The upload is not read; the message tells the user why, in Chinese."""


class _Done(Exception):
    """Raised from a parser callback once a part has told us what we need."""


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
            for info in archive.infolist():
                _check_part(archive, info, limits)
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


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    root = _root_element(archive, info)
    if root == "sst":
        _count_shared_strings(archive, info, limits)
    elif root == "worksheet":
        _check_dimension(archive, info, limits)


def _root_element(archive, info) -> str | None:
    """The local name of a part's root element, or None for a part that is not XML (an image)."""
    found = []

    def start(name, _attributes):
        found.append(_local(name))
        raise _Done

    too_long = _("文件内部结构异常，已拒绝。")
    try:
        _parse(archive, info, start=start, cap=PROLOG_CAP, too_long=too_long)
    except ExpatError:
        return None
    return found[0] if found else None


def _count_shared_strings(archive, info, limits: Limits) -> None:
    """Count `<si>` as they stream past; the strings themselves are never held."""
    count = 0

    def start(name, _attributes):
        nonlocal count
        if _local(name) == "si":
            count += 1
            if count > limits.max_shared_strings:
                raise Refused(
                    _("文件中的文字条目超过 %(n)s 条，请分批导入。")
                    % {"n": limits.max_shared_strings}
                )

    too_long = _("文件中的文字内容超过 %(mb)s MB，请分批导入。") % {
        "mb": _megabytes(limits.max_shared_strings_bytes)
    }
    if info.file_size > limits.max_shared_strings_bytes:
        raise Refused(too_long)
    _parse_or_refuse(
        archive, info, start=start, cap=limits.max_shared_strings_bytes, too_long=too_long
    )


def _check_dimension(archive, info, limits: Limits) -> None:
    """Refuse a sheet whose declared used range is beyond the row or column cap.

    Every worksheet is checked, not only the first: finding the one openpyxl calls first takes the
    content types, the workbook and its relationships, and a workbook to import has one sheet. A
    sheet that declares no dimension is bounded while it is read (`BaseImporter.max_rows`).
    """

    def start(name, attributes):
        local = _local(name)
        if local == "dimension":
            _refuse_range(attributes.get("ref", ""), limits)
        if local in {"dimension", "sheetData"}:
            raise _Done

    too_long = _("文件内部结构异常，已拒绝。")
    _parse_or_refuse(archive, info, start=start, cap=SHEET_HEAD_CAP, too_long=too_long)


def _refuse_range(ref: str, limits: Limits) -> None:
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


def _parse_or_refuse(archive, info, **kwargs) -> None:
    try:
        _parse(archive, info, **kwargs)
    except ExpatError:
        raise Refused(_unreadable()) from None


def _parse(archive, info, *, start, cap: int, too_long: str) -> None:
    """Stream one part through expat, at most `cap` inflated bytes, refusing any DOCTYPE."""
    parser = ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = start
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(READ_CHUNK):
                read += len(chunk)
                if read > cap:
                    raise Refused(too_long)
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Done:
        return
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        # A corrupt or encrypted entry, or one whose content is not what its header declares.
        raise Refused(_unreadable()) from None


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


def _inflates_too_much(limits: Limits) -> str:
    return _("文件解压后超过 %(mb)s MB，已拒绝。") % {"mb": _megabytes(limits.max_uncompressed)}
