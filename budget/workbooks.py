"""The import templates' explanation sheet: a workbook file in, the same with notes added out."""

from collections.abc import Iterable
from io import BytesIO

from openpyxl import load_workbook


def with_notes(template: bytes, title: str, notes: Iterable[str]) -> bytes:
    book = load_workbook(BytesIO(template))
    sheet = book.create_sheet(title)
    sheet.column_dimensions["A"].width = 100
    for line in notes:
        sheet.append([line])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
