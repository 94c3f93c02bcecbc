"""Cycles are created and changed by services, as every other record; a proposal is screened once,
checked under the row lock rather than by the page that showed the form."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livelihood_projects import services
from livelihood_projects.models import Cycle, Project, Proposal

from .factories import ProposalFactory


def test_cycle_create_validates_and_saves(staff_a, world):
    cycle = services.cycle_create(
        by=staff_a, jurisdiction=world.county_a, year=2026, seats=3, deputies_total=150
    )
    assert Cycle.objects.get() == cycle and cycle.seats == 3
    with pytest.raises(ValidationError):
        services.cycle_create(by=staff_a, jurisdiction=world.county_a, year=2026)
    with pytest.raises(ValidationError) as refused:
        services.cycle_create(by=staff_a, jurisdiction=world.city, year=2027)
    assert "jurisdiction" in refused.value.error_dict
    assert Cycle.objects.count() == 1


def test_cycle_update_keeps_the_congress(staff_a, cycle_a, world):
    services.cycle_update(
        cycle=cycle_a, by=staff_a, jurisdiction=world.county_b, seats=4, notice="征集公告"
    )
    cycle_a.refresh_from_db()
    assert cycle_a.jurisdiction == world.county_a
    assert cycle_a.seats == 4 and cycle_a.notice == "征集公告"
    with pytest.raises(ValidationError):
        services.cycle_update(cycle=cycle_a, by=staff_a, seats=0)
    cycle_a.refresh_from_db()
    assert cycle_a.seats == 4


def test_cycle_edit_page_saves_through_the_service(client_for, staff_a, cycle_a):
    url = reverse("livelihood_projects:cycle_edit", args=[cycle_a.pk])
    data = {
        "year": 2025,
        "budget_envelope": "800",
        "seats": 3,
        "deputies_total": 120,
        "decide_on": "2025-01-12",
    }
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 302 and response["Location"] == cycle_a.get_absolute_url()
    cycle_a.refresh_from_db()
    assert cycle_a.budget_envelope == Decimal(800) and cycle_a.decide_on == date(2025, 1, 12)
    assert cycle_a.history.count() == 2  # created, then changed once


def test_a_screened_proposal_cannot_be_screened_again(staff_a, cycle_a):
    proposal = ProposalFactory(cycle=cycle_a)
    stale = Proposal.objects.get(pk=proposal.pk)  # as a second page still shows it
    services.proposal_screen(proposal=proposal, decision="not_taken", reason="重复", by=staff_a)
    with pytest.raises(ValidationError, match="该建议已筛选"):
        services.proposal_screen(proposal=stale, decision="candidate", by=staff_a)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NOT_TAKEN and not Project.objects.exists()


def test_screening_page_says_a_proposal_was_screened_already(client_for, staff_a, cycle_a):
    proposal = ProposalFactory(cycle=cycle_a, status=Proposal.Status.NOT_TAKEN)
    url = reverse("livelihood_projects:proposal_screen", args=[proposal.pk])
    response = client_for(staff_a).post(url, {"decision": "candidate", "reason": ""})
    assert response.status_code == 200 and "该建议已筛选" in response.content.decode()
    assert not Project.objects.exists()
