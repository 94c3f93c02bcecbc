from datetime import date
from decimal import Decimal

import factory
import pytest

from livelihood_projects.models import (
    Approval,
    Category,
    Cycle,
    Milestone,
    MoneyEntry,
    Project,
    Proposal,
)
from livelihood_projects.services import project_refresh


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    year = 2025
    budget_envelope = Decimal(1000)
    seats = 2
    deputies_total = 10
    accepts_public_proposals = True
    solicit_on = date(2024, 10, 1)
    propose_on = date(2024, 11, 30)
    deliberate_on = date(2024, 12, 20)
    decide_on = date(2025, 1, 10)
    assign_on = date(2025, 1, 15)
    handle_on = date(2025, 12, 31)
    supervise_on = date(2025, 12, 20)
    evaluate_on = date(2026, 1, 10)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    receipt_number = factory.Sequence(lambda n: f"MS2025-T{n:05d}")
    title = factory.Sequence(lambda n: f"建议{n}")
    category = Category.EDUCATION
    description = "建议内容"
    source = Proposal.Source.PUBLIC


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"项目{n}")
    category = Category.WATER
    position = factory.Sequence(lambda n: n + 1)


@pytest.fixture
def cycle_a(world):
    return CycleFactory(jurisdiction=world.county_a)


@pytest.fixture
def cycle_b(world):
    return CycleFactory(jurisdiction=world.county_b)


@pytest.fixture
def approved(cycle_a):
    """cycle_a with its candidates reviewed by the congress and agreed by the party committee."""
    for kind in Approval.Kind.values:
        Approval.objects.create(
            cycle=cycle_a, kind=kind, body="县人大常委会主任会议", decided_on=date(2024, 12, 20)
        )
    return cycle_a


@pytest.fixture
def elected_project(cycle_a, world):
    """An elected project of county A, assigned to unit A, half a year into 2025."""
    project = ProjectFactory(
        cycle=cycle_a,
        title="官庄镇中心幼儿园改扩建",
        status=Project.Status.ELECTED,
        responsible_unit=world.unit_a,
        township=world.township_a,
        start_on=date(2025, 1, 1),
        due_on=date(2025, 12, 31),
    )
    Milestone.objects.create(project=project, title="完成设计", due_on=date(2025, 3, 31), weight=1)
    Milestone.objects.create(project=project, title="主体完工", due_on=date(2025, 9, 30), weight=3)
    MoneyEntry.objects.create(
        project=project, kind=MoneyEntry.Kind.BUDGET, amount=Decimal(100), on=date(2025, 1, 15)
    )
    return project_refresh(project)


@pytest.fixture
def project_b(cycle_b, world):
    return ProjectFactory(
        cycle=cycle_b,
        title="孝坪镇饮水工程",
        status=Project.Status.ELECTED,
        responsible_unit=world.unit_b,
    )
