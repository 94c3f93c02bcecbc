"""Each role comes in through the public front door, signs in through the real login form on a
phone-sized screen and lands on its home."""

import pytest
from django.urls import reverse

from tests.accounts.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("admin_user", "管理员首页"),
        ("staff_a", "工作人员首页"),
        ("deputy_a", "代表首页"),
        ("liaison_a", "承办单位首页"),
    ],
)
def test_role_logs_in_and_sees_home(request, live_server, page, persona, heading):
    user = request.getfixturevalue(persona)
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "怀化市人大常委会"  # the front door
    page.get_by_test_id("login-link").click()
    assert page.locator("h1").inner_text() == "登录"
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == heading
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_wrong_password_shows_chinese_error(live_server, page, staff_a):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("staff_a")
    page.get_by_label("密码").fill("wrong")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in page.locator(".alert-danger").inner_text()
    assert page.get_by_label("用户名").input_value() == "staff_a"


def test_page_loads_without_console_errors_or_external_requests(live_server, page, staff_a):
    errors, external = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on(
        "request", lambda req: not req.url.startswith(live_server.url) and external.append(req.url)
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("staff_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    # The navbar collapses on a phone; the menu button opens it (Bootstrap JS is served locally).
    page.get_by_role("button", name="菜单").click()
    page.locator("#mainnav.show").wait_for()  # opened, not still opening
    page.locator("#mainnav").get_by_role("button", name="报表与数据").click()
    page.locator("#mainnav").get_by_role("link", name="承办单位").click()
    page.wait_for_url(f"{live_server.url}{reverse('core:unit_list')}")
    assert page.locator("h1").inner_text() == "承办单位"
    assert errors == [] and external == []
