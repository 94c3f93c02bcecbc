"""Reads: what the pages, the exports and the home page show of the voted livelihood projects.

Figures per cycle and per county-year, the lag warnings and the public results each run a fixed
number of grouped queries, whatever the number of cycles or projects. Which records a user sees
is always `visible_to(user)`; which states count is the querysets' (elected, completed, in
progress) and `Project.is_lagging`'s.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Sum, When
from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction

from . import rules
from .models import Approval, Cycle, Inspection, Project, Proposal, VoteRound
from .querysets import COMPLETED, ELECTED, ProjectQuerySet, ProposalQuerySet


@dataclass
class Figures:
    proposals: int = 0
    public_proposals: int = 0
    candidates: int = 0
    elected: int = 0
    completed: int = 0
    evaluated: int = 0
    fully_satisfied: int = 0
    budget: Decimal = Decimal(0)
    allocated: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    satisfied_votes: int = 0
    rated_votes: int = 0

    @property
    def completion_rate(self) -> Decimal | None:
        return rules.percent(self.completed, self.elected)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return rules.percent(self.satisfied_votes, self.rated_votes)

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            **{name: getattr(self, name) + getattr(other, name) for name in FIGURE_FIELDS}
        )


FIGURE_FIELDS = list(Figures.__dataclass_fields__)


def cycle_figures(cycle_ids: Iterable[int]) -> dict[int, Figures]:
    """Figures of each cycle, in two grouped queries."""
    figures = {pk: Figures() for pk in cycle_ids}
    proposals = (
        Proposal.objects.filter(cycle_id__in=figures)
        .values("cycle_id")
        .annotate(n=Count("pk"), public=Count("pk", filter=Q(source=Proposal.Source.PUBLIC)))
        .order_by()
    )
    for row in proposals:
        figures[row["cycle_id"]].proposals = row["n"]
        figures[row["cycle_id"]].public_proposals = row["public"]
    projects = (
        Project.objects.filter(cycle_id__in=figures)
        .values("cycle_id")
        .annotate(
            candidates=Count("pk"),
            elected=Count("pk", filter=ELECTED),
            completed=Count("pk", filter=ELECTED & COMPLETED),
            evaluated=Count("pk", filter=ELECTED & Q(satisfaction_rate__isnull=False)),
            fully_satisfied=Count("pk", filter=ELECTED & Q(satisfaction_rate__gte=100)),
            budget=Sum("budget_total", filter=ELECTED),
            allocated=Sum("allocated_total", filter=ELECTED),
            spent=Sum("spent_total", filter=ELECTED),
            satisfied=Sum("satisfied", filter=ELECTED),
            basically=Sum("basically_satisfied", filter=ELECTED),
            dissatisfied=Sum("dissatisfied", filter=ELECTED),
        )
        .order_by()
    )
    for totals in projects:
        _add_project_totals(figures[totals["cycle_id"]], totals)
    return figures


def _add_project_totals(f: Figures, row: dict[str, Any]) -> None:
    f.candidates, f.elected, f.completed = row["candidates"], row["elected"], row["completed"]
    f.evaluated, f.fully_satisfied = row["evaluated"], row["fully_satisfied"]
    f.budget = row["budget"] or Decimal(0)
    f.allocated = row["allocated"] or Decimal(0)
    f.spent = row["spent"] or Decimal(0)
    positive = (row["satisfied"] or 0) + (row["basically"] or 0)
    f.satisfied_votes, f.rated_votes = positive, positive + (row["dissatisfied"] or 0)


# --- Lag ---------------------------------------------------------------------------------------


@dataclass
class LagRow:
    project: Project
    lag: rules.Lag


def lagging_projects(projects: ProjectQuerySet, today: date) -> list[LagRow]:
    """Projects in progress that carry the lag warning (`Project.lag_warning`)."""
    rows = []
    for project in projects.in_progress().select_related("cycle__jurisdiction", "responsible_unit"):
        warning = project.lag_warning(today)
        if warning is not None:
            rows.append(LagRow(project=project, lag=warning))
    return rows


# --- Staff pages -------------------------------------------------------------------------------


@dataclass
class Overview:
    rows: list[tuple[Cycle, Figures]]
    lagging: list[LagRow]
    awaiting_publication: int


def overview(*, user: User, today: date) -> Overview:
    """The dashboard: the user's cycles with their figures, the lag warnings, the proposals
    waiting for staff to accept them for the public pages."""
    cycles = list(Cycle.objects.visible_to(user).select_related("jurisdiction"))
    figures = cycle_figures([c.pk for c in cycles])
    return Overview(
        rows=[(cycle, figures[cycle.pk]) for cycle in cycles],
        lagging=lagging_projects(Project.objects.visible_to(user), today),
        awaiting_publication=Proposal.objects.visible_to(user).awaiting_publication().count(),
    )


def missing_approvals(cycle: Cycle) -> list[str]:
    """The reviews of the candidates not yet recorded, which the vote waits for."""
    done = set(cycle.approvals.values_list("kind", flat=True))
    return [str(label) for kind, label in Approval.Kind.choices if kind not in done]


def cycle_projects(cycle: Cycle) -> QuerySet[Project]:
    return cycle.projects.select_related("township", "responsible_unit", "satisfaction_poll")


def cycle_envelope(cycle: Cycle, projects: Iterable[Project]) -> rules.Envelope:
    """The cycle's envelope used by its elected projects, from the projects the page has loaded."""
    return rules.envelope_use(
        cycle.budget_envelope,
        (rules.project_cost(p.budget_total, p.estimated_cost) for p in projects if p.is_elected),
    )


def proposal_list(*, user: User) -> ProposalQuerySet:
    return Proposal.objects.visible_to(user).select_related("cycle__jurisdiction", "township")


def proposals_of(project: Project, *, user: User) -> ProposalQuerySet:
    """The proposals a project grew from, as far as the user may see proposals."""
    return Proposal.objects.visible_to(user).filter(project=project)


def round_candidates(vote_round: VoteRound) -> list[Project]:
    return sorted(vote_round.candidates.all(), key=lambda p: (p.position, p.pk))


def vote_rounds(cycle: Cycle) -> QuerySet[VoteRound]:
    """The cycle's rounds with their poll and candidates in ballot order."""
    return cycle.vote_rounds.select_related("poll").prefetch_related(
        Prefetch("candidates", queryset=Project.objects.order_by("position", "pk"))
    )


def elected_projects(*, user: User) -> ProjectQuerySet:
    """The voted projects list (and its export): newest year first, in ballot order."""
    return (
        Project.objects.visible_to(user)
        .elected()
        .select_related("cycle__jurisdiction", "responsible_unit")
        .order_by("-cycle__year", "cycle__jurisdiction__code", "position")
    )


def inspection_projects(inspection: Inspection) -> QuerySet[Project]:
    return inspection.projects.select_related("cycle")


# --- Public pages ------------------------------------------------------------------------------


@dataclass
class CountyYear:
    county: Jurisdiction
    year: int
    cycles: list[Cycle]
    county_figures: Figures = field(default_factory=Figures)
    township_figures: Figures = field(default_factory=Figures)

    @property
    def total(self) -> Figures:
        return self.county_figures + self.township_figures


def county_year(county: Jurisdiction, year: int) -> CountyYear:
    """The county's own cycle and its townships' cycles of one year, with their figures."""
    cycles = list(
        Cycle.objects.filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county), year=year)
        .select_related("jurisdiction")
        .order_by("jurisdiction__code")
    )
    figures = cycle_figures([c.pk for c in cycles])
    result = CountyYear(county=county, year=year, cycles=cycles)
    for cycle in cycles:
        if cycle.is_township:
            result.township_figures += figures[cycle.pk]
        else:
            result.county_figures += figures[cycle.pk]
    return result


def public_years() -> list[tuple[Jurisdiction, list[int]]]:
    """Counties that have cycles (their own or their townships'), each with its years, newest first."""
    county_of = Case(
        When(jurisdiction__level=Jurisdiction.Level.COUNTY, then=F("jurisdiction_id")),
        default=F("jurisdiction__parent_id"),
    )
    pairs = Cycle.objects.annotate(county_id=county_of).values_list("county_id", "year").distinct()
    years: dict[int, set[int]] = {}
    for county_id, year in pairs:
        years.setdefault(county_id, set()).add(year)
    counties = Jurisdiction.objects.filter(pk__in=years).order_by("code")
    return [(county, sorted(years[county.pk], reverse=True)) for county in counties]


def public_projects(cycles: Iterable[Cycle]) -> ProjectQuerySet:
    """The elected projects of a county-year, for everyone to read."""
    return (
        Project.objects.elected()
        .filter(cycle__in=list(cycles))
        .select_related("cycle__jurisdiction", "township", "responsible_unit")
        .order_by("cycle__jurisdiction__code", "position", "pk")
    )


def public_proposals(cycles: Iterable[Cycle], query: str = "") -> ProposalQuerySet:
    """What became of each public proposal staff have accepted for publication: no contact
    details, the project it became, if any. An unread citizen's text is never shown to everyone.
    `query` narrows to a title word or a receipt number."""
    proposals = (
        Proposal.objects.published()
        .filter(cycle__in=list(cycles))
        .select_related("township", "project", "cycle__jurisdiction")
        .order_by("cycle__jurisdiction__code", "-created_at")
    )
    if query:
        proposals = proposals.filter(Q(title__icontains=query) | Q(receipt_number=query.upper()))
    return proposals


def proposal_by_receipt(number: str) -> Proposal | None:
    """A proposer's own proposal, found by the receipt number they were given."""
    return (
        Proposal.objects.select_related("cycle__jurisdiction", "township", "project")
        .filter(receipt_number=number)
        .first()
    )


# --- Home page ---------------------------------------------------------------------------------


def home_figures(*, user: User) -> dict[str, int]:
    """For the home page's panel: the user's voted projects in progress and how many lag."""
    if not user.has_perm("livelihood_projects.see_home_panel"):
        return {}
    projects = Project.objects.visible_to(user)
    return {
        "in_progress": projects.in_progress().count(),
        "lagging": len(lagging_projects(projects, timezone.localdate())),
    }
