"""The three imports: all or nothing with row errors, the tree's sums, idempotent re-imports."""

from decimal import Decimal

import pytest

from budget.importers import BudgetLineImporter, ExecutionImporter, ExtractImporter
from budget.models import Budget, Execution, Extract, Line, Snapshot, Warning

from .factories import EXECUTION_HEADER, EXTRACT_HEADER, LINE_HEADER, workbook

pytestmark = pytest.mark.django_db

LINES = [
    ["", 2024, "201", "一般公共服务支出", 300, 320, None],
    ["", 2024, "20101", "人大事务", 300, 320, None],
    ["", 2024, "2010101", "行政运行", 200, 220, None],
    ["", 2024, "2010102", "一般行政管理事务", 100, 100, None],
]


def test_budget_lines_import_and_reimport(staff_a, world):
    outcome = BudgetLineImporter(user=staff_a).run(workbook(LINE_HEADER, LINES))
    assert outcome.ok, outcome.errors
    assert outcome.created == 4
    budget = Budget.objects.get(jurisdiction=world.county_a, year=2024)
    assert budget.lines.get(subject_id="2010101").adjusted == Decimal("220.00")
    again = BudgetLineImporter(user=staff_a).run(workbook(LINE_HEADER, LINES))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_budget_lines_tree_mismatch_refuses_the_file_naming_lines(staff_a):
    rows = [list(r) for r in LINES]
    rows[3][4] = 90  # 2010102 adopted 90: 20101 is 300, its children 290
    outcome = BudgetLineImporter(user=staff_a).run(workbook(LINE_HEADER, rows))
    assert not outcome.ok
    message = " ".join(str(e) for e in outcome.errors)
    assert "20101" in message and "2010101、2010102" in message and "290" in message
    assert not Line.objects.exists()


def test_budget_lines_row_errors_in_chinese(staff_a):
    rows = [
        ["", 2024, "20x", "坏编码", 1, None, None],
        ["", 2024, "205", "教育支出", "很多", None, None],
    ]
    outcome = BudgetLineImporter(user=staff_a).run(workbook(LINE_HEADER, rows))
    messages = [str(e) for e in outcome.errors]
    assert any("第 2 行「科目编码」" in m for m in messages)
    assert any("第 3 行「年初预算数」：应为数字" in m for m in messages)
    assert not Budget.objects.exists()


def test_outsider_cannot_import_into_another_county(outsider, world):
    rows = [["沅陵县", 2024, "205", "教育支出", 100, None, None]]
    outcome = BudgetLineImporter(user=outsider).run(workbook(LINE_HEADER, rows))
    assert "不在您的工作范围内" in str(outcome.errors[0])
    assert not Budget.objects.exists()


def execution_rows(month=6, executed=("100", "300")):
    return [
        ["沅陵县", 2024, month, "沅陵县财政局", "2010101", "行政运行", 1000, executed[0]],
        ["沅陵县", 2024, month, "沅陵县财政局", "2050202", "小学教育", 1000, executed[1]],
        ["沅陵县", 2024, month, "沅陵县教育局", "2050202", "小学教育", 0, 50],
    ]


def test_execution_import_raises_warnings_once(staff_a, world):
    outcome = ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, execution_rows()))
    assert outcome.ok, outcome.errors
    assert outcome.created == 3
    # 30 June 2024: 182/366 of the year. 100/1000 is behind, 300/1000 behind too (60%), the
    # education bureau spent without a budget.
    rules = sorted(Warning.objects.values_list("rule", flat=True))
    assert rules == ["behind", "behind", "unbudgeted"]
    again = ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, execution_rows()))
    assert again.unchanged == 3
    assert Warning.objects.count() == 3
    assert Execution.objects.count() == 3


def test_execution_reimport_with_new_figures_replaces_the_month(staff_a, world):
    ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, execution_rows()))
    decided = Warning.objects.get(rule="behind", subject_id="2010101")
    decided.status = Warning.Status.DISMISSED
    decided.save()
    outcome = ExecutionImporter(user=staff_a).run(
        workbook(EXECUTION_HEADER, execution_rows(executed=("100", "500")))
    )
    assert outcome.updated == 3
    assert Execution.objects.count() == 3
    assert Snapshot.objects.get().row_count == 3
    # 500/1000 over 182/366 is 100.5 %: that warning is withdrawn; the dismissed one stays.
    assert set(Warning.objects.values_list("rule", "subject_id", "status")) == {
        ("behind", "2010101", "dismissed"),
        ("unbudgeted", "2050202", "open"),
    }


def test_pace_not_checked_outside_quarter_ends(staff_a, world):
    ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, execution_rows(month=5)))
    assert list(Warning.objects.values_list("rule", flat=True)) == ["unbudgeted"]


def test_december_rush_is_warned(staff_a, world):
    nov = [["沅陵县", 2024, 11, "沅陵县财政局", "2010101", "行政运行", 1000, 600]]
    dec = [["沅陵县", 2024, 12, "沅陵县财政局", "2010101", "行政运行", 1000, 1000]]
    ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, nov))
    ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, dec))
    assert Warning.objects.filter(rule="last_month", month=12).count() == 1


def test_execution_file_of_two_months_is_refused(staff_a, world):
    rows = execution_rows()
    rows[2][2] = 7
    outcome = ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, rows))
    assert "第 4 行「截至月份」" in str(outcome.errors[0])
    assert not Snapshot.objects.exists()


def test_execution_tree_mismatch_names_the_unit_and_code(staff_a, world):
    rows = execution_rows() + [
        ["沅陵县", 2024, 6, "沅陵县财政局", "20101", "人大事务", 900, 100],
    ]
    outcome = ExecutionImporter(user=staff_a).run(workbook(EXECUTION_HEADER, rows))
    assert "沅陵县财政局 科目 20101" in str(outcome.errors[0])
    assert not Execution.objects.exists()


def test_extracts_become_warnings(staff_a, world):
    rows = [["", 2024, "审计", "SJ-1", "沅陵县财政局", "结余资金未收回", 326000]]
    outcome = ExtractImporter(user=staff_a).run(workbook(EXTRACT_HEADER, rows))
    assert outcome.ok, outcome.errors
    assert Extract.objects.count() == 1
    warning = Warning.objects.get()
    assert (warning.rule, warning.agency) == ("audit", "沅陵县财政局")
    again = ExtractImporter(user=staff_a).run(workbook(EXTRACT_HEADER, rows))
    assert again.unchanged == 1
    assert Warning.objects.count() == 1


def test_template_documents_the_columns(staff_a):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(ExecutionImporter(user=staff_a).template()))
    assert book.worksheets[0]["H1"].value == "累计支出数"
    assert "退款" in " ".join(str(r[0].value) for r in book["填写说明"].iter_rows())
