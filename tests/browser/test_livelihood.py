"""One livelihood project through the whole cycle, on a phone-sized screen: a citizen's proposal,
screening, the review records, the vote with a tie and a re-vote (paper totals), assignment, the
liaison's progress and money, an inspection, the satisfaction result and the public page."""

import re

import pytest

from livelihood_projects.models import Project
from tests.accounts.factories import PASSWORD
from tests.livelihood_projects.factories import CycleFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "官庄镇敬老院适老化改造"


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def test_a_project_from_proposal_to_public_result(
    live_server, browser, page, world, staff_a, liaison_a
):
    base = live_server.url
    cycle = CycleFactory(jurisdiction=world.county_a, seats=2, deputies_total=10)
    ProjectFactory(cycle=cycle, title="城区学校扩容", category="education", position=1)
    ProjectFactory(cycle=cycle, title="村道硬化", category="transport", position=2)
    errors = []

    def watch(msg):
        # The portal has no favicon; anything else logged as an error (a CSP violation, a
        # failed script) fails the walk.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{msg.text} {msg.location}")

    page.on("console", watch)

    # 征 提: a citizen proposes without logging in, and gets a receipt number.
    page.goto(f"{base}/livelihood/propose/")
    page.get_by_label("项目名称").fill(TITLE)
    page.get_by_label("类别").select_option(label="养老服务")
    page.get_by_label("所在乡镇").select_option(label="官庄镇")
    page.get_by_label("建议内容").fill("敬老院卫生间没有扶手，老人如厕不便。")
    page.get_by_label("估算投资（万元）").fill("-5")
    page.get_by_role("button", name="提交建议").click()
    assert "金额不能为负数" in page.content()
    assert page.get_by_label("项目名称").input_value() == TITLE
    page.get_by_label("估算投资（万元）").fill("35")
    page.get_by_role("button", name="提交建议").click()
    receipt = page.get_by_test_id("receipt-number").inner_text()
    assert re.fullmatch(r"MS2025-[2-9A-Z]{6}", receipt)

    # 议: staff screen the proposal into a candidate and record the two reviews.
    log_in(page, base, staff_a)
    page.goto(f"{base}/livelihood/proposals/?q={receipt}")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("列入候选项目").check()
    page.get_by_role("button", name="保存筛选结果").click()
    assert page.get_by_test_id("proposal-status").inner_text() == "列入候选项目"
    # Nothing a citizen sends is public before staff have read it.
    page.get_by_role("button", name="审核通过，公开").click()
    assert "已公开" in page.get_by_test_id("proposal-publication").inner_text()
    page.goto(f"{base}{cycle.get_absolute_url()}")
    for kind, body, number in [
        ("人大初审", "沅陵县人大常委会主任会议", ""),
        ("党委研究同意", "沅陵县委常委会", "沅发〔2024〕45号"),
    ]:
        page.locator("summary", has_text="记录审议").click()
        page.get_by_label("事项").select_option(label=kind)
        page.get_by_label("审议（同意）机构").fill(body)
        page.get_by_label("日期").fill("2024-12-20")
        page.get_by_label("文号").fill(number)
        page.get_by_role("button", name="保存审议记录").click()
    assert "沅发〔2024〕45号" in page.content()

    # 决: a paper vote in which the proposal ties for the last seat, then the re-vote.
    page.get_by_role("link", name="代表票决").first.click()
    page.get_by_label("纸质选票汇总录入").check()
    page.get_by_role("button", name="开始票决").click()
    page.get_by_role("link", name="录入计票结果").click()
    page.get_by_label("有效票").fill("10")
    page.get_by_label("无效票").fill("0")
    page.get_by_label("“城区学校扩容”赞成票").fill("8")
    page.get_by_label(f"“{TITLE}”赞成票").fill("6")
    page.get_by_label("“村道硬化”赞成票").fill("6")
    page.get_by_role("button", name="保存").click()
    assert "须在并列项目中重新投票（第2轮）" in page.content()
    page.get_by_test_id("round-2").get_by_role("link", name="录入计票结果").click()
    page.get_by_label("有效票").fill("10")
    page.get_by_label("无效票").fill("0")
    page.get_by_label(f"“{TITLE}”赞成票").fill("7")
    page.get_by_label("“村道硬化”赞成票").fill("3")
    page.get_by_role("button", name="保存").click()
    round_two = page.get_by_test_id("round-2").inner_text()
    assert "7 票" in round_two and "票决通过" in round_two

    # 交: assigned to the finance bureau.
    project = Project.objects.get(title=TITLE)
    page.goto(f"{base}{project.get_absolute_url()}")
    assert page.get_by_test_id("project-status").inner_text() == "票决通过"
    page.get_by_role("link", name="交办", exact=True).click()
    page.get_by_label("责任单位").select_option(label="沅陵县财政局")
    page.get_by_label("计划开工").fill("2025-02-01")
    page.get_by_label("计划完成").fill("2025-11-30")
    page.get_by_role("button", name="保存").click()

    # 办: the bureau's liaison plans, reports progress and money.
    liaison_context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    liaison = liaison_context.new_page()
    liaison.on("console", watch)
    log_in(liaison, base, liaison_a)
    liaison.goto(f"{base}/livelihood/projects/")
    liaison.get_by_role("link", name=TITLE).click()
    liaison.get_by_role("link", name="添加实施节点").click()
    liaison.get_by_label("节点").fill("扶手和防滑地面施工")
    liaison.get_by_label("计划完成日期").fill("2025-09-30")
    liaison.get_by_role("button", name="保存").click()
    liaison.get_by_role("link", name="更新进度").click()
    liaison.get_by_label("完成比例（%）").fill("100")
    liaison.get_by_role("button", name="保存").click()
    for kind, amount, reason in [("预算安排", "30", ""), ("资金支付", "32", "")]:
        liaison.get_by_role("link", name="录入资金").click()
        liaison.get_by_label("类型").select_option(label=kind)
        liaison.get_by_label("金额（万元）").fill(amount)
        liaison.get_by_label("日期").fill("2025-10-15")
        liaison.get_by_label("超预算原因").fill(reason)
        liaison.get_by_role("button", name="保存").click()
    assert "请填写超预算原因" in liaison.content()  # 32 > 30, nothing saved yet
    liaison.get_by_label("超预算原因").fill("增设无障碍坡道")
    liaison.get_by_role("button", name="保存").click()
    assert "100%" in liaison.get_by_test_id("project-progress").inner_text()
    assert "已支付 32.00" in liaison.get_by_test_id("project-money").inner_text()
    liaison_context.close()

    # 督: deputies inspect before the session.
    page.goto(f"{base}{cycle.get_absolute_url()}")
    page.get_by_role("link", name="记录视察").click()
    page.get_by_label("类型").select_option(label="会前集中视察")
    page.get_by_label("视察日期").fill("2025-12-10")
    page.get_by_label("参加人员").fill("县人大代表 12 人")
    page.get_by_label("发现的问题和意见建议").fill("扶手安装牢固，建议增加夜间照明。")
    page.get_by_label(f"2025年 · {TITLE}").check()
    page.get_by_role("button", name="保存").click()
    assert "建议增加夜间照明" in page.content()

    # 评: the satisfaction result of the session, counted on paper.
    page.goto(f"{base}{project.get_absolute_url()}")
    page.get_by_role("link", name="录入测评结果").click()
    page.locator("#id_satisfied").fill("9")
    page.locator("#id_basically_satisfied").fill("1")
    page.locator("#id_dissatisfied").fill("0")
    page.get_by_role("button", name="保存").click()
    assert "满意率 100%" in page.get_by_test_id("project-satisfaction").inner_text()

    # The public page, without logging in, shows the result and what became of the proposal.
    public = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    visitor = public.new_page()
    visitor.on("console", watch)
    visitor.goto(f"{base}/livelihood/results/{world.county_a.code}/{cycle.year}/")
    row = visitor.get_by_test_id("public-projects").locator("tr", has_text=TITLE)
    assert "100%" in row.inner_text() and "32.00" in row.inner_text()
    outcome = visitor.get_by_test_id("public-proposals").locator("tr", has_text=receipt)
    assert "列入候选项目" in outcome.inner_text() and "票决通过" in outcome.inner_text()
    visitor.goto(f"{base}/livelihood/receipt/?number={receipt}")
    assert "票决通过" in visitor.content()
    public.close()
    assert errors == []
