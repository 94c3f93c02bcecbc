"""Records past the plan for the public pages' tests: a published plan, a heard and published
item, its report versions, its opinion letter and its handling reports. They set the records
directly (the public pages only read them), so they do not depend on the lifecycle services."""

from datetime import date

import factory

from supervision.models import HandlingReport, Item, OpinionLetter, Plan, ReportVersion

from .factories import AdoptedPlanFactory, ItemFactory


class PublishedPlanFactory(AdoptedPlanFactory):
    status = Plan.Status.PUBLISHED
    published_on = date(2025, 3, 1)


class PublishedItemFactory(ItemFactory):
    """An item heard in June 2025 and published afterwards, on a published plan."""

    plan = factory.SubFactory(PublishedPlanFactory)
    session_on = date(2025, 6, 26)
    session_name = "县第十八届人大常委会第二十次会议"
    heard_on = date(2025, 6, 26)
    reporter = "县财政局局长 王平"
    state = Item.State.HEARD
    published_on = date(2025, 7, 10)


class ReportVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportVersion

    item = factory.SubFactory(PublishedItemFactory)
    stage = ReportVersion.Stage.FINAL
    received_on = date(2025, 6, 16)
    summary = "全年完成专项资金拨付九成以上。"
    recorded_by = factory.SelfAttribute("item.created_by")


class OpinionLetterFactory(factory.django.DjangoModelFactory):
    """A letter drafted and not yet sent; pass `sent_on=` for one sent."""

    class Meta:
        model = OpinionLetter

    item = factory.SubFactory(PublishedItemFactory)
    content = "一、加快资金拨付进度；二、完善绩效评价。"
    due_on = date(2025, 7, 3)
    drafted_by = factory.SelfAttribute("item.created_by")


class HandlingReportFactory(factory.django.DjangoModelFactory):
    """A handling report awaited; pass `received_on=` and `content=` for one received."""

    class Meta:
        model = HandlingReport

    item = factory.SubFactory(PublishedItemFactory)
    round = 1
    due_on = date(2025, 9, 3)
