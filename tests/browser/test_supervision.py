"""The standing committee's supervision in real Chromium, on a phone: staff draft the year's
plan with one item of each kind, adopt and publish it, then run every item from its dossier page
to its close and publish it; a refused step keeps what was typed with the reason beside the field;
and staff of another county reach none of it."""

import datetime as dt
import re
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from supervision.models import Item
from tests.accounts.factories import PASSWORD
from tests.supervision.factories import (
    AdoptedPlanFactory,
    CommitmentFactory,
    ItemFactory,
    PlanFactory,
    QuestionFactory,
)
from tests.supervision.factories_lifecycle import county_item, opinions_sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# Last year's plan: every date of its run (adoption, sessions, reports) is already past, whatever
# the day the suite runs on; the close and publication fall on today.
YEAR = timezone.localdate().year - 1


def day(month: int, dom: int) -> str:
    return dt.date(YEAR, month, dom).isoformat()


def login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def new_page(browser, errors=None):
    page = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
    # A missing control fails in seconds, not after the default half minute.
    page.set_default_timeout(8000)
    if errors is not None:
        # Every page and static file loads (the browser's own favicon probe aside).
        page.on(
            "response",
            lambda r: r.status >= 400 and "favicon" not in r.url and errors.append(r.url),
        )
    return page


@dataclass(frozen=True)
class Pick:
    """An option of a <select>, chosen by the text people read."""

    label: str


@dataclass(frozen=True)
class Tick:
    """A box of a group of checkboxes, ticked by its label."""

    label: str


def labelled(scope, label: str):
    """The field labelled exactly `label`, whether or not the label carries the required mark."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def fill(scope, values: dict) -> None:
    for label, value in values.items():
        if isinstance(value, Pick):
            labelled(scope, label).select_option(label=value.label)
        elif isinstance(value, Tick):
            scope.get_by_role("group", name=label).get_by_label(value.label, exact=True).check()
        else:
            labelled(scope, label).fill(value)


def section(page, heading: str):
    """A card of the dossier page, by its heading."""
    return page.get_by_role("region", name=heading, exact=True)


def submit(page, scope, button: str, success: str) -> None:
    """Press the form's button; a refusal fails the test with the page's own words."""
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        scope.get_by_role("button", name=button, exact=True).click()
    if posted.value.status >= 400:
        page.wait_for_load_state()
        refusal = page.get_by_role("alert").all_inner_texts()
        pytest.fail(f"「{button}」被拒绝（{posted.value.status}）：{refusal}")
    expect(page.get_by_role("alert").filter(has_text=success)).to_be_visible()


def step(page, heading: str, summary: str, values: dict, success: str, button=None, scope=None):
    """Open the folded form `summary` in the card `heading`, fill it in and submit it."""
    area = scope or section(page, heading)
    area.locator("summary", has_text=summary).click()
    form = area.get_by_role("group").filter(has=page.locator("summary", has_text=summary))
    fill(form, values)
    submit(page, form, button or summary, success)


def state(page) -> str:
    return page.get_by_test_id("item-state").inner_text()


# --- 1. The plan and every kind of item, from drafting to the close ------------------------------


@dataclass
class PlanItem:
    title: str
    kind: str
    month: str
    extra: dict = field(default_factory=dict)


WORK = "关于全县义务教育均衡发展工作情况的报告"
INSPECTION = "《中华人民共和国食品安全法》执法检查"
INQUIRY = "关于义务教育均衡发展的专题询问"
FISCAL = f"关于{YEAR - 1}年度县本级预算执行和其他财政收支的审计工作报告"
RESOLUTION = "关于加强饮用水水源保护的决议"

ITEMS = [
    PlanItem(WORK, "听取和审议专项工作报告", "6月"),
    PlanItem(
        INSPECTION,
        "执法检查",
        "5月",
        {
            "检查的法律法规": "中华人民共和国食品安全法",
            "执法检查组": "县人大常委会副主任任组长",
            "检查地点": "城区农贸市场、学校食堂",
            "检查方式": Tick("实地检查"),
        },
    ),
    PlanItem(INQUIRY, "专题询问", "6月", {"结合审议的报告": Pick(WORK)}),
    PlanItem(FISCAL, "计划、预算、决算和审计工作报告", "7月"),
    PlanItem(RESOLUTION, "决议、决定", "8月"),
]


def plan_drafted(page, live_server, county) -> None:
    """Draft the plan and add the five items through the plan's own pages."""
    page.goto(f"{live_server.url}{reverse('supervision:plan_list')}")
    page.get_by_role("link", name="新建计划").click()
    fill(page, {"年度": str(YEAR), "计划名称": f"沅陵县人大常委会{YEAR}年度监督工作计划"})
    expect(labelled(page, "制定机关")).to_have_value(str(county.pk))
    submit(page, page.get_by_role("main"), "保存", "已新建监督工作计划")
    for item in ITEMS:
        page.get_by_role("link", name="添加监督事项").click()
        fill(
            page,
            {
                "监督形式": Pick(item.kind),
                "事项名称": item.title,
                "被监督单位": Pick("沅陵县财政局"),
                "承办工委": "教科文卫工委",
                "计划审议月份": Pick(item.month),
                "选题来源": Pick("党委重点工作"),
                **item.extra,
            },
        )
        submit(page, page.get_by_role("main"), "保存", "已添加监督事项")
    expect(page.get_by_test_id("item-row")).to_have_count(5)
    assert (
        f"结合审议：{WORK}" in page.get_by_test_id("item-row").filter(has_text=INQUIRY).inner_text()
    )


def plan_adopted_and_published(page) -> None:
    adopt = section(page, "计划通过")
    fill(adopt, {"通过日期": day(2, 20), "文号": f"沅常发〔{YEAR}〕3号"})
    submit(page, adopt, "登记通过", "监督工作计划已通过")
    publish = section(page, "公布计划")
    fill(publish, {"公布日期": day(2, 25)})
    submit(page, publish, "公布", "监督工作计划已公布")
    assert "已公布" in page.get_by_role("main").inner_text()


def open_item(page, plan_url: str, title: str) -> None:
    page.goto(plan_url)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def versions(page, kind: str) -> None:
    if kind == "inspection":
        step(
            page,
            "执法检查报告",
            "登记报告文本",
            {
                "稿次": Pick("执法检查报告"),
                "收到日期": day(5, 28),
                "报告内容摘要": "全县食品安全监管总体有效，农村集体聚餐监管薄弱。",
            },
            "已登记报告文本",
        )
        return
    step(
        page,
        "报告稿",
        "登记报告文本",
        {"稿次": Pick("征求意见稿"), "收到日期": day(5, 30), "报告内容摘要": "征求意见稿要点"},
        "已登记报告文本",
    )
    step(
        page,
        "报告稿",
        "登记报告文本",
        {"稿次": Pick("正式报告"), "收到日期": day(6, 9), "报告内容摘要": f"{kind}正式报告全文"},
        "已登记报告文本",
    )


def session_and_hearing(page, kind: str) -> None:
    step(
        page,
        "会议审议",
        "确定会议日期",
        {"常委会会议日期": day(6, 19), "会议名称": "县十八届人大常委会第十二次会议"},
        "已确定会议日期",
    )
    hearing = {"报告人": "副县长 王军", "审议情况": "常委会组成人员逐项审议，提出意见。"}
    if kind == "resolution":
        hearing |= {
            "决议、决定内容": "一、严格饮用水水源保护区管理。",
            "执行情况报告期限": day(12, 31),
        }
    step(page, "会议审议", "记录会议审议情况", hearing, "已记录会议审议情况")
    if kind == "resolution":
        # Adopted at the session, the resolution's execution report falls due on its deadline.
        report = page.get_by_test_id("handling-report")
        expect(report).to_contain_text(f"报告期限 {day(12, 31)}")
        assert "决议已通过" in state(page)  # not "opinions sent": a resolution has none
    else:
        assert "已审议" in state(page)


def inquiry_held(page) -> None:
    step(
        page,
        "会议审议",
        "登记询问问题",
        {
            "提问人": "李秀兰委员",
            "询问内容": "农村学校教师编制缺口如何解决？",
            "应询单位": Pick("沅陵县财政局"),
            "应询人": "县财政局局长 陈刚",
            "答复内容": "今年新增编制一百名。",
        },
        "已登记询问问题",
    )
    question = page.get_by_test_id("question")
    step(
        page,
        "会议审议",
        "登记应询承诺",
        {
            "承诺事项": "年底前补齐农村学校教师编制",
            "责任单位": Pick("沅陵县财政局"),
            "责任人": "陈刚",
            "承诺完成期限": day(12, 31),
        },
        "已登记应询承诺",
        scope=question,
    )
    step(
        page,
        "会议审议",
        "报告落实情况",
        {"完成日期": day(11, 15), "落实情况": "已招聘教师一百名到岗"},
        "已报告承诺落实情况",
        scope=page.get_by_test_id("commitment"),
    )
    assert "已完成" in page.get_by_test_id("commitment").inner_text()


def opinions_sent_and_letter(page, title: str) -> None:
    step(
        page,
        "审议意见",
        "起草审议意见",
        {"审议意见": f"一、关于《{title}》的审议意见：加大投入；二、完善机制。"},
        "已保存审议意见",
        button="保存审议意见",
    )
    step(
        page,
        "审议意见",
        "交办审议意见",
        {"交办日期": day(6, 25), "交办函文号": f"沅常办函〔{YEAR}〕8号"},
        "已交办审议意见",
    )
    assert "审议意见已交办" in state(page)
    page.get_by_role("link", name="打印交办函").click()
    letter = page.get_by_test_id("letter")
    expect(page.get_by_test_id("committee")).to_have_text("沅陵县人大常委会")
    text = letter.inner_text()
    assert "沅陵县财政局：" in text and f"沅常办函〔{YEAR}〕8号" in text
    assert f"请于 {YEAR}年8月25日 前将研究处理情况书面报告常委会" in text
    page.go_back()


def handling_received(page, heading: str, report, received_on: str) -> None:
    step(
        page,
        heading,
        "登记收到报告",
        {"收到日期": received_on, "研究处理情况": "已逐条研究，制定整改方案并落实。"},
        "已登记研究处理情况报告",
        scope=report,
    )


def verdict(page, heading: str, report, mark: str) -> None:
    step(
        page, heading, "登记书面测评结果", {"测评结果": Pick(mark)}, "已登记测评结果", scope=report
    )


def closed_and_published(page) -> None:
    step(page, "办结", "办结", {}, "该监督事项已办结", button="确认办结")
    publish = section(page, "公开")
    submit(page, publish, "公开", "已向代表和社会公开")
    assert "已办结" in state(page) and "已公开" in state(page)


def run(page, plan_url, title, kind) -> None:
    open_item(page, plan_url, title)
    if kind == "work_report":
        step(
            page,
            "会前调研",
            "登记调研视察",
            {
                "方式": Pick("视察"),
                "日期": day(5, 12),
                "地点": "官庄镇中心学校",
                "发现的问题和建议": "农村学校师资不足",
            },
            "已登记调研视察",
        )
        assert "会前准备" in state(page)
    versions(page, kind)
    session_and_hearing(page, kind)
    if kind == "inquiry":
        inquiry_held(page)
    heading = "执行情况报告" if kind == "resolution" else "研究处理情况报告"
    if kind != "resolution":
        opinions_sent_and_letter(page, title)
    reports = page.get_by_test_id("handling-report")
    handling_received(page, heading, reports.first, day(8, 20))
    if kind == "fiscal_report":
        # The members find the first report wanting: the body reports again.
        verdict(page, heading, reports.first, "不满意")
        assert "须重新报告" in state(page)
        expect(reports).to_have_count(2)
        handling_received(page, heading, reports.nth(1), day(10, 20))
        verdict(page, heading, reports.nth(1), "满意")
    else:
        verdict(page, heading, reports.first, "满意")
    closed_and_published(page)


def test_plan_to_close_for_every_kind(browser, live_server, world, staff_a):
    errors: list[str] = []
    page = new_page(browser, errors)
    login(page, live_server, staff_a)

    plan_drafted(page, live_server, world.county_a)
    plan_url = page.url
    plan_adopted_and_published(page)
    kinds = ["work_report", "inspection", "inquiry", "fiscal_report", "resolution"]
    for item, kind in zip(ITEMS, kinds, strict=True):
        run(page, plan_url, item.title, kind)

    page.goto(plan_url)
    states = page.get_by_test_id("state").all_inner_texts()
    assert states == ["已办结"] * 5
    assert errors == []
    page.context.close()

    # What the public reads of each item, without logging in.
    public = new_page(browser, errors)
    items = {item.title: item for item in Item.objects.filter(plan__year=YEAR)}
    for title, kind in zip([i.title for i in ITEMS], kinds, strict=True):
        public.goto(
            f"{live_server.url}{reverse('supervision:public_item', args=[items[title].pk])}"
        )
        expect(public.get_by_role("heading", level=1)).to_have_text(title)
        handling = public.get_by_test_id("public-handling").inner_text()
        assert "已逐条研究，制定整改方案并落实。" in handling and "满意" in handling
        if kind == "resolution":
            resolution = public.get_by_test_id("public-resolution").inner_text()
            assert "严格饮用水水源保护区管理" in resolution
            continue
        opinions = public.get_by_test_id("public-opinions").inner_text()
        assert f"关于《{title}》的审议意见" in opinions
        if kind == "inquiry":
            inquiry = public.get_by_test_id("public-inquiry").inner_text()
            assert "农村学校教师编制缺口" in inquiry and "已招聘教师一百名到岗" in inquiry
        elif kind == "inspection":
            assert "农村集体聚餐监管薄弱" in public.get_by_test_id("public-report").inner_text()
        else:
            report = public.get_by_test_id("public-report").inner_text()
            assert f"{kind}正式报告全文" in report and "征求意见稿要点" not in report
    assert errors == []
    public.context.close()


# --- 2. A refused step keeps what was typed, with the reason beside the field --------------------


def error_of(field, message: str) -> None:
    """The field is marked invalid and a screen reader reads the message as its description."""
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(message)


def test_refusals_keep_what_was_typed(browser, live_server, world, staff_a):
    draft = PlanFactory(jurisdiction=world.county_a, year=YEAR, created_by=staff_a)
    resolution = ItemFactory(
        plan=draft, kind=Item.Kind.RESOLUTION, unit=world.unit_a, created_by=staff_a
    )
    refused: list[str] = []
    page = new_page(browser, refused)
    login(page, live_server, staff_a)

    # Adopting without the document number.
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    adopt = section(page, "计划通过")
    fill(adopt, {"通过日期": day(2, 20)})
    adopt.get_by_role("button", name="登记通过").click()
    number = labelled(section(page, "计划通过"), "文号")
    error_of(number, "请填写计划的文号。")
    expect(section(page, "计划通过").get_by_label("通过日期")).to_have_value(day(2, 20))
    assert "草拟中" in page.get_by_role("main").inner_text()

    # A resolution whose execution report would fall due before it was adopted.
    page.goto(f"{live_server.url}{resolution.get_absolute_url()}")
    hearing = section(page, "会议审议")
    hearing.locator("summary", has_text="记录会议审议情况").click()
    fill(
        hearing,
        {
            "审议日期": day(6, 20),
            "决议、决定内容": "一、严格饮用水水源保护区管理。",
            "执行情况报告期限": day(6, 1),
        },
    )
    hearing.get_by_role("button", name="记录会议审议情况", exact=True).click()
    hearing = section(page, "会议审议")
    due = labelled(hearing, "执行情况报告期限")
    expect(due).to_be_visible()  # the form stays open on the refusal
    error_of(due, "执行情况报告期限应晚于审议日期。")
    expect(due).to_have_value(day(6, 1))
    expect(hearing.get_by_label("决议、决定内容")).to_have_value("一、严格饮用水水源保护区管理。")
    expect(labelled(hearing, "审议日期")).to_have_value(day(6, 20))
    summary = page.get_by_test_id("refusal")
    assert "执行情况报告期限：执行情况报告期限应晚于审议日期。" in summary.inner_text()
    resolution.refresh_from_db()
    assert resolution.heard_on is None
    # Both refusals were answered 400, and nothing else failed to load.
    assert len(refused) == 2 and all("/supervision/" in url for url in refused)
    page.context.close()


# --- 3. Staff of another county reach none of it -------------------------------------------------


def test_outsider_reaches_nothing_of_county_a(browser, live_server, world, staff_a, outsider):
    item = county_item(world, staff_a, title="沅陵县的专项工作报告")
    opinions_sent(item, staff_a)
    inquiry = county_item(world, staff_a, kind=Item.Kind.INQUIRY, title="沅陵县的专题询问")
    CommitmentFactory(
        question=QuestionFactory(item=inquiry, unit=world.unit_a),
        content="沅陵县的承诺",
        unit=world.unit_a,
    )
    # County B's own item and commitment, which its staff do see.
    plan_b = AdoptedPlanFactory(jurisdiction=world.county_b, created_by=outsider)
    own = ItemFactory(
        plan=plan_b,
        kind=Item.Kind.INQUIRY,
        unit=world.unit_b,
        title="辰溪县的专题询问",
        created_by=outsider,
    )
    CommitmentFactory(
        question=QuestionFactory(item=own, unit=world.unit_b),
        content="辰溪县的承诺",
        unit=world.unit_b,
    )

    page = new_page(browser)
    login(page, live_server, outsider)
    forbidden = [
        reverse("supervision:plan_detail", args=[item.plan_id]),
        reverse("supervision:item_detail", args=[item.pk]),
        reverse("supervision:letter_print", args=[item.pk]),
        reverse("supervision:dossier_print", args=[item.pk]),
    ]
    for path in forbidden:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status in (403, 404), path
        expect(page.get_by_role("heading", level=1)).to_contain_text(str(response.status))
        assert "沅陵县" not in page.get_by_role("main").inner_text(), path

    for query in ("", "?year="):
        page.goto(f"{live_server.url}{reverse('supervision:item_list')}{query}")
        rows = page.get_by_test_id("item-row")
        expect(rows).to_have_count(1)
        assert "辰溪县的专题询问" in rows.inner_text()
        assert "沅陵县" not in page.get_by_test_id("item-table").inner_text()

    page.goto(f"{live_server.url}{reverse('supervision:commitment_list')}")
    rows = page.get_by_test_id("commitment-row")
    expect(rows).to_have_count(1)
    assert "辰溪县的承诺" in rows.inner_text()
    assert "沅陵县" not in page.get_by_test_id("commitment-table").inner_text()
    page.context.close()
