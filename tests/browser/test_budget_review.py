"""Township budget review and 两问四评 in real Chromium, on a phone: staff record a township's
preliminary review and approval (an approval dated before the review is refused, with what was
typed kept) and read the county's matrix; the public answers a fund's two questions by the survey
link, staff count the paper questionnaires, enter the four evaluations, and publish; the public
reads the result; staff of another county reach none of it."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import rules
from budget.models import Fund, FundResponse, TownshipReview
from tests.accounts.factories import PASSWORD
from tests.budget.factories import FundCriterionFactory, FundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


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


def record(page, year, step, day, opinions=""):
    form = page.get_by_test_id("review-form")
    form.get_by_label("预算年度").fill(str(year))
    form.get_by_label("审查环节").select_option(label=step)
    form.get_by_label("日期").fill(day)
    form.get_by_label("主席团意见").fill(opinions)
    form.get_by_role("button", name="保存").click()


def test_township_review_on_a_phone(browser, live_server, world, staff_a, outsider):
    errors: list[str] = []
    page = new_page(browser, errors)
    login(page, live_server, staff_a)
    township = reverse("budget:review_township", args=[world.township_a.pk])
    page.goto(f"{live_server.url}{township}")
    record(page, 2024, "预算初审", "2024-01-08", "同意提交大会审查")
    expect(page.get_by_text("已登记。")).to_be_visible()
    record(page, 2024, "预算批准", "2024-01-05", "批准前一天")
    expect(page.get_by_text("预算批准日期不能早于初审日期。")).to_be_visible()
    expect(page.get_by_label("主席团意见")).to_have_value("批准前一天")
    record(page, 2024, "预算批准", "2024-01-09")
    expect(page.get_by_test_id("review-year")).to_contain_text("2024-01-09")
    page.goto(f"{live_server.url}{reverse('budget:review_matrix')}")
    row = page.get_by_test_id("review-row").filter(has_text="官庄镇")
    expect(row).to_contain_text("24/01/08")
    assert TownshipReview.objects.filter(township=world.township_a).count() == 2
    errors.remove(f"{live_server.url}{reverse('budget:review_record', args=[world.township_a.pk])}")
    assert not errors

    other = new_page(browser, [])
    login(other, live_server, outsider)
    assert other.goto(f"{live_server.url}{township}").status == 404


def test_two_questions_four_evaluations_to_the_public_result(
    browser, live_server, world, staff_a, outsider
):
    fund = FundFactory(county=world.county_a, unit=world.unit_a, name="保交楼专项资金")
    for kind in rules.FUND_EVALUATIONS:
        FundCriterionFactory(county=world.county_a, kind=kind, name="资金使用", max_score=100)
    errors: list[str] = []
    staff = new_page(browser, errors)
    login(staff, live_server, staff_a)
    staff.goto(f"{live_server.url}{fund.get_absolute_url()}")
    staff.get_by_role("button", name="开放问卷").click()
    survey_url = staff.get_by_role("link", name=re.compile("survey")).get_attribute("href")

    public = new_page(browser, errors)
    for first, second in (("好", "满意"), ("不好", "基本满意")):
        public.goto(survey_url)
        public.get_by_role("radio", name=first, exact=True).check()
        public.get_by_role("radio", name=second, exact=True).check()
        public.get_by_role("button", name="提交").click()
        expect(public.get_by_test_id("survey-thanks")).to_be_visible()
    assert FundResponse.objects.filter(fund=fund).count() == 2

    staff.get_by_text("录入纸质问卷统计").click()
    for question, counts in (
        ("资金落实好不好", ("7", "1", "0")),
        ("群众满不满意", ("7", "0", "1")),
    ):
        form = staff.get_by_test_id("tally-form")
        form.get_by_label("问题").select_option(label=question)
        for label, n in zip(
            ("好（满意）", "较好（基本满意）", "不好（不满意）"), counts, strict=True
        ):
            form.get_by_label(re.compile(f"^{label}")).fill(n)
        form.get_by_role("button", name="保存").click()
        expect(staff.get_by_text("已保存纸质问卷统计。")).to_be_visible()
        staff.get_by_text("录入纸质问卷统计").click()
    for kind in rules.FUND_EVALUATIONS:
        card = staff.get_by_test_id(f"evaluation-{kind}")
        card.get_by_text("录入评分").click()
        card.get_by_label("评价机构").fill("评价机构")
        card.get_by_label("评价日期").fill("2024-11-08")
        card.get_by_label(re.compile("资金使用")).fill("90")
        card.get_by_role("button", name="保存").click()
    # 9 of 10 favourable on each question, 90 on each evaluation.
    expect(staff.get_by_test_id("fund-result")).to_contain_text("90")
    staff.get_by_role("button", name="公布结果").click()
    expect(staff.get_by_test_id("fund-published")).to_be_visible()
    fund.refresh_from_db()
    assert fund.result == Decimal("90.00")

    public.goto(f"{live_server.url}{reverse('budget:public_fund_results', args=['431222'])}")
    expect(public.get_by_test_id("public-fund")).to_contain_text("保交楼专项资金")
    assert not errors
    assert Fund.objects.get(pk=fund.pk).is_published

    other = new_page(browser, [])
    login(other, live_server, outsider)
    assert other.goto(f"{live_server.url}{fund.get_absolute_url()}").status == 404
