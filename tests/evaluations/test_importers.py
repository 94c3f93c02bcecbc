from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from evaluations.importers import audit_problems_import, read_workbook, template_workbook
from evaluations.models import AuditImport, AuditProblem

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
    assert result.errors == ["无法读取该文件，请上传 .xlsx 格式的审计问题清单。"]


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
