from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.exchange.importers import CellError, check_fits
from evaluations.forms import AuditImportForm
from evaluations.importers import audit_problems_import, read_workbook, template_workbook
from evaluations.models import AuditImport, AuditProblem
from tests.reports.hostile_xlsx import (
    MB,
    last_row_moved_to,
    with_dimension,
    without_dimension,
)

from .conftest import HEADER, workbook


def good_rows():
    return [
        ["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", datetime(2024, 6, 30)],
        [2, "国有资产", "资产未入账", None, "官庄镇人民政府", "2024/7/15"],
        ["3", "政府债务", "债务资金闲置", "3.2", "沅陵县财政局", "2024年8月1日"],
    ]


def test_import_all_rows(world, staff_a):
    batch = audit_problems_import(
        file=workbook(good_rows()),
        file_name="清单.xlsx",
        county=world.county_a,
        year=2023,
        by=staff_a,
    )
    assert batch.row_count == 3
    problems = list(AuditProblem.objects.order_by("number"))
    assert [p.deadline for p in problems] == [
        date(2024, 6, 30),
        date(2024, 7, 15),
        date(2024, 8, 1),
    ]
    assert problems[0].amount == Decimal("12.50") and problems[1].amount is None
    assert problems[1].unit == world.township_unit_a
    assert {p.status for p in problems} == {AuditProblem.Status.NOT_STARTED}


def test_every_bad_row_is_named_and_nothing_is_written(world, staff_a):
    rows = good_rows() + [
        ["4", "预算执行", "x", 1, "辰溪县财政局", "2024-06-30"],  # another county's unit
        ["5", "预算执行", "y", 1, "沅陵县财政局", "六月底"],
        ["6", "", "z", "abc", "沅陵县财政局", "2024-02-30"],
        ["1", "预算执行", "重复", 1, "沅陵县财政局", "2024-06-30"],
    ]
    with pytest.raises(ValidationError) as raised:
        audit_problems_import(
            file=workbook(rows), file_name="x.xlsx", county=world.county_a, year=2023, by=staff_a
        )
    assert raised.value.messages == [
        "第 5 行「责任单位」：找不到单位“辰溪县财政局”",
        "第 6 行「整改期限」：日期格式不正确（应如 2024-06-30）",
        "第 7 行「问题领域」：不能为空",
        "第 7 行「整改期限」：日期格式不正确（应如 2024-06-30）",
        "第 7 行「涉及金额（万元）」：金额应为不小于 0 的数字",
        "第 8 行「序号」：编号 1 已存在",
    ]
    assert not AuditProblem.objects.exists() and not AuditImport.objects.exists()


def test_missing_column_refuses_the_file(world):
    header = [h for h in HEADER if h not in ("整改期限", "责任单位")]
    result = read_workbook(
        workbook([["1", "a", "b", 1]], header=header), county=world.county_a, year=2023
    )
    assert result.errors == ["缺少列：「责任单位」、「整改期限」。"]


def test_numbers_already_imported_are_refused(world, staff_a, make_problem):
    make_problem(number="1")
    result = read_workbook(workbook(good_rows()), county=world.county_a, year=2023)
    assert result.errors == ["第 2 行「序号」：编号 1 已存在"]


def test_not_a_workbook(world):
    from io import BytesIO

    result = read_workbook(BytesIO(b"not excel"), county=world.county_a, year=2023)
    assert result.errors == ["无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"]


def test_empty_rows_are_skipped_and_an_empty_file_refused(world):
    result = read_workbook(
        workbook([[None] * 6, ["", "", "", "", "", ""]]), county=world.county_a, year=2023
    )
    assert result.errors == ["文件中没有问题数据。"]


def test_template_reads_back_with_its_header(world):
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(template_workbook())).active
    assert [c.value for c in sheet[1]] == HEADER


def import_rows(world, staff, data, **kwargs):
    with pytest.raises(ValidationError) as raised:
        audit_problems_import(
            file=BytesIO(data) if isinstance(data, bytes) else data,
            file_name="清单.xlsx",
            county=world.county_a,
            year=2023,
            by=staff,
            **kwargs,
        )
    assert not AuditProblem.objects.exists()
    return raised.value.messages


def test_values_the_database_would_refuse_are_row_errors(world, staff_a):
    # Each was a 500 on PostgreSQL (varchar(32), varchar(64), numeric(14, 2)) or a crash anywhere.
    rows = [
        ["1" * 33, "预算执行", "x", 1, "沅陵县财政局", "2024-06-30"],
        ["2", "领" * 65, "x", 1, "沅陵县财政局", "2024-06-30"],
        ["3", "预算执行", "x", 10**12, "沅陵县财政局", "2024-06-30"],
        ["4", "预算执行", "x", "1e30", "沅陵县财政局", "2024-06-30"],
        ["5", "预算执行", "x", 1, "沅陵县财政局", "1900-01-01"],
    ]
    assert import_rows(world, staff_a, workbook(rows)) == [
        "第 2 行「序号」：不能超过 32 个字",
        "第 3 行「问题领域」：不能超过 64 个字",
        "第 4 行「涉及金额（万元）」：数值过大，整数部分最多 12 位",
        "第 5 行「涉及金额（万元）」：数值过大",
        "第 6 行「整改期限」：日期应在 2000 年至 2100 年之间",
    ]
    # At the limits is fine.
    rows = [["1" * 32, "领" * 64, "x", 10**12 - 1, "沅陵县财政局", "2100-12-31"]]
    batch = audit_problems_import(
        file=workbook(rows), file_name="x.xlsx", county=world.county_a, year=2023, by=staff_a
    )
    assert batch.row_count == 1
    assert AuditProblem.objects.get().amount == Decimal("999999999999.00")


def test_a_declared_million_rows_is_refused_before_reading(world, staff_a):
    data = with_dimension(workbook(good_rows()).getvalue(), "A1:F1048576")
    assert import_rows(world, staff_a, data) == [
        "工作表声明了 1048576 行（含表头），一次最多导入 2000 行，请分批导入。"
    ]


def test_rows_without_a_dimension_are_counted_while_read(world, staff_a):
    data = without_dimension(last_row_moved_to(workbook(good_rows()).getvalue(), 2002))
    assert import_rows(world, staff_a, data) == ["一次最多导入 2000 行。"]


def test_progress_is_reported(world, staff_a):
    seen = []
    audit_problems_import(
        file=workbook(good_rows()),
        file_name="清单.xlsx",
        county=world.county_a,
        year=2023,
        by=staff_a,
        progress=seen.append,
    )
    assert seen == sorted(set(seen)) and seen[-1] == 100
    assert any(0 < p <= 50 for p in seen) and any(50 < p < 100 for p in seen)


def test_a_value_is_judged_by_the_model_field_it_is_written_to(db):
    def refusal(name, value):
        with pytest.raises(CellError) as raised:
            check_fits(AuditProblem._meta.get_field(name), value)
        return str(raised.value)

    # The field's own bounds (core.validators), inside the database's range (smallint on
    # PostgreSQL, 64 bits on SQLite), so what the database would refuse is refused too.
    largest = connection.ops.integer_field_range("PositiveSmallIntegerField")[1]
    assert refusal("year", largest + 1) == "年度不能晚于 2100 年。"
    assert refusal("year", -1) == "年度不能早于 2000 年。"
    assert refusal("year", 1900) == "年度不能早于 2000 年。"
    assert refusal("deadline", date(1900, 1, 1)) == "日期应在 2000 年至 2100 年之间"
    assert refusal("year", "二〇二四") == "“二〇二四”的值应该是一个整型"
    assert refusal("number", "x" * 33) == "不能超过 32 个字"
    assert refusal("amount", Decimal("1e12")) == "数值过大，整数部分最多 12 位"
    check_fits(AuditProblem._meta.get_field("year"), 2024)
    check_fits(AuditProblem._meta.get_field("amount"), Decimal("999999999999.99"))


def test_the_upload_form_refuses_what_the_worker_must_not_read(world, staff_a):
    # The 7.9 MB, million-row list was accepted and held a web worker for a minute.
    def errors(data):
        form = AuditImportForm(
            {"year": 2023, "jurisdiction": world.county_a.pk},
            {"file": SimpleUploadedFile("清单.xlsx", data)},
            user=staff_a,
        )
        return form.errors.get("file")

    assert errors(b"PK\x03\x04" + bytes(5 * MB)) == ["文件过大，一次最多上传 5 MB。"]
    assert errors(with_dimension(workbook(good_rows()).getvalue(), "A1:F2002")) == [
        "工作表声明了 2002 行（含表头），一次最多导入 2000 行，请分批导入。"
    ]
    assert errors(workbook(good_rows()).getvalue()) is None
