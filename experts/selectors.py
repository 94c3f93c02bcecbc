"""Reads of the expert pool for its pages, exports, home panel and reminders. Every count goes
through the querysets' one rule (in term, senior, adopted) and the pure rules of `rules.py`."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from . import rules
from .models import Activity, Engagement, Expert, Meeting, Opinion, Pool
from .querysets import ExpertQuerySet


def pool_of(county: Jurisdiction) -> Pool:
    """The county's settings, or unsaved defaults until it saves its own."""
    pool: Pool | None = Pool.objects.filter(county=county).first()
    if pool is not None:
        return pool
    name = _("%(county)s人大常委会咨询专家库") % {"county": county.name}
    return Pool(county=county, name=name, senior_target=rules.DEFAULT_SENIOR_TARGET)


def counties_for(user: User) -> QuerySet[Jurisdiction]:
    """The counties whose pool the user may open: their own, or every county for the city."""
    return Jurisdiction.objects.visible_to(user).counties().order_by("code")


def county_shown(user: User, requested: str | None) -> Jurisdiction | None:
    """The county a pool page shows: the one asked for among the user's, else the user's own,
    else the first that has experts."""
    counties = counties_for(user)
    if requested and requested.isdigit():
        chosen = counties.filter(pk=int(requested)).first()
        if chosen is not None:
            return chosen
    own = user.jurisdiction
    if own is not None and own.county is not None:
        return counties.filter(pk=own.county.pk).first()
    with_pool = counties.filter(pk__in=Expert.objects.values("county_id")).first()
    return with_pool or counties.first()


@dataclass
class Share:
    total: int
    senior: int
    target: int

    @property
    def percent(self) -> Decimal | None:
        return rules.senior_share(self.senior, self.total)

    @property
    def below_target(self) -> bool:
        return rules.below_target(self.senior, self.total, self.target)


def senior_share_in_term(county: Jurisdiction, day: dt.date, target: int) -> Share:
    """The pool as appointed on `day`: how many experts, how many senior."""
    experts = Expert.objects.filter(county=county).in_term(day)
    figures = experts.aggregate(
        total=Count("pk"), senior=Count("pk", filter=ExpertQuerySet.senior_condition())
    )
    return Share(total=figures["total"], senior=figures["senior"], target=target)


def pool_established(county: Jurisdiction, pool: Pool) -> dt.date | None:
    """Since when the pool owes its meetings: its founding day, else its first appointment."""
    if pool.established_on is not None:
        return pool.established_on
    first = Expert.objects.filter(county=county).order_by("term_start").first()
    return first.term_start if first is not None else None


def quarters_missed(county: Jurisdiction, pool: Pool, today: dt.date) -> list[int]:
    """Quarters of this year that ended with no meeting of the pool (none for a pool not set up)."""
    since = pool_established(county, pool)
    if since is None:
        return []
    days = Meeting.objects.filter(county=county, held_on__year=today.year).values_list(
        "held_on", flat=True
    )
    return rules.quarters_without_meeting(days, today, since)


@dataclass
class PoolPage:
    county: Jurisdiction
    pool: Pool
    share: Share
    quarters_missed: list[int]
    experts: QuerySet[Expert]
    meetings: list[Meeting] = field(default_factory=list)


def pool_page(user: User, county: Jurisdiction, today: dt.date) -> PoolPage:
    pool = pool_of(county)
    experts = (
        Expert.objects.visible_to(user)
        .filter(county=county)
        .annotate(
            in_term=ExpressionWrapper(ExpertQuerySet.in_term_condition(today), BooleanField()),
            visits_joined=Count(
                "activities", filter=Q(activities__kind=Activity.Kind.VISIT), distinct=True
            ),
            opinions_given=Count("opinions", distinct=True),
        )
        .order_by("-in_term", "name", "pk")
    )
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(county=county, held_on__year=today.year)
        .annotate(attendance=Count("attendees"))
        .order_by("held_on", "pk")
    )
    return PoolPage(
        county=county,
        pool=pool,
        share=senior_share_in_term(county, today, pool.senior_target),
        quarters_missed=quarters_missed(county, pool, today),
        experts=experts,
        meetings=meetings,
    )


def expert_contributions(expert: Expert) -> dict[str, Any]:
    activities = (
        expert.activities.select_related("engagement")
        .annotate(joined=Count("experts"))
        .order_by("-held_on", "-pk")
    )
    opinions = expert.opinions.select_related("engagement").order_by("-given_on", "-pk")
    return {
        "engagements": expert.engagements.order_by("-started_on", "-pk"),
        "activities": activities,
        "opinions": opinions,
        "meetings": expert.meetings.order_by("-held_on", "-pk"),
    }


def meetings_visible(user: User) -> QuerySet[Meeting]:
    meetings: QuerySet[Meeting] = (
        Meeting.objects.visible_to(user)
        .select_related("county")
        .annotate(attendance=Count("attendees"))
        .order_by("-held_on", "-pk")
    )
    return meetings


def engagements_visible(user: User) -> QuerySet[Engagement]:
    engagements: QuerySet[Engagement] = (
        Engagement.objects.visible_to(user)
        .select_related("county")
        .annotate(
            invited=Count("experts", distinct=True),
            activity_count=Count("activities", distinct=True),
            opinion_count=Count("opinions", distinct=True),
        )
        .order_by("-started_on", "-pk")
    )
    return engagements


def engagement_page(engagement: Engagement) -> dict[str, Any]:
    return {
        "experts": engagement.experts.order_by("name", "pk"),
        "activities": engagement.activities.prefetch_related("experts").order_by("held_on", "pk"),
        "opinions": engagement.opinions.select_related("expert").order_by("given_on", "pk"),
    }


def _in_year(year: int) -> Q:
    """Appointed at some time in the year: the term began by its end and ended after its start."""
    return Q(term_start__lte=dt.date(year, 12, 31)) & (
        Q(term_end__isnull=True) | Q(term_end__gte=dt.date(year, 1, 1))
    )


@dataclass
class YearReport:
    county: Jurisdiction
    pool: Pool
    year: int
    experts: int
    senior: int
    symposiums: int
    quarterly_meetings: int
    visits: int
    inspections: int
    professional_opinions: int
    reference_opinions: int
    adopted: int
    rows: list[Expert] = field(default_factory=list)

    @property
    def share(self) -> Share:
        return Share(total=self.experts, senior=self.senior, target=self.pool.senior_target)

    @property
    def meetings(self) -> int:
        return self.symposiums + self.quarterly_meetings

    @property
    def opinions(self) -> int:
        return self.professional_opinions + self.reference_opinions


def years_with_data(county: Jurisdiction) -> list[int]:
    years = {d.year for d in Meeting.objects.filter(county=county).dates("held_on", "year")}
    years |= {
        d.year for d in Opinion.objects.filter(engagement__county=county).dates("given_on", "year")
    }
    years |= {
        d.year for d in Activity.objects.filter(engagement__county=county).dates("held_on", "year")
    }
    return sorted(years, reverse=True)


def year_report(county: Jurisdiction, year: int) -> YearReport:
    """The pool's year: who was in it, its meetings, what its experts joined and said."""
    pool = pool_of(county)
    experts = Expert.objects.filter(county=county).filter(_in_year(year))
    pool_figures = experts.aggregate(
        total=Count("pk"), senior=Count("pk", filter=ExpertQuerySet.senior_condition())
    )
    meetings = Meeting.objects.filter(county=county).in_year(year)
    meeting_figures = meetings.aggregate(
        symposiums=Count("pk", filter=Q(kind=Meeting.Kind.SYMPOSIUM)),
        quarterly=Count("pk", filter=Q(kind=Meeting.Kind.QUARTERLY)),
    )
    activities = Activity.objects.filter(engagement__county=county, held_on__year=year)
    activity_figures = activities.aggregate(
        visits=Count("pk", filter=Q(kind=Activity.Kind.VISIT)),
        inspections=Count("pk", filter=Q(kind=Activity.Kind.INSPECTION)),
    )
    opinions = Opinion.objects.filter(engagement__county=county, given_on__year=year)
    opinion_figures = opinions.aggregate(
        professional=Count("pk", filter=Q(kind=Opinion.Kind.PROFESSIONAL)),
        reference=Count("pk", filter=Q(kind=Opinion.Kind.REFERENCE)),
        adopted=Count("pk", filter=Q(status=Opinion.Status.ADOPTED)),
    )
    rows = list(
        experts.annotate(
            visits_joined=Count(
                "activities",
                filter=Q(activities__held_on__year=year, activities__kind=Activity.Kind.VISIT),
                distinct=True,
            ),
            inspections_joined=Count(
                "activities",
                filter=Q(activities__held_on__year=year, activities__kind=Activity.Kind.INSPECTION),
                distinct=True,
            ),
            opinions_given=Count(
                "opinions", filter=Q(opinions__given_on__year=year), distinct=True
            ),
            opinions_adopted=Count(
                "opinions",
                filter=Q(opinions__given_on__year=year, opinions__status=Opinion.Status.ADOPTED),
                distinct=True,
            ),
        ).order_by("name", "pk")
    )
    return YearReport(
        county=county,
        pool=pool,
        year=year,
        experts=pool_figures["total"],
        senior=pool_figures["senior"],
        symposiums=meeting_figures["symposiums"],
        quarterly_meetings=meeting_figures["quarterly"],
        visits=activity_figures["visits"],
        inspections=activity_figures["inspections"],
        professional_opinions=opinion_figures["professional"],
        reference_opinions=opinion_figures["reference"],
        adopted=opinion_figures["adopted"],
        rows=rows,
    )


def home_figures(*, user: User) -> dict[str, Any]:
    """The home panel: the pool's size and share today and the quarters that went unmet."""
    if not user.has_perm("experts.view_work"):
        return {}
    county = user.jurisdiction.county if user.jurisdiction is not None else None
    if county is None or not Expert.objects.filter(county=county).exists():
        return {}
    today = timezone.localdate()
    pool = pool_of(county)
    return {
        "county": county,
        "share": senior_share_in_term(county, today, pool.senior_target),
        "quarters_missed": quarters_missed(county, pool, today),
    }
