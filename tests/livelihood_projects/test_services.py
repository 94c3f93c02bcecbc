from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from livelihood_projects import rules, services
from livelihood_projects.models import MoneyEntry, Project, Proposal, VoteRound

from .factories import ProjectFactory, ProposalFactory


def test_proposal_gets_a_unique_readable_receipt_number(cycle_a):
    first = services.proposal_submit(
        cycle=cycle_a,
        source=Proposal.Source.PUBLIC,
        title="修路",
        category="transport",
        description="村道破损",
    )
    second = services.proposal_submit(
        cycle=cycle_a,
        source=Proposal.Source.PUBLIC,
        title="修桥",
        category="transport",
        description="桥梁老化",
    )
    assert first.receipt_number.startswith("MS2025-") and len(first.receipt_number) == 13
    assert first.receipt_number != second.receipt_number
    assert not set(first.receipt_number[7:]) & set("01OIL")


def test_proposal_with_negative_cost_is_not_saved(cycle_a):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            cycle=cycle_a,
            source="public",
            title="x",
            category="other",
            description="y",
            estimated_cost=Decimal(-1),
        )
    assert not Proposal.objects.exists()


def test_screening_into_a_new_candidate(cycle_a, staff_a, world):
    proposal = ProposalFactory(cycle=cycle_a, township=world.township_a, estimated_cost=50)
    services.proposal_screen(proposal=proposal, decision="candidate", by=staff_a)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CANDIDATE and proposal.screened_by == staff_a
    project = proposal.project
    assert project.title == proposal.title and project.status == Project.Status.CANDIDATE
    assert project.township == world.township_a and project.estimated_cost == 50


def test_screening_merges_into_an_existing_candidate(cycle_a, staff_a):
    candidate = ProjectFactory(cycle=cycle_a)
    proposal = ProposalFactory(cycle=cycle_a)
    services.proposal_screen(proposal=proposal, decision="candidate", project=candidate, by=staff_a)
    assert candidate.proposals.get() == proposal
    assert Project.objects.count() == 1


def test_not_taken_needs_a_reason(cycle_a, staff_a):
    proposal = ProposalFactory(cycle=cycle_a)
    with pytest.raises(ValidationError):
        services.proposal_screen(proposal=proposal, decision="not_taken", reason=" ", by=staff_a)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.RECEIVED


def test_upper_level_special_funds_make_a_proposal_ineligible(cycle_a, staff_a):
    proposal = ProposalFactory(cycle=cycle_a)
    services.proposal_screen(proposal=proposal, decision="ineligible", by=staff_a)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.INELIGIBLE
    assert "专项资金" in proposal.screening_reason and proposal.project is None


def test_vote_needs_review_and_party_agreement(cycle_a, staff_a):
    ProjectFactory.create_batch(3, cycle=cycle_a)
    with pytest.raises(ValidationError, match="人大初审"):
        services.vote_round_start(cycle=cycle_a, method="paper", by=staff_a)


def test_vote_must_be_competitive(approved, staff_a):
    ProjectFactory.create_batch(2, cycle=approved)  # seats = 2
    with pytest.raises(ValidationError, match="差额"):
        services.vote_round_start(cycle=approved, method="paper", by=staff_a)


def test_paper_vote_with_a_tie_goes_to_a_revote(approved, staff_a):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    first = services.vote_round_start(cycle=approved, method="paper", by=staff_a)
    revote = services.vote_paper_record(
        vote_round=first, votes={a.pk: 8, b.pk: 6, c.pk: 6}, valid=10, invalid=0, by=staff_a
    )
    assert revote.number == 2 and revote.seats == 1
    assert set(revote.candidates.all()) == {b, c}
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "elected", b.pk: "revote", c.pk: "revote"}
    assert (
        services.vote_paper_record(
            vote_round=revote, votes={b.pk: 4, c.pk: 6}, valid=10, invalid=0, by=staff_a
        )
        is None
    )
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "elected", b.pk: "not_elected", c.pk: "elected"}
    assert VoteRound.objects.get(number=2).votes == {str(b.pk): 4, str(c.pk): 6}


def test_paper_vote_records_unfilled_seats(approved, staff_a):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    vote_round = services.vote_round_start(cycle=approved, method="paper", by=staff_a)
    services.vote_paper_record(
        vote_round=vote_round, votes={a.pk: 6, b.pk: 5, c.pk: 2}, valid=9, invalid=1, by=staff_a
    )
    vote_round.refresh_from_db()
    assert vote_round.unfilled_seats == 1 and vote_round.invalid_ballots == 1
    assert Project.objects.filter(status="elected").get() == a


def test_paper_vote_rejects_impossible_totals(approved, staff_a):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    vote_round = services.vote_round_start(cycle=approved, method="paper", by=staff_a)
    with pytest.raises(ValidationError, match="多于本级人大代表总数"):
        services.vote_paper_record(
            vote_round=vote_round,
            votes={a.pk: 6, b.pk: 5, c.pk: 2},
            valid=11,
            invalid=0,
            by=staff_a,
        )
    with pytest.raises(ValidationError, match="多于有效票数"):
        services.vote_paper_record(
            vote_round=vote_round,
            votes={a.pk: 9, b.pk: 5, c.pk: 2},
            valid=8,
            invalid=0,
            by=staff_a,
        )
    assert not Project.objects.filter(status="elected").exists()


def test_a_round_is_counted_once(approved, staff_a):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    vote_round = services.vote_round_start(cycle=approved, method="paper", by=staff_a)
    count = rules.count_project_vote([str(a.pk), str(b.pk), str(c.pk)], [[str(a.pk)]] * 6, 2, 10)
    services.vote_outcome_record(vote_round=vote_round, count=count, by=staff_a)
    with pytest.raises(ValidationError):
        services.vote_outcome_record(vote_round=vote_round, count=count, by=staff_a)


def test_progress_and_money_are_kept_on_the_project(elected_project, liaison_a):
    first, second = elected_project.milestones.all()
    services.milestone_update(
        milestone=first, percent_complete=100, completed_on=None, note="", by=liaison_a
    )
    services.milestone_update(
        milestone=second, percent_complete=50, completed_on=None, note="主体施工过半", by=liaison_a
    )
    services.money_add(
        project=elected_project,
        kind="allocated",
        amount=Decimal(60),
        on=date(2025, 3, 1),
        by=liaison_a,
    )
    services.money_add(
        project=elected_project,
        kind="spent",
        amount=Decimal("40.5"),
        on=date(2025, 4, 1),
        by=liaison_a,
    )
    elected_project.refresh_from_db()
    assert elected_project.progress == Decimal("62.5")
    assert elected_project.budget_total == 100 and elected_project.allocated_total == 60
    assert elected_project.spent_total == Decimal("40.5")
    first.refresh_from_db()
    assert first.completed_on is not None


def test_spending_above_budget_needs_a_reason(elected_project, liaison_a):
    with pytest.raises(ValidationError, match="超预算原因"):
        services.money_add(
            project=elected_project,
            kind="spent",
            amount=Decimal(101),
            on=date(2025, 5, 1),
            by=liaison_a,
        )
    assert not MoneyEntry.objects.filter(kind="spent").exists()
    services.money_add(
        project=elected_project,
        kind="spent",
        amount=Decimal(101),
        on=date(2025, 5, 1),
        reason="材料涨价，经联席会议同意追加",
        by=liaison_a,
    )
    elected_project.refresh_from_db()
    assert elected_project.spent_total == 101


def test_completion_sets_the_completed_date(elected_project, liaison_a):
    for milestone in elected_project.milestones.all():
        services.milestone_update(
            milestone=milestone, percent_complete=100, completed_on=None, note="", by=liaison_a
        )
    elected_project.refresh_from_db()
    assert elected_project.is_completed and elected_project.completed_on is not None


def test_only_elected_projects_are_handled(cycle_a, staff_a, world):
    candidate = ProjectFactory(cycle=cycle_a)
    with pytest.raises(ValidationError):
        services.money_add(
            project=candidate, kind="budget", amount=Decimal(1), on=date(2025, 1, 1), by=staff_a
        )
    with pytest.raises(ValidationError):
        services.project_assign(
            project=candidate,
            responsible_unit=world.unit_a,
            start_on=None,
            due_on=None,
            by=staff_a,
        )


def test_satisfaction_rate(elected_project, staff_a):
    services.satisfaction_record(
        project=elected_project, satisfied=40, basically_satisfied=8, dissatisfied=2, by=staff_a
    )
    elected_project.refresh_from_db()
    assert elected_project.satisfaction_rate == Decimal("96.0")


def test_lag_is_flagged_on_the_project(elected_project):
    # Half the year gone, nothing done, nothing spent.
    result = elected_project.lag(date(2025, 7, 1))
    assert result.flagged and result.progress_lag and result.spending_lag
    assert elected_project.lag(date(2025, 1, 2)).flagged is False
