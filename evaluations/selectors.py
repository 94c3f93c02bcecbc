"""Reads for the unit scorecard: the four checklists (四张清单) of a unit for a year.

Audit problems and procuratorial suggestions live here. Deputy suggestions (deputies app) and
voted livelihood projects (livelihood_projects app) belong to other apps; they are read only
through `suggestion_tallies` and `project_tallies`, which answer None while those apps have no
such records, and the scorecard then says the checklist is not connected.
"""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Unit
from core.selectors import latest_year

from . import rules
from .models import AuditProblem, EvaluationRound, Opinion, ProcuratorialSuggestion

Status = AuditProblem.Status


@dataclass(frozen=True)
class ProcuratorialTally:
    total: int = 0
    replied: int = 0
    overdue: int = 0
    adopted: int = 0

    @property
    def replied_rate(self):
        return rules.percentage(self.replied, self.total)

    @property
    def adopted_rate(self):
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
    counts: dict = field(default_factory=dict)
    overdue: int = 0
    rate: object = None
    rate_label: str = ""


@dataclass
class Scorecard:
    unit: object
    audit: rules.RectificationTally
    procuratorial: ProcuratorialTally
    opinions: OpinionTally
    suggestions: Tally | None
    projects: Tally | None


def latest_round_year(user, unit=None) -> int | None:
    """The latest year of a work evaluation the user can see (of `unit`, if given)."""
    rounds = EvaluationRound.objects.visible_to(user)
    if unit is not None:
        rounds = rounds.filter(units=unit)
    return latest_year(rounds, "year")


def latest_audit_year(user) -> int | None:
    """The latest audit year with problems the user can see."""
    return latest_year(AuditProblem.objects.visible_to(user), "year")


def evaluated_units(user, year: int):
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


def audit_tallies(unit_ids, year: int, today: date) -> dict[int, rules.RectificationTally]:
    """Audit problems of each unit that an evaluation of `year` examines (last year's audit)."""
    not_done = ~Q(status=Status.RECTIFIED)
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
            overdue=Count("pk", filter=not_done & Q(deadline__lt=today)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): rules.RectificationTally(**row) for row in rows}


def procuratorial_tallies(unit_ids, year: int, today: date) -> dict[int, ProcuratorialTally]:
    Adoption = ProcuratorialSuggestion.Adoption
    rows = (
        ProcuratorialSuggestion.objects.filter(unit_id__in=unit_ids, issued_on__year=year)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            replied=Count("pk", filter=Q(replied_on__isnull=False)),
            overdue=Count("pk", filter=Q(replied_on__isnull=True, reply_due__lt=today)),
            adopted=Count("pk", filter=Q(adoption=Adoption.ADOPTED)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): ProcuratorialTally(**row) for row in rows}


def opinion_tallies(unit_ids, year: int, today: date) -> dict[int, OpinionTally]:
    rows = (
        Opinion.objects.filter(unit_id__in=unit_ids, round__year=year)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            reported=Count("pk", filter=Q(reported_on__isnull=False)),
            overdue=Count("pk", filter=Q(reported_on__isnull=True, deadline__lt=today)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): OpinionTally(**row) for row in rows}


def suggestion_tallies(unit_ids, year: int, today: date) -> dict[int, Tally] | None:
    """Deputy suggestions led by each unit (submitted in `year`) by reply and satisfaction.

    The satisfaction rate is satisfied plus basically satisfied over the rated ones.
    """
    if not _has_model("deputies", "Suggestion"):
        return None
    Suggestion = apps.get_model("deputies", "Suggestion")
    rows = (
        Suggestion.objects.filter(lead_unit_id__in=unit_ids, submitted_on__year=year)
        .values("lead_unit_id")
        .annotate(
            total=Count("pk"),
            replied=Count("pk", filter=Q(replied_on__isnull=False)),
            overdue=Count("pk", filter=Q(replied_on__isnull=True, due_on__lt=today)),
            satisfied=Count("pk", filter=Q(satisfaction="satisfied")),
            basic=Count("pk", filter=Q(satisfaction="basically")),
            dissatisfied=Count("pk", filter=Q(satisfaction="dissatisfied")),
        )
        .order_by()
    )
    return {row["lead_unit_id"]: _suggestion_tally(row) for row in rows}


def _suggestion_tally(row) -> Tally:
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


def project_tallies(unit_ids, year: int, today: date) -> dict[int, Tally] | None:
    """Deputy-voted livelihood projects of each unit (voted in `year`) by progress."""
    if not _has_model("livelihood_projects", "Project"):
        return None
    Project = apps.get_model("livelihood_projects", "Project")
    unfinished = Q(progress__lt=100)
    rows = (
        Project.objects.filter(
            responsible_unit_id__in=unit_ids, cycle__year=year, status=Project.Status.ELECTED
        )
        .values("responsible_unit_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(progress__gte=100)),
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


def _has_model(app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def scorecards(units, year: int, today: date) -> list[Scorecard]:
    """The scorecards of `units` side by side, in a fixed number of queries."""
    units = list(units)
    ids = [u.pk for u in units]
    audit = audit_tallies(ids, year, today)
    procuratorial = procuratorial_tallies(ids, year, today)
    opinions = opinion_tallies(ids, year, today)
    suggestions = suggestion_tallies(ids, year, today)
    projects = project_tallies(ids, year, today)
    return [
        Scorecard(
            unit=unit,
            audit=audit.get(unit.pk, rules.RectificationTally()),
            procuratorial=procuratorial.get(unit.pk, ProcuratorialTally()),
            opinions=opinions.get(unit.pk, OpinionTally()),
            suggestions=None if suggestions is None else suggestions.get(unit.pk, Tally()),
            projects=None if projects is None else projects.get(unit.pk, Tally()),
        )
        for unit in units
    ]


def county_total(cards: list[Scorecard]) -> rules.RectificationTally:
    fields = ["total", "rectified", "partial", "committed", "not_started", "closed", "overdue"]
    return rules.RectificationTally(
        **{name: sum(getattr(c.audit, name) for c in cards) for name in fields}
    )


def home_figures(*, user) -> dict:
    """What the home page shows of evaluations: open and overdue items in the user's scope."""
    if not (user.is_portal_admin or user.is_committee_staff or user.is_liaison):
        return {}
    today = timezone.localdate()
    problems = AuditProblem.objects.visible_to(user).aggregate(
        open=Count("pk", filter=Q(closed_on__isnull=True)),
        to_verify=Count("pk", filter=Q(closed_on__isnull=True, status=Status.RECTIFIED)),
        overdue=Count("pk", filter=~Q(status=Status.RECTIFIED) & Q(deadline__lt=today)),
    )
    return {
        "problems": problems,
        "suggestions_overdue": ProcuratorialSuggestion.objects.visible_to(user)
        .overdue(today)
        .count(),
        "opinions_pending": Opinion.objects.visible_to(user)
        .filter(reported_on__isnull=True)
        .count(),
    }
