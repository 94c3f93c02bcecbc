"""Event notices: something assigned to your unit, an opinion transferred to you, a reply to your
suggestion or opinion, a poll open for you, your export or import finished.

Each kind is checked the same three ways: the right people are told (not county B, not the one who
did it), a repeated or retried call tells nobody twice (the notice's unique key), and a write that
is rolled back tells nobody (the notice waits for the commit).
"""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import Role
from deputies import services as deputy_services
from deputies.models import Opinion, OpinionReply, Suggestion
from evaluations import services as evaluation_services
from evaluations.importers import AuditProblemImporter
from evaluations.models import AuditImport, AuditProblem
from livelihood_projects import services as project_services
from livelihood_projects.models import Project
from notifications.models import Notification
from notifications.services import notice_send
from polls import services as poll_services
from polls.models import Poll
from reports import services as report_services
from reports.models import ExportJob
from tests.accounts.factories import UserFactory
from tests.core.factories import UnitFactory
from tests.deputies.factories import DeputyFactory, OpinionFactory, StationFactory
from tests.livelihood_projects.factories import CycleFactory, ProjectFactory

AUDIT_HEADER = [
    "县市区",
    "审计年度",
    "序号",
    "问题领域",
    "问题描述",
    "涉及金额（万元）",
    "责任单位",
    "整改期限",
]


def audit_workbook(rows, *, county="沅陵县", year=2023) -> BytesIO:
    """An audit list in the importer's layout, for `rows` of its last six columns (序号 …)."""
    book = Workbook()
    sheet = book.active
    sheet.append(AUDIT_HEADER)
    for row in rows:
        sheet.append([county, year, *row])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "审计问题清单.xlsx"
    return buffer


def titles(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for the commit, then run it all once more, as a retried or
    doubled call would: the keys must make the second run send nothing."""

    class Commit:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.callbacks = self.capture.__enter__()
            return self

        def __exit__(self, *exc_info):
            self.capture.__exit__(*exc_info)
            for callback in list(self.callbacks):
                callback()

    return Commit


@pytest.fixture
def liaison_b(world):
    return UserFactory(username="liaison_b", role=Role.LIAISON, unit=world.unit_b)


@pytest.fixture
def township_liaison_a(world):
    return UserFactory(
        username="liaison_town_a",
        role=Role.LIAISON,
        unit=world.township_unit_a,
        jurisdiction=world.township_a,
    )


@pytest.fixture
def deputy_record_a(world, deputy_a):
    return DeputyFactory(name="李秀兰", county=world.county_a, user=deputy_a)


@pytest.fixture
def bystanders(outsider, liaison_b):
    """County B's staff and a liaison of county B's unit: told nothing of county A."""
    return [outsider, liaison_b]


def assert_nothing_for(*users):
    assert Notification.objects.filter(recipient__in=users).count() == 0


def assert_links_open(client_for, *users):
    """Each notice leads its recipient to a page they may see."""
    for user in users:
        client = client_for(user)
        for url in Notification.objects.filter(recipient=user).values_list("url", flat=True):
            assert client.get(url).status_code == 200, (user, url)


# --- the helper ---------------------------------------------------------------------------------


def test_the_helper_tells_each_person_once_and_not_the_actor(
    world, committed, staff_a, liaison_a, deputy_a
):
    former = UserFactory(username="former", role=Role.LIAISON, unit=world.unit_a, is_active=False)
    with committed():
        for _ in range(2):
            notice_send(
                event="test.event",
                about=1,
                title="事项 %(n)s",
                params={"n": "2024-001"},
                url="/x/",
                users=[deputy_a, staff_a, None],
                units=[world.unit_a],
                by=staff_a,
            )
    assert titles(deputy_a) == ["事项 2024-001"]
    assert titles(liaison_a) == ["事项 2024-001"]
    assert_nothing_for(staff_a, former)
    note = Notification.objects.get(recipient=liaison_a)
    assert note.key == f"test.event:1:{liaison_a.pk}" and note.url == "/x/"


def test_titles_are_stored_in_the_portal_language_whatever_the_actor_reads(
    world, committed, liaison_a, staff_a
):
    from django.utils import translation

    opinion = OpinionFactory(station=StationFactory(county=world.county_a), content="路灯不亮")
    with translation.override("en"), committed():
        deputy_services.opinion_transfer(
            opinion=opinion,
            unit=world.unit_a,
            level=Opinion.Level.COUNTY,
            due_on=timezone.localdate() + timedelta(days=30),
            by=staff_a,
        )
    assert titles(liaison_a) == ["群众意见转交本单位办理：「路灯不亮」"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_tells_nobody(world, staff_a, liaison_a, deputy_record_a):
    """A real transaction, really rolled back: the notice was waiting for a commit that never came."""
    suggestion = Suggestion.objects.create(
        county=world.county_a,
        deputy=deputy_record_a,
        kind=Suggestion.Kind.SUGGESTION,
        number="2026-建001",
        title="修复通村公路",
        content="……",
        submitted_on=timezone.localdate(),
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
        raise RuntimeError("the page failed after the write")
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.SUBMITTED
    assert Notification.objects.count() == 0
    # The same write, committed, is told.
    deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    assert titles(liaison_a) == ["代表建议交本单位主办：2026-建001《修复通村公路》"]


def test_a_rolled_back_savepoint_tells_nobody(world, committed, staff_a, liaison_a):
    opinion = OpinionFactory(station=StationFactory(county=world.county_a))
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        deputy_services.opinion_transfer(
            opinion=opinion,
            unit=world.unit_a,
            level=Opinion.Level.COUNTY,
            due_on=timezone.localdate(),
            by=staff_a,
        )
        raise RuntimeError
    assert_nothing_for(liaison_a)
    opinion.refresh_from_db()
    with committed():
        deputy_services.opinion_transfer(
            opinion=opinion,
            unit=world.unit_a,
            level=Opinion.Level.COUNTY,
            due_on=timezone.localdate(),
            by=staff_a,
        )
    assert len(titles(liaison_a)) == 1


# --- assigned to your unit ----------------------------------------------------------------------


def test_suggestion_assigned_tells_the_lead_and_co_units(
    world,
    committed,
    client_for,
    staff_a,
    liaison_a,
    township_liaison_a,
    deputy_record_a,
    bystanders,
):
    suggestion = Suggestion.objects.create(
        county=world.county_a,
        deputy=deputy_record_a,
        kind=Suggestion.Kind.SUGGESTION,
        number="2026-建002",
        title="加强师资",
        content="……",
        submitted_on=timezone.localdate(),
    )
    with committed():
        deputy_services.suggestion_assign(
            suggestion=suggestion,
            lead_unit=world.unit_a,
            co_units=[world.township_unit_a],
            by=staff_a,
        )
    assert titles(liaison_a) == ["代表建议交本单位主办：2026-建002《加强师资》"]
    assert titles(township_liaison_a) == ["代表建议交本单位协办：2026-建002《加强师资》"]
    note = Notification.objects.get(recipient=liaison_a)
    assert note.url == suggestion.get_absolute_url() and "答复期限" in note.body
    assert_nothing_for(staff_a, deputy_record_a.user, *bystanders)
    assert_links_open(client_for, liaison_a, township_liaison_a)


def test_opinion_transferred_tells_the_unit_once(
    world, committed, client_for, staff_a, liaison_a, township_liaison_a, bystanders
):
    opinion = OpinionFactory(station=StationFactory(county=world.county_a))
    due_on = timezone.localdate() + timedelta(days=15)
    with committed():
        for _ in range(2):  # transferred again to the same unit: no second notice
            deputy_services.opinion_transfer(
                opinion=opinion, unit=world.unit_a, level="county", due_on=due_on, by=staff_a
            )
    assert len(titles(liaison_a)) == 1
    assert Notification.objects.get(recipient=liaison_a).url == opinion.get_absolute_url()
    assert_nothing_for(staff_a, township_liaison_a, *bystanders)
    assert_links_open(client_for, liaison_a)
    # Moved on to another unit: that unit is told (and the first unit no longer sees it).
    with committed():
        deputy_services.opinion_transfer(
            opinion=opinion, unit=world.township_unit_a, level="township", due_on=due_on, by=staff_a
        )
    assert len(titles(township_liaison_a)) == 1
    assert_links_open(client_for, township_liaison_a)


def test_evaluation_checklists_assigned_to_a_unit(
    world, committed, client_for, staff_a, liaison_a, township_liaison_a, bystanders
):
    evaluation = evaluation_services.round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="2024年工作评议",
        units=[world.unit_a],
        by=staff_a,
    )
    procuratorate = UnitFactory(
        name="沅陵县人民检察院", kind="procuratorate", jurisdiction=world.county_a
    )
    with committed():
        evaluation_services.opinion_assign(
            evaluation=evaluation,
            unit=world.unit_a,
            content="加快整改",
            assigned_on=date(2024, 6, 1),
            deadline=date(2024, 9, 1),
            by=staff_a,
        )
        evaluation_services.suggestion_create(
            by=staff_a,
            number="沅检行建〔2024〕9号",
            procuratorate=procuratorate,
            unit=world.unit_a,
            content="规范行政处罚程序",
            issued_on=date(2024, 3, 15),
        )
    assert titles(liaison_a) == [
        "检察建议 沅检行建〔2024〕9号 请本单位书面回复",
        "评议意见交本单位整改：2024年工作评议",
    ]
    assert_nothing_for(staff_a, township_liaison_a, *bystanders)
    assert_links_open(client_for, liaison_a)


def test_an_audit_import_tells_each_unit_once_with_its_count(
    world, committed, client_for, staff_a, liaison_a, township_liaison_a, bystanders
):
    rows = [
        ["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", date(2024, 6, 30)],
        ["2", "国有资产", "资产未入账", None, "官庄镇人民政府", date(2024, 7, 15)],
        ["3", "政府债务", "债务资金闲置", "3.2", "沅陵县财政局", date(2024, 8, 1)],
    ]
    with committed():
        assert AuditProblemImporter(user=staff_a).run(audit_workbook(rows)).ok
    batch = AuditImport.objects.get()
    assert titles(liaison_a) == ["2023年度审计查出问题交本单位整改：2 个"]
    assert titles(township_liaison_a) == ["2023年度审计查出问题交本单位整改：1 个"]
    note = Notification.objects.get(recipient=liaison_a)
    assert note.url == f"/evaluations/audit/?year=2023&unit={world.unit_a.pk}"
    assert note.key == f"evaluations.audit.assigned:{batch.pk}:{world.unit_a.pk}:{liaison_a.pk}"
    assert_nothing_for(staff_a, *bystanders)
    assert_links_open(client_for, liaison_a, township_liaison_a)


def test_an_audit_problem_sent_back_is_news_each_time(
    world, committed, client_for, staff_a, liaison_a, bystanders
):
    problem = AuditProblem.objects.create(
        jurisdiction=world.county_a,
        year=2023,
        number="07",
        area="预算执行",
        description="专项资金未及时拨付",
        unit=world.unit_a,
        deadline=date(2024, 6, 30),
        status=AuditProblem.Status.RECTIFIED,
    )
    with committed():
        evaluation_services.problem_return(problem=problem, note="资金尚未到位", by=staff_a)
    with committed():
        evaluation_services.problem_return(problem=problem, note="仍缺佐证", by=staff_a)
    assert titles(liaison_a) == ["审计问题 2023-07 整改被退回，请继续整改"] * 2
    assert_nothing_for(staff_a, *bystanders)
    assert_links_open(client_for, liaison_a)


def test_a_livelihood_project_assigned_tells_the_unit_once(
    world, committed, client_for, staff_a, liaison_a, township_liaison_a, bystanders
):
    project = ProjectFactory(
        cycle=CycleFactory(jurisdiction=world.county_a),
        title="官庄镇中心幼儿园改扩建",
        status=Project.Status.ELECTED,
    )
    with committed():
        for due_on in (date(2025, 12, 31), date(2026, 6, 30)):  # new dates: not news to the unit
            project_services.project_assign(
                project=project,
                responsible_unit=world.unit_a,
                start_on=date(2025, 1, 1),
                due_on=due_on,
                by=staff_a,
            )
    assert titles(liaison_a) == ["民生实事项目交本单位实施：官庄镇中心幼儿园改扩建"]
    assert_nothing_for(staff_a, township_liaison_a, *bystanders)
    assert_links_open(client_for, liaison_a)


# --- a reply to your suggestion or opinion ------------------------------------------------------


def test_the_deputy_hears_of_each_reply_and_the_unit_of_a_dissatisfied_rating(
    world, committed, client_for, staff_a, liaison_a, deputy_a, deputy_record_a, bystanders
):
    suggestion = Suggestion.objects.create(
        county=world.county_a,
        deputy=deputy_record_a,
        kind=Suggestion.Kind.MICRO,
        number="2026-微001",
        title="修路灯",
        content="……",
        submitted_on=timezone.localdate(),
    )
    deputy_services.suggestion_assign(suggestion=suggestion, lead_unit=world.unit_a, by=staff_a)
    with committed():
        deputy_services.suggestion_reply(
            suggestion=suggestion, reply="已列入计划", result_class="B", by=liaison_a
        )
    assert titles(deputy_a) == ["您的微建议已有答复：2026-微001《修路灯》"]
    with committed():
        deputy_services.suggestion_rate(
            suggestion=suggestion, satisfaction="dissatisfied", by=deputy_a
        )
    assert titles(liaison_a) == ["代表对答复不满意，请重新办理：2026-微001《修路灯》"]
    with committed():
        deputy_services.suggestion_reply(
            suggestion=suggestion, reply="已修复", result_class="A", by=liaison_a
        )
    assert titles(deputy_a) == ["您的微建议已有答复：2026-微001《修路灯》"] * 2
    assert_nothing_for(staff_a, *bystanders)
    assert_links_open(client_for, deputy_a, liaison_a)


def test_the_deputy_who_collected_an_opinion_hears_of_the_reply(
    world, committed, client_for, staff_a, liaison_a, deputy_a, deputy_record_a, bystanders
):
    opinion = OpinionFactory(
        station=StationFactory(county=world.county_a), deputy=deputy_record_a, content="路灯不亮"
    )
    deputy_services.opinion_transfer(
        opinion=opinion, unit=world.unit_a, level="county", due_on=timezone.localdate(), by=staff_a
    )
    with committed():
        deputy_services.opinion_reply(
            opinion=opinion,
            body="已安排维修",
            outcome=OpinionReply.Outcome.IN_PROGRESS,
            by=liaison_a,
        )
    assert titles(deputy_a) == ["您收集的群众意见已有答复：「路灯不亮」"]
    assert Notification.objects.get(recipient=deputy_a).url == opinion.get_absolute_url()
    assert_nothing_for(staff_a, liaison_a, *bystanders)
    assert_links_open(client_for, deputy_a)


# --- a poll open for you ------------------------------------------------------------------------


def make_poll(world, staff_a, voters):
    poll = poll_services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="2024年度部门工作满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
        closes_at=timezone.now() + timedelta(days=3),
    )
    poll_services.subjects_add(poll=poll, targets=[world.unit_a], by=staff_a)
    poll_services.electorate_add(poll=poll, group_name="全体代表", voters=voters, by=staff_a)
    return poll


def test_a_poll_opening_invites_each_elector_once(
    world, committed, client_for, staff_a, deputy_a, bystanders
):
    other = UserFactory(username="dep_other", role=Role.DEPUTY, jurisdiction=world.county_a)
    not_elector = UserFactory(username="dep_out", role=Role.DEPUTY, jurisdiction=world.county_a)
    deputy_b = UserFactory(username="dep_b", role=Role.DEPUTY, jurisdiction=world.county_b)
    poll = make_poll(world, staff_a, [deputy_a, other])
    with committed():
        poll_services.poll_open(poll=poll, by=staff_a)
    for elector in (deputy_a, other):
        assert titles(elector) == ["投票已开始，请参加：2024年度部门工作满意度测评"]
    note = Notification.objects.get(recipient=deputy_a)
    assert note.url == f"/polls/{poll.pk}/vote/" and note.body.startswith("截止时间：")
    assert_nothing_for(staff_a, not_elector, deputy_b, *bystanders)
    assert_links_open(client_for, deputy_a)


def test_a_poll_closed_before_the_commit_invites_nobody(world, committed, staff_a, deputy_a):
    poll = make_poll(world, staff_a, [deputy_a])
    with committed():
        poll_services.poll_open(poll=poll, by=staff_a)
        poll_services.poll_close(poll=poll, by=staff_a)
    assert_nothing_for(deputy_a)


# --- your export or import is ready -------------------------------------------------------------


def test_the_requester_hears_once_that_an_export_is_ready(
    world, committed, client_for, staff_a, liaison_a, bystanders, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = ExportJob.objects.create(requester=staff_a, exporter="units", title="承办单位")
    with committed():
        report_services.export_job_run(job_id=job.pk)
        report_services.export_job_run(job_id=job.pk)  # a redelivered task: claimed already
    assert titles(staff_a) == ["导出已完成：承办单位"]
    note = Notification.objects.get(recipient=staff_a)
    assert note.url == job.get_absolute_url() and "7 天内下载" in note.body
    assert_nothing_for(liaison_a, *bystanders)
    assert_links_open(client_for, staff_a)


def test_the_requester_hears_that_an_import_finished(
    world, committed, client_for, staff_a, settings, tmp_path, eager_tasks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    rows = [["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", date(2024, 6, 30)]]
    upload = SimpleUploadedFile("清单.xlsx", audit_workbook(rows).read())
    with committed():
        job = report_services.import_job_create(
            importer="audit-problems", upload=upload, by=staff_a
        )
    job.refresh_from_db()
    assert job.status == job.Status.DONE
    assert titles(staff_a) == ["导入审计问题清单已完成"]
    assert Notification.objects.get(recipient=staff_a).body == "新增 1 条，更新 0 条。"
    assert_links_open(client_for, staff_a)
