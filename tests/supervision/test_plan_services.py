"""The annual plan's writes: drafting, adopting and publishing a plan, adding, correcting and
moving its items, every refusal in Chinese and with nothing half-saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from supervision.models import Item, ItemChange, Plan
from supervision.services import plan as services
from tests.core.factories import UnitFactory

from .factories import AdoptedPlanFactory, ItemFactory, PlanFactory, ResearchFactory

pytestmark = pytest.mark.django_db
Kind = Item.Kind


def _fields(error: ValidationError) -> set[str]:
    return set(error.value.error_dict) if hasattr(error.value, "error_dict") else set()


def _item_data(world, **overrides):
    data = {
        "kind": Kind.WORK_REPORT,
        "title": "关于义务教育均衡发展情况的报告",
        "unit": world.unit_a,
        "office": "教科文卫工委",
        "planned_month": 6,
        "source": Item.Source.DEPUTY_SUGGESTIONS,
    }
    return {**data, **overrides}


# --- The plan ---------------------------------------------------------------------------------


def test_staff_create_a_plan_of_their_county_or_a_township(world, staff_a):
    county = services.plan_create(
        jurisdiction=world.county_a, year=2026, title=" 2026年度监督工作计划 ", by=staff_a
    )
    township = services.plan_create(
        jurisdiction=world.township_a, year=2026, title="官庄镇2026年监督计划", by=staff_a
    )
    assert county.status == Plan.Status.DRAFT and county.title == "2026年度监督工作计划"
    assert county.created_by == staff_a and township.jurisdiction == world.township_a


@pytest.mark.parametrize("place", ["county_b", "township_b", "city"])
def test_a_plan_of_another_body_is_refused(world, staff_a, place):
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            jurisdiction=getattr(world, place), year=2026, title="计划", by=staff_a
        )
    assert _fields(error) == {"jurisdiction"}
    assert "只能为本县" in str(error.value)
    assert not Plan.objects.exists()


def test_one_plan_per_body_and_year(world, staff_a):
    services.plan_create(jurisdiction=world.county_a, year=2026, title="计划", by=staff_a)
    with pytest.raises(ValidationError) as error:
        services.plan_create(jurisdiction=world.county_a, year=2026, title="又一个", by=staff_a)
    assert _fields(error) == {"year"} and "已有2026年度" in str(error.value)
    assert Plan.objects.count() == 1


def test_a_year_out_of_bounds_or_an_empty_title_is_refused(world, staff_a):
    with pytest.raises(ValidationError) as error:
        services.plan_create(jurisdiction=world.county_a, year=1900, title="  ", by=staff_a)
    assert _fields(error) == {"year", "title"}
    assert not Plan.objects.exists()


def test_a_draft_is_corrected_but_an_adopted_plan_is_not(world, staff_a):
    draft = PlanFactory(jurisdiction=world.county_a)
    services.plan_update(plan=draft, title="新名称", year=2026, notes="说明", by=staff_a)
    draft.refresh_from_db()
    assert (draft.title, draft.year, draft.notes) == ("新名称", 2026, "说明")

    adopted = AdoptedPlanFactory(jurisdiction=world.township_a)
    with pytest.raises(ValidationError, match="已经通过"):
        services.plan_update(plan=adopted, title="改名", year=2025, by=staff_a)
    adopted.refresh_from_db()
    assert adopted.title != "改名"


def test_a_draft_cannot_take_the_year_of_another_plan(world, staff_a):
    PlanFactory(jurisdiction=world.county_a, year=2026)
    draft = PlanFactory(jurisdiction=world.county_a, year=2025)
    with pytest.raises(ValidationError) as error:
        services.plan_update(plan=draft, title="x", year=2026, by=staff_a)
    assert _fields(error) == {"year"}
    draft.refresh_from_db()
    assert draft.year == 2025 and draft.title != "x"


def test_adoption_records_date_and_number(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    ItemFactory(plan=plan)
    services.plan_adopt(
        plan=plan, adopted_on=date(2025, 2, 20), document_number=" 常发〔2025〕3号 ", by=staff_a
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ADOPTED
    assert (plan.adopted_on, plan.document_number) == (date(2025, 2, 20), "常发〔2025〕3号")


def test_adoption_needs_date_number_and_items(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(plan=plan, adopted_on=None, document_number=" ", by=staff_a)
    assert _fields(error) == {"adopted_on", "document_number"}
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(plan=plan, adopted_on=tomorrow, document_number="1号", by=staff_a)
    assert _fields(error) == {"adopted_on"}
    with pytest.raises(ValidationError, match="还没有监督事项"):
        services.plan_adopt(
            plan=plan, adopted_on=date(2025, 2, 1), document_number="1号", by=staff_a
        )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.adopted_on is None


def test_a_plan_is_adopted_once(world, staff_a):
    plan = AdoptedPlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError, match="已经通过"):
        services.plan_adopt(
            plan=plan, adopted_on=date(2025, 3, 1), document_number="2号", by=staff_a
        )
    plan.refresh_from_db()
    assert plan.adopted_on == date(2025, 2, 20)


def test_publication_follows_adoption(world, staff_a):
    draft = PlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError, match="通过后才能公布"):
        services.plan_publish(plan=draft, by=staff_a)
    adopted = AdoptedPlanFactory(jurisdiction=world.township_a)
    with pytest.raises(ValidationError) as error:
        services.plan_publish(plan=adopted, published_on=date(2025, 2, 19), by=staff_a)
    assert _fields(error) == {"published_on"}
    services.plan_publish(plan=adopted, by=staff_a)
    adopted.refresh_from_db()
    assert adopted.status == Plan.Status.PUBLISHED
    assert adopted.published_on == timezone.localdate()
    with pytest.raises(ValidationError, match="已经公布"):
        services.plan_publish(plan=adopted, by=staff_a)
    draft.refresh_from_db()
    assert draft.status == Plan.Status.DRAFT and draft.published_on is None


# --- Items ------------------------------------------------------------------------------------


def test_an_item_added_to_a_draft_is_planned_without_a_change(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    item = services.item_add(plan=plan, by=staff_a, **_item_data(world))
    assert item.state == Item.State.PLANNED and not item.added_after_adoption
    assert item.created_by == staff_a and not item.changes.exists()


def test_an_item_added_after_adoption_needs_a_reason_and_is_recorded(world, staff_a):
    plan = AdoptedPlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError) as error:
        services.item_add(plan=plan, by=staff_a, reason="  ", **_item_data(world))
    assert _fields(error) == {"reason"} and "增补理由" in str(error.value)
    assert not Item.objects.exists()

    item = services.item_add(plan=plan, by=staff_a, reason="县委交办", **_item_data(world))
    assert item.added_after_adoption
    change = item.changes.get()
    assert (change.kind, change.to_month, change.reason) == (ItemChange.Kind.ADDED, 6, "县委交办")
    assert change.changed_by == staff_a


def test_the_unit_must_be_of_the_plans_jurisdiction_or_below(world, staff_a):
    county_plan = PlanFactory(jurisdiction=world.county_a)
    services.item_add(plan=county_plan, by=staff_a, **_item_data(world, unit=world.township_unit_a))
    with pytest.raises(ValidationError) as error:
        services.item_add(plan=county_plan, by=staff_a, **_item_data(world, unit=world.unit_b))
    assert _fields(error) == {"unit"}
    township_plan = PlanFactory(jurisdiction=world.township_a)
    with pytest.raises(ValidationError) as error:
        services.item_add(plan=township_plan, by=staff_a, **_item_data(world))
    assert _fields(error) == {"unit"}
    assert Item.objects.count() == 1


def test_an_inspection_names_its_law_and_other_kinds_drop_inspection_fields(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError) as error:
        services.item_add(plan=plan, by=staff_a, **_item_data(world, kind=Kind.INSPECTION))
    assert _fields(error) == {"law"}
    inspection = services.item_add(
        plan=plan,
        by=staff_a,
        law="《中华人民共和国食品安全法》",
        inspection_group="常委会副主任任组长",
        inspection_methods=["随机抽查", "问卷调查"],
        **_item_data(world, kind=Kind.INSPECTION),
    )
    assert inspection.inspection_methods == ["随机抽查", "问卷调查"]
    report = services.item_add(
        plan=plan, by=staff_a, law="某法", inspection_methods=["暗访"], **_item_data(world)
    )
    assert report.law == "" and report.inspection_methods == []


def test_an_inquiry_joins_a_work_report_of_the_same_plan(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    report = ItemFactory(plan=plan)
    other_plan_report = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.township_a))
    inspection = ItemFactory(plan=plan, kind=Kind.INSPECTION, law="某法")
    inquiry = services.item_add(
        plan=plan, by=staff_a, joined_to=report, **_item_data(world, kind=Kind.INQUIRY)
    )
    assert inquiry.joined_to == report
    for wrong in (other_plan_report, inspection):
        with pytest.raises(ValidationError) as error:
            services.item_add(
                plan=plan, by=staff_a, joined_to=wrong, **_item_data(world, kind=Kind.INQUIRY)
            )
        assert _fields(error) == {"joined_to"}
    with pytest.raises(ValidationError, match="只有专题询问"):
        services.item_add(plan=plan, by=staff_a, joined_to=report, **_item_data(world))
    assert plan.items.count() == 3


def test_bad_model_values_are_refused_in_chinese(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError) as error:
        services.item_add(
            plan=plan, by=staff_a, **_item_data(world, planned_month=13, kind="nonsense", title="")
        )
    assert {"planned_month", "kind", "title"} <= _fields(error)
    assert not Item.objects.exists()


def test_an_item_is_corrected(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    item = ItemFactory(plan=plan)
    services.item_update(
        item=item,
        title=" 新题目 ",
        office="法制委",
        planned_month=9,
        source_note="依据",
        by=staff_a,
    )
    item.refresh_from_db()
    assert (item.title, item.office, item.planned_month, item.source_note) == (
        "新题目",
        "法制委",
        9,
        "依据",
    )


def test_an_adopted_plans_month_moves_only_with_a_reason(world, staff_a):
    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    with pytest.raises(ValidationError) as error:
        services.item_update(item=item, planned_month=9, title="改", by=staff_a)
    assert _fields(error) == {"planned_month"}
    item.refresh_from_db()
    assert item.planned_month == 6 and item.title != "改"
    services.item_update(item=item, planned_month=6, title="改", by=staff_a)
    item.refresh_from_db()
    assert item.title == "改"


def test_a_report_with_an_inquiry_joined_keeps_its_kind(world, staff_a):
    plan = PlanFactory(jurisdiction=world.county_a)
    report = ItemFactory(plan=plan)
    ItemFactory(plan=plan, kind=Kind.INQUIRY, joined_to=report)
    with pytest.raises(ValidationError) as error:
        services.item_update(item=report, kind=Kind.FISCAL_REPORT, by=staff_a)
    assert _fields(error) == {"kind"}
    with pytest.raises(ValidationError) as error:
        services.item_update(item=report, kind=Kind.INQUIRY, joined_to=report, by=staff_a)
    assert "joined_to" in _fields(error)
    report.refresh_from_db()
    assert report.kind == Kind.WORK_REPORT


def test_update_refuses_unknown_fields_and_closed_items(world, staff_a):
    item = ItemFactory(plan=PlanFactory(jurisdiction=world.county_a))
    with pytest.raises(TypeError):
        services.item_update(item=item, heard_on=date(2025, 6, 1), by=staff_a)
    Item.objects.filter(pk=item.pk).update(state=Item.State.CLOSED)
    with pytest.raises(ValidationError, match="已经办结"):
        services.item_update(item=item, title="改", by=staff_a)


def test_moving_an_item_records_the_change(world, staff_a):
    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    services.item_move(item=item, planned_month=10, reason=" 会期调整 ", by=staff_a)
    item.refresh_from_db()
    assert item.planned_month == 10
    change = item.changes.get()
    assert (change.kind, change.from_month, change.to_month, change.reason) == (
        ItemChange.Kind.MOVED,
        6,
        10,
        "会期调整",
    )


def test_a_move_needs_a_new_month_and_a_reason(world, staff_a):
    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    with pytest.raises(ValidationError) as error:
        services.item_move(item=item, planned_month=6, reason="", by=staff_a)
    assert _fields(error) == {"planned_month", "reason"}
    with pytest.raises(ValidationError) as error:
        services.item_move(item=item, planned_month=0, reason="理由", by=staff_a)
    assert _fields(error) == {"planned_month"}
    assert not item.changes.exists()


def test_a_heard_item_is_not_moved(world, staff_a):
    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    Item.objects.filter(pk=item.pk).update(heard_on=date(2025, 6, 20))
    with pytest.raises(ValidationError, match="已经审议"):
        services.item_move(item=item, planned_month=8, reason="理由", by=staff_a)
    item.refresh_from_db()
    assert item.planned_month == 6 and not item.changes.exists()


def test_units_of_a_township_below_the_county_are_accepted_on_update(world, staff_a):
    item = ItemFactory(plan=PlanFactory(jurisdiction=world.county_a))
    services.item_update(item=item, unit=world.township_unit_a, by=staff_a)
    foreign = UnitFactory(jurisdiction=world.township_b)
    with pytest.raises(ValidationError) as error:
        services.item_update(item=item, unit=foreign, by=staff_a)
    assert _fields(error) == {"unit"}
    item.refresh_from_db()
    assert item.unit == world.township_unit_a


STARTED = "监督事项已开始办理，不能再修改此项。"


def test_a_started_item_keeps_its_kind_unit_and_joined_report(world, staff_a):
    """Research recorded (the stored state not yet refreshed): the kind and the unit stay, each
    refusal next to its field; the title may still be corrected."""
    plan = AdoptedPlanFactory(jurisdiction=world.county_a)
    item = ItemFactory(plan=plan, unit=world.unit_a)
    ResearchFactory(item=item)
    with pytest.raises(ValidationError) as error:
        services.item_update(
            item=item, kind=Kind.FISCAL_REPORT, unit=world.township_unit_a, by=staff_a
        )
    assert error.value.message_dict == {"kind": [STARTED], "unit": [STARTED]}
    # The same values again are no change.
    services.item_update(
        item=item, kind=Kind.WORK_REPORT, unit=world.unit_a, title="改后的题目", by=staff_a
    )
    item.refresh_from_db()
    assert (item.kind, item.unit, item.title) == (Kind.WORK_REPORT, world.unit_a, "改后的题目")
    # And the stored state follows the steps again.
    assert item.state == Item.State.PREPARING


def test_a_heard_inquiry_keeps_its_joined_report(world, staff_a):
    plan = AdoptedPlanFactory(jurisdiction=world.county_a)
    report = ItemFactory(plan=plan)
    inquiry = ItemFactory(plan=plan, kind=Kind.INQUIRY)
    Item.objects.filter(pk=inquiry.pk).update(heard_on=date(2025, 6, 20), state=Item.State.HEARD)
    with pytest.raises(ValidationError) as error:
        services.item_update(item=inquiry, joined_to=report, by=staff_a)
    assert error.value.message_dict == {"joined_to": [STARTED]}
    inquiry.refresh_from_db()
    assert inquiry.joined_to is None


def test_an_item_with_a_poll_keeps_its_unit(world, staff_a):
    from polls import services as poll_services
    from polls.models import Poll

    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a), unit=world.unit_a)
    poll = poll_services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    Item.objects.filter(pk=item.pk).update(report_poll=poll)
    with pytest.raises(ValidationError) as error:
        services.item_update(item=item, unit=world.township_unit_a, by=staff_a)
    assert error.value.message_dict == {"unit": [STARTED]}


def test_a_planned_item_changes_kind_and_unit(world, staff_a):
    item = ItemFactory(plan=PlanFactory(jurisdiction=world.county_a), unit=world.unit_a)
    services.item_update(item=item, kind=Kind.FISCAL_REPORT, unit=world.township_unit_a, by=staff_a)
    item.refresh_from_db()
    assert (item.kind, item.unit) == (Kind.FISCAL_REPORT, world.township_unit_a)
    assert item.state == Item.State.PLANNED
