"""A unit liaison sees the unread count on every page and follows a reminder to its record."""

import datetime as dt

import pytest
from django.urls import reverse

from deputies import services as deputy_services
from deputies.models import Suggestion
from notifications import services
from tests.accounts.factories import PASSWORD
from tests.deputies.factories import DeputyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_liaison_follows_a_reminder_to_the_suggestion(live_server, page, world, staff_a, liaison_a):
    deputy = DeputyFactory(name="李秀兰", county=world.county_a)
    suggestion = deputy_services.suggestion_submit(
        deputy=deputy,
        kind=Suggestion.Kind.SUGGESTION,
        title="修缮官庄镇中心小学围墙",
        content="围墙倒塌",
        by=staff_a,
    )
    deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    services.reminders_send(today=suggestion.due_on - dt.timedelta(days=1))

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("liaison_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    # The reminder, and the notice the unit had when the suggestion was assigned to it.
    assert page.get_by_test_id("unread-count").inner_text() == "2"
    page.get_by_role("button", name="菜单").click()
    # Bootstrap marks the menu `show` once it has finished opening; a click before lands nowhere.
    page.locator("#mainnav.show").wait_for()
    page.get_by_test_id("inbox-link").click()
    # Wait for the inbox itself: the click only starts the navigation.
    page.wait_for_url(f"{live_server.url}{reverse('notifications:inbox')}")
    assert "代表建议交本单位主办" in page.locator("main").inner_text()
    reminder = page.get_by_test_id("notification").filter(has_text="【1天后到期】")
    assert (
        "【1天后到期】" in reminder.inner_text()
        and "修缮官庄镇中心小学围墙" in reminder.inner_text()
    )
    reminder.click()
    page.wait_for_url(f"{live_server.url}{suggestion.get_absolute_url()}")
    assert "修缮官庄镇中心小学围墙" in page.locator("main").inner_text()
    assert page.get_by_test_id("unread-count").inner_text() == "1"
