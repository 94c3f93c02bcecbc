"""Supervision plans and items. Records past the plan (hearings, opinions, handling reports) are
made through the services in the tests, so that the item's stored state follows its steps."""

from datetime import date

import factory

from supervision.models import Commitment, Item, Plan, Question, Research, Setting
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory, UnitFactory


class SettingFactory(factory.django.DjangoModelFactory):
    """A county's own supervision limits (辰溪 polls two-sidedly)."""

    class Meta:
        model = Setting

    county = factory.SubFactory(JurisdictionFactory)
    two_sided_poll = True


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan of 2025 made by a staff member of its county."""

    class Meta:
        model = Plan

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2025
    title = factory.LazyAttribute(
        lambda plan: f"{plan.jurisdiction}人大常委会{plan.year}年度监督工作计划"
    )
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..jurisdiction")
    )


class AdoptedPlanFactory(PlanFactory):
    status = Plan.Status.ADOPTED
    adopted_on = date(2025, 2, 20)
    document_number = factory.Sequence(lambda n: f"常发〔2025〕{n + 1}号")


class ItemFactory(factory.django.DjangoModelFactory):
    """A special work report heard in June, on a unit of the plan's jurisdiction."""

    class Meta:
        model = Item

    plan = factory.SubFactory(AdoptedPlanFactory)
    kind = Item.Kind.WORK_REPORT
    title = factory.Sequence(lambda n: f"关于专项工作情况的报告{n}")
    unit = factory.SubFactory(
        UnitFactory, jurisdiction=factory.SelfAttribute("..plan.jurisdiction")
    )
    office = "财经委"
    planned_month = 6
    source = Item.Source.PARTY_PRIORITIES
    created_by = factory.SelfAttribute("plan.created_by")


class ResearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Research

    item = factory.SubFactory(ItemFactory)
    kind = Research.Kind.VISIT
    held_on = date(2025, 5, 12)
    place = "城区学校"
    findings = "校舍维修资金到位慢"
    recorded_by = factory.SelfAttribute("item.created_by")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    item = factory.SubFactory(ItemFactory, kind=Item.Kind.INQUIRY)
    number = factory.Sequence(lambda n: n + 1)
    asked_by = "张委员"
    question = "审计发现的问题整改进度如何？"
    unit = factory.SelfAttribute("item.unit")
    answered_by = "李局长"
    answer = "已整改到位八成，年底前全部完成。"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    question = factory.SubFactory(QuestionFactory)
    content = "年底前完成全部整改"
    unit = factory.SelfAttribute("question.unit")
    owner = "李局长"
    due_on = date(2025, 12, 31)
