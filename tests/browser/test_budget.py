"""A county's budget year in real Chromium, on a phone: staff import the adopted budget and a
month's execution, the rules raise a warning, staff confirm it into a problem assigned to the
finance bureau, the bureau's liaison replies with evidence, staff close it out; staff of another
county reach none of it."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budget.models import Problem, Warning
from tests.accounts.factories import PASSWORD
from tests.budget.factories import EXECUTION_HEADER, LINE_HEADER, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

LINES = [
    ["沅陵县", 2024, "201", "一般公共服务支出", 3000000, None, None],
    ["沅陵县", 2024, "20101", "人大事务", 3000000, None, None],
    ["沅陵县", 2024, "2010101", "行政运行", 2000000, None, None],
    ["沅陵县", 2024, "2010108", "代表工作", 1000000, None, None],
]
JUNE = [
    ["沅陵县", 2024, 6, "沅陵县人大常委会办公室", "2010101", "行政运行", 2000000, 990000],
    ["沅陵县", 2024, 6, "沅陵县财政局", "2010108", "代表工作", 1000000, 120000],
]


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


def test_budget_year_from_import_to_close_out(
    browser, live_server, world, staff_a, liaison_a, outsider, tmp_path, settings, celery_runner
):
    settings.MEDIA_ROOT = tmp_path
    errors: list[str] = []
    staff = new_page(browser, errors)
    login(staff, live_server, staff_a)

    lines = tmp_path / "lines.xlsx"
    lines.write_bytes(workbook(LINE_HEADER, LINES).getvalue())
    assert "新增 4 条" in upload(staff, live_server, "预算科目", lines)
    staff.goto(f"{live_server.url}{reverse('budget:budget_list')}")
    staff.get_by_role("link", name="沅陵县").click()
    expect(staff.get_by_test_id("line-row")).to_have_count(4)

    june = tmp_path / "june.xlsx"
    june.write_bytes(workbook(EXECUTION_HEADER, JUNE).getvalue())
    assert "新增 2 条" in upload(staff, live_server, "预算执行月报", june)
    # 30 June 2024 is day 182 of 366; 120,000 of 1,000,000 is far behind, 990,000 of 2,000,000
    # is on pace.
    staff.goto(f"{live_server.url}{reverse('budget:warning_list')}?status=open")
    rows = staff.get_by_test_id("warning-row")
    expect(rows).to_have_count(1)
    assert "沅陵县财政局" in rows.inner_text()
    rows.get_by_role("link", name="执行进度偏慢").click()

    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    form = staff.get_by_test_id("confirm-form")
    form.get_by_label("问题").fill("代表工作经费执行进度偏慢")
    form.get_by_label("责任单位").select_option(label="沅陵县财政局")
    form.get_by_label("整改期限").fill(due)
    form.get_by_role("button", name="确认并交办").click()
    expect(staff.get_by_role("alert").filter(has_text="已确认为问题并交办")).to_be_visible()
    problem = Problem.objects.get()
    assert Warning.objects.get().status == "confirmed"

    liaison = new_page(browser, errors)
    login(liaison, live_server, liaison_a)
    liaison.goto(f"{live_server.url}{reverse('budget:problem_list')}")
    liaison.get_by_role("link", name="代表工作经费执行进度偏慢").click()
    evidence = tmp_path / "拨付凭证.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    reply = liaison.get_by_test_id("reply-form")
    reply.get_by_label("整改情况").fill("经费已按进度拨付到位")
    reply.get_by_label("佐证材料（图片、PDF、Word 或 Excel，选填）").set_input_files(str(evidence))
    reply.get_by_role("button", name="提交反馈").click()
    expect(liaison.get_by_role("alert").filter(has_text="已反馈整改情况")).to_be_visible()
    expect(liaison.get_by_test_id("evidence-list")).to_contain_text("拨付凭证.pdf")

    staff.goto(f"{live_server.url}{problem.get_absolute_url()}")
    staff.get_by_test_id("review-form").get_by_label("审核意见").fill("核实到位")
    staff.get_by_role("button", name="销号").click()
    expect(staff.get_by_role("alert").filter(has_text="问题已销号")).to_be_visible()
    expect(staff.get_by_test_id("problem-status")).to_have_text("已销号")

    # Staff of another county reach none of it.
    other = new_page(browser, [])
    login(other, live_server, outsider)
    for url in (
        problem.get_absolute_url(),
        Warning.objects.get().get_absolute_url(),
        problem.warning.get_absolute_url(),
    ):
        response = other.goto(f"{live_server.url}{url}")
        assert response.status == 404
    other.goto(f"{live_server.url}{reverse('budget:budget_list')}")
    expect(other.get_by_test_id("budget-row")).to_have_count(0)
    assert not errors, errors
