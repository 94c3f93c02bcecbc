"""A refused form comes back with what was typed in it, and nothing is saved."""

from datetime import date

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import AuditProblem, Participant

Status = AuditProblem.Status
MEASURES = "已拨付专项资金 120 万元，并建立按月拨付台账"


def test_rectification_keeps_the_typed_measures_when_evidence_is_missing(
    client_for, liaison_a, make_problem
):
    problem = make_problem()
    response = client_for(liaison_a).post(
        reverse("evaluations:problem_report", args=[problem.pk]),
        {"status": Status.RECTIFIED, "measures": MEASURES, "evidence": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert MEASURES in body
    assert "报送“整改到位”须同时提供整改佐证材料" in body
    # The error sits beside the evidence field, and the page shows the stored status.
    form = response.context["report_form"]
    assert form.errors["evidence"] and form["measures"].value() == MEASURES
    assert response.context["problem"].status == Status.NOT_STARTED
    problem.refresh_from_db()
    assert (problem.status, problem.measures) == (Status.NOT_STARTED, "")


def test_a_refusal_by_the_service_is_told_on_the_page(client_for, liaison_a, make_problem):
    problem = make_problem(closed_on=date(2024, 7, 1), status=Status.RECTIFIED, evidence="凭证")
    response = client_for(liaison_a).post(
        reverse("evaluations:problem_report", args=[problem.pk]),
        {"status": Status.RECTIFIED, "measures": MEASURES, "evidence": "新凭证"},
    )
    assert response.status_code == 400
    assert "该问题已销号" in response.content.decode()
    problem.refresh_from_db()
    assert problem.evidence == "凭证"


@pytest.fixture
def evaluation(world, staff_a):
    return services.round_create(
        jurisdiction=world.county_a, year=2024, title="沅陵县2024年工作评议", units=[], by=staff_a
    )


def test_a_participant_without_a_kind_keeps_the_name(client_for, staff_a, evaluation):
    response = client_for(staff_a).post(
        reverse("evaluations:participant_add", args=[evaluation.pk]),
        {"name": "张秋菊", "kind": "", "organization": "沅陵县人大代表"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="张秋菊"' in body and 'value="沅陵县人大代表"' in body
    assert not Participant.objects.exists()


def test_grade_shares_out_of_range_are_shown_as_typed(client_for, staff_a, world):
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="沅陵履职评议",
        year=2024,
        appraisal_date=date(2024, 11, 30),
    )
    response = client_for(staff_a).post(
        reverse("evaluations:appraisal_grade", args=[appraisal.pk]),
        {"excellent_share": "0.25", "good_share": "5", "poor_d_share": "0.2"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="0.25"' in body and 'value="5"' in body
    appraisal.refresh_from_db()
    assert appraisal.good_share != 5
