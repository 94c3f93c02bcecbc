"""Read models: figures per cycle and per county-year, lag warnings, the public results.

Each function runs a fixed number of grouped queries, whatever the number of cycles or projects.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, F, Q, Sum, When
from django.utils import timezone

from core.models import Jurisdiction

from . import rules
from .models import Cycle, Project, Proposal


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


def cycle_figures(cycle_ids) -> dict[int, Figures]:
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
    elected = Q(status=Project.Status.ELECTED)
    projects = (
        Project.objects.filter(cycle_id__in=figures)
        .values("cycle_id")
        .annotate(
            candidates=Count("pk"),
            elected=Count("pk", filter=elected),
            completed=Count("pk", filter=elected & Q(progress__gte=100)),
            evaluated=Count("pk", filter=elected & Q(satisfaction_rate__isnull=False)),
            fully_satisfied=Count("pk", filter=elected & Q(satisfaction_rate__gte=100)),
            budget=Sum("budget_total", filter=elected),
            allocated=Sum("allocated_total", filter=elected),
            spent=Sum("spent_total", filter=elected),
            satisfied=Sum("satisfied", filter=elected),
            basically=Sum("basically_satisfied", filter=elected),
            dissatisfied=Sum("dissatisfied", filter=elected),
        )
        .order_by()
    )
    for row in projects:
        f = figures[row["cycle_id"]]
        f.candidates, f.elected, f.completed = row["candidates"], row["elected"], row["completed"]
        f.evaluated, f.fully_satisfied = row["evaluated"], row["fully_satisfied"]
        f.budget = row["budget"] or Decimal(0)
        f.allocated = row["allocated"] or Decimal(0)
        f.spent = row["spent"] or Decimal(0)
        positive = (row["satisfied"] or 0) + (row["basically"] or 0)
        f.satisfied_votes, f.rated_votes = positive, positive + (row["dissatisfied"] or 0)
    return figures


@dataclass
class LagRow:
    project: Project
    lag: rules.Lag


def lagging_projects(projects, today: date) -> list[LagRow]:
    """Elected, unfinished projects whose progress or spending trails the calendar."""
    rows = []
    for project in (
        projects.elected()
        .filter(progress__lt=100)
        .select_related("cycle__jurisdiction", "responsible_unit")
    ):
        result = project.lag(today)
        if result is not None and result.flagged:
            rows.append(LagRow(project=project, lag=result))
    return rows


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
    pairs = Cycle.objects.annotate(county=county_of).values_list("county", "year").distinct()
    years: dict[int, set[int]] = {}
    for county_id, year in pairs:
        years.setdefault(county_id, set()).add(year)
    counties = Jurisdiction.objects.filter(pk__in=years).order_by("code")
    return [(county, sorted(years[county.pk], reverse=True)) for county in counties]


def public_proposals(cycles):
    """What became of each public proposal staff have accepted for publication: no contact
    details, the project it became, if any. An unread citizen's text is never shown to everyone."""
    return (
        Proposal.objects.published()
        .filter(cycle__in=cycles)
        .select_related("township", "project", "cycle__jurisdiction")
        .order_by("cycle__jurisdiction__code", "-created_at")
    )


def home_figures(*, user) -> dict:
    """For the home pages: the user's voted projects in progress and how many lag behind."""
    if not (user.is_portal_admin or user.is_committee_staff or user.is_liaison):
        return {}
    projects = Project.objects.visible_to(user)
    return {
        "in_progress": projects.elected().filter(progress__lt=100).count(),
        "lagging": len(lagging_projects(projects, timezone.localdate())),
    }
