"""Staff export the filtered unit list: the job page reports done and the workbook downloads."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.accounts.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_exports_filtered_units(
    live_server, page, staff_a, world, settings, tmp_path, celery_runner
):
    settings.MEDIA_ROOT = tmp_path
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("staff_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/units/?kind=government")
    page.get_by_role("button", name="导出 Excel").click()
    page.wait_for_selector("[data-status=done]", timeout=20000)
    with page.expect_download() as download_info:
        page.get_by_test_id("download").click()
    data = download_info.value.path().read_bytes()
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(data)).worksheets[0].iter_rows()]
    assert [row[0] for row in rows[2:]] == ["沅陵县财政局"]


def test_staff_builds_the_quarterly_report(
    live_server, page, staff_a, world, settings, tmp_path, celery_runner
):
    import datetime as dt

    from deputies.models import Visit
    from tests.deputies.factories import StationFactory, VisitFactory

    settings.MEDIA_ROOT = tmp_path
    station = StationFactory(
        name="官庄镇代表联络站", county=world.county_a, township=world.township_a
    )
    for day in (2, 15, 28):
        VisitFactory(station=station, visited_on=dt.date(2024, 11, day), people_received=day)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("staff_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/reports/quarterly/")
    page.get_by_label("年度").select_option("2024")
    page.get_by_label("季度").select_option("4")
    page.get_by_role("button", name="生成季度报告").click()
    page.wait_for_url(re.compile(r".*/reports/exports/[0-9a-f-]{36}/$"))
    assert page.locator("#job-status").count() == 1
    page.wait_for_selector("[data-status=done]", timeout=30000)
    with page.expect_download() as download_info:
        page.get_by_test_id("download").click()
    book = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    totals = list(
        next(book["联络站工作"].iter_rows(min_row=book["联络站工作"].max_row, values_only=True))
    )
    in_quarter = Visit.objects.filter(
        visited_on__range=(dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    )
    assert totals[:5] == [
        "合计",
        None,
        None,
        in_quarter.count(),
        sum(v.people_received for v in in_quarter),
    ]
