"""The quarterly report's budget sheet: each budget of the year the user sees, county and township,
with execution at the quarter's last imported month and the quarter's warnings and problems."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budget.models import Execution, Warning
from reports.quarterly import QuarterlyReport
from tests.budget.factories import (
    BudgetFactory,
    LineFactory,
    ProblemFactory,
    SnapshotFactory,
    WarningFactory,
    subject,
)

D = dt.date


def budget_sheet(user, year=2024, quarter=2) -> list[list]:
    buffer = io.BytesIO()
    params = {"year": [str(year)], "quarter": [str(quarter)]}
    QuarterlyReport(user=user, params=params).write(buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    assert book.sheetnames[-1] == "预算执行监督"
    return [list(r) for r in book["预算执行监督"].iter_rows(values_only=True)]


def _budget(place, amounts, *, spent_by_month=None, by=None):
    """A 2024 budget with lines {code: (adopted, adjusted)} and, per month, spending by code."""
    budget = BudgetFactory(jurisdiction=place, year=2024)
    for code, (adopted, adjusted) in amounts.items():
        LineFactory(budget=budget, subject=subject(code), adopted=adopted, adjusted=adjusted)
    for month, spent in (spent_by_month or {}).items():
        snapshot = SnapshotFactory(jurisdiction=place, year=2024, month=month, imported_by=by)
        Execution.objects.bulk_create(
            Execution(
                snapshot=snapshot, agency="财政局", subject=subject(code), budget=0, executed=v
            )
            for code, v in spent.items()
        )
    return budget


def _unit_and_code(key: str) -> tuple[str, str]:
    """ "教育局:201" is the 教育局's line 201; a bare code is the 财政局's."""
    agency, _sep, code = key.rpartition(":")
    return agency or "财政局", code


@pytest.fixture
def county_a_budget(world, staff_a):
    y = Decimal
    _budget(
        world.county_a,
        # The class line and its two children: the total counts the class line only.
        {"201": (y(1000), y(1200)), "20101": (y(600), y(700)), "20102": (y(400), y(500))},
        # April and June imported; July is the next quarter's and not read for Q2.
        spent_by_month={
            4: {"2010101": y(200)},
            # Another unit reports only a class line: its own spending, counted too.
            6: {"2010101": y(300), "2010102": y(150), "20102": y(50), "教育局:201": y(70)},
            7: {"2010101": y(900)},
        },
        by=staff_a,
    )
    # A township's budget entered without its class line: its leaves add up.
    _budget(world.township_a, {"2050202": (y(80), None)})
    w = dict(jurisdiction=world.county_a, year=2024)
    WarningFactory(**w, month=6, status=Warning.Status.CONFIRMED)
    WarningFactory(**w, month=5, status=Warning.Status.DISMISSED)
    WarningFactory(**w, month=3)  # the first quarter's
    ProblemFactory(
        **w, warning__month=6, assigned_on=D(2024, 6, 3), due_on=D(2024, 6, 20)
    )  # overdue by 30 June
    ProblemFactory(
        **w,
        warning__month=5,
        assigned_on=D(2024, 5, 3),
        due_on=D(2024, 8, 1),
        status="closed",
        closed_on=D(2024, 6, 1),
    )
    ProblemFactory(
        **w, warning__month=2, assigned_on=D(2024, 2, 3), due_on=D(2024, 8, 1)
    )  # first quarter's


def test_the_sheet_counts_each_budget_once_at_the_quarters_last_import(county_a_budget, staff_a):
    rows = budget_sheet(staff_a)
    assert rows[1][:8] == [
        "行政区划",
        "层级",
        "年初预算（元）",
        "调整后预算（元）",
        "执行数据截至",
        "累计支出（元）",
        "执行进度",
        "时间进度",
    ]
    county, township, totals = rows[2], rows[3], rows[4]
    # The 财政局's 300 + 150 + 50 (its leaves; 20102 has none below it in the file) and the
    # 教育局's 70 on a class line it alone reports: 570 over 1,200 as it stands.
    assert county[:8] == ["沅陵县", "县级", 1000, 1200, "1-6月", 570, "47.5%", "49.7%"]
    # Warnings of April to June: two raised alone, two that became problems (three confirmed).
    assert county[8:] == [4, 3, 2, 1, 1]
    assert township[:8] == ["官庄镇", "乡镇级", 80, 80, "—", "—", "—", "—"]
    assert township[8:] == [0, 0, 0, 0, 0]
    assert totals == ["合计", None, None, None, None, None, None, None, 4, 3, 2, 1, 1]


def test_another_countys_staff_see_nothing_of_it(county_a_budget, outsider):
    rows = budget_sheet(outsider)
    assert [r[0] for r in rows[2:]] == ["合计"]


def test_the_sheet_costs_the_same_queries_for_one_budget_or_many(world, staff_a):
    _budget(
        world.county_a, {"201": (Decimal(10), None)}, spent_by_month={6: {"201": 1}}, by=staff_a
    )
    with CaptureQueriesContext(connection) as one:
        QuarterlyReport(user=staff_a, params={"year": ["2024"], "quarter": ["2"]}).budget_sheet()
    _budget(
        world.township_a, {"201": (Decimal(10), None)}, spent_by_month={5: {"201": 1}}, by=staff_a
    )
    with CaptureQueriesContext(connection) as two:
        QuarterlyReport(user=staff_a, params={"year": ["2024"], "quarter": ["2"]}).budget_sheet()
    # Budgets, lines, the months imported, spending, warnings, problems.
    assert len(one) == len(two) == 6
