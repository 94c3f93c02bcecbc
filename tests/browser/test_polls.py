"""A deputy votes on a phone in real Chromium; staff read the result chart."""

import pytest

from polls import services
from polls.models import Ballot, BallotMark, Participation, SealedBallot
from tests.accounts.factories import PASSWORD
from tests.polls import conftest as polls_fixtures

# The polls fixtures, shared with the browser tests.
teller_b = polls_fixtures.teller_b
draft_poll = polls_fixtures.draft_poll
open_poll = polls_fixtures.open_poll
approval_poll = polls_fixtures.approval_poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def _watch(page, live_server):
    """Collect console errors and requests to other origins."""
    problems: list[str] = []

    def on_console(msg):
        if msg.type == "error":
            problems.append(msg.text)

    page.on("console", on_console)
    page.on(
        "request",
        lambda req: not req.url.startswith(live_server.url) and problems.append(req.url),
    )
    return problems


def test_a_deputy_votes_on_a_phone(live_server, page, deputy_a, open_poll):
    problems = _watch(page, live_server)
    _log_in(page, live_server, deputy_a)
    page.get_by_test_id("open-polls").get_by_role("link", name=open_poll.title).click()
    assert page.locator("h1").inner_text() == open_poll.title

    # Submitting with one subject unanswered keeps the choices made and asks for the rest.
    first = page.get_by_role("group", name="1. 沅陵县财政局")
    first.get_by_text("基本满意", exact=True).click()
    page.get_by_role("button", name="下一步：核对选票").click()
    assert "选票未提交" in page.locator(".alert-danger").inner_text()
    assert page.get_by_role("group", name="1. 沅陵县财政局").get_by_label("基本满意").is_checked()
    assert not Ballot.objects.exists()

    # The last look shows each choice; going back keeps them, to change one.
    page.get_by_role("group", name="2. 官庄镇人民政府").get_by_text("满意", exact=True).click()
    page.get_by_role("button", name="下一步：核对选票").click()
    review = page.get_by_test_id("ballot-review")
    assert review.locator("li").all_inner_texts() == [
        "沅陵县财政局\n基本满意",
        "官庄镇人民政府\n满意",
    ]
    assert not SealedBallot.objects.exists()
    page.get_by_role("button", name="返回修改").click()
    second = page.get_by_role("group", name="2. 官庄镇人民政府")
    assert second.get_by_label("满意", exact=True).is_checked()
    second.get_by_text("弃权", exact=True).click()
    page.get_by_role("button", name="下一步：核对选票").click()
    assert "官庄镇人民政府\n弃权" in page.get_by_test_id("ballot-review").inner_text()
    assert not SealedBallot.objects.exists()
    page.get_by_role("button", name="确认提交").click()
    page.wait_for_url(f"{live_server.url}/polls/{open_poll.pk}/voted/")
    confirmation = page.locator("main").inner_text()
    assert "您的选票已提交" in confirmation
    assert "基本满意" not in confirmation and "弃权" not in confirmation

    assert Participation.objects.filter(poll=open_poll, voter=deputy_a).count() == 1
    # While the poll is open the ballot exists only sealed; the close opens it.
    assert SealedBallot.objects.filter(poll=open_poll).count() == 1
    assert not BallotMark.objects.exists()

    # Back on the list the poll is marked as voted and cannot be opened for a second ballot.
    page.get_by_role("link", name="返回我的投票").click()
    assert "已投票" in page.get_by_test_id("open-polls").inner_text()
    page.goto(f"{live_server.url}/polls/{open_poll.pk}/vote/")
    assert "您已投过票" in page.locator(".alert").first.inner_text()
    assert problems == []

    services.poll_close(poll=open_poll, by=deputy_a)
    assert list(BallotMark.objects.values_list("subject__label", "mark")) == [("沅陵县财政局", "B")]


def test_the_approval_ballot_stops_at_k_choices(live_server, page, deputy_a, approval_poll):
    problems = _watch(page, live_server)
    _log_in(page, live_server, deputy_a)
    page.goto(f"{live_server.url}/polls/{approval_poll.pk}/vote/")
    page.get_by_text("城区幼儿园迁建").click()
    page.get_by_text("乡镇卫生院改造").click()
    assert "已选 2 项，最多 2 项" in page.locator("[data-polls-counter]").inner_text()
    assert page.get_by_label("农村饮水安全巩固").is_disabled()
    page.get_by_role("button", name="下一步：核对选票").click()
    review = page.get_by_test_id("ballot-review").inner_text()
    assert "城区幼儿园迁建\n赞成" in review and "农村饮水安全巩固\n未选" in review
    page.get_by_role("button", name="确认提交").click()
    page.wait_for_url(f"{live_server.url}/polls/{approval_poll.pk}/voted/")
    services.poll_close(poll=approval_poll, by=deputy_a)
    assert sorted(BallotMark.objects.values_list("subject__label", flat=True)) == [
        "乡镇卫生院改造",
        "城区幼儿园迁建",
    ]
    assert problems == []


def test_without_javascript_the_ballot_still_waits_for_the_confirm_button(
    live_server, browser, deputy_a, open_poll
):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    _log_in(page, live_server, deputy_a)
    page.goto(f"{live_server.url}/polls/{open_poll.pk}/vote/")
    page.get_by_role("group", name="1. 沅陵县财政局").get_by_text("满意", exact=True).click()
    page.get_by_role("group", name="2. 官庄镇人民政府").get_by_text("不满意", exact=True).click()
    page.get_by_role("button", name="下一步：核对选票").click()
    assert "沅陵县财政局\n满意" in page.get_by_test_id("ballot-review").inner_text()
    assert not SealedBallot.objects.exists() and not Participation.objects.exists()
    page.get_by_role("button", name="确认提交").click()
    page.wait_for_url(f"{live_server.url}/polls/{open_poll.pk}/voted/")
    assert Participation.objects.filter(poll=open_poll, voter=deputy_a).count() == 1
    context.close()


def test_staff_see_the_result_chart_and_table(live_server, page, staff_a, deputy_a, open_poll):
    ids = list(open_poll.subjects.values_list("pk", flat=True))
    services.ballot_cast(poll=open_poll, voter=deputy_a, marks={ids[0]: "S", ids[1]: "U"})
    services.poll_close(poll=open_poll, by=staff_a)
    problems = _watch(page, live_server)
    _log_in(page, live_server, staff_a)
    page.goto(f"{live_server.url}/polls/{open_poll.pk}/results/")
    page.locator(".polls-chart svg").first.wait_for()
    table = page.get_by_test_id("results-table").first.inner_text()
    assert "沅陵县财政局" in table and "满意" in table
    assert problems == []
