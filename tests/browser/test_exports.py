"""Staff export the filtered unit list: the progress bar finishes and the workbook downloads."""

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import PASSWORD

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
