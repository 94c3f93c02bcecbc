"""What the public pages show of supervision (监督法: the report, the deliberation opinions and the
handling report are made known to deputies and the public).

Everything here is for anonymous readers, so it never depends on the user and never reaches past
what staff chose to publish: only published plans, and of their items only the plan's own fields
(title, kind, unit, office, month) unless the item itself is published. Of a published item it
shows the report as finally made (never the draft for comments), the opinions once sent, the
handling reports once received and the inquiry's questions, answers and commitments. It never shows
who in the office recorded what, research notes, poll ballots or voters, or a draft of anything.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet

from core.models import Jurisdiction

from ..models import (
    Commitment,
    HandlingReport,
    Item,
    OpinionLetter,
    Plan,
    Question,
    ReportVersion,
)
from ..querysets import CommitmentQuerySet


@dataclass
class CountyPlans:
    """A county and the published plans of one year: its own first, then its townships'."""

    county: Jurisdiction
    plans: list[Plan] = field(default_factory=list)


@dataclass
class PublicIndex:
    years: list[int]
    year: int | None
    counties: list[CountyPlans]


def public_years() -> list[int]:
    """The years that have a published plan, newest first."""
    years = Plan.objects.published().order_by("-year").values_list("year", flat=True).distinct()
    return list(years)


def public_index(year: int | None = None) -> PublicIndex:
    """The counties with a published plan in `year` (the latest year with one if `year` has
    none), each with its published plans and how many of their items are published."""
    years = public_years()
    if year not in years:
        year = years[0] if years else None
    plans = (
        Plan.objects.published()
        .filter(year=year)
        .select_related("jurisdiction__parent")
        .annotate(
            item_count=Count("items"),
            published_count=Count("items", filter=Q(items__published_on__isnull=False)),
        )
        # A county's own plan (code of 6 digits) sorts before its townships' (9 digits).
        .order_by("jurisdiction__code")
    )
    counties: dict[int, CountyPlans] = {}
    for plan in plans:
        county = plan.jurisdiction.county
        if county is None:  # a plan is always a county's or a township's; be safe anyway
            continue
        counties.setdefault(county.pk, CountyPlans(county=county)).plans.append(plan)
    ordered = sorted(counties.values(), key=lambda entry: entry.county.code)
    return PublicIndex(years=years, year=year, counties=ordered)


def public_plans() -> QuerySet[Plan]:
    """Published plans, for looking one up by id: a draft or merely adopted plan is not there."""
    return Plan.objects.published().select_related("jurisdiction__parent")


def public_plan_items(plan: Plan) -> QuerySet[Item]:
    """The plan's items in month order. The template shows an unpublished item's plan fields
    only; `published_on` says which items have a page of their own."""
    return Item.objects.filter(plan=plan).select_related("unit").order_by("planned_month", "pk")


@dataclass
class PublicItem:
    """A published item and exactly what of it may be shown: the template gets these fields and
    nothing else that hangs off the item (no draft letter, no draft version, no poll)."""

    item: Item
    versions: list[ReportVersion]
    opinions: OpinionLetter | None
    handling_reports: list[HandlingReport]
    questions: list[Question]
    follows: Item | None
    joined_to: Item | None
    follow_ups: list[Item]

    @property
    def plan_is_public(self) -> bool:
        return self.item.plan.status == Plan.Status.PUBLISHED

    @property
    def is_resolution(self) -> bool:
        return self.item.kind == Item.Kind.RESOLUTION


def public_item(pk: int, today: dt.date) -> PublicItem | None:
    """The published item `pk` for its public page, in a fixed number of queries; None if there
    is no such item or it is not published. `today` decides which open commitments are overdue
    (`CommitmentQuerySet.overdue_condition`, the one rule)."""
    item = _public_items(today).filter(pk=pk).first()
    if item is None:
        return None
    letter = getattr(item, "opinion_letter", None)
    return PublicItem(
        item=item,
        versions=_attached(item, "public_versions"),
        opinions=letter if letter is not None and letter.sent_on is not None else None,
        handling_reports=_attached(item, "received_reports"),
        questions=_attached(item, "public_questions"),
        follows=_if_published(item.follows),
        joined_to=_if_published(item.joined_to),
        follow_ups=_attached(item, "public_follow_ups"),
    )


def _attached(item: Item, name: str) -> list[Any]:
    """The list a `Prefetch(to_attr=name)` of `_public_items` put on the item (unknown to mypy)."""
    return list(getattr(item, name))


def _if_published(item: Item | None) -> Item | None:
    return item if item is not None and item.is_published else None


def _public_items(today: dt.date) -> QuerySet[Item]:
    commitments = Commitment.objects.select_related("unit").annotate(
        overdue=ExpressionWrapper(
            CommitmentQuerySet.overdue_condition(today), output_field=BooleanField()
        )
    )
    return (
        Item.objects.published()
        .select_related(
            "plan__jurisdiction__parent", "unit", "opinion_letter", "follows", "joined_to"
        )
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ReportVersion.objects.public().order_by("received_on", "pk"),
                to_attr="public_versions",
            ),
            Prefetch(
                "handling_reports",
                queryset=HandlingReport.objects.filter(received_on__isnull=False).order_by("round"),
                to_attr="received_reports",
            ),
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("unit")
                .prefetch_related(Prefetch("commitments", queryset=commitments))
                .order_by("number"),
                to_attr="public_questions",
            ),
            Prefetch(
                "follow_ups",
                queryset=Item.objects.published()
                .select_related("plan")
                .order_by("plan__year", "pk"),
                to_attr="public_follow_ups",
            ),
        )
    )
