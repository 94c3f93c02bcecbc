"""A two-sided unit satisfaction poll (辰溪): staff start it from the evaluation round, county
deputies and standing committee members vote on their phones in separate groups, and the round
reports each group's result on its own."""

import re

import pytest

from accounts.models import Role
from deputies.models import Deputy
from evaluations import services
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def _voter(world, name, committee):
    user = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_a, full_name=name)
    Deputy.objects.create(
        name=name,
        level=Deputy.Level.COUNTY,
        county=world.county_a,
        gender=Deputy.Gender.FEMALE,
        is_standing_committee_member=committee,
        user=user,
    )
    return user


def test_two_sided_unit_poll_in_the_browser(live_server, browser, page, world, staff_a):
    deputy = _voter(world, "向红梅", committee=False)
    member = _voter(world, "杨建国", committee=True)
    evaluation = services.round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="2024年度工作评议",
        units=[world.unit_a],
        two_sided_poll=True,
        by=staff_a,
    )

    _log_in(page, live_server, "staff_a")
    page.goto(f"{live_server.url}{evaluation.get_absolute_url()}")
    page.get_by_role("button", name="发起满意度测评").click()
    page.get_by_role("link", name="进入投票测评").click()
    page.get_by_role("button", name="开始投票").click()
    poll_url = page.url

    for user, mark in ((deputy, "满意"), (member, "不满意")):
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        phone = context.new_page()
        _log_in(phone, live_server, user.username)
        phone.get_by_test_id("open-polls").get_by_role(
            "link", name=re.compile("满意度测评")
        ).click()
        phone.get_by_role("group", name="1. 沅陵县财政局").get_by_text(mark, exact=True).click()
        phone.get_by_role("button", name="下一步：核对选票").click()
        phone.get_by_role("button", name="确认提交").click()
        assert "您的选票已提交" in phone.locator("main").inner_text()
        context.close()

    page.goto(poll_url)
    page.get_by_role("button", name="结束投票").click()
    page.goto(f"{live_server.url}{evaluation.get_absolute_url()}")
    tables = page.get_by_test_id("poll-group")
    headings = page.locator("h3.h6").all_inner_texts()
    assert any(h.startswith("全体县人大代表") for h in headings)
    assert any(h.startswith("常委会组成人员") for h in headings)
    rows = {tables.nth(i).locator("tbody tr").first.inner_text() for i in range(tables.count())}
    assert any("沅陵县财政局\t1\t0\t0" in row for row in rows)  # the deputies' group: satisfied
    assert any(
        "沅陵县财政局\t0\t0\t1" in row for row in rows
    )  # the committee's group: dissatisfied
