"""Budgets, their lines and execution, warnings and problems, and the workbooks imports upload."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import factory
from django.utils import timezone
from openpyxl import Workbook

from budget.models import (
    Budget,
    Fund,
    FundCriterion,
    Line,
    Problem,
    Snapshot,
    Subject,
    TownshipReview,
    Warning,
)
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory, UnitFactory

SUBJECTS = {
    "201": "一般公共服务支出",
    "20101": "人大事务",
    "2010101": "行政运行",
    "2010102": "一般行政管理事务",
    "205": "教育支出",
    "20502": "普通教育",
    "2050202": "小学教育",
}


def subject(code: str) -> Subject:
    parent = subject(code[: {5: 3, 7: 5}[len(code)]]) if len(code) > 3 else None
    found, _created = Subject.objects.get_or_create(
        code=code, defaults={"name": SUBJECTS.get(code, f"科目{code}"), "parent": parent}
    )
    return found


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ("jurisdiction", "year")

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2024
    adopted_on = date(2024, 1, 10)
    adopted_by = "县人民代表大会"
    document_number = "会人发〔2024〕1号"


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Line

    budget = factory.SubFactory(BudgetFactory)
    subject = factory.LazyFunction(lambda: subject("2010101"))
    adopted = Decimal("1000000.00")


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2024
    month = 6
    imported_by = factory.SubFactory(StaffUserFactory)


class WarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warning

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2024
    month = 6
    rule = Warning.Rule.BEHIND
    key = factory.Sequence(lambda n: f"behind:6:单位{n}:2010101")
    agency = factory.Sequence(lambda n: f"测试单位{n}")
    subject = factory.LazyFunction(lambda: subject("2010101"))
    budget = Decimal("1000000.00")
    executed = Decimal("100000.00")
    pace = Decimal("20.1")
    detail = "执行进度为时间进度的 20.1%，低于 80%"


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    warning = factory.SubFactory(
        WarningFactory,
        jurisdiction=factory.SelfAttribute("..jurisdiction"),
        status=Warning.Status.CONFIRMED,
    )
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2024
    title = factory.Sequence(lambda n: f"执行进度偏慢问题{n}")
    unit = factory.SubFactory(UnitFactory, jurisdiction=factory.SelfAttribute("..jurisdiction"))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    assigned_by = factory.SubFactory(StaffUserFactory)
    assigned_on = factory.LazyFunction(timezone.localdate)


def workbook(header, rows) -> BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


LINE_HEADER = ["行政区划", "预算年度", "科目编码", "科目名称", "年初预算数", "调整预算数", "决算数"]
EXECUTION_HEADER = [
    "行政区划",
    "年度",
    "截至月份",
    "预算单位",
    "科目编码",
    "科目名称",
    "预算数",
    "累计支出数",
]
EXTRACT_HEADER = ["行政区划", "年度", "数据来源", "编号", "涉及单位", "情况说明", "涉及金额（元）"]


# --- Township budget review and 两问四评 ---------------------------------------------------------


class TownshipReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TownshipReview

    township = factory.SubFactory(JurisdictionFactory, level="township")
    year = 2024
    step = "preliminary"
    held_on = date(2024, 1, 5)
    opinions = "同意提交乡镇人民代表大会审议。"
    document_number = ""
    recorded_by = factory.SubFactory(StaffUserFactory)


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    county = factory.SubFactory(JurisdictionFactory)
    year = 2024
    name = factory.Sequence(lambda n: f"重大专项资金{n}")
    unit = factory.SubFactory(UnitFactory)
    amount = Decimal("12000000.00")
    created_by = factory.SubFactory(StaffUserFactory)


class FundCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundCriterion

    county = factory.SubFactory(JurisdictionFactory)
    kind = "finance"
    name = factory.Sequence(lambda n: f"评价指标{n}")
    max_score = Decimal("50")
