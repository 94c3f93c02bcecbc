import io

from openpyxl import Workbook

from deputies.importers import DeputyRosterImporter, StationImporter
from deputies.models import Deputy, Station, StationMembership

STATION_HEADER = ["站名", "类型", "县市区", "乡镇（街道）", "地址", "接待时间"]
ROSTER_HEADER = [
    "姓名",
    "代表层级",
    "性别",
    "民族",
    "县市区",
    "乡镇（街道）",
    "所在代表团",
    "职业（工作单位及职务）",
    "手机号码",
    "常委会组成人员",
    "联络站",
    "站内职务",
]


def workbook(header, rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def roster(n, bad_row=None):
    rows = [
        [
            f"代表{i:03d}",
            "县人大代表",
            "女" if i % 2 else "男",
            "苗族",
            "沅陵县",
            "官庄镇",
            "官庄代表团",
            "教师",
            f"138{i:08d}",
            "否",
            "官庄镇人大代表联络站",
            "站长" if i == 0 else "成员",
        ]
        for i in range(n)
    ]
    if bad_row is not None:
        rows[bad_row][8] = "12345"
    return rows


def stations(staff):
    outcome = StationImporter(user=staff).run(
        workbook(
            STATION_HEADER,
            [["官庄镇人大代表联络站", "乡镇（街道）代表联络站", "沅陵县", "官庄镇", "", ""]],
        )
    )
    assert outcome.ok and outcome.created == 1


def test_roster_with_one_bad_row_among_hundreds_writes_nothing(world, staff_a):
    stations(staff_a)
    outcome = DeputyRosterImporter(user=staff_a).run(
        workbook(ROSTER_HEADER, roster(400, bad_row=233))
    )
    assert [str(e) for e in outcome.errors] == [
        "第 235 行「手机号码」：手机号码应为11位数字，以1开头"
    ]
    assert not Deputy.objects.exists()

    outcome = DeputyRosterImporter(user=staff_a).run(workbook(ROSTER_HEADER, roster(400)))
    assert outcome.ok and outcome.created == 400
    station = Station.objects.get(name="官庄镇人大代表联络站")
    assert StationMembership.objects.filter(station=station).count() == 400
    assert StationMembership.objects.get(role="head").deputy.name == "代表000"

    again = DeputyRosterImporter(user=staff_a).run(workbook(ROSTER_HEADER, roster(400)))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 400)
    assert Deputy.objects.count() == 400


def test_unknown_station_and_foreign_county_are_named(world, staff_a, outsider):
    stations(staff_a)
    rows = roster(2)
    rows[0][10] = "不存在的站"
    rows[1][4] = "辰溪县"
    outcome = DeputyRosterImporter(user=staff_a).run(workbook(ROSTER_HEADER, rows))
    assert [str(e) for e in outcome.errors] == [
        "第 2 行「联络站」：沅陵县没有联络站“不存在的站”，请先导入联络站",
        "第 3 行「县市区」：找不到县市区“辰溪县”，或不在您的工作范围内",
    ]
    outcome = StationImporter(user=outsider).run(
        workbook(STATION_HEADER, [["某站", "乡镇（街道）代表联络站", "沅陵县", "", "", ""]])
    )
    assert "不在您的工作范围内" in str(outcome.errors[0])
    assert not Station.objects.filter(name="某站").exists()


def test_over_long_cells_are_row_errors_not_database_errors(world, staff_a):
    # On PostgreSQL these were a 500: value too long for type character varying(32).
    stations(staff_a)
    rows = roster(3)
    rows[0][0] = "李" * 33
    rows[1][3] = "苗" * 17
    rows[2][7] = "教" * 129
    outcome = DeputyRosterImporter(user=staff_a).run(workbook(ROSTER_HEADER, rows))
    assert [str(e) for e in outcome.errors] == [
        "第 2 行「姓名」：不能超过 32 个字",
        "第 3 行「民族」：不能超过 16 个字",
        "第 4 行「职业（工作单位及职务）」：不能超过 128 个字",
    ]
    assert not Deputy.objects.exists()

    outcome = StationImporter(user=staff_a).run(
        workbook(
            STATION_HEADER,
            [["站" * 65, "乡镇（街道）代表联络站", "沅陵县", "", "路" * 129, "时" * 65]],
        )
    )
    assert [str(e) for e in outcome.errors] == [
        "第 2 行「站名」：不能超过 64 个字",
        "第 2 行「地址」：不能超过 128 个字",
        "第 2 行「接待时间」：不能超过 64 个字",
    ]
