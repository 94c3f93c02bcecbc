"""The public pages: no login, a rate limit and a honeypot, nothing personal shown."""

import pytest
from django.urls import reverse

from livelihood_projects import throttle
from livelihood_projects.models import Proposal

from .conftest import ProjectFactory, ProposalFactory

PROPOSE = reverse("livelihood_projects:public_propose")


@pytest.fixture
def form_data(cycle_a, world):
    return {
        "cycle": cycle_a.pk,
        "title": "官庄镇敬老院适老化改造",
        "category": "elderly",
        "township": world.township_a.pk,
        "description": "敬老院卫生间无扶手，老人如厕不便。",
        "estimated_cost": "35",
        "contact_name": "陈女士",
        "contact_phone": "13912345678",
        "website": "",
    }


def test_public_proposal_gets_a_receipt(client, form_data):
    response = client.post(PROPOSE, form_data, follow=True)
    proposal = Proposal.objects.get()
    assert proposal.source == Proposal.Source.PUBLIC and proposal.submitted_by is None
    body = response.content.decode()
    assert "您的建议已提交" in body and proposal.receipt_number in body
    assert "13912345678" not in body


def test_proposal_without_title_is_refused_and_keeps_the_input(client, form_data):
    form_data["title"] = ""
    response = client.post(PROPOSE, form_data)
    body = response.content.decode()
    assert response.status_code == 200 and "请填写项目名称" in body
    assert "敬老院卫生间无扶手" in body
    assert not Proposal.objects.exists()


def test_negative_cost_is_refused(client, form_data):
    form_data["estimated_cost"] = "-10"
    body = client.post(PROPOSE, form_data).content.decode()
    assert "金额不能为负数" in body and not Proposal.objects.exists()


def test_township_of_another_county_is_refused(client, form_data, world, cycle_b):
    form_data["township"] = world.township_b.pk
    body = client.post(PROPOSE, form_data).content.decode()
    assert "不属于该征集活动的范围" in body and not Proposal.objects.exists()


def test_closed_cycle_takes_no_proposals(client, form_data, cycle_a):
    cycle_a.accepts_public_proposals = False
    cycle_a.save()
    response = client.post(PROPOSE, form_data)
    assert "目前没有正在征集" in response.content.decode() and not Proposal.objects.exists()


def test_honeypot_catches_bots(client, form_data):
    form_data["website"] = "http://spam.example"
    body = client.post(PROPOSE, form_data).content.decode()
    assert "提交失败" in body and not Proposal.objects.exists()


def test_rate_limit_per_address(client, form_data):
    for _ in range(throttle.PUBLIC_PROPOSALS_PER_HOUR):
        assert client.post(PROPOSE, form_data).status_code == 302
    body = client.post(PROPOSE, form_data).content.decode()
    assert "提交过于频繁" in body
    assert Proposal.objects.count() == throttle.PUBLIC_PROPOSALS_PER_HOUR
    # Another address is not affected.
    response = client.post(PROPOSE, form_data, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


def test_proxy_address_header_is_trusted_only_from_the_local_proxy(rf):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="1.2.3.4")
    assert throttle.client_address(request) == "1.2.3.4"
    request = rf.get("/", REMOTE_ADDR="5.6.7.8", HTTP_X_REAL_IP="1.2.3.4")
    assert throttle.client_address(request) == "5.6.7.8"


def test_receipt_lookup(client, cycle_a, staff_a):
    proposal = ProposalFactory(
        cycle=cycle_a,
        status=Proposal.Status.NOT_TAKEN,
        screening_reason="已纳入省级农村饮水工程",
        contact_phone="13912345678",
    )
    url = reverse("livelihood_projects:public_receipt")
    body = client.get(url, {"number": proposal.receipt_number.lower()}).content.decode()
    assert "未采纳" in body and "已纳入省级农村饮水工程" in body and "13912345678" not in body
    body = client.get(url, {"number": "MS2025-NOPE00"}).content.decode()
    assert "没有找到这个回执编号" in body


def test_results_page_shows_projects_and_what_became_of_proposals(client, cycle_a, world):
    project = ProjectFactory(
        cycle=cycle_a,
        title="沅陵县城区学校扩容",
        status="elected",
        progress=60,
        budget_total=500,
        spent_total=300,
        satisfaction_rate=98,
    )
    ProjectFactory(cycle=cycle_a, title="落选项目", status="not_elected")
    ProposalFactory(cycle=cycle_a, title="学校扩容建议", status="candidate", project=project)
    ProposalFactory(
        cycle=cycle_a, title="修建广场", status="not_taken", screening_reason="不属于民生实事范围"
    )
    ProposalFactory(cycle=cycle_a, title="代表收集的建议", source="deputy", contact_phone="139")
    url = reverse("livelihood_projects:public_results", args=[world.county_a.code, 2025])
    body = client.get(url).content.decode()
    assert "沅陵县城区学校扩容" in body and "98.0%" in body and "落选项目" not in body
    assert "学校扩容建议" in body and "不属于民生实事范围" in body
    assert "代表收集的建议" not in body  # only the public's own proposals are listed


def test_results_page_of_unknown_county_or_year_is_404(client, cycle_a, world):
    url = reverse("livelihood_projects:public_results", args=[world.county_a.code, 1999])
    assert client.get(url).status_code == 404
    url = reverse("livelihood_projects:public_results", args=["999999", 2025])
    assert client.get(url).status_code == 404
