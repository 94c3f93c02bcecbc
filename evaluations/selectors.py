"""Reads for the evaluation pages, the unit scorecard (the four checklists, 四张清单, of a unit
for a year) and the home page.

Audit problems and procuratorial suggestions live here. Deputy suggestions (deputies app) and
voted livelihood projects (livelihood_projects app) belong to the apps below; they are read
through `suggestion_tallies` and `project_tallies`.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Unit
from core.selectors import latest_year
from deputies.models import Satisfaction
from deputies.models import Suggestion as DeputySuggestion
from livelihood_projects.models import Project
from livelihood_projects.querysets import COMPLETED

from . import rules
from .models import (
    AppraisalEntry,
    AppraisalRound,
    AuditProblem,
    ConsequenceAction,
    EvaluationRound,
    JointReview,
    Opinion,
    ProcuratorialSuggestion,
)
from .querysets import units_visible_to

Status = AuditProblem.Status


@dataclass(frozen=True)
class ProcuratorialTally:
    total: int = 0
    replied: int = 0
    overdue: int = 0
    adopted: int = 0

    @property
    def replied_rate(self) -> Decimal | None:
        return rules.percentage(self.replied, self.total)

    @property
    def adopted_rate(self) -> Decimal | None:
        return rules.percentage(self.adopted, self.total)


@dataclass(frozen=True)
class OpinionTally:
    total: int = 0
    reported: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Tally:
    """A checklist from another app: counts by label, with overdue items and a headline rate."""

    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    rate: Decimal | None = None
    rate_label: str = ""


@dataclass
class Scorecard:
    unit: Unit
    audit: rules.RectificationTally
    procuratorial: ProcuratorialTally
    opinions: OpinionTally
    suggestions: Tally
    projects: Tally
    # Checklists that apps above this one add (label, tally), in registration order.
    extra: list[tuple[str, Tally]] = field(default_factory=list)


# What apps above evaluations count on a unit's scorecard, without evaluations importing them:
# a label and a function (unit ids, year, today) -> {unit id: Tally}, registered at start-up.
ExtraChecklist = Callable[[Sequence[int], int, date], dict[int, Tally]]
extra_checklists: list[tuple[Any, ExtraChecklist]] = []


def register_checklist(label: Any, tallies: ExtraChecklist) -> None:
    extra_checklists.append((label, tallies))


# --- Pages --------------------------------------------------------------------------------------


def history(record: Model) -> "QuerySet[Any]":
    """The latest changes of a record (simple_history), with who made them."""
    changes: QuerySet[Any] = cast(Any, record).history.select_related("history_user")
    return changes[:20]


def rounds(user: User) -> "QuerySet[EvaluationRound]":
    # Explicit order: Django leaves Meta.ordering out of a GROUP BY query (the count), which
    # listed rounds in insertion order.
    rounds: QuerySet[EvaluationRound] = EvaluationRound.objects.visible_to(user)
    return (
        rounds.select_related("jurisdiction")
        .annotate(unit_count=Count("units", distinct=True))
        .order_by("-year", "jurisdiction__code", "title", "pk")
    )


def round_units(evaluation: EvaluationRound, user: User) -> "QuerySet[Unit]":
    """The round's units the user sees: a liaison their own unit only."""
    return evaluation.units.filter(pk__in=units_visible_to(user).values("pk"))


def matching_rows(user: User, year: int) -> list[AuditProblem]:
    """会同's problem list beside its rectification list, one problem a row."""
    problems = (
        AuditProblem.objects.visible_to(user)
        .filter(year=year)
        .select_related("unit", "rectification_item")
    )
    return list(problems)


def joint_reviews(user: User) -> "QuerySet[JointReview]":
    reviews: QuerySet[JointReview] = JointReview.objects.visible_to(user)
    return (
        reviews.select_related("jurisdiction", "recorded_by")
        .annotate(problem_count=Count("problems"))
        .order_by("-month", "pk")
    )


def appraisals(user: User) -> "QuerySet[AppraisalRound]":
    appraisals: QuerySet[AppraisalRound] = AppraisalRound.objects.visible_to(user)
    return (
        appraisals.select_related("jurisdiction")
        .annotate(entry_count=Count("entries"))
        .order_by("-appraisal_date", "pk")
    )


def appraisal_entries(appraisal: AppraisalRound) -> "QuerySet[AppraisalEntry]":
    return appraisal.entries.select_related("head__unit", "together_with__head").order_by(
        "head__unit__name", "head__took_office"
    )


def consequence_entries(appraisal: AppraisalRound) -> "QuerySet[AppraisalEntry]":
    """The heads of a round with consequences to follow through, each with its actions in the
    ladder's order (`entry.actions.all()`), for the appraisal page."""
    actions = ConsequenceAction.objects.select_related("recorded_by").order_by("pk")
    return (
        appraisal.entries.filter(actions__isnull=False)
        .distinct()
        .select_related("head__unit")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("head__unit__name", "head__took_office")
    )


@dataclass
class UnitOverdue:
    """What a unit's scorecard lists as overdue, each by its own rule."""

    problems: list[AuditProblem]
    suggestions: list[ProcuratorialSuggestion]
    opinions: list[Opinion]


def unit_overdue(unit: Unit, year: int, today: date) -> UnitOverdue:
    return UnitOverdue(
        problems=list(
            AuditProblem.objects.filter(unit=unit, year=rules.audit_year_reviewed(year)).overdue(
                today
            )
        ),
        suggestions=list(
            ProcuratorialSuggestion.objects.filter(unit=unit, issued_on__year=year).overdue(today)
        ),
        opinions=list(Opinion.objects.filter(unit=unit, round__year=year).overdue(today)),
    )


# --- Scorecards ---------------------------------------------------------------------------------


def latest_round_year(user: User, unit: Unit | None = None) -> int | None:
    """The latest year of a work evaluation the user can see (of `unit`, if given)."""
    rounds = EvaluationRound.objects.visible_to(user)
    if unit is not None:
        rounds = rounds.filter(units=unit)
    return latest_year(rounds, "year")


def latest_audit_year(user: User) -> int | None:
    """The latest audit year with problems the user can see."""
    return latest_year(AuditProblem.objects.visible_to(user), "year")


def evaluated_units(user: User, year: int) -> "QuerySet[Unit]":
    """The units under a work evaluation of `year` that the user can see, for the scorecard.

    A unit is compared because a round evaluates it, not because some record of the year happens
    to name it: a procuratorial suggestion to a unit outside the round does not put it there.
    """
    rounds = EvaluationRound.objects.visible_to(user).filter(year=year)
    return (
        Unit.objects.visible_to(user)
        .filter(pk__in=rounds.values("units"))
        .select_related("jurisdiction")
        .order_by("jurisdiction__code", "name")
    )


def audit_tallies(
    unit_ids: Sequence[int], year: int, today: date
) -> dict[int, rules.RectificationTally]:
    """Audit problems of each unit that an evaluation of `year` examines (last year's audit)."""
    rows = (
        AuditProblem.objects.filter(unit_id__in=unit_ids, year=rules.audit_year_reviewed(year))
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            rectified=Count("pk", filter=Q(status=Status.RECTIFIED)),
            partial=Count("pk", filter=Q(status=Status.PARTIAL)),
            committed=Count("pk", filter=Q(status=Status.COMMITTED)),
            not_started=Count("pk", filter=Q(status=Status.NOT_STARTED)),
            closed=Count("pk", filter=Q(closed_on__isnull=False)),
            overdue=Count("pk", filter=AuditProblem.objects.overdue_condition(today)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): rules.RectificationTally(**row) for row in rows}


def procuratorial_tallies(
    unit_ids: Sequence[int], year: int, today: date
) -> dict[int, ProcuratorialTally]:
    Adoption = ProcuratorialSuggestion.Adoption
    rows = (
        ProcuratorialSuggestion.objects.filter(unit_id__in=unit_ids, issued_on__year=year)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            replied=Count("pk", filter=Q(replied_on__isnull=False)),
            overdue=Count("pk", filter=ProcuratorialSuggestion.objects.overdue_condition(today)),
            adopted=Count("pk", filter=Q(adoption=Adoption.ADOPTED)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): ProcuratorialTally(**row) for row in rows}


def opinion_tallies(unit_ids: Sequence[int], year: int, today: date) -> dict[int, OpinionTally]:
    rows = (
        Opinion.objects.filter(unit_id__in=unit_ids, round__year=year)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            reported=Count("pk", filter=Q(reported_on__isnull=False)),
            overdue=Count("pk", filter=Opinion.objects.overdue_condition(today)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): OpinionTally(**row) for row in rows}


def suggestion_tallies(unit_ids: Sequence[int], year: int, today: date) -> dict[int, Tally]:
    """Deputy suggestions led by each unit (submitted in `year`) by reply and satisfaction.

    The satisfaction rate is satisfied plus basically satisfied over the rated ones.
    """
    rows = (
        DeputySuggestion.objects.filter(lead_unit_id__in=unit_ids, submitted_on__year=year)
        .values("lead_unit_id")
        .annotate(
            total=Count("pk"),
            replied=Count("pk", filter=Q(replied_on__isnull=False)),
            overdue=Count("pk", filter=Q(replied_on__isnull=True, due_on__lt=today)),
            satisfied=Count("pk", filter=Q(satisfaction=Satisfaction.SATISFIED)),
            basic=Count("pk", filter=Q(satisfaction=Satisfaction.BASICALLY)),
            dissatisfied=Count("pk", filter=Q(satisfaction=Satisfaction.DISSATISFIED)),
        )
        .order_by()
    )
    return {row["lead_unit_id"]: _suggestion_tally(row) for row in rows}


def _suggestion_tally(row: dict[str, Any]) -> Tally:
    positive = row["satisfied"] + row["basic"]
    return Tally(
        total=row["total"],
        counts={
            _("已答复"): row["replied"],
            _("满意"): row["satisfied"],
            _("基本满意"): row["basic"],
            _("不满意"): row["dissatisfied"],
        },
        overdue=row["overdue"],
        rate=rules.percentage(positive, positive + row["dissatisfied"]),
        rate_label=_("满意率"),
    )


def project_tallies(unit_ids: Sequence[int], year: int, today: date) -> dict[int, Tally]:
    """Deputy-voted livelihood projects of each unit (voted in `year`) by progress, with the
    livelihood app's own rules of elected and completed."""
    unfinished = ~COMPLETED
    rows = (
        Project.objects.elected()
        .filter(responsible_unit_id__in=unit_ids, cycle__year=year)
        .values("responsible_unit_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=COMPLETED),
            started=Count("pk", filter=unfinished & Q(progress__gt=0)),
            waiting=Count("pk", filter=Q(progress=0)),
            overdue=Count("pk", filter=unfinished & Q(due_on__lt=today)),
        )
        .order_by()
    )
    return {
        row["responsible_unit_id"]: Tally(
            total=row["total"],
            counts={
                _("已完成"): row["done"],
                _("实施中"): row["started"],
                _("未开工"): row["waiting"],
            },
            overdue=row["overdue"],
            rate=rules.percentage(row["done"], row["total"]),
            rate_label=_("完成率"),
        )
        for row in rows
    }


def scorecards(units: Iterable[Unit], year: int, today: date) -> list[Scorecard]:
    """The scorecards of `units` side by side, in a fixed number of queries."""
    units = list(units)
    ids = [u.pk for u in units]
    audit = audit_tallies(ids, year, today)
    procuratorial = procuratorial_tallies(ids, year, today)
    opinions = opinion_tallies(ids, year, today)
    suggestions = suggestion_tallies(ids, year, today)
    projects = project_tallies(ids, year, today)
    extra = [(label, tallies(ids, year, today)) for label, tallies in extra_checklists]
    return [
        Scorecard(
            unit=unit,
            audit=audit.get(unit.pk, rules.RectificationTally()),
            procuratorial=procuratorial.get(unit.pk, ProcuratorialTally()),
            opinions=opinions.get(unit.pk, OpinionTally()),
            suggestions=suggestions.get(unit.pk, Tally()),
            projects=projects.get(unit.pk, Tally()),
            extra=[(label, found.get(unit.pk, Tally())) for label, found in extra],
        )
        for unit in units
    ]


def county_total(cards: list[Scorecard]) -> rules.RectificationTally:
    fields = ["total", "rectified", "partial", "committed", "not_started", "closed", "overdue"]
    return rules.RectificationTally(
        **{name: sum(getattr(c.audit, name) for c in cards) for name in fields}
    )


def home_figures(*, user: User) -> dict[str, Any]:
    """What the home page shows of evaluations: open and overdue items in the user's scope."""
    if not user.has_perm("evaluations.view_evaluations"):
        return {}
    today = timezone.localdate()
    problems = AuditProblem.objects.visible_to(user).aggregate(
        open=Count("pk", filter=Q(closed_on__isnull=True)),
        to_verify=Count("pk", filter=Q(closed_on__isnull=True, status=Status.RECTIFIED)),
        overdue=Count("pk", filter=AuditProblem.objects.overdue_condition(today)),
    )
    return {
        "problems": problems,
        "suggestions_overdue": ProcuratorialSuggestion.objects.visible_to(user)
        .overdue(today)
        .count(),
        "opinions_pending": Opinion.objects.visible_to(user).awaiting_report().count(),
        "consequences_overdue": _consequences_overdue(user, today),
    }


def _consequences_overdue(user: User, today: date) -> int | None:
    """Consequences of appraisals not carried out in time, for the office that records them."""
    if not user.has_perm("evaluations.record_consequences"):
        return None
    return ConsequenceAction.objects.visible_to(user).overdue(today).count()
