"""The budget sheet of the quarterly report: per budget the user sees for the quarter's year, the
totals, execution at the quarter's last imported month against the time elapsed, and the warnings
and problems of the quarter. A fixed number of queries whatever the number of budgets."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from accounts.models import User

from .. import rules
from ..models import Budget, Execution, Line, Problem, Snapshot, Warning


@dataclass(frozen=True)
class QuarterRow:
    budget: Budget
    adopted: Decimal
    current: Decimal
    month: int | None  # the last month imported by the quarter's end
    executed: Decimal | None
    share: Decimal | None  # executed over the budget as it stands, in percent
    time_share: Decimal | None  # of the year elapsed at that month's end, in percent
    warnings: int
    confirmed: int
    assigned: int
    closed: int
    overdue: int


def quarter_rows(user: User, year: int, start: date, end: date) -> list[QuarterRow]:
    """`start` is the quarter's first day, `end` the day after its last."""
    first_month, last_month = start.month, (end.month - 2) % 12 + 1
    budgets = list(
        Budget.objects.visible_to(user)
        .filter(year=year)
        .select_related("jurisdiction")
        .order_by("jurisdiction__code")
    )
    places = [b.jurisdiction_id for b in budgets]

    lines: defaultdict[int, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for budget_id, code, adopted, adjusted in Line.objects.filter(budget__in=budgets).values_list(
        "budget_id", "subject_id", "adopted", "adjusted"
    ):
        lines[budget_id].append((str(code), adopted, adjusted if adjusted is not None else adopted))

    months = dict(
        Snapshot.objects.filter(jurisdiction__in=places, year=year, month__lte=last_month)
        .values("jurisdiction_id")
        .annotate(month=Max("month"))
        .values_list("jurisdiction_id", "month")
    )
    # Per place, per budget unit, by code: each unit's own leaves count its spending once.
    spent: defaultdict[int, defaultdict[str, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    latest = Q()
    for place, month in months.items():
        latest |= Q(snapshot__jurisdiction_id=place, snapshot__month=month)
    if months:
        for place, agency, code, total in (
            Execution.objects.filter(latest, snapshot__year=year)
            .values("snapshot__jurisdiction_id", "agency", "subject_id")
            .annotate(total=Sum("executed"))
            .values_list("snapshot__jurisdiction_id", "agency", "subject_id", "total")
        ):
            spent[place][agency][str(code)] = total

    in_quarter = Q(year=year, month__gte=first_month, month__lte=last_month) | Q(
        year=year,
        month__isnull=True,
        raised_at__gte=_midnight(start),
        raised_at__lt=_midnight(end),
    )
    warnings = {
        row["jurisdiction_id"]: row
        for row in Warning.objects.filter(in_quarter, jurisdiction__in=places)
        .values("jurisdiction_id")
        .annotate(n=Count("pk"), confirmed=Count("pk", filter=Q(status=Warning.Status.CONFIRMED)))
    }
    as_of = min(end, timezone.localdate())
    problems = {
        row["jurisdiction_id"]: row
        for row in Problem.objects.filter(jurisdiction__in=places, year=year)
        .values("jurisdiction_id")
        .annotate(
            assigned=Count("pk", filter=Q(assigned_on__gte=start, assigned_on__lt=end)),
            closed=Count("pk", filter=Q(closed_on__gte=start, closed_on__lt=end)),
            overdue=Count("pk", filter=Problem.objects.overdue_condition(as_of)),
        )
    }

    rows = []
    for budget in budgets:
        place = budget.jurisdiction_id
        adopted, current = rules.top_totals(lines[budget.pk])
        month = months.get(place)
        executed = (
            sum((rules.leaf_total(codes) for codes in spent[place].values()), Decimal(0))
            if month is not None
            else None
        )
        elapsed = (
            rules.fraction_to_decimal(rules.time_share(rules.month_end(year, month)) * 100)
            if month is not None
            else None
        )
        w, p = warnings.get(place, {}), problems.get(place, {})
        rows.append(
            QuarterRow(
                budget=budget,
                adopted=adopted,
                current=current,
                month=month,
                executed=executed,
                share=rules.percent(executed, current) if executed is not None else None,
                time_share=elapsed,
                warnings=w.get("n", 0),
                confirmed=w.get("confirmed", 0),
                assigned=p.get("assigned", 0),
                closed=p.get("closed", 0),
                overdue=p.get("overdue", 0),
            )
        )
    return rows


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
