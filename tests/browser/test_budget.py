"""A budget year of a county and of one of its townships in real Chromium, on a phone: staff
import the adopted budgets and each one's month of execution, the rules raise a warning on each,
staff confirm them into problems assigned to the county's finance bureau and to the township's
government, each unit's liaison replies, staff close them out, read the dashboard and publish
the quarter; the public reads the published quarter and no longer reaches it once withdrawn;
staff of another county reach none of it."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budget.models import Problem, Publication, Warning
from tests.accounts.factories import PASSWORD, LiaisonUserFactory
from tests.budget.factories import EXECUTION_HEADER, LINE_HEADER, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

LINES = [
    ["沅陵县", 2024, "201", "一般公共服务支出", 3000000, None, None],
    ["沅陵县", 2024, "20101", "人大事务", 3000000, None, None],
    ["沅陵县", 2024, "2010101", "行政运行", 2000000, None, None],
    ["沅陵县", 2024, "2010108", "代表工作", 1000000, None, None],
    ["官庄镇", 2024, "2010101", "行政运行", 500000, None, None],
]
JUNE = [
    ["沅陵县", 2024, 6, "沅陵县人大常委会办公室", "2010101", "行政运行", 2000000, 990000],
    ["沅陵县", 2024, 6, "沅陵县财政局", "2010108", "代表工作", 1000000, 120000],
]
# The township's own June: 40,000 of 500,000 is far behind too.
TOWNSHIP_JUNE = [["官庄镇", 2024, 6, "官庄镇人民政府", "2010101", "行政运行", 500000, 40000]]


def new_page(browser, errors):
    page = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
    page.set_default_timeout(10000)
    page.on(
        "response",
        lambda r: r.status >= 400 and "favicon" not in r.url and errors.append(r.url),
    )
    return page


def login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def upload(page, live_server, name, path):
    page.goto(f"{live_server.url}{reverse('budget:imports')}")
    page.get_by_role("link", name=re.compile(rf"^上传文件\s*（{name}）$")).click()
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="上传并导入").click()
    return page.get_by_test_id("import-done").inner_text()


def confirm(page, live_server, agency, title, unit):
    """Open the open warning of `agency` and confirm it into a problem assigned to `unit`."""
    page.goto(f"{live_server.url}{reverse('budget:warning_list')}?status=open")
    row = page.get_by_test_id("warning-row").filter(has_text=agency)
    row.get_by_role("link", name="执行进度偏慢").click()
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    form = page.get_by_test_id("confirm-form")
    form.get_by_label("问题").fill(title)
    form.get_by_label("责任单位").select_option(label=unit)
    form.get_by_label("整改期限").fill(due)
    form.get_by_role("button", name="确认并交办").click()
    expect(page.get_by_role("alert").filter(has_text="已确认为问题并交办")).to_be_visible()
    return Problem.objects.get(title=title)


def reply(page, live_server, title, evidence):
    page.goto(f"{live_server.url}{reverse('budget:problem_list')}")
    page.get_by_role("link", name=title).click()
    form = page.get_by_test_id("reply-form")
    form.get_by_label("整改情况").fill("经费已按进度拨付到位")
    form.get_by_label("佐证材料（图片、PDF、Word 或 Excel，选填）").set_input_files(str(evidence))
    form.get_by_role("button", name="提交反馈").click()
    expect(page.get_by_role("alert").filter(has_text="已反馈整改情况")).to_be_visible()
    expect(page.get_by_test_id("evidence-list")).to_contain_text(evidence.name)


def close_out(page, live_server, problem):
    page.goto(f"{live_server.url}{problem.get_absolute_url()}")
    page.get_by_test_id("review-form").get_by_label("审核意见").fill("核实到位")
    page.get_by_role("button", name="销号").click()
    expect(page.get_by_role("alert").filter(has_text="问题已销号")).to_be_visible()
    expect(page.get_by_test_id("problem-status")).to_have_text("已销号")


def publish(page, live_server, place):
    page.goto(f"{live_server.url}{reverse('budget:publication_list')}")
    form = page.get_by_test_id("publish-form")
    form.get_by_label("行政区划").select_option(label=place)
    form.get_by_label("年度").fill("2024")
    form.get_by_label("季度").select_option(label="第2季度")
    form.get_by_role("button", name="公开").click()
    expect(page.get_by_role("alert").filter(has_text="已公开该季度")).to_be_visible()
    return Publication.objects.get(jurisdiction__name=place)


def test_budget_year_of_a_county_and_a_township_to_the_published_quarter(
    browser, live_server, world, staff_a, liaison_a, outsider, tmp_path, settings, celery_runner
):
    settings.MEDIA_ROOT = tmp_path
    errors: list[str] = []
    staff = new_page(browser, errors)
    login(staff, live_server, staff_a)

    lines = tmp_path / "lines.xlsx"
    lines.write_bytes(workbook(LINE_HEADER, LINES).getvalue())
    assert "新增 5 条" in upload(staff, live_server, "预算科目", lines)
    staff.goto(f"{live_server.url}{reverse('budget:budget_list')}")
    staff.get_by_role("link", name="沅陵县").click()
    expect(staff.get_by_test_id("line-row")).to_have_count(4)
    expect(staff.get_by_test_id("line-table")).to_contain_text("3,000,000.00")
    staff.goto(f"{live_server.url}{reverse('budget:budget_list')}")
    staff.get_by_role("link", name="官庄镇").click()
    expect(staff.get_by_test_id("line-row")).to_have_count(1)

    for name, rows in (("june", JUNE), ("township-june", TOWNSHIP_JUNE)):
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(workbook(EXECUTION_HEADER, rows).getvalue())
        assert f"新增 {len(rows)} 条" in upload(staff, live_server, "预算执行月报", path)
    # 30 June 2024 is day 182 of 366; 120,000 of 1,000,000 and 40,000 of 500,000 are far
    # behind, 990,000 of 2,000,000 is on pace.
    staff.goto(f"{live_server.url}{reverse('budget:warning_list')}?status=open")
    expect(staff.get_by_test_id("warning-row")).to_have_count(2)

    county_problem = confirm(
        staff, live_server, "沅陵县财政局", "代表工作经费执行进度偏慢", "沅陵县财政局"
    )
    township_problem = confirm(
        staff, live_server, "官庄镇人民政府", "乡镇行政运行经费执行偏慢", "官庄镇人民政府"
    )
    assert set(Warning.objects.values_list("status", flat=True)) == {"confirmed"}

    evidence = tmp_path / "拨付凭证.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    township_liaison = LiaisonUserFactory(username="liaison_t", unit=world.township_unit_a)
    for user, title in (
        (liaison_a, "代表工作经费执行进度偏慢"),
        (township_liaison, "乡镇行政运行经费执行偏慢"),
    ):
        page = new_page(browser, errors)
        login(page, live_server, user)
        reply(page, live_server, title, evidence)
    close_out(staff, live_server, county_problem)
    close_out(staff, live_server, township_problem)

    # The dashboard: the county's units and its township against the time elapsed.
    staff.goto(f"{live_server.url}{reverse('budget:dashboard')}")
    expect(staff.get_by_test_id("agency-row")).to_have_count(2)
    expect(staff.get_by_test_id("township-row")).to_contain_text("官庄镇")
    expect(
        staff.get_by_test_id("problem-status-table").locator("[data-status=closed]")
    ).to_contain_text("2")
    expect(staff.locator("[data-chart=agencies] canvas")).to_have_count(1)

    county_quarter = publish(staff, live_server, "沅陵县")
    township_quarter = publish(staff, live_server, "官庄镇")

    public = new_page(browser, errors)
    public.goto(f"{live_server.url}{reverse('budget:public_index')}")
    public.get_by_role("link", name="沅陵县").click()
    expect(public.get_by_test_id("public-quarters").get_by_role("listitem")).to_have_count(2)
    public.get_by_role("link", name="沅陵县2024年第2季度").click()
    problems = public.get_by_test_id("problem-row")
    expect(problems.filter(has_text="代表工作经费执行进度偏慢")).to_contain_text("已销号")
    expect(problems.filter(has_text="乡镇行政运行经费执行偏慢")).to_contain_text("官庄镇人民政府")
    expect(public.get_by_test_id("agency-table")).to_contain_text("沅陵县财政局")
    public.goto(f"{live_server.url}{reverse('budget:public_quarter', args=[township_quarter.pk])}")
    expect(public.get_by_test_id("agency-table")).to_contain_text("官庄镇人民政府")

    # Withdrawn, the township's quarter is gone from the public pages.
    staff.goto(f"{live_server.url}{township_quarter.get_absolute_url()}")
    staff.get_by_text("撤回公开").click()
    staff.get_by_test_id("withdraw-form").get_by_label("撤回原因").fill("数据更正")
    staff.get_by_role("button", name="撤回", exact=True).click()
    expect(staff.get_by_role("alert").filter(has_text="已撤回该季度的公开")).to_be_visible()
    gone = public.goto(
        f"{live_server.url}{reverse('budget:public_quarter', args=[township_quarter.pk])}"
    )
    assert gone.status == 404
    errors.remove(gone.url)

    # Staff of another county reach none of it.
    other = new_page(browser, [])
    login(other, live_server, outsider)
    for url in (
        county_problem.get_absolute_url(),
        county_problem.warning.get_absolute_url(),
        township_problem.get_absolute_url(),
        county_quarter.get_absolute_url(),
        f"{reverse('budget:dashboard')}?county={world.county_a.pk}",
    ):
        response = other.goto(f"{live_server.url}{url}")
        assert response.status == 404, url
    other.goto(f"{live_server.url}{reverse('budget:budget_list')}")
    expect(other.get_by_test_id("budget-row")).to_have_count(0)
    other.goto(f"{live_server.url}{reverse('budget:publication_list')}")
    expect(other.get_by_test_id("publication-row")).to_have_count(0)
    assert not errors, errors
