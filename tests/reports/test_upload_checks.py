"""Hostile workbooks are refused before openpyxl opens them, with a Chinese message."""

import io
import re
import time
import tracemalloc
import zipfile
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.demo import seed_all
from accounts.models import User
from core.exchange.exporters import registry as exporters
from core.exchange.forms import ImportForm
from core.exchange.importers import BaseImporter, sheet_rows
from core.exchange.importers import registry as importers
from core.exchange.upload_checks import Limits, Refused, check_workbook
from core.importers import UnitImporter
from core.models import Unit
from evaluations.models import AppraisalRound
from supervision.models import Plan
from tests.demo_apps import DOMAIN_DEMOS

from .hostile_xlsx import (
    MAIN,
    MB,
    RELATIONSHIPS,
    SHEET,
    inline_cell,
    last_row_moved_to,
    noise,
    read_part,
    replace_parts,
    shared_strings,
    with_dimension,
    with_external_link,
    with_rows,
    with_shared_strings,
    with_sheet,
    with_styles,
    without_dimension,
    workbook,
)

HEADER = ["单位名称", "单位类型", "所属行政区划"]
ROWS = [["沅陵县财政局", "政府及其工作部门", "沅陵县"]]
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
UNREADABLE = "无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"


def refusal(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(Refused) as raised:
        check_workbook(io.BytesIO(data), limits or Limits())
    return str(raised.value)


def form_errors(data: bytes, name="导入.xlsx", limits=None) -> list[str]:
    form = ImportForm(files={"file": SimpleUploadedFile(name, data)}, limits=limits)
    assert not form.is_valid()
    return form.errors["file"]


def test_a_plain_workbook_passes_and_is_left_at_its_start():
    file = io.BytesIO(workbook(HEADER, ROWS))
    check_workbook(file, Limits())
    assert file.tell() == 0
    form = ImportForm(files={"file": SimpleUploadedFile("导入.xlsx", file.getvalue())})
    assert form.is_valid(), form.errors


def test_a_file_over_the_size_cap_is_refused_unread():
    # The size is looked at first, so five megabytes of zeros behind a zip signature will do.
    assert form_errors(b"PK\x03\x04" + bytes(5 * MB)) == ["文件过大，一次最多上传 5 MB。"]


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"<html>not a workbook</html>", b"PK\x03\x04 a truncated zip", plain_zip()],
    ids=["html", "truncated", "zip-without-workbook"],
)
def test_what_is_not_an_xlsx_package_is_refused(data):
    message = "无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"
    assert refusal(data) == message
    assert form_errors(data) == [message]


def test_highly_compressible_shared_strings_are_refused_by_their_ratio():
    bomb = with_shared_strings(workbook(HEADER, ROWS), shared_strings(["a"] * 500_000))
    assert len(bomb) < 100_000
    assert "压缩比异常" in refusal(bomb)


def test_an_archive_declaring_more_than_the_cap_inflated_is_refused():
    xml = shared_strings(["a"]) + b" " * (33 * MB)
    bomb = with_shared_strings(workbook(HEADER, ROWS), xml)
    assert len(bomb) < 200_000
    assert refusal(bomb) == "文件解压后超过 32 MB，已拒绝。"


def test_too_many_shared_strings_are_refused_without_holding_them():
    xml = shared_strings(f"{n:06d}" for n in range(200_001))
    data = with_shared_strings(workbook(HEADER, ROWS), xml)
    tracemalloc.start()
    try:
        message = refusal(data)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == "文件中的文字条目超过 200000 条，请分批导入。"
    # The part inflates to 4.4 MB; it streams through in chunks and is never held whole.
    assert peak < MB


def test_shared_strings_are_counted_whatever_the_part_is_called():
    # openpyxl takes the part the content types name and collects every <si> in it.
    xml = shared_strings(f"{n:06d}" for n in range(200_001)).replace(b"<sst ", b"<notes ")
    data = with_shared_strings(workbook(HEADER, ROWS), xml.replace(b"</sst>", b"</notes>"), "a.bin")
    assert refusal(data) == "文件中的文字条目超过 200000 条，请分批导入。"


def test_shared_strings_beyond_the_byte_cap_are_refused():
    xml = shared_strings(f"{n:06d}" for n in range(60_000))  # 1.3 MB
    data = with_shared_strings(workbook(HEADER, ROWS), xml)
    message = refusal(data, Limits(max_shared_strings_bytes=MB))
    assert message == "文件中的文字内容超过 1 MB，请分批导入。"


def test_a_sheet_declaring_a_million_rows_is_refused_before_reading():
    data = with_dimension(workbook(HEADER, ROWS), "A1:C1048576")
    started = time.monotonic()
    assert form_errors(data) == [
        "工作表声明了 1048576 行（含表头），一次最多导入 5000 行，请分批导入。"
    ]
    assert time.monotonic() - started < 1


def test_the_row_cap_is_the_importers():
    data = with_dimension(workbook(HEADER, ROWS), "A1:C12")
    assert form_errors(data, limits=Limits(max_rows=10)) == [
        "工作表声明了 12 行（含表头），一次最多导入 10 行，请分批导入。"
    ]
    assert ImportForm(
        files={"file": SimpleUploadedFile("导入.xlsx", data)}, limits=Limits(max_rows=11)
    ).is_valid()


def test_the_rows_of_a_sheet_without_a_dimension_are_counted_before_reading():
    # openpyxl would build an element for every row just to size such a sheet.
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(3, 5004))
    data = with_sheet(
        without_dimension(workbook(HEADER, ROWS)),
        lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"),
    )
    assert form_errors(data) == ["工作表超过 5000 行，请分批导入。"]


def test_a_sheet_declaring_too_many_columns_is_refused():
    data = with_dimension(workbook(HEADER, ROWS), "A1:XFD2")
    assert refusal(data) == "工作表声明了 16384 列，最多 50 列，请使用导入模板。"


BILLION_LAUGHS = (
    '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdef", "bcdefg", strict=True)
    )
    + "]>"
)


def test_a_doctype_in_the_shared_strings_is_refused():
    xml = shared_strings(["&g;"], prolog=BILLION_LAUGHS)
    data = with_shared_strings(workbook(HEADER, ROWS), xml)
    assert refusal(data) == "文件包含不允许的 XML 声明（DOCTYPE 或 ENTITY），已拒绝。"


def test_a_doctype_in_any_part_is_refused():
    # openpyxl reads the styles whole with ElementTree, which would expand the entity.
    book = workbook(HEADER, ROWS)
    styles = zipfile.ZipFile(io.BytesIO(book)).read("xl/styles.xml").decode()
    styles = styles.replace("<styleSheet", '<!DOCTYPE s [<!ENTITY x "x">]><styleSheet', 1)
    data = replace_parts(book, {"xl/styles.xml": styles.encode()})
    assert refusal(data) == "文件包含不允许的 XML 声明（DOCTYPE 或 ENTITY），已拒绝。"


# --- objects, not bytes: a 161 KB upload once cost the worker 1.29 GB -------------------------
@pytest.mark.parametrize("root", ["styleSheet", "si", "row"])
def test_styles_with_too_many_formats_are_refused_whatever_their_root(root):
    # openpyxl parses the styles whole, whatever the root is called: ~600 bytes per format.
    data = with_styles(
        workbook(HEADER, ROWS), "<cellXfs>" + "<xf/>" * 100_000 + "</cellXfs>", root=root
    )
    assert len(data) < 20_000
    assert refusal(data) == (
        "文件中的格式和结构信息过多（超过 100000 项），请将数据粘贴到导入模板后再上传。"
    )


def test_styles_padded_past_two_megabytes_are_refused():
    # The padding does not compress, so the ratio cap does not see it.
    data = with_styles(workbook(HEADER, ROWS), "<cellXfs><xf/></cellXfs>", pad=2 * MB)
    assert refusal(data) == "文件中的样式信息超过 2 MB，请将数据粘贴到导入模板后再上传。"


@pytest.mark.parametrize(
    "cell", ["<c/>", '<c t="inlineStr"><is><t>x</t></is></c>', "<x/>"], ids=["empty", "text", "x"]
)
def test_a_row_wider_than_the_column_cap_is_refused(cell):
    # No dimension declares the width, and openpyxl builds every child of a row as a cell before
    # it trims the row to the columns the importer reads.
    data = with_rows(without_dimension(workbook(HEADER, ROWS)), "<row>" + cell * 51 + "</row>")
    assert refusal(data) == "工作表中有一行超过 50 列，请使用导入模板。"


def test_cells_are_counted_across_the_sheets():
    limits = Limits(max_rows=2, max_columns=3)
    book = workbook(HEADER, ROWS * 2)
    check_workbook(io.BytesIO(book), limits)  # three rows of three: exactly the cap
    second = replace_parts(book, {"xl/worksheets/sheet2.xml": read_part(book, SHEET).encode()})
    assert refusal(second, limits) == "文件中的单元格超过 9 个，请分批导入。"


def test_a_string_of_too_many_rich_text_runs_is_refused():
    message = "文件中有一段文字分成了超过 256 段不同格式，请清除格式后再导入。"
    book = workbook(HEADER, ROWS)
    assert refusal(with_rows(book, f"<row>{inline_cell(257)}</row>")) == message
    shared = f'<sst xmlns="{MAIN}"><si>{"<r><t>a</t></r>" * 257}</si></sst>'.encode()
    assert refusal(with_shared_strings(book, shared)) == message


def test_rich_text_runs_are_counted_across_strings():
    strings = ("<si>" + "<r/>" * 250 + "</si>") * 401
    data = with_shared_strings(
        workbook(HEADER, ROWS), f'<sst xmlns="{MAIN}">{strings}</sst>'.encode()
    )
    assert refusal(data) == "文件中带格式的文字片段超过 100000 处，请清除格式后再导入。"


def test_elements_are_counted_wherever_they_sit():
    # Inside one cell no other count reaches them; the padding keeps the part under the ratio cap.
    cell = "<c>" + "<x/>" * 1_100_200 + "</c>"
    data = with_sheet(
        workbook(HEADER, ROWS),
        lambda xml: xml.replace("<sheetData>", noise(100_000) + f"<sheetData><row>{cell}</row>"),
    )
    assert len(data) < 100_000
    assert refusal(data) == "文件内容过多（超过 1100200 个 XML 元素），请分批导入。"


def with_sheets_and_relationships(data: bytes, sheets: int, relationships: int) -> bytes:
    """Extra `<sheet>` elements pointing at the first sheet, which gets many hyperlinks."""
    first = re.search(r"<sheet [^>]*/>", read_part(data, "xl/workbook.xml")).group(0)
    more = "".join(
        re.sub(r'name="[^"]*" sheetId="\d+"', f'name="S{n}" sheetId="{n + 2}"', first)
        for n in range(sheets - 1)
    )
    links = "".join(
        f'<Relationship Id="h{n}" Type="{RELATIONSHIPS}/hyperlink" Target="http://a/{n}"'
        ' TargetMode="External"/>'
        for n in range(relationships)
    )
    rels = f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{links}</Relationships>'
    workbook_xml = read_part(data, "xl/workbook.xml").replace("</sheets>", more + "</sheets>")
    return replace_parts(
        data,
        {
            "xl/workbook.xml": workbook_xml.encode(),
            "xl/worksheets/_rels/sheet1.xml.rels": rels.encode(),
        },
    )


def test_sheets_that_would_make_openpyxl_parse_one_part_over_and_over_are_refused():
    # openpyxl parses a sheet's relationships once per <sheet> pointing at it: 1,000 sheets and
    # 1,000 relationships, 16 KB, held the worker 22 s; 50,000 of each would hold it for hours.
    data = with_sheets_and_relationships(workbook(HEADER, ROWS), 600, 500)
    assert len(data) < 20_000
    assert refusal(data) == (
        "文件中的工作表（600 个）或关联信息过多，请将数据粘贴到导入模板后再上传。"
    )
    check_workbook(
        io.BytesIO(with_sheets_and_relationships(workbook(HEADER, ROWS), 10, 2_000)), Limits()
    )


def test_a_chartsheet_is_refused():
    # openpyxl reads a chartsheet's drawing and charts whole, once per reference to them.
    book = workbook(HEADER, ROWS)
    rels = read_part(book, "xl/_rels/workbook.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="c1" Type="{RELATIONSHIPS}/chartsheet" Target="chartsheets/sheet1.xml"/>'
        "</Relationships>",
    )
    data = replace_parts(book, {"xl/_rels/workbook.xml.rels": rels.encode()})
    assert refusal(data) == "文件包含图表工作表，请将数据粘贴到导入模板后再上传。"


def test_a_file_at_the_limits_passes():
    row = "<row>" + inline_cell(256) + "<c><v>1</v></c>" * 49 + "</row>"
    book = with_rows(workbook(HEADER, ROWS), row)
    data = with_styles(book, "<cellXfs>" + "<xf/>" * 99_000 + "</cellXfs>")
    check_workbook(io.BytesIO(data), Limits())


def test_a_real_file_at_the_row_cap_passes(world, staff_a):
    importer = UnitImporter(user=staff_a)
    rows = [[f"第{n}办公室", "政府及其工作部门", "沅陵县"] for n in range(UnitImporter.max_rows)]
    data = workbook(HEADER, rows)
    check_workbook(io.BytesIO(data), importer.limits())
    assert importer.run(io.BytesIO(data), dry_run=True).ok


def test_a_part_in_a_multibyte_encoding_is_refused_as_unreadable():
    # expat cannot read it and says so with a ValueError, which reached the view as a 500.
    assert refusal(gbk_part(workbook(HEADER, ROWS))) == UNREADABLE


def gbk_part(data: bytes) -> bytes:
    xml = '<?xml version="1.0" encoding="gbk"?><Properties>沅陵</Properties>'
    return replace_parts(data, {"docProps/app.xml": xml.encode("gbk")})


def test_both_import_pages_answer_a_multibyte_encoding_with_the_form_error(
    world, staff_a, client_for
):
    client, data = client_for(staff_a), gbk_part(workbook(HEADER, ROWS))
    units = client.post(
        reverse("reports:import_upload", args=["units"]),
        {"file": SimpleUploadedFile("导入.xlsx", data)},
    )
    audit = client.post(
        reverse("reports:import_upload", args=["audit-problems"]),
        {"file": SimpleUploadedFile("清单.xlsx", data)},
    )
    for response in (units, audit):
        assert response.status_code == 200
        assert UNREADABLE in response.content.decode()


# --- the same files through an importer, which checks them again in the worker ------------------
def run_units(data: bytes, staff):
    return UnitImporter(user=staff).run(io.BytesIO(data))


def test_the_importer_refuses_a_declared_million_rows_without_reading_them(world, staff_a):
    data = with_dimension(workbook(HEADER, ROWS), "A1:C1048576")
    started = time.monotonic()
    outcome = run_units(data, staff_a)
    assert [str(e) for e in outcome.errors] == [
        "工作表声明了 1048576 行（含表头），一次最多导入 5000 行，请分批导入。"
    ]
    assert time.monotonic() - started < 1


def test_the_importer_refuses_a_shared_strings_bomb(world, staff_a):
    bomb = with_shared_strings(workbook(HEADER, ROWS), shared_strings(["a"] * 500_000))
    outcome = run_units(bomb, staff_a)
    assert "压缩比异常" in str(outcome.errors[0])
    assert not Unit.objects.filter(name="沅陵县财政局").exclude(pk=world.unit_a.pk).exists()


def test_rows_of_a_sheet_without_a_dimension_are_counted_while_read(world, staff_a):
    # No dimension, so the upload check cannot see the size; the one data row sits at row 5002,
    # and openpyxl yields the 5,000 empty rows above it first.
    data = without_dimension(last_row_moved_to(workbook(HEADER, [*ROWS, ROWS[0]]), 5002))
    check_workbook(io.BytesIO(data), UnitImporter.limits())
    outcome = run_units(data, staff_a)
    assert [str(e) for e in outcome.errors] == ["一次最多导入 5000 行。"]


def test_an_importer_sets_its_own_row_cap(world, staff_a):
    class SmallUnitImporter(UnitImporter):
        max_rows = 2

    def run(data):
        return [str(e) for e in SmallUnitImporter(user=staff_a).run(io.BytesIO(data)).errors]

    rows = [[f"第{n}办公室", "政府及其工作部门", "沅陵县"] for n in range(3)]
    assert run(workbook(HEADER, rows)) == [
        "工作表声明了 4 行（含表头），一次最多导入 2 行，请分批导入。"
    ]
    assert run(without_dimension(workbook(HEADER, rows))) == ["工作表超过 2 行，请分批导入。"]
    # Two row elements, the second numbered 4: only reading finds the third row.
    data = without_dimension(last_row_moved_to(workbook(HEADER, rows[:1]), 4))
    assert run(data) == ["一次最多导入 2 行。"]
    assert run(workbook(HEADER, rows[:2])) == []


def test_the_importer_refuses_a_part_in_a_multibyte_encoding(world, staff_a):
    outcome = run_units(gbk_part(workbook(HEADER, ROWS)), staff_a)
    assert [str(e) for e in outcome.errors] == [UNREADABLE]


def test_the_worker_does_not_read_external_links():
    # openpyxl parses a linked workbook's cached cells once for every reference to the link: six
    # kilobytes once held a worker five minutes and 2.4 GB. Here 100 references to 1,000 cells.
    data = with_external_link(workbook(HEADER, ROWS), references=100, cells=1_000)
    check_workbook(io.BytesIO(data), Limits())
    tracemalloc.start()
    try:
        rows = list(sheet_rows(io.BytesIO(data), Limits(), report=print, unreadable=print))
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [row[:3] for row in rows] == [tuple(HEADER), tuple(ROWS[0])]
    assert peak < 5 * MB


def test_the_importers_templates_and_the_demos_exports_pass(db):
    # What users upload most: a template filled in, or an export edited and sent back.
    seed_all()
    for app in DOMAIN_DEMOS:
        import_module(f"{app}.demo").seed()
    admin = User.objects.get(username="hh_admin")
    files = {}
    for name, importer in importers.items():
        if issubclass(importer, BaseImporter):
            files[name] = importer(user=admin).template()
    params = {
        "appraisal": {"appraisal": [str(AppraisalRound.objects.order_by("pk").first().pk)]},
        "quarterly": {"year": ["2024"], "quarter": ["4"]},
        "supervision_plan": {"plan": [str(Plan.objects.order_by("pk").first().pk)]},
    }
    for name, exporter in exporters.items():
        if name.startswith("test-"):  # registered by other tests
            continue
        buffer = io.BytesIO()
        exporter(user=admin, params=params.get(name, {})).write(buffer)
        files[f"export-{name}"] = buffer.getvalue()
    # Some exports (the visits) run past an import's 5,000 rows; the other caps must not trip.
    limits = Limits(max_rows=100_000)
    for name, data in files.items():
        try:
            check_workbook(io.BytesIO(data), limits)
        except Refused as refusal:
            raise AssertionError((name, str(refusal))) from None
