"""Livelihood fixtures on top of the shared personas: a 2025 cycle in each county and an elected
project of county A, built through `tests.livelihood_projects.factories`."""

from datetime import date
from decimal import Decimal

import pytest

from livelihood_projects.models import Approval, Project
from livelihood_projects.services import project_refresh

from .factories import (
    ApprovalFactory,
    CycleFactory,
    MilestoneFactory,
    MoneyEntryFactory,
    ProjectFactory,
)


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
        ApprovalFactory(cycle=cycle_a, kind=kind)
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
    MilestoneFactory(project=project, title="完成设计", due_on=date(2025, 3, 31), weight=1)
    MilestoneFactory(project=project, title="主体完工", due_on=date(2025, 9, 30), weight=3)
    MoneyEntryFactory(project=project, amount=Decimal(100), on=date(2025, 1, 15))
    return project_refresh(project)


@pytest.fixture
def project_b(cycle_b, world):
    return ProjectFactory(
        cycle=cycle_b,
        title="孝坪镇饮水工程",
        status=Project.Status.ELECTED,
        responsible_unit=world.unit_b,
    )
