"""Budget supervision problems on a unit's scorecard (工作评议): the problems assigned to it in
the year, by state, with those overdue by the problems' one rule."""

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from evaluations import rules as evaluation_rules
from evaluations.selectors import Tally

from ..models import Problem
from ..querysets import ProblemQuerySet

Status = Problem.Status


def problem_tallies(unit_ids: Sequence[int], year: int, today: date) -> dict[int, Tally]:
    rows = (
        Problem.objects.filter(unit_id__in=unit_ids, year=year)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            replied=Count("pk", filter=Q(status=Status.REPLIED)),
            waiting=Count("pk", filter=Q(status__in=ProblemQuerySet.AWAITING_REPLY)),
            overdue=Count("pk", filter=Problem.objects.overdue_condition(today)),
        )
        .order_by()
    )
    return {
        row["unit_id"]: Tally(
            total=row["total"],
            counts={
                _("已销号"): row["closed"],
                _("已反馈待核实"): row["replied"],
                _("待整改"): row["waiting"],
            },
            overdue=row["overdue"],
            rate=evaluation_rules.percentage(row["closed"], row["total"]),
            rate_label=_("销号率"),
        )
        for row in rows
    }
