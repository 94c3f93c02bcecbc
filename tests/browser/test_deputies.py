"""On a phone-sized screen: a deputy records a visit with an opinion, staff transfer it to a unit,
the unit's liaison replies, and the county dashboard's counts move."""

import pytest

from deputies.models import Opinion, Station, StationMembership, Visit
from tests.accounts.factories import PASSWORD
from tests.deputies.factories import DeputyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _stat(page, label):
    card = page.get_by_test_id("county-figures").locator(".card", has_text=label).first
    return card.locator(".stat-value").inner_text()


def test_visit_opinion_transfer_reply_and_dashboard(
    live_server, page, world, deputy_a, staff_a, liaison_a
):
    base = live_server.url
    station = Station.objects.create(
        name="官庄镇代表联络站", kind=Station.Kind.TOWNSHIP, county=world.county_a
    )
    deputy = DeputyFactory(name="李秀兰", county=world.county_a, user=deputy_a)
    StationMembership.objects.create(station=station, deputy=deputy)
    errors, failed = [], []
    # Script errors and CSP refusals show up on the console; failed requests are checked by URL.
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and not msg.text.startswith("Failed to load resource")
            and errors.append(msg.text)
        ),
    )
    page.on(
        "response",
        lambda r: r.status >= 400 and "/favicon" not in r.url and failed.append(r.url),
    )

    # Staff look at the dashboard first: nothing recorded yet.
    _log_in(page, base, staff_a)
    page.goto(f"{base}/deputies/dashboard/")
    assert _stat(page, "收集意见建议") == "0"

    # The deputy records a visit from the home page, station and date already filled in.
    _log_in(page, base, deputy_a)
    page.get_by_role("link", name="记录履职").last.click()
    assert page.get_by_label("联络站").input_value() == str(station.pk)
    page.get_by_label("履职方式").select_option(label="接待群众")
    page.get_by_label("接待人数").fill("6")
    page.get_by_label("情况记录").fill("接待群众6人，反映通村公路问题")
    page.get_by_label("群众意见建议").first.fill("通村公路塌方，希望尽快修复")
    page.get_by_label("类别").first.select_option(label="交通出行")
    page.get_by_label("反映人电话").first.fill("123")
    page.get_by_role("button", name="保存履职记录").click()
    assert "手机号码应为11位" in page.content()
    assert page.get_by_label("群众意见建议").first.input_value() == "通村公路塌方，希望尽快修复"
    page.get_by_label("反映人电话").first.fill("13912345678")
    page.get_by_role("button", name="再添加一条意见").click()
    assert page.get_by_test_id("opinion-form").count() == 2
    page.get_by_role("button", name="保存履职记录").click()
    assert "已记录本次履职" in page.locator(".alert-success").inner_text()
    visit = Visit.objects.get()
    assert visit.people_received == 6 and visit.opinions.count() == 1
    opinion = Opinion.objects.get()

    # Staff transfer the opinion to the county's finance bureau.
    _log_in(page, base, staff_a)
    page.goto(f"{base}/deputies/opinions/?status=pending")
    page.get_by_role("link", name="通村公路塌方").click()
    page.get_by_label("承办单位").select_option(label="沅陵县财政局")
    page.get_by_role("button", name="转交", exact=True).click()
    assert page.get_by_test_id("opinion-status").inner_text() == "已转交"

    # The bureau's liaison finds it among the to-dos and replies.
    _log_in(page, base, liaison_a)
    page.goto(f"{base}/deputies/todo/")
    page.get_by_role("link", name="通村公路塌方").click()
    page.get_by_label("答复内容").fill("已安排资金，塌方路段已修复通车")
    page.get_by_label("已解决").check()
    page.get_by_role("button", name="提交答复").click()
    assert page.get_by_test_id("opinion-status").inner_text() == "已解决"
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.RESOLVED

    # The dashboard now counts the visit, the opinion and its resolution.
    _log_in(page, base, staff_a)
    page.goto(f"{base}/deputies/dashboard/")
    assert _stat(page, "进站履职") == "1"
    assert _stat(page, "收集意见建议") == "1"
    assert _stat(page, "意见解决率") == "100%"
    page.locator("canvas").first.wait_for()
    assert errors == [] and failed == []


def test_public_calendar_needs_no_login(live_server, page, world):
    page.goto(f"{live_server.url}/deputies/calendar/")
    assert page.locator("h1").inner_text() == "代表联络站活动预告"
