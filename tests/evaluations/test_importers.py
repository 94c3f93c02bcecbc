from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook, load_workbook

from core.exchange.forms import ImportForm
from core.exchange.importers import CellError, check_fits, registry
from evaluations.importers import AuditProblemImporter
from evaluations.models import AuditImport, AuditProblem
from tests.reports.hostile_xlsx import (
    MB,
    last_row_moved_to,
    with_dimension,
    without_dimension,
)

HEADER = [
    "县市区",
    "审计年度",
    "序号",
    "问题领域",
    "问题描述",
    "涉及金额（万元）",
    "责任单位",
    "整改期限",
]


def audit_workbook(rows, header=HEADER, *, county="沅陵县", year=2023) -> BytesIO:
    """An audit list in the import template's layout; `rows` are the six columns the audit
    office fills (序号 … 整改期限), the county and year are put in front of each."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([county, year, *row] if len(row) == 6 else row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "审计问题清单.xlsx"
    return buffer


def run_import(user, data, **kwargs):
    file = BytesIO(data) if isinstance(data, bytes) else data
    return AuditProblemImporter(user=user).run(file, **kwargs)


def errors_of(outcome) -> list[str]:
    return [str(error) for error in outcome.errors]


def good_rows():
    return [
        ["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", datetime(2024, 6, 30)],
        [2, "国有资产", "资产未入账", None, "官庄镇人民政府", "2024/7/15"],
        ["3", "政府债务", "债务资金闲置", "3.2", "沅陵县财政局", "2024年8月1日"],
    ]


def test_the_audit_list_is_on_the_importer_registry():
    assert registry["audit-problems"] is AuditProblemImporter
    assert AuditProblemImporter.permission == "evaluations.import_problems"


def test_import_all_rows(world, staff_a):
    outcome = run_import(staff_a, audit_workbook(good_rows()))
    assert outcome.ok and outcome.created == 3
    batch = AuditImport.objects.get()
    assert (batch.jurisdiction, batch.year, batch.row_count) == (world.county_a, 2023, 3)
    assert batch.file_name == "审计问题清单.xlsx" and batch.imported_by == staff_a
    problems = list(AuditProblem.objects.order_by("number"))
    assert [p.deadline for p in problems] == [
        date(2024, 6, 30),
        date(2024, 7, 15),
        date(2024, 8, 1),
    ]
    assert problems[0].amount == Decimal("12.50") and problems[1].amount is None
    assert problems[1].unit == world.township_unit_a
    assert {p.status for p in problems} == {AuditProblem.Status.NOT_STARTED}
    assert {p.source for p in problems} == {batch}


def test_county_staff_may_leave_the_county_empty(world, staff_a):
    outcome = run_import(staff_a, audit_workbook(good_rows(), county=None))
    assert outcome.ok and AuditProblem.objects.filter(jurisdiction=world.county_a).count() == 3


def test_a_municipal_user_names_the_county(world, admin_user):
    admin = admin_user
    outcome = run_import(admin, audit_workbook(good_rows()[:1], county=None))
    assert errors_of(outcome) == ["第 2 行「县市区」：请填写县市区"]
    assert run_import(admin, audit_workbook(good_rows()[:1])).created == 1


def test_reimport_updates_by_number_and_keeps_what_the_unit_reported(world, staff_a):
    run_import(staff_a, audit_workbook(good_rows()))
    first = AuditProblem.objects.get(number="1")
    first.status, first.measures = AuditProblem.Status.PARTIAL, "已拨付一半"
    first.save()
    corrected = good_rows()
    corrected[0][2] = "专项资金未及时足额拨付"
    corrected[0][5] = "2024-09-30"
    outcome = run_import(staff_a, audit_workbook(corrected))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    first.refresh_from_db()
    assert first.description == "专项资金未及时足额拨付" and first.deadline == date(2024, 9, 30)
    assert first.status == AuditProblem.Status.PARTIAL and first.measures == "已拨付一半"
    assert AuditProblem.objects.count() == 3
    # The same file again changes nothing, and leaves no new batch.
    batches = AuditImport.objects.count()
    outcome = run_import(staff_a, audit_workbook(corrected))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert AuditImport.objects.count() == batches


def test_another_year_or_county_is_another_problem(world, admin_user):
    admin = admin_user
    run_import(admin, audit_workbook(good_rows()[:1]))
    rows = [["辰溪县", 2023, "1", "预算执行", "x", 1, "辰溪县财政局", "2024-06-30"]]
    outcome = run_import(admin, audit_workbook(rows + [["沅陵县", 2024, *good_rows()[0]]]))
    assert outcome.created == 2 and AuditProblem.objects.count() == 3


def test_a_closed_problem_cannot_be_changed_by_an_import(world, staff_a, make_problem):
    make_problem(number="1", closed_on=date(2024, 5, 1), status=AuditProblem.Status.RECTIFIED)
    outcome = run_import(staff_a, audit_workbook(good_rows()))
    assert errors_of(outcome) == ["第 2 行「序号」：该问题已销号，不能再修改"]
    assert AuditProblem.objects.count() == 1


def test_every_bad_row_is_named_and_nothing_is_written(world, staff_a):
    rows = good_rows() + [
        ["4", "预算执行", "x", 1, "辰溪县财政局", "2024-06-30"],  # another county's unit
        ["5", "预算执行", "y", 1, "沅陵县财政局", "六月底"],
        ["6", "", "z", "abc", "沅陵县财政局", "2024-02-30"],
        ["1", "预算执行", "重复", 1, "沅陵县财政局", "2024-06-30"],
        ["辰溪县", 2023, "7", "预算执行", "w", 1, "辰溪县财政局", "2024-06-30"],
        ["沅陵县", "二〇二三", "8", "预算执行", "v", 1, "沅陵县财政局", "2024-06-30"],
    ]
    outcome = run_import(staff_a, audit_workbook(rows))
    assert errors_of(outcome) == [
        "第 5 行「责任单位」：找不到单位“辰溪县财政局”",
        "第 6 行「整改期限」：日期格式不正确（应如 2024-06-30）",
        "第 7 行「问题领域」：不能为空",
        "第 7 行「涉及金额（万元）」：应为数字",
        "第 7 行「整改期限」：日期不存在",
        "第 8 行「序号」：与前面的行重复",
        "第 9 行「县市区」：找不到县市区“辰溪县”，或不在您的工作范围内",
        "第 10 行「审计年度」：应为年份，如 2023",
    ]
    assert not AuditProblem.objects.exists() and not AuditImport.objects.exists()


def test_missing_column_refuses_the_file(world, staff_a):
    header = [h for h in HEADER if h not in ("整改期限", "责任单位")]
    outcome = run_import(staff_a, audit_workbook([["沅陵县", 2023, "1", "a", "b", 1]], header))
    assert errors_of(outcome) == ["缺少列：「责任单位」、「整改期限」。请使用导入模板。"]


def test_not_a_workbook(world, staff_a):
    outcome = run_import(staff_a, b"not excel")
    assert errors_of(outcome) == [
        "无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"
    ]


def test_empty_rows_are_skipped_and_an_empty_file_refused(world, staff_a):
    rows = [[None] * 8, [""] * 8]
    assert errors_of(run_import(staff_a, audit_workbook(rows))) == ["文件中没有数据行。"]


def test_template_reads_back_with_its_header(world, staff_a):
    template = AuditProblemImporter(user=staff_a).template()
    sheet = load_workbook(BytesIO(template)).active
    assert [c.value for c in sheet[1]] == [
        "县市区（选填）",
        "审计年度",
        "序号",
        "问题领域",
        "问题描述",
        "涉及金额（万元）（选填）",
        "责任单位",
        "整改期限",
    ]
    # The example row imports as it stands, into the user's county.
    outcome = run_import(staff_a, template)
    assert outcome.ok and AuditProblem.objects.get().unit == world.unit_a


def test_values_the_database_would_refuse_are_row_errors(world, staff_a):
    # Each was a 500 on PostgreSQL (varchar(32), varchar(64), numeric(14, 2)) or a crash anywhere.
    rows = [
        ["1" * 33, "预算执行", "x", 1, "沅陵县财政局", "2024-06-30"],
        ["2", "领" * 65, "x", 1, "沅陵县财政局", "2024-06-30"],
        ["3", "预算执行", "x", 10**12, "沅陵县财政局", "2024-06-30"],
        ["4", "预算执行", "x", "1e30", "沅陵县财政局", "2024-06-30"],
        ["5", "预算执行", "x", 1, "沅陵县财政局", "1900-01-01"],
        ["沅陵县", 1900, "6", "预算执行", "x", 1, "沅陵县财政局", "2024-06-30"],
    ]
    assert errors_of(run_import(staff_a, audit_workbook(rows))) == [
        "第 2 行「序号」：不能超过 32 个字",
        "第 3 行「问题领域」：不能超过 64 个字",
        "第 4 行「涉及金额（万元）」：数值过大，整数部分最多 12 位",
        "第 5 行「涉及金额（万元）」：数值过大",
        "第 6 行「整改期限」：日期应在 2000 年至 2100 年之间",
        "第 7 行「审计年度」：年度不能早于 2000 年。",
    ]
    assert not AuditProblem.objects.exists()
    # At the limits is fine.
    rows = [["1" * 32, "领" * 64, "x", 10**12 - 1, "沅陵县财政局", "2100-12-31"]]
    assert run_import(staff_a, audit_workbook(rows)).created == 1
    assert AuditProblem.objects.get().amount == Decimal("999999999999.00")


def test_a_declared_million_rows_is_refused_before_reading(world, staff_a):
    data = with_dimension(audit_workbook(good_rows()).getvalue(), "A1:H1048576")
    assert errors_of(run_import(staff_a, data)) == [
        "工作表声明了 1048576 行（含表头），一次最多导入 2000 行，请分批导入。"
    ]


def test_rows_without_a_dimension_are_counted_while_read(world, staff_a):
    data = without_dimension(last_row_moved_to(audit_workbook(good_rows()).getvalue(), 2002))
    assert errors_of(run_import(staff_a, data)) == ["一次最多导入 2000 行。"]
    assert not AuditProblem.objects.exists()


def test_progress_is_reported(world, staff_a):
    seen = []
    run_import(staff_a, audit_workbook(good_rows()), progress=seen.append)
    assert seen == sorted(set(seen)) and seen[-1] == 100
    assert any(0 < p <= 50 for p in seen) and any(50 < p < 100 for p in seen)


def test_a_dry_run_writes_nothing(world, staff_a):
    outcome = run_import(staff_a, audit_workbook(good_rows()), dry_run=True)
    assert outcome.ok and not AuditProblem.objects.exists() and not AuditImport.objects.exists()


def test_only_the_office_may_import(staff_a, liaison_a, deputy_a, admin_user):
    admin = admin_user
    assert AuditProblemImporter.allowed_for(staff_a) and AuditProblemImporter.allowed_for(admin)
    assert not AuditProblemImporter.allowed_for(liaison_a)
    assert not AuditProblemImporter.allowed_for(deputy_a)


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
        form = ImportForm(
            {},
            {"file": SimpleUploadedFile("清单.xlsx", data)},
            limits=AuditProblemImporter.limits(),
        )
        return form.errors.get("file")

    assert errors(b"PK\x03\x04" + bytes(5 * MB)) == ["文件过大，一次最多上传 5 MB。"]
    assert errors(with_dimension(audit_workbook(good_rows()).getvalue(), "A1:H2002")) == [
        "工作表声明了 2002 行（含表头），一次最多导入 2000 行，请分批导入。"
    ]
    assert errors(audit_workbook(good_rows()).getvalue()) is None
