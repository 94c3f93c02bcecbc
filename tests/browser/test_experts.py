"""The expert pool in real Chromium, on a phone: county staff add an expert, record the pool's
quarterly meeting, invite the expert to a supervision item, record the expert's opinion and its
adoption, and the yearly report counts them; staff of another county reach none of it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from experts.models import Engagement, Expert
from tests.supervision.factories import AdoptedPlanFactory, ItemFactory

from .test_supervision import Pick, Tick, fill, login, new_page, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year - 1


def day(month: int, dom: int) -> str:
    return dt.date(YEAR, month, dom).isoformat()


def test_staff_run_the_pool_from_an_expert_to_the_yearly_report(
    browser, live_server, world, staff_a, outsider
):
    plan = AdoptedPlanFactory(jurisdiction=world.county_a, year=YEAR)
    ItemFactory(plan=plan, title="食品安全执法检查", unit=world.unit_a)
    errors: list[str] = []
    page = new_page(browser, errors)
    login(page, live_server, staff_a)

    page.goto(live_server.url + reverse("experts:expert_create"))
    fill(
        page,
        {
            "姓名": "向志军",
            "专业领域": "宪法与行政法",
            "职称": "教授",
            "职称级别": Pick("正高级"),
            "工作单位": "怀化学院",
            "聘期开始": day(1, 1),
            "联系电话": "0745-2811111",
        },
    )
    submit(page, page.locator("main form"), "保存", "已将专家加入专家库")
    expect(page.get_by_role("heading", name="向志军")).to_be_visible()

    page.goto(live_server.url + reverse("experts:meeting_create"))
    fill(
        page,
        {
            "会议类型": Pick("季度恳谈会"),
            "召开日期": day(3, 28),
            "主题": "第一季度恳谈会",
            "参会专家": Tick("向志军"),
        },
    )
    submit(page, page.locator("main form"), "保存", "已记录专家库会议")
    expect(page.get_by_test_id("meeting-row")).to_contain_text("第一季度恳谈会")

    page.goto(live_server.url + reverse("experts:engagement_create"))
    fill(
        page,
        {
            "工作类型": Pick("监督事项（视察、调研、执法检查）"),
            "监督事项": Pick("食品安全执法检查"),
            "开始日期": day(5, 1),
            "邀请的专家": Tick("向志军"),
        },
    )
    submit(page, page.locator("main form"), "保存", "已邀请专家参与工作")
    expect(page.get_by_role("heading", name="食品安全执法检查")).to_be_visible()

    page.locator("summary", has_text="记录专家意见").click()
    form = page.locator("details", has=page.locator("summary", has_text="记录专家意见"))
    fill(
        form,
        {
            "专家": Pick("向志军"),
            "意见类型": Pick("专业意见"),
            "提出日期": day(5, 20),
            "意见内容": "建议建立问题清单，明确整改时限",
        },
    )
    submit(page, form, "记录专家意见", "已保存")

    row = page.get_by_test_id("opinion-row")
    row.locator("summary", has_text="记录采纳情况").click()
    fill(row, {"采纳情况": Tick("已采纳"), "研究日期": day(6, 1)})
    submit(page, row, "记录采纳情况", "已记录意见采纳情况")
    expect(page.get_by_test_id("opinion-status")).to_have_text("已采纳")

    page.goto(live_server.url + reverse("experts:report") + f"?year={YEAR}")
    expect(page.get_by_test_id("report-experts")).to_have_text("1")
    expect(page.get_by_test_id("report-meetings")).to_contain_text("1")
    expect(page.get_by_test_id("report-professional")).to_have_text("1")
    expect(page.get_by_test_id("report-adopted")).to_have_text("1")
    assert not errors

    expert = Expert.objects.get()
    engagement = Engagement.objects.get()
    other = new_page(browser)
    login(other, live_server, outsider)
    for url in (expert.get_absolute_url(), engagement.get_absolute_url()):
        assert other.goto(live_server.url + url).status == 404
    other.goto(live_server.url + reverse("experts:pool"))
    expect(other.get_by_test_id("expert-table")).not_to_contain_text("向志军")
