import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.importers import UnitImporter
from core.models import Unit
from reports.models import ImportJob

HEADER = [
    "单位名称",
    "单位类型",
    "所属行政区划",
    "联系人（选填）",
    "联系电话（选填）",
    "在用（选填）",
]


def workbook(rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def roster(n, bad_row=None):
    rows = [
        [f"沅陵县第{i}办公室", "政府及其工作部门", "沅陵县", "张三", "0745-4221234", "是"]
        for i in range(n)
    ]
    if bad_row is not None:
        rows[bad_row][1] = "不存在的类型"
    return rows


def test_one_bad_row_among_hundreds_writes_nothing_and_is_named(world, staff_a):
    before = Unit.objects.count()
    outcome = UnitImporter(user=staff_a).run(workbook(roster(300, bad_row=149)))
    assert not outcome.ok
    assert [str(e) for e in outcome.errors] == [
        "第 151 行「单位类型」：应为以下之一：政府及其工作部门、监察委员会、人民法院、人民检察院、乡镇人民政府（街道办事处）、其他单位"
    ]
    assert Unit.objects.count() == before
    # Fixed and imported again: everything written once; a third import changes nothing.
    outcome = UnitImporter(user=staff_a).run(workbook(roster(300)))
    assert outcome.ok and outcome.created == 300
    outcome = UnitImporter(user=staff_a).run(workbook(roster(300)))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 300)
    assert Unit.objects.count() == before + 300


def test_reimport_updates_by_natural_key(world, staff_a):
    UnitImporter(user=staff_a).run(
        workbook([["沅陵县财政局", "政府及其工作部门", "沅陵县", "李四", "", "否"]])
    )
    unit = Unit.objects.get(pk=world.unit_a.pk)
    assert unit.contact_person == "李四" and unit.is_active is False


def test_errors_name_row_and_column(world, staff_a):
    rows = [
        ["", "政府及其工作部门", "沅陵县"],
        ["甲单位", "政府及其工作部门", "辰溪县"],  # another county: outside scope
        ["乙单位", "政府及其工作部门", "431222", "", "", "也许"],
        ["丙单位", "人民法院", "官庄镇"],
        ["丙单位", "人民法院", "官庄镇"],
    ]
    outcome = UnitImporter(user=staff_a).run(workbook(rows))
    assert [str(e) for e in outcome.errors] == [
        "第 2 行「单位名称」：不能为空",
        "第 3 行「所属行政区划」：找不到行政区划“辰溪县”，或不在您的工作范围内",
        "第 4 行「在用」：应为“是”或“否”",
        "第 6 行「单位名称」：与前面的行重复",
    ]
    assert not Unit.objects.filter(name__in=["甲单位", "乙单位", "丙单位"]).exists()


def test_missing_column_and_empty_file(world, staff_a):
    outcome = UnitImporter(user=staff_a).run(
        workbook([["x", "人民法院"]], header=["单位名称", "单位类型"])
    )
    assert [str(e) for e in outcome.errors] == ["缺少列：「所属行政区划」。请使用导入模板。"]
    outcome = UnitImporter(user=staff_a).run(workbook([]))
    assert [str(e) for e in outcome.errors] == ["文件中没有数据行。"]


def test_template_has_the_columns(world, staff_a, client_for):
    response = client_for(staff_a).get(reverse("reports:import_template", args=["units"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    # The example row of the template imports cleanly.
    outcome = UnitImporter(user=staff_a).run(io.BytesIO(response.content))
    assert outcome.ok and outcome.created == 1


def test_upload_is_imported_by_a_background_job_that_reports_errors(
    world, staff_a, client_for, settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(staff_a)
    url = reverse("reports:import_upload", args=["units"])
    bad = SimpleUploadedFile("units.xlsx", workbook(roster(3, bad_row=1)).read())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": bad})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    body = client.get(response.url).content.decode()
    assert "发现 1 处错误，文件未导入" in body and "第 3 行「单位类型」" in body
    good = SimpleUploadedFile("units.xlsx", workbook(roster(3)).read())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": good})
    assert "导入完成：新增 3 条" in client.get(response.url).content.decode()
    # The uploads are gone once imported or refused.
    assert not list(tmp_path.rglob("*.xlsx"))


def test_disguised_file_is_refused(world, staff_a, client_for):
    fake = SimpleUploadedFile("units.xlsx", b"<html>not a workbook</html>")
    body = (
        client_for(staff_a)
        .post(reverse("reports:import_upload", args=["units"]), {"file": fake})
        .content.decode()
    )
    assert "请上传 .xlsx 格式的 Excel 文件" in body


def test_outsider_imports_only_into_own_county(world, outsider, client_for):
    outcome = UnitImporter(user=outsider).run(workbook([["甲单位", "人民法院", "沅陵县"]]))
    assert "不在您的工作范围内" in str(outcome.errors[0])
    assert (
        client_for(outsider).get(reverse("reports:import_upload", args=["units"])).status_code
        == 200
    )


def test_deputies_and_liaisons_cannot_import(world, deputy_a, liaison_a, client_for):
    for user in (deputy_a, liaison_a):
        client = client_for(user)
        assert client.get(reverse("reports:import_upload", args=["units"])).status_code == 403
        assert client.get(reverse("reports:import_template", args=["units"])).status_code == 403
    assert client.get(reverse("reports:import_upload", args=["nope"])).status_code == 404


def test_over_long_cells_are_row_errors_not_database_errors(world, staff_a):
    # SQLite would store these; PostgreSQL refuses varchar(32) and varchar(128) overflow.
    rows = [
        ["沅陵县" + "很" * 126, "政府及其工作部门", "沅陵县"],
        ["甲单位", "政府及其工作部门", "沅陵县", "张" * 33, "0745-" + "1" * 28],
    ]
    outcome = UnitImporter(user=staff_a).run(workbook(rows))
    assert [str(e) for e in outcome.errors] == [
        "第 2 行「单位名称」：不能超过 128 个字",
        "第 3 行「联系人」：不能超过 32 个字",
        "第 3 行「联系电话」：不能超过 32 个字",
    ]
    assert not Unit.objects.filter(name="甲单位").exists()
    # At the limit is fine.
    outcome = UnitImporter(user=staff_a).run(
        workbook([["甲单位", "政府及其工作部门", "沅陵县", "张" * 32]])
    )
    assert outcome.ok and Unit.objects.get(name="甲单位").contact_person == "张" * 32


def test_progress_is_reported_while_validating_and_saving(world, staff_a):
    seen = []
    outcome = UnitImporter(user=staff_a).run(workbook(roster(200)), progress=seen.append)
    assert outcome.ok and outcome.created == 200
    assert seen == sorted(set(seen)) and seen[-1] == 100
    assert any(0 < p < 50 for p in seen) and any(50 < p < 100 for p in seen)
    # A dry run only validates.
    seen.clear()
    UnitImporter(user=staff_a).run(workbook(roster(3)), dry_run=True, progress=seen.append)
    assert max(seen[:-1]) <= 50 and seen[-1] == 100
