"""The plan pages for each persona: the office drafts, adopts and publishes; deputies see the
published plans and items; the liaison sees the items on their unit; the outsider sees nothing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision.models import Item, ItemChange, Plan
from tests.core.factories import UnitFactory

from .factories import AdoptedPlanFactory, ItemFactory, PlanFactory

pytestmark = pytest.mark.django_db
Kind = Item.Kind


@pytest.fixture
def plans(world):
    """County A's adopted 2025 plan with a published and an unpublished item, a published 2025
    plan of its township, and county B's plan."""
    county = AdoptedPlanFactory(jurisdiction=world.county_a, title="沅陵县2025年监督计划")
    published = ItemFactory(
        plan=county, unit=world.unit_a, title="义务教育报告", published_on=date(2025, 7, 1)
    )
    hidden = ItemFactory(
        plan=county, kind=Kind.INSPECTION, law="食品安全法", title="食品安全执法检查"
    )
    township = AdoptedPlanFactory(
        jurisdiction=world.township_a,
        title="官庄镇2025年监督计划",
        status=Plan.Status.PUBLISHED,
        published_on=date(2025, 3, 1),
    )
    ItemFactory(plan=township, unit=world.township_unit_a, title="镇村道路", planned_month=9)
    foreign = AdoptedPlanFactory(jurisdiction=world.county_b, title="辰溪县2025年监督计划")
    ItemFactory(plan=foreign, unit=world.unit_b, title="辰溪的报告")
    return {
        "county": county,
        "township": township,
        "foreign": foreign,
        "published": published,
        "hidden": hidden,
    }


def _url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def _item_post(world, **overrides):
    data = {
        "kind": Kind.WORK_REPORT,
        "title": "关于农村饮水安全工作情况的报告",
        "unit": world.unit_a.pk,
        "office": "农业农村工委",
        "planned_month": "8",
        "source": Item.Source.PUBLIC_OPINIONS,
        "source_note": "群众来信反映",
    }
    return {**data, **overrides}


# --- Plan list --------------------------------------------------------------------------------


def test_staff_see_the_latest_year_with_counts(client_for, staff_a, plans):
    PlanFactory(jurisdiction=staff_a.jurisdiction, year=2023, title="沅陵县2023年监督计划")
    response = client_for(staff_a).get(_url("plan_list"))
    assert response.status_code == 200 and response.context["year"] == 2025
    content = response.content.decode()
    assert "沅陵县2025年监督计划" in content and "官庄镇2025年监督计划" in content
    assert "辰溪县" not in content and "2023年监督计划" not in content
    rows = {row.plan.pk: row for row in response.context["rows"]}
    county = rows[plans["county"].pk]
    assert county.total == 2
    assert county.by_kind == {Kind.WORK_REPORT: 1, Kind.INSPECTION: 1}
    assert county.by_state == {Item.State.PLANNED: 2}
    older = client_for(staff_a).get(_url("plan_list"), {"year": 2023})
    assert [row.plan.title for row in older.context["rows"]] == ["沅陵县2023年监督计划"]


def test_deputies_see_published_plans_and_count_published_items(client_for, deputy_a, plans):
    response = client_for(deputy_a).get(_url("plan_list"))
    assert [row.plan for row in response.context["rows"]] == [plans["township"]]
    assert response.context["rows"][0].total == 0  # its item is not published yet


def test_the_liaison_sees_the_plans_of_their_unit(client_for, liaison_a, plans):
    response = client_for(liaison_a).get(_url("plan_list"))
    rows = response.context["rows"]
    assert [row.plan for row in rows] == [plans["county"]] and rows[0].total == 1


def test_the_outsider_sees_none_of_county_a(client_for, outsider, plans):
    response = client_for(outsider).get(_url("plan_list"))
    assert [row.plan for row in response.context["rows"]] == [plans["foreign"]]


def test_plan_list_queries_do_not_grow(
    client_for, staff_a, world, plans, django_assert_max_num_queries
):
    client = client_for(staff_a)
    client.get(_url("plan_list"))
    with django_assert_max_num_queries(12) as captured:
        client.get(_url("plan_list"))
    baseline = len(captured)
    for n in range(4):
        township = AdoptedPlanFactory(
            jurisdiction=world.township_a, year=2025 - n - 1, title=f"旧计划{n}"
        )
        ItemFactory.create_batch(3, plan=township, unit=world.township_unit_a)
        ItemFactory.create_batch(2, plan=plans["county"], kind=Kind.INQUIRY)
    with django_assert_max_num_queries(baseline):
        client.get(_url("plan_list"))


# --- Plan detail and print --------------------------------------------------------------------


def test_staff_see_the_plan_by_month_with_changes(client_for, staff_a, plans):
    item = plans["hidden"]
    ItemChange.objects.create(
        item=item,
        kind=ItemChange.Kind.MOVED,
        from_month=5,
        to_month=6,
        reason="会期调整",
        changed_by=staff_a,
    )
    response = client_for(staff_a).get(_url("plan_detail", plans["county"].pk))
    assert response.status_code == 200
    assert [month for month, _ in response.context["months"]] == [6]
    content = response.content.decode()
    assert "会期调整" in content and "由 5 月调整到 6 月" in content
    assert _url("item_detail", item.pk) in content
    assert _url("plan_publish", plans["county"].pk) in content
    assert _url("item_move", item.pk) in content


def test_deputies_see_only_published_plans_and_items(client_for, deputy_a, plans, staff_a):
    client = client_for(deputy_a)
    assert client.get(_url("plan_detail", plans["county"].pk)).status_code == 404
    Plan.objects.filter(pk=plans["county"].pk).update(
        status=Plan.Status.PUBLISHED, published_on=date(2025, 3, 1)
    )
    response = client.get(_url("plan_detail", plans["county"].pk))
    content = response.content.decode()
    assert "义务教育报告" in content and "食品安全执法检查" not in content
    assert _url("plan_adopt", plans["county"].pk) not in content
    assert _url("item_move", plans["published"].pk) not in content


def test_the_liaison_sees_only_the_items_on_their_unit(client_for, liaison_a, plans):
    response = client_for(liaison_a).get(_url("plan_detail", plans["county"].pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "义务教育报告" in content and "食品安全执法检查" not in content
    assert client_for(liaison_a).get(_url("plan_detail", plans["township"].pk)).status_code == 404


def test_plan_detail_queries_do_not_grow(
    client_for, staff_a, world, plans, django_assert_max_num_queries
):
    client = client_for(staff_a)
    url = _url("plan_detail", plans["county"].pk)
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    baseline = len(captured)
    for month in range(1, 12):
        item = ItemFactory(plan=plans["county"], planned_month=month, unit=world.unit_a)
        inquiry = ItemFactory(plan=plans["county"], kind=Kind.INQUIRY, joined_to=item)
        ItemChange.objects.create(
            item=inquiry,
            kind=ItemChange.Kind.ADDED,
            to_month=month,
            reason="增补",
            changed_by=staff_a,
        )
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_the_printout_names_the_body_number_and_columns(client_for, staff_a, plans):
    response = client_for(staff_a).get(_url("plan_print", plans["county"].pk))
    content = response.content.decode()
    assert response.context["body"] == "沅陵县人大常委会"
    assert plans["county"].document_number in content
    for heading in (
        "序号",
        "监督形式",
        "事项名称",
        "被监督单位",
        "承办工委",
        "计划审议月份",
        "选题来源",
    ):
        assert heading in content
    township = client_for(staff_a).get(_url("plan_print", plans["township"].pk))
    assert township.context["body"] == "官庄镇人大主席团"


@pytest.mark.parametrize("name", ["plan_detail", "plan_print", "plan_edit", "item_create"])
def test_the_outsider_gets_404_on_a_plan(client_for, outsider, plans, name):
    assert client_for(outsider).get(_url(name, plans["county"].pk)).status_code == 404


@pytest.mark.parametrize("name", ["plan_adopt", "plan_publish"])
def test_the_outsider_cannot_adopt_or_publish(client_for, outsider, world, name):
    plan = PlanFactory(jurisdiction=world.county_a)
    ItemFactory(plan=plan)
    data = {"adopted_on": "2025-02-01", "document_number": "1号"}
    assert client_for(outsider).post(_url(name, plan.pk), data).status_code == 404
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_readers_cannot_write(client_for, request, plans, world, persona):
    client = client_for(request.getfixturevalue(persona))
    county, item = plans["county"], plans["published"]
    for url in (
        _url("plan_create"),
        _url("plan_edit", county.pk),
        _url("item_create", county.pk),
        _url("item_edit", item.pk),
        _url("item_move", item.pk),
    ):
        assert client.get(url).status_code == 403, url
    for url in (_url("plan_adopt", county.pk), _url("plan_publish", county.pk)):
        assert client.post(url, {}).status_code == 403, url
    assert (
        client.post(_url("item_move", item.pk), {"planned_month": 9, "reason": "x"}).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.planned_month == 6


# --- Plan writes --------------------------------------------------------------------------------


def test_staff_create_edit_adopt_and_publish_a_plan(client_for, staff_a, world):
    client = client_for(staff_a)
    assert client.get(_url("plan_create")).status_code == 200
    response = client.post(
        _url("plan_create"),
        {"jurisdiction": world.county_a.pk, "year": 2026, "title": "2026年度监督工作计划"},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()

    response = client.post(
        _url("plan_edit", plan.pk), {"year": 2026, "title": "沅陵县2026年度监督工作计划"}
    )
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.title == "沅陵县2026年度监督工作计划"

    refused = client.post(
        _url("plan_adopt", plan.pk), {"adopted_on": "2026-01-10", "document_number": "常发1号"}
    )
    assert refused.status_code == 400 and "还没有监督事项" in refused.content.decode()
    assert 'value="常发1号"' in refused.content.decode()
    ItemFactory(plan=plan)
    today = timezone.localdate().isoformat()
    response = client.post(
        _url("plan_adopt", plan.pk), {"adopted_on": today, "document_number": "常发1号"}
    )
    assert response.status_code == 302
    response = client.post(_url("plan_publish", plan.pk), {"published_on": ""})
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == Plan.Status.PUBLISHED
    assert client.get(_url("plan_edit", plan.pk)).status_code == 200  # shown; saving is refused
    refused = client.post(_url("plan_edit", plan.pk), {"year": 2026, "title": "改"})
    assert refused.status_code == 400 and "已经通过" in refused.content.decode()


def test_a_refused_plan_keeps_what_was_typed(client_for, staff_a, outsider, world):
    PlanFactory(jurisdiction=world.county_a, year=2026)
    response = client_for(staff_a).post(
        _url("plan_create"),
        {"jurisdiction": world.county_a.pk, "year": 2026, "title": "重复的计划"},
    )
    assert "已有2026年度" in response.content.decode()
    assert 'value="重复的计划"' in response.content.decode()
    assert Plan.objects.count() == 1
    # The outsider cannot choose county A: it is not among their choices.
    foreign = client_for(outsider).post(
        _url("plan_create"), {"jurisdiction": world.county_a.pk, "year": 2027, "title": "x"}
    )
    assert foreign.status_code == 400 and Plan.objects.count() == 1


# --- Item writes --------------------------------------------------------------------------------


def test_staff_add_edit_and_move_items(client_for, staff_a, world):
    plan = PlanFactory(jurisdiction=world.county_a)
    client = client_for(staff_a)
    assert client.get(_url("item_create", plan.pk)).status_code == 200
    response = client.post(_url("item_create", plan.pk), _item_post(world))
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert (item.planned_month, item.state, item.source_note) == (
        8,
        Item.State.PLANNED,
        "群众来信反映",
    )

    assert client.get(_url("item_edit", item.pk)).status_code == 200
    response = client.post(_url("item_edit", item.pk), _item_post(world, title="改后的题目"))
    item.refresh_from_db()
    assert response.status_code == 302 and item.title == "改后的题目"

    response = client.post(
        _url("item_move", item.pk), {"planned_month": "10", "reason": "调整会期"}
    )
    item.refresh_from_db()
    assert response.status_code == 302 and item.planned_month == 10
    assert item.changes.get().reason == "调整会期"


def test_adding_to_an_adopted_plan_asks_for_a_reason_and_keeps_input(client_for, staff_a, world):
    plan = AdoptedPlanFactory(jurisdiction=world.county_a)
    client = client_for(staff_a)
    page = client.get(_url("item_create", plan.pk)).content.decode()
    assert 'name="reason"' in page
    response = client.post(_url("item_create", plan.pk), _item_post(world))
    assert response.status_code == 400
    content = response.content.decode()
    assert "关于农村饮水安全工作情况的报告" in content and "群众来信反映" in content
    assert not Item.objects.exists()
    response = client.post(_url("item_create", plan.pk), _item_post(world, reason="县委交办"))
    assert response.status_code == 302
    assert Item.objects.get().added_after_adoption


def test_a_refused_item_shows_the_error_next_to_the_field(client_for, staff_a, world):
    plan = PlanFactory(jurisdiction=world.county_a)
    response = client_for(staff_a).post(
        _url("item_create", plan.pk), _item_post(world, kind=Kind.INSPECTION, law="")
    )
    assert response.status_code == 400
    assert "执法检查须写明检查的法律法规" in response.context["form"].errors["law"][0]
    assert "关于农村饮水安全工作情况的报告" in response.content.decode()
    foreign_unit = client_for(staff_a).post(
        _url("item_create", plan.pk), _item_post(world, unit=world.unit_b.pk)
    )
    assert foreign_unit.status_code == 400 and "unit" in foreign_unit.context["form"].errors
    assert not Item.objects.exists()


def test_after_adoption_the_edit_form_has_no_month_and_moving_needs_a_reason(
    client_for, staff_a, world
):
    item = ItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    client = client_for(staff_a)
    page = client.get(_url("item_edit", item.pk)).content.decode()
    assert 'name="planned_month"' not in page
    response = client.post(_url("item_move", item.pk), {"planned_month": "9", "reason": ""})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    response = client.post(_url("item_move", item.pk), {"planned_month": "6", "reason": "无"})
    assert response.status_code == 400 and "原月份相同" in response.content.decode()
    assert "无</textarea>" in response.content.decode()
    item.refresh_from_db()
    assert item.planned_month == 6 and not item.changes.exists()


@pytest.mark.parametrize("name", ["item_edit", "item_move"])
def test_the_outsider_gets_404_on_an_item(client_for, outsider, plans, name):
    client = client_for(outsider)
    assert client.get(_url(name, plans["published"].pk)).status_code == 404
    assert (
        client.post(
            _url(name, plans["published"].pk), {"planned_month": "9", "reason": "x"}
        ).status_code
        == 404
    )
    plans["published"].refresh_from_db()
    assert plans["published"].planned_month == 6


def test_the_outsider_cannot_add_to_county_as_plan(client_for, outsider, world, plans):
    response = client_for(outsider).post(_url("item_create", plans["county"].pk), _item_post(world))
    assert response.status_code == 404 and plans["county"].items.count() == 2


# --- Item list ----------------------------------------------------------------------------------


def test_the_item_list_opens_on_the_latest_year_and_filters(client_for, staff_a, world, plans):
    old = AdoptedPlanFactory(jurisdiction=world.county_a, year=2024)
    ItemFactory(plan=old, title="2024年的报告")
    client = client_for(staff_a)
    response = client.get(_url("item_list"))
    titles = {item.title for item in response.context["object_list"]}
    assert titles == {"义务教育报告", "食品安全执法检查", "镇村道路"}
    assert _url("item_detail", plans["published"].pk) in response.content.decode()
    every_year = client.get(_url("item_list"), {"year": ""})
    assert len(every_year.context["object_list"]) == 4
    for query, expected in (
        ({"kind": Kind.INSPECTION}, {"食品安全执法检查"}),
        ({"unit": world.township_unit_a.pk}, {"镇村道路"}),
        ({"q": "义务"}, {"义务教育报告"}),
        ({"office": "财经委", "state": Item.State.PLANNED}, titles),
        ({"state": Item.State.CLOSED}, set()),
    ):
        response = client.get(_url("item_list"), query)
        assert {item.title for item in response.context["object_list"]} == expected, query


def test_deputies_and_the_liaison_see_their_items(client_for, deputy_a, liaison_a, plans):
    deputy = client_for(deputy_a).get(_url("item_list"))
    assert [item.title for item in deputy.context["object_list"]] == ["义务教育报告"]
    liaison = client_for(liaison_a).get(_url("item_list"))
    assert [item.title for item in liaison.context["object_list"]] == ["义务教育报告"]


def test_the_outsider_sees_only_county_bs_items(client_for, outsider, plans):
    response = client_for(outsider).get(_url("item_list"))
    assert [item.title for item in response.context["object_list"]] == ["辰溪的报告"]
    foreign_unit = {"unit": plans["published"].unit.pk}
    assert (
        list(client_for(outsider).get(_url("item_list"), foreign_unit).context["object_list"]) == []
    )


def test_item_list_queries_do_not_grow(
    client_for, staff_a, world, plans, django_assert_max_num_queries
):
    client = client_for(staff_a)
    client.get(_url("item_list"))
    with django_assert_max_num_queries(15) as captured:
        client.get(_url("item_list"))
    baseline = len(captured)
    for n in range(10):
        unit = UnitFactory(jurisdiction=world.county_a, name=f"单位{n}")
        ItemFactory(plan=plans["county"], unit=unit, office=f"工委{n % 3}")
        ItemFactory(plan=plans["township"], unit=world.township_unit_a)
    with django_assert_max_num_queries(baseline):
        client.get(_url("item_list"))


def test_deputies_print_only_published_plans_with_published_items(client_for, deputy_a, plans):
    client = client_for(deputy_a)
    assert client.get(_url("plan_print", plans["county"].pk)).status_code == 404
    Plan.objects.filter(pk=plans["county"].pk).update(
        status=Plan.Status.PUBLISHED, published_on=date(2025, 3, 1)
    )
    response = client.get(_url("plan_print", plans["county"].pk))
    assert [item.title for item in response.context["items"]] == ["义务教育报告"]
