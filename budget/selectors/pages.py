"""Reads of the budget pages: the budgets a user sees, one budget's tree with its execution, the
warnings and problems lists."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction, Unit

from .. import rules
from ..models import Budget, Evidence, Execution, Line, Problem, Snapshot, Warning

ZERO = Decimal("0")


def budgets(user: User) -> "QuerySet[Budget]":
    visible: QuerySet[Budget] = Budget.objects.visible_to(user)
    return (
        visible.select_related("jurisdiction")
        .annotate(line_count=Count("lines"))
        .order_by("-year", "jurisdiction__code", "pk")
    )


def jurisdictions_for(user: User) -> "QuerySet[Jurisdiction]":
    """Counties and townships whose budgets the user may keep."""
    places: QuerySet[Jurisdiction] = Jurisdiction.objects.visible_to(user)
    return places.exclude(level=Jurisdiction.Level.MUNICIPAL).order_by("code")


def latest_snapshot(budget: Budget) -> Snapshot | None:
    snapshots = Snapshot.objects.filter(jurisdiction=budget.jurisdiction, year=budget.year)
    return snapshots.order_by("-month").first()


@dataclass(frozen=True)
class TreeRow:
    line: Line
    level: int
    executed: Decimal | None
    share: Decimal | None  # executed over the line as it stands, in percent
    pace: Decimal | None  # that share over the time elapsed, in percent


def executed_by_code(snapshot: Snapshot) -> dict[str, Decimal]:
    """The month's spending to date by code, each leaf's amount added to its ancestors too, so a
    parent line shows its children's execution whether or not finance reported it itself."""
    rows = (
        Execution.objects.filter(snapshot=snapshot)
        .values("subject_id")
        .annotate(total=Sum("executed"))
        .order_by()
    )
    totals: dict[str, Decimal] = {str(row["subject_id"]): row["total"] for row in rows}
    result: dict[str, Decimal] = {}
    for code in rules.leaf_codes(totals):
        node: str | None = code
        while node is not None:
            result[node] = result.get(node, ZERO) + totals[code]
            node = rules.parent_code(node)
    return result


def budget_tree(budget: Budget, snapshot: Snapshot | None) -> list[TreeRow]:
    executed = executed_by_code(snapshot) if snapshot is not None else {}
    as_of = snapshot.as_of if snapshot is not None else None
    rows = []
    for line in budget.lines.select_related("subject"):
        spent = executed.get(line.subject_id) if snapshot is not None else None
        pace = None
        if spent is not None and as_of is not None:
            value = rules.pace(line.current, spent, as_of)
            pace = rules.fraction_to_decimal(value) if value is not None else None
        rows.append(
            TreeRow(
                line=line,
                level=line.subject.level,
                executed=spent,
                share=rules.percent(spent, line.current) if spent is not None else None,
                pace=pace,
            )
        )
    return rows


def budget_totals(budget: Budget) -> dict[str, Decimal]:
    """Totals over the highest lines present (each yuan counted once, `rules.top_totals`)."""
    adopted, current = rules.top_totals(
        (str(code), adopted, adjusted if adjusted is not None else adopted)
        for code, adopted, adjusted in budget.lines.values_list("subject_id", "adopted", "adjusted")
    )
    return {"adopted": adopted, "current": current}


def warnings_visible(user: User) -> "QuerySet[Warning]":
    visible: QuerySet[Warning] = Warning.objects.visible_to(user)
    return visible.select_related("jurisdiction", "subject", "problem")


def problems_visible(user: User) -> "QuerySet[Problem]":
    visible: QuerySet[Problem] = Problem.objects.visible_to(user)
    return visible.select_related("jurisdiction", "unit")


def units_for(warning: Warning) -> "QuerySet[Unit]":
    """Units a warning of this jurisdiction may be assigned to: its own and its townships'."""
    place = warning.jurisdiction
    return Unit.objects.active().filter(Q(jurisdiction=place) | Q(jurisdiction__parent=place))


def suggested_unit(warning: Warning) -> Unit | None:
    if not warning.agency:
        return None
    return units_for(warning).filter(name=warning.agency).first()


def default_due(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def problem_evidence(problem: Problem) -> "QuerySet[Evidence]":
    return problem.evidence.select_related("uploaded_by")


def home_figures(*, user: User) -> dict[str, Any]:
    """What the home page shows: warnings to weigh, problems open and overdue."""
    if not user.has_perm("budget.view_problems"):
        return {}
    today = timezone.localdate()
    problems = Problem.objects.visible_to(user).aggregate(
        open=Count("pk", filter=~Q(status=Problem.Status.CLOSED)),
        to_review=Count("pk", filter=Q(status=Problem.Status.REPLIED)),
        overdue=Count("pk", filter=Problem.objects.overdue_condition(today)),
    )
    warnings = Warning.objects.visible_to(user).undecided().count()
    return {"problems": problems, "warnings": warnings}
