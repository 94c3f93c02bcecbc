from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livelihood_projects.models import (
    Attachment,
    Cycle,
    MoneyEntry,
    Project,
    Proposal,
)

from .factories import InspectionFactory, ProjectFactory, ProposalFactory, VoteRoundFactory
from .test_uploads import JPEG_BYTES, PDF_BYTES


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def county_a_records(cycle_a, elected_project, staff_a, media):
    """One record of every kind in county A, for the scope tests."""
    proposal = ProposalFactory(cycle=cycle_a, contact_phone="13812345678")
    vote_round = VoteRoundFactory(cycle=cycle_a)
    inspection = InspectionFactory(cycle=cycle_a, kind="pre_session", held_on=date(2025, 6, 1))
    attachment = Attachment.objects.create(
        cycle=cycle_a,
        project=elected_project,
        file=SimpleUploadedFile("a.jpg", JPEG_BYTES),
        stored_name="a.jpg",
        original_name="现场.jpg",
        content_type="image/jpeg",
        size=len(JPEG_BYTES),
    )
    return {
        "cycle": cycle_a,
        "project": elected_project,
        "proposal": proposal,
        "round": vote_round,
        "inspection": inspection,
        "milestone": elected_project.milestones.first(),
        "attachment": attachment,
    }


# Every page of county A's records, with the record it needs.
OBJECT_PAGES = [
    ("cycle_detail", "cycle"),
    ("cycle_edit", "cycle"),
    ("candidate_create", "cycle"),
    ("vote", "cycle"),
    ("inspection_create", "cycle"),
    ("vote_paper", "round"),
    ("proposal_detail", "proposal"),
    ("project_detail", "project"),
    ("project_assign", "project"),
    ("milestone_add", "project"),
    ("money_add", "project"),
    ("meeting_add", "project"),
    ("project_attachment_add", "project"),
    ("satisfaction_record", "project"),
    ("milestone_progress", "milestone"),
    ("inspection_detail", "inspection"),
    ("inspection_attachment_add", "inspection"),
    ("attachment_download", "attachment"),
]
POST_ONLY = [
    ("approval_record", "cycle"),
    ("vote_start", "cycle"),
    ("satisfaction_poll_start", "cycle"),
    ("satisfaction_poll_import", "cycle"),
    ("vote_poll_count", "round"),
    ("proposal_screen", "proposal"),
]


@pytest.mark.parametrize(("name", "key"), OBJECT_PAGES)
def test_staff_of_the_county_can_open_every_page(client_for, staff_a, county_a_records, name, key):
    url = reverse(f"livelihood_projects:{name}", args=[county_a_records[key].pk])
    assert client_for(staff_a).get(url).status_code == 200


@pytest.mark.parametrize(("name", "key"), OBJECT_PAGES + POST_ONLY)
def test_outsider_gets_404_for_every_page_of_county_a(
    client_for, outsider, county_a_records, name, key
):
    url = reverse(f"livelihood_projects:{name}", args=[county_a_records[key].pk])
    client = client_for(outsider)
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {}).status_code == 404


def test_outsider_sees_nothing_of_county_a_in_lists(client_for, outsider, county_a_records):
    client = client_for(outsider)
    for name in ["dashboard", "proposal_list", "project_list"]:
        body = client.get(reverse(f"livelihood_projects:{name}")).content.decode()
        assert "沅陵" not in body and "官庄镇中心幼儿园改扩建" not in body
        assert county_a_records["proposal"].title not in body


def test_every_page_but_the_public_ones_needs_a_login(client, county_a_records):
    assert client.get(reverse("livelihood_projects:dashboard")).status_code == 302
    url = reverse("livelihood_projects:project_detail", args=[county_a_records["project"].pk])
    assert client.get(url).status_code == 302
    for name in ["public_propose", "public_receipt", "public_index"]:
        assert client.get(reverse(f"livelihood_projects:{name}")).status_code == 200
    results = reverse("livelihood_projects:public_results", args=["431222", 2025])
    assert client.get(results).status_code == 200


def test_liaison_sees_only_their_units_projects(
    client_for, liaison_a, county_a_records, project_b, cycle_a
):
    client = client_for(liaison_a)
    other = ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, title="别的单位项目")
    body = client.get(reverse("livelihood_projects:project_list")).content.decode()
    assert "官庄镇中心幼儿园改扩建" in body and "别的单位项目" not in body
    for project in (other, project_b):
        url = reverse("livelihood_projects:project_detail", args=[project.pk])
        assert client.get(url).status_code == 404
    url = reverse("livelihood_projects:project_detail", args=[county_a_records["project"].pk])
    assert client.get(url).status_code == 200
    # Liaisons handle projects; they do not screen proposals or run the cycle.
    assert client.get(reverse("livelihood_projects:proposal_list")).status_code == 403
    cycle_url = reverse("livelihood_projects:cycle_detail", args=[cycle_a.pk])
    assert client.get(cycle_url).status_code == 403
    assert client.get(reverse("livelihood_projects:dashboard")).status_code == 302


def test_liaison_updates_milestone_and_money(client_for, liaison_a, elected_project):
    client = client_for(liaison_a)
    milestone = elected_project.milestones.first()
    url = reverse("livelihood_projects:milestone_progress", args=[milestone.pk])
    response = client.post(url, {"percent_complete": 100, "completed_on": "", "note": "设计完成"})
    assert response.status_code == 302
    url = reverse("livelihood_projects:money_add", args=[elected_project.pk])
    data = {"kind": "spent", "amount": "20", "on": "2025-04-01", "note": "", "reason": ""}
    assert client.post(url, data).status_code == 302
    elected_project.refresh_from_db()
    assert elected_project.progress == 25 and elected_project.spent_total == 20


def test_deputy_reads_but_does_not_handle(client_for, deputy_a, elected_project):
    client = client_for(deputy_a)
    url = reverse("livelihood_projects:project_detail", args=[elected_project.pk])
    assert client.get(url).status_code == 200
    url = reverse("livelihood_projects:money_add", args=[elected_project.pk])
    assert client.get(url).status_code == 403
    url = reverse("livelihood_projects:project_assign", args=[elected_project.pk])
    assert client.get(url).status_code == 403


# --- Bad input ---------------------------------------------------------------------------------


def test_negative_amount_is_refused_with_a_chinese_message(client_for, staff_a, elected_project):
    url = reverse("livelihood_projects:money_add", args=[elected_project.pk])
    data = {"kind": "budget", "amount": "-5", "on": "2025-04-01", "note": "追加", "reason": ""}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "金额不能为负数" in body and 'value="追加"' in body
    assert MoneyEntry.objects.count() == 1  # the fixture's budget only


def test_spending_above_budget_without_reason_is_refused(client_for, staff_a, elected_project):
    url = reverse("livelihood_projects:money_add", args=[elected_project.pk])
    data = {"kind": "spent", "amount": "150", "on": "2025-04-01", "note": "工程款", "reason": ""}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 200
    assert "请填写超预算原因" in response.content.decode()
    assert not MoneyEntry.objects.filter(kind="spent").exists()
    data["reason"] = "设计变更，增加护栏"
    assert client_for(staff_a).post(url, data).status_code == 302
    assert MoneyEntry.objects.get(kind="spent").over_budget_reason == "设计变更，增加护栏"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("照片.jpg", b"MZ\x90\x00" + b"\x00" * 64, "不支持的文件类型"),
        ("照片.jpg", PDF_BYTES, "与扩展名不符"),
    ],
)
def test_disguised_file_is_refused(
    client_for, liaison_a, elected_project, media, name, content, message
):
    url = reverse("livelihood_projects:project_attachment_add", args=[elected_project.pk])
    response = client_for(liaison_a).post(
        url, {"file": SimpleUploadedFile(name, content), "caption": "现场"}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Attachment.objects.exists() and not any(media.rglob("*.*"))


def test_oversized_file_is_refused(client_for, liaison_a, elected_project, media, monkeypatch):
    monkeypatch.setattr("livelihood_projects.uploads.MAX_BYTES", 100)
    url = reverse("livelihood_projects:project_attachment_add", args=[elected_project.pk])
    response = client_for(liaison_a).post(
        url, {"file": SimpleUploadedFile("现场.jpg", JPEG_BYTES + b"\x00" * 100)}
    )
    assert response.status_code == 200 and "不能超过" in response.content.decode()
    assert not Attachment.objects.exists()


def test_photo_upload_and_download(
    client_for, liaison_a, staff_a, outsider, elected_project, media
):
    url = reverse("livelihood_projects:project_attachment_add", args=[elected_project.pk])
    response = client_for(liaison_a).post(
        url, {"file": SimpleUploadedFile("现场照片.jpg", JPEG_BYTES), "caption": "主体施工"}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg" and attachment.original_name == "现场照片.jpg"
    assert attachment.file.name.endswith(".jpg") and "现场" not in attachment.file.name
    download = reverse("livelihood_projects:attachment_download", args=[attachment.pk])
    response = client_for(staff_a).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == JPEG_BYTES
    assert client_for(outsider).get(download).status_code == 404


def test_candidate_with_special_funds_is_refused(client_for, staff_a, cycle_a):
    url = reverse("livelihood_projects:candidate_create", args=[cycle_a.pk])
    data = {"title": "农村公路提质", "category": "transport", "special_funds": "on"}
    response = client_for(staff_a).post(url, data)
    assert "不列入票决范畴" in response.content.decode()
    assert not Project.objects.exists()


def test_screening_without_reason_is_refused(client_for, staff_a, cycle_a):
    proposal = ProposalFactory(cycle=cycle_a)
    url = reverse("livelihood_projects:proposal_screen", args=[proposal.pk])
    response = client_for(staff_a).post(url, {"decision": "not_taken", "reason": ""})
    assert "未采纳的建议须填写理由" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.RECEIVED


# --- Lists -------------------------------------------------------------------------------------


def test_proposal_list_filters(client_for, staff_a, cycle_a, world):
    township_cycle = Cycle.objects.create(jurisdiction=world.township_a, year=2025)
    ProposalFactory(cycle=cycle_a, title="县级养老", category="elderly")
    ProposalFactory(
        cycle=township_cycle, title="乡镇饮水", category="water", township=world.township_a
    )
    ProposalFactory(cycle=cycle_a, title="已采纳", status=Proposal.Status.CANDIDATE)
    client = client_for(staff_a)
    url = reverse("livelihood_projects:proposal_list")

    def titles(**params):
        return {p.title for p in client.get(url, params).context["object_list"]}

    assert titles() == {"县级养老", "乡镇饮水", "已采纳"}
    assert titles(category="elderly") == {"县级养老"}
    assert titles(level="township") == {"乡镇饮水"}
    assert titles(level="county") == {"县级养老", "已采纳"}
    assert titles(township=world.township_a.pk) == {"乡镇饮水"}
    assert titles(status="candidate") == {"已采纳"}


def test_proposal_list_query_count_is_the_same_at_1_and_30_rows(
    client_for, staff_a, cycle_a, world, django_assert_num_queries
):
    ProposalFactory(cycle=cycle_a, township=world.township_a)
    client = client_for(staff_a)
    url = reverse("livelihood_projects:proposal_list")
    client.get(url)  # warm the session
    # session, user, count, page of proposals with cycle, jurisdiction and township, the filter's
    # cycle and township choices, session save (savepoint, update, release); at most one more
    # for what other apps' context processors add to every page.
    with CaptureQueriesContext(connection) as one_row:
        response = client.get(url)
    assert len(response.context["object_list"]) == 1
    assert len(one_row) <= 10
    ProposalFactory.create_batch(29, cycle=cycle_a, township=world.township_a)
    with django_assert_num_queries(len(one_row)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 30


def test_dashboard_shows_lag_warnings(client_for, staff_a, elected_project, time_machine):
    time_machine.move_to(date(2025, 7, 1))
    body = client_for(staff_a).get(reverse("livelihood_projects:dashboard")).content.decode()
    assert "滞后预警" in body and "官庄镇中心幼儿园改扩建" in body and "进度落后时间进度" in body


def test_staff_creates_a_cycle_for_their_county_only(client_for, staff_a, world):
    client = client_for(staff_a)
    url = reverse("livelihood_projects:cycle_create")
    data = {
        "jurisdiction": world.county_b.pk,
        "year": 2026,
        "budget_envelope": "500",
        "seats": 3,
        "deputies_total": 150,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not Cycle.objects.exists()
    data["jurisdiction"] = world.county_a.pk
    assert client.post(url, data).status_code == 302
    assert Cycle.objects.get().jurisdiction == world.county_a


def test_deputy_enters_a_proposal_gathered_at_a_station(client_for, deputy_a, cycle_a, world):
    url = reverse("livelihood_projects:proposal_create")
    data = {
        "cycle": cycle_a.pk,
        "title": "村卫生室改造",
        "category": "health",
        "township": world.township_a.pk,
        "description": "联络站接待群众时收集",
        "source": "deputy",
    }
    assert client_for(deputy_a).post(url, data).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.source == "deputy" and proposal.submitted_by == deputy_a


def test_money_amount_is_shown_in_wan_yuan(client_for, staff_a, elected_project):
    url = reverse("livelihood_projects:project_detail", args=[elected_project.pk])
    body = client_for(staff_a).get(url).content.decode()
    assert "预算 100.00" in body
    assert Decimal("100") == elected_project.budget_total


def test_home_pages_show_lagging_projects(
    client_for, staff_a, liaison_a, outsider, elected_project, time_machine
):
    time_machine.move_to(date(2025, 7, 1))
    body = client_for(staff_a).get(reverse("home")).content.decode()
    assert "实施中的票决项目 1 个，其中滞后预警 1 个" in body
    body = client_for(liaison_a).get(reverse("home")).content.decode()
    assert "本单位承办、实施中的票决项目 1 个，其中滞后预警 1 个" in body
    body = client_for(outsider).get(reverse("home")).content.decode()
    assert "实施中的票决项目 0 个" in body


def test_cycle_page_shows_the_envelope_used_by_elected_projects_and_what_is_left(
    client_for, staff_a, cycle_a
):
    cycle_a.budget_envelope = Decimal(1000)
    cycle_a.save()
    ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, estimated_cost=Decimal(400))
    ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, estimated_cost=Decimal("350.5"))
    ProjectFactory(cycle=cycle_a, status=Project.Status.NOT_ELECTED, estimated_cost=Decimal(900))
    url = reverse("livelihood_projects:cycle_detail", args=[cycle_a.pk])
    body = client_for(staff_a).get(url).content.decode()
    assert "票决项目已安排 750.50 万元（75.1%）" in body
    assert "剩余 249.50 万元" in body

    ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, estimated_cost=Decimal(1250))
    body = client_for(staff_a).get(url).content.decode()
    assert "超出 1,000.50 万元" in body
    assert "剩余" not in body
