"""The quarterly report's sheet on the standing committee's supervision items, by county."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from reports.quarterly import QuarterlyReport
from supervision.models import HandlingReport, Item
from supervision.services import lifecycle
from tests.supervision.factories import AdoptedPlanFactory, ItemFactory

D = dt.date
HEADERS = [
    "县市区",
    "审议监督事项（项）",
    "交办审议意见（件）",
    "其中超期交办",
    "审议意见逾期未交办",
    "收到研究处理情况报告",
    "研究处理情况报告逾期未报",
    "到期应询承诺",
    "其中已落实",
    "承诺逾期未落实",
]


def supervision_sheet(user, year=2025, quarter=2) -> list[list]:
    buffer = io.BytesIO()
    params = {"year": [str(year)], "quarter": [str(quarter)]}
    QuarterlyReport(user=user, params=params).write(buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    assert "监督事项" in book.sheetnames
    return [list(r) for r in book["监督事项"].iter_rows(values_only=True)]


def _heard(plan, unit, heard_on, *, by, kind=Item.Kind.WORK_REPORT):
    item = ItemFactory(plan=plan, unit=unit, kind=kind)
    return lifecycle.hearing_record(item=item, heard_on=heard_on, by=by)


def _sent(item, sent_on, *, by):
    letter = lifecycle.opinions_draft(item=item, content="审议意见", by=by)
    return lifecycle.opinions_send(letter=letter, sent_on=sent_on, by=by)


@pytest.fixture
def county_a_quarter(world, staff_a):
    """County A's second quarter of 2025, one record for each figure of the sheet."""
    by = staff_a
    county = AdoptedPlanFactory(jurisdiction=world.county_a, year=2025, created_by=by)
    township = AdoptedPlanFactory(jurisdiction=world.township_a, year=2025, created_by=by)
    # Heard and sent on time; the handling report came in within the quarter.
    on_time = _heard(county, world.unit_a, D(2025, 4, 20), by=by)
    _sent(on_time, D(2025, 4, 24), by=by)
    lifecycle.handling_report_receive(
        report=on_time.handling_reports.get(), received_on=D(2025, 6, 20), content="已整改", by=by
    )
    # A township's item counts for its county; its opinions went out late.
    late = _heard(township, world.township_unit_a, D(2025, 5, 6), by=by)
    _sent(late, D(2025, 5, 30), by=by)
    # Heard, the opinions drafted and not sent by their deadline.
    unsent = _heard(county, world.unit_a, D(2025, 6, 3), by=by)
    lifecycle.opinions_draft(item=unsent, content="审议意见", by=by)
    # Heard in the first quarter; its handling report was due in May and never came.
    earlier = _heard(county, world.unit_a, D(2025, 3, 10), by=by)
    _sent(earlier, D(2025, 3, 12), by=by)
    # An inquiry with commitments: one kept, one missed, one due after the quarter.
    inquiry = _heard(county, world.unit_a, D(2025, 5, 15), by=by, kind=Item.Kind.INQUIRY)
    question = lifecycle.question_record(
        item=inquiry,
        asked_by="张委员",
        question="整改进度如何？",
        unit=world.unit_a,
        answered_by="李局长",
        by=by,
    )
    commitments = [
        lifecycle.commitment_record(
            question=question, content=f"承诺{n}", unit=world.unit_a, due_on=due, by=by
        )
        for n, due in enumerate([D(2025, 5, 31), D(2025, 6, 15), D(2025, 9, 30)])
    ]
    lifecycle.commitment_report(
        commitment=commitments[0], done_on=D(2025, 5, 30), result="已完成", by=by
    )
    return {"late": late, "earlier": earlier}


def test_the_sheet_counts_county_as_quarter(staff_a, county_a_quarter):
    rows = supervision_sheet(staff_a)
    assert rows[0][0] == "沅陵县 2025年第2季度 常委会监督事项办理情况"
    assert rows[1] == HEADERS
    assert rows[2] == ["沅陵县", 4, 2, 1, 1, 1, 1, 2, 1, 1]
    assert rows[-1] == ["合计", 4, 2, 1, 1, 1, 1, 2, 1, 1]
    assert len(rows) == 4


def test_overdue_is_asked_at_the_quarters_close(staff_a, county_a_quarter):
    # In the first quarter nothing was overdue yet: the handling report of March was due in May.
    rows = supervision_sheet(staff_a, quarter=1)
    assert rows[2] == ["沅陵县", 1, 1, 0, 0, 0, 0, 0, 0, 0]
    # In the third quarter the late township report (due 30 July) and the September commitment
    # are overdue; the earlier missed ones still are.
    rows = supervision_sheet(staff_a, quarter=3)
    assert rows[2] == ["沅陵县", 0, 0, 0, 1, 0, 2, 1, 0, 2]


def test_a_report_received_later_counts_as_received(staff_a, county_a_quarter):
    # "Overdue" is the one rule of `HandlingReport.objects.overdue`, which knows the report as
    # it is now: received after the quarter, it no longer counts as overdue at that quarter.
    report = HandlingReport.objects.get(item=county_a_quarter["earlier"])
    lifecycle.handling_report_receive(
        report=report, received_on=D(2025, 8, 1), content="补报", by=staff_a
    )
    assert supervision_sheet(staff_a)[2][6] == 0
    assert supervision_sheet(staff_a, quarter=3)[2][5] == 1


def test_each_county_sees_its_own_rows(world, staff_a, outsider, admin_user, county_a_quarter):
    plan_b = AdoptedPlanFactory(jurisdiction=world.county_b, year=2025, created_by=outsider)
    _heard(plan_b, world.unit_b, D(2025, 4, 8), by=outsider)
    assert [r[0] for r in supervision_sheet(staff_a)[2:]] == ["沅陵县", "合计"]
    assert supervision_sheet(outsider)[2:] == [
        ["辰溪县", 1, 0, 0, 0, 0, 0, 0, 0, 0],
        ["合计", 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    rows = supervision_sheet(admin_user)
    assert [r[0] for r in rows[2:]] == ["沅陵县", "辰溪县", "合计"]
    assert rows[-1][1] == 5


def test_the_sheet_costs_a_fixed_number_of_queries(
    staff_a, county_a_quarter, django_assert_max_num_queries
):
    report = QuarterlyReport(user=staff_a, params={"year": ["2025"], "quarter": ["2"]})
    with django_assert_max_num_queries(4):
        sheet = report.supervision_sheet()
        list(sheet.rows)
