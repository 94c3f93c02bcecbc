"""The supervision exports: a plan's items, the item list with the page's filter, and the
commitments with the overdue flag of the queryset's rule, each scoped to the user."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from openpyxl import load_workbook

from core.exchange.exporters import get_exporter
from supervision.models import Commitment, Item, Plan

from .factories import AdoptedPlanFactory, CommitmentFactory, ItemFactory, QuestionFactory

pytestmark = pytest.mark.django_db
Kind = Item.Kind


def _rows(identifier, user, **params):
    exporter = get_exporter(identifier)(user=user, params=params)
    (sheet,) = list(exporter.sheets())
    return sheet.title, list(sheet.headers), [list(row) for row in sheet.rows]


@pytest.fixture
def plan(world):
    plan = AdoptedPlanFactory(
        jurisdiction=world.county_a, title="2025年度监督工作计划", document_number="常发〔2025〕1号"
    )
    ItemFactory(plan=plan, title="九月的报告", planned_month=9, unit=world.unit_a)
    ItemFactory(
        plan=plan,
        title="食品安全执法检查",
        kind=Kind.INSPECTION,
        law="食品安全法",
        unit=world.unit_a,
        planned_month=4,
        office="法制委",
        source=Item.Source.AUDIT_FINDING,
        published_on=date(2025, 5, 1),
    )
    return plan


def test_every_export_names_the_reading_permission():
    for identifier in ("supervision_plan", "supervision_items", "supervision_commitments"):
        assert get_exporter(identifier).permission == "supervision.view_supervision"


def test_the_plan_exports_its_items_in_month_order(staff_a, plan, world):
    title, headers, rows = _rows("supervision_plan", staff_a, plan=[str(plan.pk)])
    assert title == "沅陵县人大常委会2025年度监督工作计划（常发〔2025〕1号）"
    assert headers[:7] == [
        "序号",
        "监督形式",
        "事项名称",
        "被监督单位",
        "承办工委",
        "计划审议月份",
        "选题来源",
    ]
    assert rows == [
        [
            1,
            "执法检查",
            "食品安全执法检查",
            "沅陵县财政局",
            "法制委",
            "4月",
            "审计发现问题",
            "已列入计划",
        ],
        [
            2,
            "听取和审议专项工作报告",
            "九月的报告",
            "沅陵县财政局",
            "财经委",
            "9月",
            "党委重点工作",
            "已列入计划",
        ],
    ]


def test_a_deputy_exports_only_published_items_of_published_plans(deputy_a, plan):
    with pytest.raises(ObjectDoesNotExist):
        _rows("supervision_plan", deputy_a, plan=[str(plan.pk)])
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED)
    _, _, rows = _rows("supervision_plan", deputy_a, plan=[str(plan.pk)])
    assert [row[2] for row in rows] == ["食品安全执法检查"]


def test_the_outsider_cannot_export_county_as_plan(outsider, plan):
    with pytest.raises(ObjectDoesNotExist):
        _rows("supervision_plan", outsider, plan=[str(plan.pk)])


def test_the_plan_workbook_is_written(staff_a, plan):
    exporter = get_exporter("supervision_plan")(user=staff_a, params={"plan": [str(plan.pk)]})
    stream = io.BytesIO()
    assert exporter.write(stream) == 2
    assert exporter.filename() == "2025年度监督工作计划.xlsx"
    sheet = load_workbook(io.BytesIO(stream.getvalue())).worksheets[0]
    assert sheet.cell(row=3, column=3).value == "食品安全执法检查"


def test_the_item_list_exports_what_the_page_filters(staff_a, deputy_a, outsider, plan, world):
    older = AdoptedPlanFactory(jurisdiction=world.county_a, year=2024)
    ItemFactory(plan=older, title="2024年的报告")
    _, headers, rows = _rows("supervision_items", staff_a)
    assert headers[0] == "年度" and {row[3] for row in rows} == {"九月的报告", "食品安全执法检查"}
    inspection = next(row for row in rows if row[3] == "食品安全执法检查")
    assert inspection[:9] == [
        2025,
        "沅陵县",
        "执法检查",
        "食品安全执法检查",
        "沅陵县财政局",
        "法制委",
        "4月",
        "审计发现问题",
        "已列入计划",
    ]
    assert inspection[10] == date(2025, 5, 1)
    _, _, every_year = _rows("supervision_items", staff_a, year=[""])
    assert len(every_year) == 3
    _, _, filtered = _rows("supervision_items", staff_a, kind=[Kind.WORK_REPORT], year=["2024"])
    assert [row[3] for row in filtered] == ["2024年的报告"]
    _, _, deputy_rows = _rows("supervision_items", deputy_a)
    assert [row[3] for row in deputy_rows] == ["食品安全执法检查"]
    assert _rows("supervision_items", outsider)[2] == []


def test_commitments_export_with_the_overdue_flag(staff_a, liaison_a, outsider, world, plan):
    today = timezone.localdate()
    inquiry = ItemFactory(plan=plan, kind=Kind.INQUIRY, title="专题询问", unit=world.unit_a)
    question = QuestionFactory(item=inquiry, question="整改进度如何？")
    late = CommitmentFactory(
        question=question, content="逾期未完成", due_on=today - timedelta(days=1)
    )
    due_today = CommitmentFactory(question=question, content="今天到期", due_on=today)
    done_late = CommitmentFactory(
        question=question,
        content="已完成",
        due_on=today - timedelta(days=30),
        done_on=today - timedelta(days=2),
    )
    _, headers, rows = _rows("supervision_commitments", staff_a)
    assert headers == [
        "监督事项",
        "询问内容",
        "承诺事项",
        "责任单位",
        "责任人",
        "承诺完成期限",
        "完成日期",
        "逾期",
    ]
    by_content = {row[2]: row for row in rows}
    assert by_content["逾期未完成"] == [
        "专题询问",
        "整改进度如何？",
        "逾期未完成",
        "沅陵县财政局",
        "李局长",
        late.due_on,
        None,
        "是",
    ]
    assert by_content["今天到期"][7] == "" and by_content["已完成"][7] == ""
    # The flag agrees with the queryset's rule and the model's property.
    overdue = set(Commitment.objects.overdue(today).values_list("content", flat=True))
    assert {c for c, row in by_content.items() if row[7]} == overdue == {"逾期未完成"}
    assert late.is_overdue(today) and not due_today.is_overdue(today)
    assert not done_late.is_overdue(today)
    assert len(_rows("supervision_commitments", liaison_a)[2]) == 3
    assert _rows("supervision_commitments", outsider)[2] == []


def test_a_resolutions_state_is_exported_as_a_resolutions(staff_a, plan, world):
    """An adopted resolution is "决议已通过", not "审议意见已交办", in both workbooks, as on
    the pages (Item.state_label)."""
    ItemFactory(
        plan=plan,
        title="关于饮用水水源保护的决议",
        kind=Kind.RESOLUTION,
        unit=world.unit_a,
        planned_month=6,
        state=Item.State.OPINIONS_SENT,
    )
    _, _, plan_rows = _rows("supervision_plan", staff_a, plan=[str(plan.pk)])
    assert next(row for row in plan_rows if row[2] == "关于饮用水水源保护的决议")[7] == "决议已通过"
    _, _, item_rows = _rows("supervision_items", staff_a)
    assert next(row for row in item_rows if row[3] == "关于饮用水水源保护的决议")[8] == "决议已通过"
