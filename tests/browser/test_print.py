"""Printouts in real Chromium: poll results, the scorecard, a project page, the quarterly report.

On paper the menus, filters and buttons are gone, a header names the body and the day, the
page's own title stays, and the sheet is A4 whatever paper the browser was set to.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from polls import services as poll_services
from tests.browser.test_polls import _log_in
from tests.livelihood_projects import conftest as livelihood_fixtures
from tests.polls import conftest as polls_fixtures

teller_b = polls_fixtures.teller_b
draft_poll = polls_fixtures.draft_poll
open_poll = polls_fixtures.open_poll
cycle_a = livelihood_fixtures.cycle_a
elected_project = livelihood_fixtures.elected_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_POINTS = (595, 842)  # 210 mm x 297 mm


@pytest.fixture
def printable(open_poll, staff_a, deputy_a, elected_project, settings):
    settings.PORTAL_BODY_NAME = "沅陵县人大常委会"
    ids = list(open_poll.subjects.values_list("pk", flat=True))
    poll_services.ballot_cast(poll=open_poll, voter=deputy_a, marks={ids[0]: "S", ids[1]: "B"})
    poll_services.poll_close(poll=open_poll, by=staff_a)
    return {
        "poll results": reverse("polls:results", args=[open_poll.pk]),
        "scorecard": reverse("evaluations:scorecard") + "?year=2024",
        "project page": elected_project.get_absolute_url(),
        "quarterly report": reverse("reports:quarterly_view") + "?year=2025&quarter=2",
    }


def _page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(round(float(w)), round(float(h))) for w, h in boxes]


def test_printouts_have_no_menus_a_header_and_fit_a4(live_server, page, staff_a, printable):
    _log_in(page, live_server, staff_a)
    today = timezone.localdate()
    for name, path in printable.items():
        page.emulate_media(media="screen")
        page.goto(f"{live_server.url}{path}")
        title = page.locator("main h1").first.inner_text()
        assert page.locator(".portal-navbar").is_visible(), name
        assert not page.get_by_test_id("print-header").is_visible(), name

        page.emulate_media(media="print")
        assert not page.locator(".portal-navbar").is_visible(), name
        assert not page.locator("body > footer").is_visible(), name
        assert all(not form.is_visible() for form in page.locator("main form").all()), name
        assert all(not button.is_visible() for button in page.locator("main .btn").all()), name
        header = page.get_by_test_id("print-header")
        assert header.is_visible(), name
        assert "沅陵县人大常委会" in header.inner_text(), name
        assert f"{today.year}年{today.month}月{today.day}日" in header.inner_text(), name
        assert page.locator("main h1").first.is_visible(), name
        assert page.locator("main h1").first.inner_text() == title

        # Asked for US Letter, the printout still comes out on A4 (@page size).
        pdf = page.pdf(format="Letter", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF"), name
        sizes = _page_sizes(pdf)
        assert sizes and all(size == A4_POINTS for size in sizes), (name, sizes)


def test_the_result_chart_is_drawn_to_the_papers_width_for_printing(
    live_server, page, staff_a, printable
):
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, staff_a)
    page.goto(f"{live_server.url}{printable['poll results']}")
    chart = page.locator(".polls-chart svg").first
    chart.wait_for()
    assert chart.bounding_box()["width"] > 1000  # a desktop window's width
    # A4 less print.css's 12 mm margins is 186 mm, about 703 CSS pixels.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert chart.bounding_box()["width"] <= 703
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert chart.bounding_box()["width"] > 1000
