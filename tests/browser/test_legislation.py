"""A consultation in real Chromium, on a phone: staff paste the draft and it is split into its
articles; a member of the public opens the public page, sends a suggestion on one article and gets
a receipt; staff accept it, merge a duplicate into it, rewrite it into legal language, send the
report and record the upper body's answer; the person looks the receipt up and reads it. Staff of
another county reach none of it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from legislation.models import Suggestion
from tests.accounts.factories import PASSWORD
from tests.legislation.factories import ConsultationFactory, ContactPointFactory, SuggestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DRAFT = """湖南省乡村建设条例（草案）
第一章　总　则
第一条　为了推进乡村建设，改善农村人居环境，制定本条例。
第二条　本省行政区域内的乡村建设活动，适用本条例。
第二章　规划与建设
第三条　乡镇人民政府应当及时建立农村公共基础设施管护制度。
"""
WORDS = "“及时”太笼统，老百姓不知道要等多久，建议写明天数。"
LEGAL = "将“及时”修改为“自本条例施行之日起六个月内”。"


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/?next=/legislation/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/legislation/")


def test_a_public_suggestion_from_the_phone_form_to_its_disposition(
    live_server, browser, world, staff_a, outsider
):
    base = live_server.url
    consultation = ConsultationFactory(
        point=ContactPointFactory(county=world.county_a), title="湖南省乡村建设条例（草案）"
    )
    errors: list[str] = []

    def watch(msg):
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{msg.text} {msg.location}")

    def new_page(watched=True):
        page = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
        page.set_default_timeout(8000)
        if watched:
            page.on("console", watch)
        return page

    # Staff paste the draft; it is split at 第X条 with its chapters.
    staff = new_page()
    log_in(staff, base, staff_a)
    staff.goto(f"{base}/legislation/consultations/{consultation.pk}/articles/")
    staff.get_by_label("草案文本").fill(DRAFT)
    staff.get_by_role("button", name="保存").click()
    # Each submit navigates; `expect` waits for the page it leads to before it is read.
    expect(staff.get_by_test_id("article-block")).to_have_count(3)
    assert "第二章 规划与建设" in staff.content()

    # A member of the public, without logging in, opens the consultation and the article's form.
    visitor = new_page()
    visitor.goto(f"{base}/legislation/public/")
    visitor.get_by_role("link", name="湖南省乡村建设条例（草案）").click()
    expect(visitor.get_by_test_id("public-article")).to_have_count(3)
    visitor.get_by_role("link", name="对第三条提意见").click()
    assert (
        visitor.get_by_label("针对条款").locator("option:checked").inner_text().startswith("第三条")
    )
    visitor.get_by_label("您的意见建议").fill(WORDS)
    visitor.get_by_label("联系电话").fill("13974510001")
    visitor.get_by_role("button", name="提交意见").click()
    expect(visitor.get_by_text("这个字段是必填项").first).to_be_visible()  # consent not ticked
    assert visitor.get_by_label("您的意见建议").input_value() == WORDS
    visitor.get_by_label(re.compile("我同意工作人员整理")).check()
    visitor.get_by_role("button", name="提交意见").click()
    number = visitor.get_by_test_id("receipt-number").inner_text()
    code = visitor.get_by_test_id("receipt-code").inner_text()
    assert re.fullmatch(r"LF\d{4}-[2-9A-Z]{6}", number) and len(code) == 6
    mine = Suggestion.objects.get(receipt_number=number)
    duplicate = SuggestionFactory(
        consultation=consultation, article=mine.article, content="建议写明多少天内建立制度。"
    )

    # Staff of another county cannot open it (the browser logs the 404 it expects).
    other = new_page(watched=False)
    log_in(other, base, outsider)
    response = other.goto(f"{base}/legislation/suggestions/{mine.pk}/")
    assert response.status == 404 and WORDS not in other.content()

    # Staff accept it, merge the symposium's duplicate into it, rewrite it, send the report.
    staff.goto(f"{base}/legislation/consultations/{consultation.pk}/")
    staff.get_by_role("link", name=number).click()
    # The click starts the navigation; read the page once it has arrived.
    staff.wait_for_url(f"{base}/legislation/suggestions/{mine.pk}/")
    assert "13974510001" in staff.content()  # the phone is for staff
    staff.get_by_role("button", name="受理", exact=True).click()
    staff.goto(f"{base}/legislation/suggestions/{duplicate.pk}/")
    staff.get_by_label("合并到").select_option(value=str(mine.pk))
    staff.get_by_role("button", name="合并", exact=True).click()
    staff.wait_for_url(f"{base}/legislation/suggestions/{mine.pk}/")
    assert duplicate.receipt_number in staff.content()  # now on the kept one's page
    staff.get_by_label("修改建议（规范表述）").fill(LEGAL)
    staff.get_by_label("理由").fill("便于群众监督，避免久拖不办。")
    staff.get_by_role("button", name="保存规范表述").click()
    assert staff.get_by_test_id("original").inner_text() == WORDS
    staff.get_by_role("link", name="湖南省乡村建设条例（草案）").first.click()
    staff.get_by_role("button", name="报送 1 条建议").click()
    staff.get_by_role("link", name="汇总报告（打印）").click()
    row = staff.get_by_test_id("report-table").locator("tbody tr").first
    assert LEGAL in row.inner_text() and "群众网上提交1条" in row.inner_text()
    assert "座谈会1条" in row.inner_text()

    # The upper body's answer: not adopted needs a reason; adopted is recorded.
    staff.goto(f"{base}/legislation/suggestions/{mine.pk}/")
    staff.get_by_label("采纳", exact=True).check()
    staff.get_by_label("反馈日期").fill(timezone.localdate().isoformat())
    staff.get_by_role("button", name="保存采纳情况").click()
    assert "采纳" in staff.get_by_test_id("disposition").inner_text()

    # The person reads the answer through the receipt; a wrong code shows nothing.
    visitor.goto(f"{base}/legislation/public/receipt/")
    visitor.get_by_label("回执编号").fill(number)
    visitor.get_by_label("查询码").fill("ZZZZZZ")
    visitor.get_by_role("button", name="查询").click()
    expect(visitor.get_by_text("回执编号或查询码不正确")).to_be_visible()
    assert WORDS not in visitor.content()
    visitor.get_by_label("查询码").fill(code.lower())
    visitor.get_by_role("button", name="查询").click()
    assert visitor.get_by_test_id("receipt-status").inner_text().strip() == "采纳"
    assert LEGAL in visitor.content() and "13974510001" not in visitor.content()
    width = visitor.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert errors == []
