"""Livelihood-project cycles of 2025 and what hangs on them: proposals, projects, approvals,
milestones, money, inspections and vote rounds."""

from datetime import date
from decimal import Decimal

import factory

from livelihood_projects.models import (
    Approval,
    Category,
    Cycle,
    Inspection,
    Milestone,
    MoneyEntry,
    Project,
    Proposal,
    VoteRound,
)
from tests.core.factories import JurisdictionFactory


class CycleFactory(factory.django.DjangoModelFactory):
    """The 2025 cycle, open for public proposals, with every step of its timeline dated."""

    class Meta:
        model = Cycle

    jurisdiction = factory.SubFactory(JurisdictionFactory)
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


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approval

    cycle = factory.SubFactory(CycleFactory)
    kind = Approval.Kind.PRELIMINARY_REVIEW
    body = "县人大常委会主任会议"
    decided_on = date(2024, 12, 20)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    cycle = factory.SubFactory(CycleFactory)
    receipt_number = factory.Sequence(lambda n: f"MS2025-T{n:05d}")
    title = factory.Sequence(lambda n: f"建议{n}")
    category = Category.EDUCATION
    description = "建议内容"
    source = Proposal.Source.PUBLIC


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    cycle = factory.SubFactory(CycleFactory)
    title = factory.Sequence(lambda n: f"项目{n}")
    category = Category.WATER
    position = factory.Sequence(lambda n: n + 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"节点{n}")
    due_on = date(2025, 6, 30)
    weight = 1


class MoneyEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MoneyEntry

    project = factory.SubFactory(ProjectFactory)
    kind = MoneyEntry.Kind.BUDGET
    amount = Decimal(100)
    on = date(2025, 1, 15)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    cycle = factory.SubFactory(CycleFactory)
    kind = Inspection.Kind.ROUTINE
    held_on = date(2025, 5, 1)
    participants = "县人大代表"
    findings = "进度正常"


class VoteRoundFactory(factory.django.DjangoModelFactory):
    """A round of the cycle's vote; `candidates=[...]` puts projects on its ballot."""

    class Meta:
        model = VoteRound
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    number = 1
    seats = 1
    method = VoteRound.Method.PAPER

    @factory.post_generation
    def candidates(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.candidates.set(extracted)
