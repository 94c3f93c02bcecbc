import datetime as dt
import io

from openpyxl import load_workbook

from deputies.models import Activity, Opinion
from evaluations.models import AuditProblem
from notifications.models import Notification
from reports import services
from reports.models import ExportJob
from reports.quarterly import QuarterlyReport
from reports.rules import previous_quarter, quarter_dates, quarter_of
from tests.accounts.factories import UserFactory
from tests.deputies.factories import ActivityFactory, OpinionFactory, StationFactory, VisitFactory

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_quarter_rules():
    assert quarter_dates(2024, 2) == (dt.date(2024, 4, 1), dt.date(2024, 7, 1))
    assert quarter_dates(2024, 4) == (dt.date(2024, 10, 1), dt.date(2025, 1, 1))
    assert quarter_of(dt.date(2024, 4, 1)) == (2024, 2)
    assert previous_quarter(dt.date(2025, 1, 1)) == (2024, 4)
    assert previous_quarter(dt.date(2024, 7, 1)) == (2024, 2)


def sheets(user, year=2024, quarter=2) -> dict[str, list[list]]:
    buffer = io.BytesIO()
    QuarterlyReport(user=user, params={"year": [str(year)], "quarter": [str(quarter)]}).write(
        buffer
    )
    buffer.seek(0)
    book = load_workbook(buffer)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_station_sheet_counts_the_quarter_in_local_time(world, staff_a, outsider):
    station = StationFactory(
        name="官庄镇代表联络站", county=world.county_a, township=world.township_a
    )
    VisitFactory(station=station, visited_on=dt.date(2024, 4, 1), people_received=5)
    VisitFactory(station=station, visited_on=dt.date(2024, 6, 30), people_received=2)
    VisitFactory(station=station, visited_on=dt.date(2024, 3, 31), people_received=9)  # Q1
    OpinionFactory(station=station, raised_on=dt.date(2024, 5, 2), status=Opinion.Status.RESOLVED)
    OpinionFactory(
        station=station, raised_on=dt.date(2024, 5, 3), status=Opinion.Status.TRANSFERRED
    )
    # From the public, not yet read or turned down: no figure counts them (`counted()`).
    for status in (Opinion.Status.UNREVIEWED, Opinion.Status.REJECTED):
        OpinionFactory(station=station, raised_on=dt.date(2024, 5, 4), status=status)
    # 00:30 on 1 April in Huaihua is 16:30 UTC on 31 March: it belongs to Q2. (Held: the report
    # counts only the activities every count uses, `Activity.objects.counted()`.)
    held = Activity.Status.HELD
    ActivityFactory(
        station=station, status=held, starts_at=dt.datetime(2024, 4, 1, 0, 30, tzinfo=SHANGHAI)
    )
    ActivityFactory(
        station=station, status=held, starts_at=dt.datetime(2024, 3, 31, 23, 30, tzinfo=SHANGHAI)
    )
    StationFactory(name="孝坪镇代表联络站", county=world.county_b)

    rows = sheets(staff_a)["联络站工作"]
    assert rows[0][0] == "沅陵县 2024年第2季度 代表联络站工作情况"
    assert rows[2] == ["沅陵县", "官庄镇", "官庄镇代表联络站", 2, 7, 2, 1, 1]
    assert rows[-1] == ["合计", None, None, 2, 7, 2, 1, 1]
    assert "官庄镇代表联络站" not in {r[2] for r in sheets(outsider)["联络站工作"]}


def test_audit_sheet_totals_equal_the_database(world, staff_a):
    for number, status in enumerate(["rectified", "rectified", "partial", "committed"]):
        AuditProblem.objects.create(
            jurisdiction=world.county_a,
            unit=world.unit_a,
            year=2024,
            number=str(number),
            area="预算执行",
            description="专项资金未及时拨付",
            deadline=dt.date(2024, 6, 30),
            status=status,
        )
    rows = sheets(staff_a)["审计整改"]
    total_row = rows[-1]
    assert total_row[0] == "合计"
    assert total_row[2] == AuditProblem.objects.filter(year=2024).count() == 4
    assert total_row[3:7] == [0, 1, 1, 2]


def test_every_sheet_has_a_title_header_and_print_setup(world, staff_a):
    buffer = io.BytesIO()
    QuarterlyReport(user=staff_a, params={"year": ["2024"], "quarter": ["4"]}).write(buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    assert book.sheetnames == [
        "联络站工作",
        "代表建议",
        "审计整改",
        "检察建议",
        "民生实事",
        "测评结果",
        "监督事项",
        "预算执行监督",
    ]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$2:$2"
        assert "A1" in str(sheet.merged_cells)


def test_admins_receive_last_quarters_report_once(
    world, admin_user, staff_a, django_capture_on_commit_callbacks, eager_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    county_admin = UserFactory(role="admin", jurisdiction=world.county_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.quarterly_reports_send(today=dt.date(2025, 1, 1)) == 2
        assert services.quarterly_reports_send(today=dt.date(2025, 1, 1)) == 0
    jobs = ExportJob.objects.filter(exporter="quarterly")
    assert {job.requester for job in jobs} == {admin_user, county_admin}
    assert all(
        job.status == ExportJob.Status.DONE and job.params == {"year": ["2024"], "quarter": ["4"]}
        for job in jobs
    )
    note = Notification.objects.get(recipient=county_admin)
    assert note.title == "2024年第4季度报告已生成"
    assert note.url == jobs.get(requester=county_admin).get_absolute_url()
    assert not Notification.objects.filter(recipient=staff_a).exists()
