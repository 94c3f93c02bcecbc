"""Reads of the annual plan's pages: the plans of a year with their item counts, one plan with
its items month by month, the items a user sees, and the years there is something to show."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django_stubs_ext import StrOrPromise

from core.models import Jurisdiction
from core.selectors import latest_year

from ..models import Item, ItemChange, Plan


def years_with_data(user: Any) -> list[int]:
    """The years of the plans the user sees, latest first: the pages open on the first."""
    years = Plan.objects.visible_to(user).order_by("-year").values_list("year", flat=True)
    return list(dict.fromkeys(years))


def latest_plan_year(user: Any) -> int | None:
    return latest_year(Plan.objects.visible_to(user), "year")


def congress_body_name(jurisdiction: Jurisdiction) -> str:
    """The body that makes the plan, as printed on it: the county standing committee or the
    township congress presidium, unless the jurisdiction names its own (洪江区's 人大工委)."""
    if jurisdiction.congress_body:
        return jurisdiction.congress_body
    if jurisdiction.level == Jurisdiction.Level.TOWNSHIP:
        return f"{jurisdiction.name}人大主席团"
    return f"{jurisdiction.name}人大常委会"


@dataclass
class PlanRow:
    plan: Plan
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)

    def kinds(self) -> list[tuple[StrOrPromise, int]]:
        """(label, count) of each kind the plan has, in the order of the kinds."""
        return [
            (label, self.by_kind[value])
            for value, label in Item.Kind.choices
            if value in self.by_kind
        ]

    def states(self) -> list[tuple[str, StrOrPromise, int]]:
        return [
            (value, label, self.by_state[value])
            for value, label in Item.State.choices
            if value in self.by_state
        ]


def plan_rows(user: Any, year: int) -> list[PlanRow]:
    """The plans of `year` the user sees, each with the items the user sees counted by kind and
    by state: two queries however many plans and items there are."""
    plans = list(Plan.objects.visible_to(user).filter(year=year).select_related("jurisdiction"))
    rows = {plan.pk: PlanRow(plan) for plan in plans}
    counts = (
        Item.objects.visible_to(user)
        .filter(plan__in=list(rows))
        .order_by()
        .values_list("plan_id", "kind", "state")
        .annotate(n=Count("pk"))
    )
    for plan_id, kind, state, n in counts:
        row = rows[plan_id]
        row.total += n
        row.by_kind[kind] = row.by_kind.get(kind, 0) + n
        row.by_state[state] = row.by_state.get(state, 0) + n
    return list(rows.values())


def plan_items(plan: Plan, user: Any) -> QuerySet[Item]:
    """The plan's items the user sees, with what their rows show."""
    changes = ItemChange.objects.select_related("changed_by").order_by("changed_at", "pk")
    return (
        Item.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("unit", "joined_to", "follows")
        .prefetch_related(Prefetch("changes", queryset=changes))
        .order_by("planned_month", "pk")
    )


def items_by_month(items: QuerySet[Item]) -> list[tuple[int, list[Item]]]:
    """The items grouped by their planned month, months in order."""
    months: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        months[item.planned_month].append(item)
    return sorted(months.items())


def items_visible(user: Any) -> QuerySet[Item]:
    """Every item the user sees, for the item list and its export."""
    return (
        Item.objects.visible_to(user)
        .select_related("plan__jurisdiction", "unit")
        .order_by("-plan__year", "plan__jurisdiction__code", "planned_month", "pk")
    )


def offices_in_use(user: Any) -> list[str]:
    """The committee offices named on the user's items, to offer in filters and forms."""
    offices = (
        Item.objects.visible_to(user).order_by("office").values_list("office", flat=True).distinct()
    )
    return list(offices)
