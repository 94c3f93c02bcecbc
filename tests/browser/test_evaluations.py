"""Staff import an audit list, a unit's liaison reports rectification with evidence, staff verify
and close the problem out, and the unit's scorecard changes along the way."""

import pytest

from evaluations.models import AuditProblem
from evaluations.services import round_create
from tests.accounts.factories import PASSWORD
from tests.evaluations.test_importers import audit_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def upload(page, live_server, path):
    """From the audit list, through the import button, on the shared import page."""
    page.goto(f"{live_server.url}/evaluations/audit/")
    page.get_by_role("link", name="导入审计问题清单").click()
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="上传并导入").click()


def scorecard(page, live_server, unit):
    # The 2024 evaluation examines the audit of 2023, whose problems are imported below.
    page.goto(f"{live_server.url}/evaluations/scorecard/{unit.pk}/?year=2024")
    card = page.get_by_test_id("card-audit")
    return {
        key: card.get_by_test_id(f"audit-{key}").inner_text()
        for key in ("total", "rectified", "partial", "closed", "rate")
    }


def test_import_rectify_close_out_and_scorecard(
    browser, live_server, world, staff_a, liaison_a, tmp_path, settings, celery_runner
):
    settings.MEDIA_ROOT = tmp_path
    errors = []
    staff = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    # Every page and static file loads (the browser's own favicon probe aside).
    staff.on(
        "response",
        lambda r: r.status >= 400 and "favicon" not in r.url and errors.append(r.url),
    )
    login(staff, live_server, staff_a)

    # A bad workbook is refused as a whole, naming the row and column.
    bad = tmp_path / "bad.xlsx"
    rows = [
        ["1", "预算执行", "x", 1, "不存在的单位", "2024-06-30"],
        ["2", "预算执行", "y", 1, "沅陵县财政局", "2024-13-01"],
    ]
    bad.write_bytes(audit_workbook(rows).getvalue())
    upload(staff, live_server, bad)
    # The worker checks the file; the job page shows the outcome when it is done.
    refusal = staff.get_by_test_id("import-errors").inner_text()
    assert "第 2 行「责任单位」" in refusal and "第 3 行「整改期限」" in refusal
    assert not AuditProblem.objects.exists()

    good = tmp_path / "good.xlsx"
    rows = [
        ["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", "2024-06-30"],
        ["2", "政府债务", "新增债券资金闲置", 30, "沅陵县财政局", "2024-09-30"],
    ]
    good.write_bytes(audit_workbook(rows).getvalue())
    upload(staff, live_server, good)
    assert "导入完成：新增 2 条" in staff.get_by_test_id("import-done").inner_text()
    staff.goto(f"{live_server.url}/evaluations/audit/?year=2023")
    assert staff.get_by_test_id("problem-table").locator("tbody tr").count() == 2
    assert scorecard(staff, live_server, world.unit_a) == {
        "total": "2",
        "rectified": "0",
        "partial": "0",
        "closed": "0",
        "rate": "0%",
    }

    # The unit's liaison reports the first problem fully rectified, with evidence.
    liaison = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    login(liaison, live_server, liaison_a)
    liaison.goto(f"{live_server.url}/evaluations/audit/")
    liaison.get_by_role("link", name="专项资金未及时拨付").click()
    liaison.get_by_label("整改状态").select_option(label="整改到位")
    liaison.get_by_label("整改措施及进展").fill("资金已全部拨付到项目单位")
    liaison.get_by_role("button", name="报送").click()
    # The missing evidence is named beside its field, and what was typed stays.
    assert "须同时提供整改佐证材料" in liaison.locator(".invalid-feedback").first.inner_text()
    assert liaison.get_by_label("整改措施及进展").input_value() == "资金已全部拨付到项目单位"
    liaison.get_by_label("整改佐证材料").fill("拨款凭证 沅财预〔2024〕12号")
    liaison.get_by_role("button", name="报送").click()
    assert liaison.get_by_test_id("status").first.inner_text() == "整改到位"
    assert liaison.get_by_role("button", name="核实销号").count() == 0
    # The second one is partly done.
    liaison.goto(f"{live_server.url}/evaluations/audit/")
    liaison.get_by_role("link", name="新增债券资金闲置").click()
    liaison.get_by_label("整改状态").select_option(label="部分整改")
    liaison.get_by_label("整改措施及进展").fill("已安排一半资金")
    liaison.get_by_role("button", name="报送").click()

    assert scorecard(staff, live_server, world.unit_a) == {
        "total": "2",
        "rectified": "1",
        "partial": "1",
        "closed": "0",
        "rate": "50%",
    }

    # Staff verify and close out.
    staff.goto(f"{live_server.url}/evaluations/audit/")
    staff.get_by_role("link", name="专项资金未及时拨付").click()
    assert "沅财预〔2024〕12号" in staff.get_by_test_id("evidence").inner_text()
    staff.get_by_label("核实意见").fill("核对凭证无误")
    staff.get_by_role("button", name="核实销号").click()
    assert "已核实销号" in staff.locator(".alert-success").inner_text()
    assert staff.get_by_test_id("status").first.inner_text() == "已销号"

    assert scorecard(staff, live_server, world.unit_a)["closed"] == "1"
    # The county's scorecard compares the units its 2024 evaluation names.
    round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="2024年度工作评议",
        units=[world.unit_a],
        by=staff_a,
    )
    staff.goto(f"{live_server.url}/evaluations/scorecard/?year=2024")
    assert (
        "2024 年度工作评议嵌入 2023 年度审计查出的问题，共 2 个：整改到位 1 个、部分整改 1 个"
        in staff.get_by_test_id("county-total").inner_text()
    )
    assert errors == []
    staff.context.close()
    liaison.context.close()


def test_appraisal_round_to_its_consequences(page, live_server, world, staff_a):
    from datetime import date

    from evaluations import services
    from tests.core.factories import UnitFactory

    heads = [
        services.head_appoint(
            by=staff_a,
            name=name,
            unit=UnitFactory(name=f"沅陵县{unit}", jurisdiction=world.county_a),
            post="局长",
            took_office=date(2020, 1, 1),
        )
        for name, unit in [("唐丽", "民政局"), ("石勇", "审计局"), ("陈浩", "水利局")]
    ]
    # Last year's round put 唐丽 in the D-top-3 already.
    last = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="2023年履职评议",
        year=2023,
        appraisal_date=date(2023, 12, 1),
    )
    services.appraisal_build_roster(appraisal=last, by=staff_a)
    services.appraisal_record_votes(
        appraisal=last,
        tallies={e.pk: {"A": 50, "D": 9 if e.head == heads[0] else 0} for e in last.entries.all()},
        by=staff_a,
    )
    services.appraisal_grade(appraisal=last, by=staff_a)
    current = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="2024年履职评议",
        year=2024,
        appraisal_date=date(2024, 12, 1),
    )

    login(page, live_server, staff_a)
    page.goto(f"{live_server.url}/evaluations/appraisals/{current.pk}/")
    page.get_by_role("button", name="按任职时间生成名单").click()
    assert "共 3 人" in page.locator(".alert-success").inner_text()
    votes = {"唐丽": (20, 10, 10, 40), "石勇": (60, 15, 5, 0), "陈浩": (50, 20, 8, 2)}
    for name, counts in votes.items():
        for grade, n in zip("ABCD", counts, strict=True):
            page.get_by_label(f"{name} {grade}").fill(str(n))
    page.get_by_role("button", name="保存票数").click()
    page.get_by_role("button", name="确定等次").click()
    assert "已按比例确定等次" in page.locator(".alert-success").inner_text()
    d_top = page.get_by_test_id("d-top").inner_text()
    assert "唐丽" in d_top and "陈浩" in d_top and "石勇" not in d_top
    consequences = page.get_by_test_id("consequences")
    head = consequences.locator(":scope > li", has_text="唐丽（沅陵县民政局）")
    assert "提请党委组织部门约谈" in head.inner_text()
    head = consequences.locator(":scope > li", has_text="陈浩（沅陵县水利局）")
    assert "由政府负责人约谈" in head.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
