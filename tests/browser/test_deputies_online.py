"""Deputies online in real Chromium on a phone-sized screen: a member of the public scans a
station's QR code, sends an opinion and later sees the reply with the receipt, after staff took
it up and transferred it and the unit replied; and a crawl of every public page, link by link
from the directory, finds no phone number and no text from the public that staff have not read."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import reverse

from deputies.models import Activity, Opinion
from tests.accounts.factories import PASSWORD
from tests.deputies.factories import (
    ActivityFactory,
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    StationPostFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
OPINION = "村口小桥护栏松动，孩子上学经过很危险。"


def log_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


@pytest.fixture
def online_station(world):
    station = StationFactory(
        name="官庄镇代表联络站",
        county=world.county_a,
        township=world.township_a,
        is_public=True,
        reception_hours="每月5日、20日 9:00—12:00",
    )
    DeputyFactory(name="李秀兰", county=world.county_a, stations=[station], phone="13812345678")
    return station


def test_public_opinion_from_qr_code_to_reply(
    live_server, page, world, online_station, staff_a, liaison_a
):
    base = live_server.url
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))

    # The poster's QR code encodes the phone form's address; scanning it opens that address.
    target = reverse("deputies:public_station_opinion", args=[online_station.pk])
    page.goto(f"{base}{reverse('deputies:station_poster', args=[online_station.pk])}")
    assert page.locator(".online-qr svg").count() == 1
    assert target in page.content()
    page.goto(f"{base}{target}")
    assert "官庄镇代表联络站" in page.get_by_test_id("opinion-target").inner_text()
    page.get_by_label("您的意见建议").fill(OPINION)
    page.get_by_label("类别").select_option(label="交通出行")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_role("button", name="提交").click()
    assert "请阅读并同意" in page.content()
    assert page.get_by_label("您的意见建议").input_value() == OPINION
    page.get_by_label("我同意").check()
    page.get_by_role("button", name="提交").click()
    receipt = page.get_by_test_id("receipt-number").inner_text()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{10}", receipt)
    assert page.get_by_test_id("receipt-status").inner_text() == "待审核"

    # Staff read it and take it up, then transfer it to the unit.
    log_in(page, base, staff_a)
    opinion = Opinion.objects.get(receipt=receipt)
    page.goto(f"{base}{opinion.get_absolute_url()}")
    assert page.get_by_test_id("opinion-source").inner_text().startswith("网上")
    page.get_by_label("受理，进入办理流程").check()
    page.get_by_role("button", name="保存审核结果").click()
    assert page.get_by_test_id("opinion-status").inner_text() == "待处理"
    page.get_by_label("承办单位").select_option(label=str(world.unit_a))
    page.get_by_role("button", name="转交", exact=True).click()
    assert page.get_by_test_id("opinion-status").inner_text() == "已转交"

    # The unit replies.
    log_in(page, base, liaison_a)
    page.goto(f"{base}{opinion.get_absolute_url()}")
    page.get_by_label("答复内容").fill("护栏已加固完毕，感谢您的反映。")
    page.get_by_label("已解决").check()
    page.get_by_role("button", name="提交答复").click()
    assert page.get_by_test_id("opinion-status").inner_text() == "已解决"

    # The person looks it up with the receipt.
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('deputies:public_receipt')}")
    page.get_by_label("回执编号").fill(receipt.lower())
    page.get_by_role("button", name="查询").click()
    assert page.get_by_test_id("receipt-status").inner_text() == "已解决"
    assert "护栏已加固完毕" in page.get_by_test_id("receipt-reply").inner_text()
    assert "13912345678" not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert not errors


def test_public_pages_show_no_phone_number_and_nothing_unreviewed(
    live_server, page, world, online_station
):
    base = live_server.url
    other = StationFactory(name="杜家坪代表联络站", county=world.county_a, is_public=True)
    DeputyFactory(name="向东", county=world.county_a, stations=[other], phone="13712345678")
    StationPostFactory(station=online_station, title="本月接待安排", is_public=True)
    StationPostFactory(station=online_station, title="内部工作通知 联系13600001111")
    ActivityFactory(station=online_station, status=Activity.Status.ANNOUNCED, title="代表接待日")
    unreviewed = OpinionFactory(
        station=online_station, content="未审核的群众原话", status=Opinion.Status.UNREVIEWED
    )
    rejected = OpinionFactory(
        station=online_station, content="不予受理的原话", status=Opinion.Status.REJECTED
    )
    forbidden = [unreviewed.content, rejected.content, "内部工作通知"]

    start = f"{base}{reverse('deputies:public_directory')}"
    seen, queue = set(), [start]
    public_prefix = "/deputies/public/"
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response.status == 200, url
        text = page.content()
        assert not PHONE.search(text), url
        for words in forbidden:
            assert words not in text, url
        for href in page.locator("a[href]").evaluate_all("els => els.map(e => e.href)"):
            parts = urlparse(href)
            if parts.path.startswith(public_prefix) and not parts.path.endswith(".svg"):
                # With its query: the directory reaches the stations through ?county=…
                query = f"?{parts.query}" if parts.query else ""
                queue.append(urljoin(base, parts.path + query))
    paths = {urlparse(u).path for u in seen}
    assert reverse("deputies:public_station", args=[online_station.pk]) in paths
    assert reverse("deputies:public_station", args=[other.pk]) in paths
    assert reverse("deputies:station_poster", args=[online_station.pk]) in paths
    assert any("/public/deputies/" in p for p in paths)
