"""Hostile workbooks, built in memory from a real one: small to store, large only where declared."""

import io
import os
import re
import zipfile

from openpyxl import Workbook

MB = 1024 * 1024
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"


def workbook(header, rows) -> bytes:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.pop(info.filename, source.read(info)))
        for name, body in parts.items():
            target.writestr(name, body)
    return buffer.getvalue()


def read_part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def with_sheet(data: bytes, edit) -> bytes:
    return replace_parts(data, {SHEET: edit(read_part(data, SHEET)).encode()})


def with_dimension(data: bytes, ref: str) -> bytes:
    return with_sheet(
        data, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )


def without_dimension(data: bytes) -> bytes:
    return with_sheet(data, lambda xml: re.sub(r"<dimension [^>]*/>", "", xml))


def last_row_moved_to(data: bytes, number: int) -> bytes:
    """The sheet's last row moved down to row `number`; openpyxl fills the gap with empty rows."""

    def move(xml: str) -> str:
        last = max(int(n) for n in re.findall(r'<row r="(\d+)"', xml))
        xml = xml.replace(f'<row r="{last}"', f'<row r="{number}"')
        return re.sub(rf'(<c r="[A-Z]+){last}"', rf'\g<1>{number}"', xml)

    return with_sheet(data, move)


def with_shared_strings(data: bytes, xml: bytes, name: str = "xl/sharedStrings.xml") -> bytes:
    """Add a shared-strings part that openpyxl reads (it finds it through the content types)."""
    types = read_part(data, "[Content_Types].xml").replace(
        "</Types>", f'<Override PartName="/{name}" ContentType="{SHARED_STRINGS}"/></Types>'
    )
    return replace_parts(data, {"[Content_Types].xml": types.encode(), name: xml})


def shared_strings(strings, *, prolog: str = "") -> bytes:
    body = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0"?>{prolog}<sst xmlns="{MAIN}">{body}</sst>'.encode()


def noise(size: int) -> str:
    """A comment that does not compress: it keeps a part under the ratio cap, whatever it holds."""
    return f"<!--{os.urandom(size // 2 + 1).hex()[:size]}-->"


def with_rows(data: bytes, rows: str) -> bytes:
    """Rows added at the end of the sheet, written as XML."""
    return with_sheet(data, lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))


def with_styles(data: bytes, body: str, *, root: str = "styleSheet", pad: int = 0) -> bytes:
    """The styles part replaced; openpyxl reads it by name and parses it whole, whatever its root."""
    xml = f'<?xml version="1.0"?><{root} xmlns="{MAIN}">{noise(pad) if pad else ""}{body}</{root}>'
    return replace_parts(data, {STYLES: xml.encode()})


def inline_cell(runs: int) -> str:
    """A cell of rich text: `runs` runs of one letter each."""
    return '<c t="inlineStr"><is>' + "<r><t>a</t></r>" * runs + "</is></c>"


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_external_link(data: bytes, *, references: int, cells: int) -> bytes:
    """A link to another workbook, its cached cells, and the same link referenced many times."""
    workbook_xml = read_part(data, "xl/workbook.xml").replace(
        "</sheets>",
        "</sheets><externalReferences>"
        # The prefix is declared here: a workbook written through lxml declares only what it uses.
        + f'<externalReference xmlns:r="{RELATIONSHIPS}" r:id="rId99"/>' * references
        + "</externalReferences>",
    )
    rels = read_part(data, "xl/_rels/workbook.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rId99" Type="{RELATIONSHIPS}/externalLink"'
        ' Target="/xl/externalLinks/externalLink1.xml"/></Relationships>',
    )
    row = '<row r="1">' + '<cell r="A1"><v>1</v></cell>' * 50 + "</row>"
    link = (
        f'<externalLink xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><externalBook r:id="rId1">'
        '<sheetDataSet><sheetData sheetId="0">'
        + row * (cells // 50)
        + "</sheetData></sheetDataSet></externalBook></externalLink>"
    )
    link_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/externalLinkPath" Target="b.xlsx"'
        ' TargetMode="External"/></Relationships>'
    )
    return replace_parts(
        data,
        {
            "xl/workbook.xml": workbook_xml.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/externalLinks/externalLink1.xml": link.encode(),
            "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels.encode(),
        },
    )
