"""The public pages of supervision (监督法: made known to deputies and the public): what anyone
may read without a login, and everything that must stay in the office."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supervision.models import Item, Plan, ReportVersion
from supervision.services import lifecycle
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory
from tests.supervision.factories import (
    AdoptedPlanFactory,
    CommitmentFactory,
    ItemFactory,
    PlanFactory,
    QuestionFactory,
    ResearchFactory,
)
from tests.supervision.factories_public import (
    HandlingReportFactory,
    OpinionLetterFactory,
    PublishedItemFactory,
    PublishedPlanFactory,
    ReportVersionFactory,
)

INDEX = reverse("supervision:public_index")


def plan_url(plan: Plan) -> str:
    return reverse("supervision:public_plan", args=[plan.pk])


def item_url(item: Item) -> str:
    return reverse("supervision:public_item", args=[item.pk])


def main(response) -> str:
    """The page's own content, without the navigation bar that differs for a logged-in user."""
    assert response.status_code == 200
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


@pytest.fixture
def office(world):
    """The county A staff member who keeps the records: never named on a public page."""
    return StaffUserFactory(full_name="欧阳办事员", jurisdiction=world.county_a)


@pytest.fixture
def plan_a(world, office):
    return PublishedPlanFactory(jurisdiction=world.county_a, created_by=office)


@pytest.fixture
def heard(plan_a, world):
    """A published item with everything the public may read, and the drafts it may not."""
    item = PublishedItemFactory(plan=plan_a, title="关于义务教育工作情况的报告", unit=world.unit_a)
    ReportVersionFactory(item=item, stage=ReportVersion.Stage.DRAFT, summary="征求意见稿内容甲")
    ReportVersionFactory(item=item, summary="正式报告内容乙")
    OpinionLetterFactory(
        item=item,
        content="审议意见内容丙",
        sent_on=date(2025, 7, 2),
        letter_number="常办函〔2025〕8号",
    )
    HandlingReportFactory(
        item=item,
        received_on=date(2025, 8, 30),
        content="研究处理情况内容丁",
        verdict="unsatisfied",
    )
    HandlingReportFactory(item=item, round=2, due_on=date(2025, 11, 30), content="未收到的报告戊")
    ResearchFactory(item=item, findings="调研发现内容己")
    return item


@pytest.fixture
def unpublished(plan_a, world):
    """An item of the same published plan, heard but not yet made public."""
    item = ItemFactory(
        plan=plan_a,
        title="关于安全生产工作情况的报告",
        unit=world.unit_a,
        heard_on=date(2025, 6, 26),
        reporter="应急管理局局长 赵六",
        state=Item.State.OPINIONS_SENT,
    )
    ReportVersionFactory(item=item, summary="未公开事项的正式报告庚")
    OpinionLetterFactory(item=item, content="未公开事项的审议意见辛", sent_on=date(2025, 7, 2))
    return item


# --- What anyone may read ----------------------------------------------------------------------


def test_a_visitor_reads_a_published_plan_and_item(client, heard, plan_a):
    index = main(client.get(INDEX))
    assert "沅陵县" in index and f'href="{plan_url(plan_a)}"' in index

    page = main(client.get(plan_url(plan_a)))
    assert plan_a.title in page and plan_a.document_number in page
    assert f'href="{item_url(heard)}"' in page

    page = main(client.get(item_url(heard)))
    for shown in [
        heard.title,
        "听取和审议专项工作报告",
        "沅陵县财政局",
        "县第十八届人大常委会第二十次会议",
        "2025-06-26",
        "县财政局局长 王平",
        "正式报告内容乙",
        "审议意见内容丙",
        "常办函〔2025〕8号",
        "研究处理情况内容丁",
        "不满意",
    ]:
        assert shown in page, shown


def test_drafts_and_office_records_never_reach_the_page(client, heard, office):
    page = client.get(item_url(heard)).content.decode()
    for hidden in ["征求意见稿内容甲", "未收到的报告戊", "调研发现内容己", office.full_name]:
        assert hidden not in page, hidden


def test_opinions_not_yet_sent_stay_in_the_office(client, plan_a):
    item = PublishedItemFactory(plan=plan_a)
    OpinionLetterFactory(item=item, content="尚在起草的审议意见")
    page = main(client.get(item_url(item)))
    assert "尚在起草的审议意见" not in page
    assert "审议意见尚未交办" in page


def test_an_inquiry_shows_questions_answers_and_commitments_with_their_status(client, plan_a):
    today = timezone.localdate()
    item = PublishedItemFactory(plan=plan_a, kind=Item.Kind.INQUIRY)
    question = QuestionFactory(item=item, asked_by="陈委员", question="欠薪问题何时解决？")
    CommitmentFactory(question=question, content="承诺一", due_on=today - timedelta(days=1))
    CommitmentFactory(question=question, content="承诺二", due_on=today)
    CommitmentFactory(
        question=question,
        content="承诺三",
        due_on=today - timedelta(days=9),
        done_on=today - timedelta(days=10),
        result="已全部兑付",
    )
    page = main(client.get(item_url(item)))
    assert "陈委员" in page and "欠薪问题何时解决？" in page
    assert "已整改到位八成，年底前全部完成。" in page  # the answer
    assert page.count("逾期未完成") == 1  # only 承诺一: the due day itself is not late
    assert page.count("正在落实") == 1
    assert "已全部兑付" in page


def test_a_resolution_shows_its_text_and_execution_report(client, plan_a):
    item = PublishedItemFactory(
        plan=plan_a,
        kind=Item.Kind.RESOLUTION,
        resolution_text="关于加强耕地保护的决议全文",
        execution_due=date(2025, 12, 31),
    )
    HandlingReportFactory(item=item, received_on=date(2025, 12, 20), content="执行情况内容")
    page = main(client.get(item_url(item)))
    assert "关于加强耕地保护的决议全文" in page and "执行情况内容" in page
    assert "执行情况报告" in page and "审议意见尚未交办" not in page


def test_the_index_groups_township_plans_under_their_county(client, world, plan_a):
    township_plan = PublishedPlanFactory(jurisdiction=world.township_a)
    other = PublishedPlanFactory(jurisdiction=world.county_b)
    page = main(client.get(INDEX))
    assert page.index("沅陵县") < page.index(township_plan.title) < page.index("辰溪县")
    assert f'href="{plan_url(other)}"' in page


def test_the_index_defaults_to_the_latest_year_and_switches_years(client, world, plan_a):
    old = PublishedPlanFactory(jurisdiction=world.county_a, year=2024)
    newer_draft = PlanFactory(jurisdiction=world.county_a, year=2026)
    page = main(client.get(INDEX))
    assert plan_a.title in page and old.title not in page
    assert "2026" not in page  # a draft plan's year is not a year with data
    assert '?year=2024"' in page

    page = main(client.get(INDEX, {"year": 2024}))
    assert old.title in page and plan_a.title not in page
    # A year without data, or nonsense, shows the latest year.
    for year in ["2026", "1999", "abc"]:
        assert plan_a.title in main(client.get(INDEX, {"year": year})), year
    assert newer_draft.title not in page


def test_an_empty_portal_says_so(client, db):
    assert "暂无公开的监督工作计划" in main(client.get(INDEX))


def test_the_page_follows_the_item_through_the_lifecycle_services(client, plan_a, office):
    """Each step shows on the public page only once it is made, never as a draft."""
    item = ItemFactory(plan=plan_a, created_by=office, title="关于乡村振兴工作情况的报告")
    lifecycle.hearing_record(item=item, heard_on=date(2025, 6, 20), reporter="王副县长", by=office)
    lifecycle.version_record(
        item=item, stage="draft", received_on=date(2025, 5, 30), summary="稿一", by=office
    )
    lifecycle.version_record(
        item=item, stage="final", received_on=date(2025, 6, 9), summary="定稿二", by=office
    )
    assert client.get(item_url(item)).status_code == 404  # heard, not yet published
    lifecycle.item_publish(item=item, by=office)

    def page() -> str:
        return main(client.get(item_url(item)))

    assert "定稿二" in page() and "稿一" not in page() and "王副县长" in page()
    letter = lifecycle.opinions_draft(item=item, content="意见草稿三", by=office)
    assert "意见草稿三" not in page()
    lifecycle.opinions_send(letter=letter, sent_on=date(2025, 6, 27), by=office)
    assert "意见草稿三" in page() and "尚未收到报告" in page()
    report = item.handling_reports.get(round=1)
    lifecycle.handling_report_receive(
        report=report, received_on=date(2025, 8, 20), content="处理情况四", by=office
    )
    lifecycle.verdict_record(report=report, verdict="unsatisfied", by=office)
    assert "处理情况四" in page() and "不满意" in page()
    assert "第2次报告" not in page()  # the report asked again is not in yet
    assert office.full_name not in client.get(item_url(item)).content.decode()


# --- What stays unpublished --------------------------------------------------------------------


def test_draft_and_adopted_plans_are_not_found(client, world):
    for plan in [PlanFactory(jurisdiction=world.county_a), AdoptedPlanFactory(year=2024)]:
        assert client.get(plan_url(plan)).status_code == 404
        assert plan.title not in client.get(INDEX).content.decode()


def test_an_unpublished_item_is_not_found_even_on_a_published_plan(client, unpublished):
    assert client.get(item_url(unpublished)).status_code == 404
    # Ids are guessable: the ones around it are no door either.
    for pk in (unpublished.pk + 1, unpublished.pk + 1000):
        assert client.get(reverse("supervision:public_item", args=[pk])).status_code == 404


def test_the_plan_lists_an_unpublished_item_by_its_plan_fields_only(client, plan_a, unpublished):
    page = main(client.get(plan_url(plan_a)))
    assert unpublished.title in page  # the plan as published names its items
    assert f'href="{item_url(unpublished)}"' not in page
    for hidden in ["未公开事项的正式报告庚", "未公开事项的审议意见辛", "应急管理局局长 赵六"]:
        assert hidden not in page, hidden
    assert "审议意见已交办" not in page  # nor how far it has got


def test_links_to_other_items_only_when_they_are_public(client, plan_a, unpublished, heard):
    follow_up = PublishedItemFactory(
        plan=PublishedPlanFactory(jurisdiction=plan_a.jurisdiction, year=2026),
        follows=heard,
        title="义务教育跟踪监督",
    )
    hidden_follow_up = ItemFactory(plan=follow_up.plan, follows=heard, title="未公开的跟踪事项")
    inquiry = PublishedItemFactory(plan=plan_a, kind=Item.Kind.INQUIRY, joined_to=unpublished)

    page = main(client.get(item_url(heard)))
    assert f'href="{item_url(follow_up)}"' in page
    assert hidden_follow_up.title not in page
    assert f'href="{item_url(heard)}"' in main(client.get(item_url(follow_up)))
    page = main(client.get(item_url(inquiry)))
    assert unpublished.title not in page


def test_an_item_published_on_a_plan_not_yet_public_does_not_link_the_plan(client, world):
    item = PublishedItemFactory(plan=AdoptedPlanFactory(jurisdiction=world.county_a))
    page = main(client.get(item_url(item)))
    assert f'href="{plan_url(item.plan)}"' not in page


def test_the_pages_only_read(client, heard):
    for url in [INDEX, plan_url(heard.plan), item_url(heard)]:
        assert client.post(url).status_code == 405


# --- Public is public ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["outsider", "staff_a", "deputy_a"])
def test_a_logged_in_user_sees_the_same_public_content_and_nothing_more(
    client, client_for, request, heard, unpublished, persona
):
    urls = [INDEX, plan_url(heard.plan), item_url(heard)]
    anonymous = [main(client.get(url)) for url in urls]
    user_client = client_for(request.getfixturevalue(persona))
    assert [main(user_client.get(url)) for url in urls] == anonymous
    # Even the county's own staff get no public page for an item not yet published.
    assert user_client.get(item_url(unpublished)).status_code == 404
    assert user_client.get(plan_url(PlanFactory(year=2023))).status_code == 404


# --- Query counts --------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, item: Item, n: int) -> None:
    """Add `n` of everything the pages list: counties with plans in two years, items of the plan,
    and on the item of the page versions, handling reports, questions, commitments, follow-ups."""
    for _ in range(n):
        county = JurisdictionFactory(parent=world.city)
        PublishedPlanFactory(jurisdiction=county)
        PublishedPlanFactory(jurisdiction=county, year=2024)
        ItemFactory(plan=item.plan)
        PublishedItemFactory(plan=item.plan)
        ReportVersionFactory(item=item, received_on=date(2025, 6, 18))
        rounds = item.handling_reports.count()
        HandlingReportFactory(item=item, round=rounds + 1, received_on=date(2025, 9, 1))
        for _ in range(2):
            CommitmentFactory(question=QuestionFactory(item=item))
        PublishedItemFactory(plan=item.plan, follows=item)


@pytest.mark.parametrize("logged_in", [False, True])
def test_query_counts_do_not_grow_with_the_data(
    client, client_for, outsider, world, heard, logged_in
):
    if logged_in:
        client = client_for(outsider)
    urls = [INDEX, plan_url(heard.plan), item_url(heard)]
    grow(world, heard, 1)
    before = [queries(client, url) for url in urls]
    grow(world, heard, 4)
    assert [queries(client, url) for url in urls] == before


def test_query_counts_are_pinned(client, world, heard, django_assert_num_queries):
    grow(world, heard, 3)
    # The years, then the plans of the year with their item counts.
    with django_assert_num_queries(2):
        client.get(INDEX)
    # The plan, then its items with their units.
    with django_assert_num_queries(2):
        client.get(plan_url(heard.plan))
    # The item (with its plan, unit, letter and linked items), its public versions, received
    # handling reports, questions, their commitments and its published follow-ups.
    with django_assert_num_queries(6):
        client.get(item_url(heard))
