import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from core.exporters import UnitExporter
from reports.exporters import BaseExporter, Sheet, export_value, registry


def read(exporter) -> list[list]:
    buffer = io.BytesIO()
    exporter.write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


class TextExporter(BaseExporter):
    identifier = "test-text"
    verbose_name = "测试"

    def __init__(self, rows, **kwargs):
        super().__init__(user=None, **kwargs)
        self._rows = rows

    def sheets(self):
        yield Sheet(name="表", headers=["值"], rows=self._rows, totals=lambda: ["合计"])


def test_formula_like_text_stays_text():
    buffer = io.BytesIO()
    TextExporter([['=HYPERLINK("http://x")'], ["+1"], ["-2"], ["@SUM(A1)"]]).write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)


def test_times_are_written_in_shanghai_local_time():
    moment = dt.datetime(2024, 3, 31, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 April in Huaihua
    assert export_value(moment) == dt.datetime(2024, 4, 1, 0, 30)
    assert export_value(Decimal("12.50")) == 12.5
    assert export_value(None) == ""
    assert export_value(True) == "是"


def test_header_totals_and_print_setup():
    buffer = io.BytesIO()
    TextExporter([["a"], ["b"]]).write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["值"], ["a"], ["b"], ["合计"]]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"


def test_unit_export_respects_scope_and_filters(world, staff_a, outsider):
    rows = read(UnitExporter(user=staff_a))
    assert rows[0] == ["承办单位名录", None, None, None, None, None]
    names = {row[0] for row in rows[2:]}
    assert names == {"沅陵县财政局", "官庄镇人民政府"}
    filtered = read(UnitExporter(user=staff_a, params={"kind": ["township"]}))
    assert {row[0] for row in filtered[2:]} == {"官庄镇人民政府"}
    outsider_rows = read(
        UnitExporter(user=outsider, params={"jurisdiction": [str(world.county_a.pk)]})
    )
    assert "沅陵县财政局" not in {row[0] for row in outsider_rows[2:]}


def test_apps_register_their_exporters():
    assert registry["units"] is UnitExporter
    assert registry["quarterly"].__name__ == "QuarterlyReport"
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"
