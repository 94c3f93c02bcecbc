"""Reads of deputy work: the dashboards' counts per county and per station (each one grouped
query), the unit's to-do list and the home page's figures.

Kept apart from services.py (writes) and querysets.py (visibility and the domain's state sets);
every figure starts from `visible_to(user)`, so a dashboard never counts what its user may not see,
and counts by the querysets' rules (`Activity.objects.counted()`, `Opinion.objects.settled()`, ...).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction
from core.selectors import latest_year as core_latest_year

from . import rules
from .models import (
    Activity,
    Campaign,
    ContactVisit,
    Deputy,
    Opinion,
    OpinionReply,
    Satisfaction,
    Station,
    StationMembership,
    StationPost,
    Suggestion,
    Visit,
)


@dataclass
class Figures:
    """What the seed counts for a county (or a station): one row of a dashboard table."""

    label: str = ""
    pk: int | None = None
    group: str = ""
    stations: int = 0
    deputies: int = 0
    visits: int = 0
    people: int = 0
    posts: int = 0
    activities: int = 0
    opinions: int = 0
    opinions_resolved: int = 0
    replies: int = 0
    suggestions: int = 0
    suggestions_replied: int = 0
    suggestions_on_time: int = 0
    micro: int = 0
    micro_closed: int = 0
    micro_satisfied: int = 0
    contacts: dict[str, int] = field(default_factory=dict)

    @property
    def opinions_open(self) -> int:
        return self.opinions - self.opinions_resolved

    @property
    def resolution_rate(self) -> Decimal | None:
        return rules.rate(self.opinions_resolved, self.opinions)

    @property
    def on_time_rate(self) -> Decimal | None:
        return rules.rate(self.suggestions_on_time, self.suggestions_replied)

    @property
    def micro_closed_rate(self) -> Decimal | None:
        return rules.rate(self.micro_closed, self.micro)

    @property
    def micro_satisfied_rate(self) -> Decimal | None:
        return rules.rate(self.micro_satisfied, self.micro_closed)


def latest_year(user: User, default: int) -> int:
    """The most recent year with visits the user can see, so the seed's 2024 shows by default."""
    latest = core_latest_year(Visit.objects.visible_to(user), "visited_on")
    return default if latest is None else latest


def _merge(
    rows: dict[int, Figures], key: str, grouped: Iterable[Mapping[str, Any]], **names: str
) -> None:
    for item in grouped:
        figures = rows.get(item[key])
        if figures is None:
            continue
        for attr, column in names.items():
            setattr(figures, attr, item[column] or 0)


def county_figures(
    *, user: User, year: int, counties: Iterable[Jurisdiction] | None = None
) -> list[Figures]:
    """One row per county the user can see, with the year's counts."""
    if counties is None:
        counties = Jurisdiction.objects.visible_to(user).counties()
    rows = {c.pk: Figures(label=c.name, pk=c.pk) for c in counties}
    ids = list(rows)
    _merge(
        rows,
        "county",
        Station.objects.visible_to(user)
        .filter(county__in=ids, is_active=True)
        .values("county")
        .annotate(n=Count("pk")),
        stations="n",
    )
    _merge(
        rows,
        "county",
        Deputy.objects.visible_to(user)
        .filter(county__in=ids, is_active=True)
        .values("county")
        .annotate(n=Count("pk")),
        deputies="n",
    )
    _merge(
        rows,
        "station__county",
        Visit.objects.visible_to(user)
        .filter(station__county__in=ids, visited_on__year=year)
        .values("station__county")
        .annotate(n=Count("pk"), people=Sum("people_received")),
        visits="n",
        people="people",
    )
    _merge(
        rows,
        "station__county",
        StationPost.objects.filter(
            station__in=Station.objects.visible_to(user),
            station__county__in=ids,
            published_on__year=year,
        )
        .values("station__county")
        .annotate(n=Count("pk")),
        posts="n",
    )
    _merge(
        rows,
        "county",
        Activity.objects.visible_to(user)
        .counted()
        .filter(county__in=ids, starts_at__year=year)
        .values("county")
        .annotate(n=Count("pk")),
        activities="n",
    )
    _merge(rows, "county", _opinion_counts(user, year).filter(county__in=ids), **_OPINION_COLS)
    _merge(
        rows,
        "opinion__county",
        OpinionReply.objects.filter(
            opinion__in=Opinion.objects.visible_to(user),
            opinion__county__in=ids,
            replied_on__year=year,
        )
        .values("opinion__county")
        .annotate(n=Count("pk")),
        replies="n",
    )
    _merge(
        rows, "county", _suggestion_counts(user, year).filter(county__in=ids), **_SUGGESTION_COLS
    )
    _contact_counts(rows, user, year, ids)
    return list(rows.values())


_OPINION_COLS = {"opinions": "n", "opinions_resolved": "resolved"}
_SUGGESTION_COLS = {
    "suggestions": "n",
    "suggestions_replied": "replied",
    "suggestions_on_time": "on_time",
    "micro": "micro",
    "micro_closed": "micro_closed",
    "micro_satisfied": "micro_satisfied",
}


_SETTLED = Q(status__in=Opinion.SETTLED)  # `Opinion.objects.settled()`, counted within a group


_Grouped = QuerySet[Any, dict[str, Any]]


def _opinion_counts(user: User, year: int, by: str = "county") -> _Grouped:
    return cast(
        _Grouped,
        Opinion.objects.visible_to(user)
        .counted()
        .filter(raised_on__year=year)
        .values(by)
        .annotate(n=Count("pk"), resolved=Count("pk", filter=_SETTLED)),
    )


def _suggestion_counts(user: User, year: int) -> _Grouped:
    micro = Q(kind=Suggestion.Kind.MICRO)
    replied = Q(replied_on__isnull=False)
    return cast(
        _Grouped,
        Suggestion.objects.visible_to(user)
        .filter(submitted_on__year=year)
        .values("county")
        .annotate(
            n=Count("pk", filter=~micro),
            replied=Count("pk", filter=~micro & replied),
            on_time=Count("pk", filter=~micro & replied & Q(replied_on__lte=F("due_on"))),
            micro=Count("pk", filter=micro),
            micro_closed=Count("pk", filter=micro & Q(status=Suggestion.Status.CLOSED)),
            micro_satisfied=Count(
                "pk",
                filter=micro
                & Q(status=Suggestion.Status.CLOSED, satisfaction=Satisfaction.SATISFIED),
            ),
        ),
    )


def _contact_counts(rows: dict[int, Figures], user: User, year: int, ids: list[int]) -> None:
    grouped = (
        ContactVisit.objects.visible_to(user)
        .filter(county__in=ids, visited_on__year=year)
        .values("county", "kind")
        .annotate(n=Count("pk"))
    )
    for item in grouped:
        if item["county"] in rows:
            rows[item["county"]].contacts[item["kind"]] = item["n"]


def total(rows: list[Figures], label: str) -> Figures:
    result = Figures(label=label)
    for row in rows:
        for name in Figures.__dataclass_fields__:
            value = getattr(row, name)
            if isinstance(value, int) and name != "pk":
                setattr(result, name, getattr(result, name) + value)
        for kind, n in row.contacts.items():
            result.contacts[kind] = result.contacts.get(kind, 0) + n
    return result


def station_figures(*, user: User, county: Jurisdiction, year: int) -> list[Figures]:
    """One row per station of a county: visits, people, posts, activities and opinions."""
    stations = (
        Station.objects.visible_to(user)
        .filter(county=county)
        .select_related("township")
        .natural_order()
    )
    rows = {
        s.pk: Figures(
            label=s.name, pk=s.pk, stations=1, group=s.township.name if s.township else ""
        )
        for s in stations
    }
    base = {"station__in": list(rows)}
    _merge(
        rows,
        "station",
        Visit.objects.filter(**base, visited_on__year=year)
        .values("station")
        .annotate(n=Count("pk"), people=Sum("people_received")),
        visits="n",
        people="people",
    )
    _merge(
        rows,
        "station",
        StationPost.objects.filter(**base, published_on__year=year)
        .values("station")
        .annotate(n=Count("pk")),
        posts="n",
    )
    _merge(
        rows,
        "station",
        Activity.objects.counted()
        .filter(**base, starts_at__year=year)
        .values("station")
        .annotate(n=Count("pk")),
        activities="n",
    )
    _merge(
        rows,
        "station",
        Opinion.objects.counted()
        .filter(**base, raised_on__year=year)
        .values("station")
        .annotate(n=Count("pk"), resolved=Count("pk", filter=_SETTLED)),
        **_OPINION_COLS,
    )
    _merge(
        rows,
        "station",
        Deputy.objects.filter(stations__in=list(rows))
        .values(station=F("stations"))
        .annotate(n=Count("pk")),
        deputies="n",
    )
    return list(rows.values())


def township_figures(station_rows: list[Figures], no_township: str) -> list[Figures]:
    """Station rows summed per township (stations of the county seat or industry chains have none)."""
    grouped: dict[str, list[Figures]] = defaultdict(list)
    for row in station_rows:
        grouped[row.group or no_township].append(row)
    return [total(rows, label) for label, rows in sorted(grouped.items())]


def visits_by_month(*, user: User, year: int, county: Jurisdiction | None = None) -> list[int]:
    visits = Visit.objects.visible_to(user).filter(visited_on__year=year)
    if county is not None:
        visits = visits.filter(station__county=county)
    counts = dict(
        visits.annotate(month=ExtractMonth("visited_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [counts.get(month, 0) for month in range(1, 13)]


def todo(*, user: User) -> dict[str, Any]:
    """What the user's unit has to answer, the nearest deadline first."""
    return {
        "opinions": Opinion.objects.visible_to(user)
        .open_for_answer()
        .select_related("station")
        .order_by("due_on"),
        "suggestions": Suggestion.objects.visible_to(user)
        .awaiting_reply()
        .select_related("deputy", "lead_unit")
        .order_by("due_on"),
    }


def home_figures(*, user: User) -> dict[str, Any]:
    """The few counts the home page shows about deputy work, by what the user does: `panel` says
    which (the office's figures, the office's link for administrators, a deputy's own record, or
    a unit's open items). The office comes first, so a superuser gets the office's."""
    today = timezone.localdate()
    if user.has_perm("deputies.follow_work_figures"):
        return {"panel": "office", **_office_figures(user, today)}
    if user.has_perm("deputies.oversee_deputy_work"):
        return {"panel": "office_link"}
    if user.has_perm("deputies.keep_own_record"):
        return {"panel": "deputy", **_deputy_figures(user, today)}
    if user.has_perm("deputies.answer_for_unit"):
        return {
            "panel": "unit",
            "open_opinions": Opinion.objects.visible_to(user).open_for_answer().count(),
            "open_suggestions": Suggestion.objects.visible_to(user).awaiting_reply().count(),
        }
    return {}


def _office_figures(user: User, today: date) -> dict[str, Any]:
    # The figures are of the latest year with visits, named on the page: the calendar year
    # would show 0 until its first visit is recorded.
    year = latest_year(user, today.year)
    return {
        "year": year,
        "visits": Visit.objects.visible_to(user).in_year(year).count(),
        "activities": Activity.objects.visible_to(user)
        .counted()
        .filter(starts_at__year=year)
        .count(),
        # Read online and not yet taken up, or taken up and not yet handled: both wait on staff.
        "pending_opinions": Opinion.objects.visible_to(user)
        .filter(status__in=(Opinion.Status.UNREVIEWED, Opinion.Status.PENDING))
        .count(),
        "overdue_suggestions": Suggestion.objects.visible_to(user).overdue(today).count(),
    }


def _deputy_figures(user: User, today: date) -> dict[str, Any]:
    year = latest_year(user, today.year)
    visits = Visit.objects.visible_to(user).in_year(year)
    return {
        "year": year,
        "has_profile": Deputy.objects.filter(user=user).exists(),
        **visits.aggregate(visits=Count("pk"), people=Sum("people_received")),
        "to_rate": Suggestion.objects.visible_to(user)
        .filter(status=Suggestion.Status.REPLIED)
        .count(),
    }


# --- Deputies online: the public pages, the receipt, and the figures by source and campaign -------


def public_stations(*, query: str = "", county_code: str = "") -> QuerySet[Station]:
    """The station directory: stations put online, by county and township, searched by the
    station's, township's or address's words."""
    stations = Station.objects.public().select_related("county", "township")
    if county_code:
        stations = stations.filter(county__code=county_code)
    if query:
        stations = stations.filter(
            Q(name__icontains=query)
            | Q(township__name__icontains=query)
            | Q(address__icontains=query)
            | Q(county__name__icontains=query)
        )
    return stations.order_by("county__code", "township__code", "name", "pk")


def public_counties() -> list[dict[str, Any]]:
    """The directory's front: each county with stations online and how many, in code order."""
    return list(
        Station.objects.public()
        .values("county__code", "county__name")
        .annotate(n=Count("pk"))
        .order_by("county__code")
    )


def public_station_page(station: Station) -> dict[str, Any]:
    """What a station's public page shows: deputies by name, posts staff made public and the
    announced activities ahead. Nothing from the public, and no phone number, is read here."""
    members = (
        StationMembership.objects.filter(station=station, deputy__is_active=True)
        .select_related("deputy")
        .only(
            "role",
            "deputy__name",
            "deputy__level",
            "deputy__is_active",
            "deputy__photo",
            "deputy__photo_public",
            "station_id",
        )
        .order_by("role", "deputy__name", "pk")
    )
    return {
        "station": station,
        "memberships": members,
        "partners": station.partners.only("name", "region", "title", "station_id"),
        "posts": station.posts.filter(is_public=True)[:10],
        "activities": station.activities.public()
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")[:10],
    }


def _shown_deputies() -> QuerySet[Deputy]:
    """Deputies shown publicly: active ones of a station that is online."""
    return Deputy.objects.filter(is_active=True, stations__in=Station.objects.public())


def public_deputies() -> QuerySet[Deputy]:
    online = Station.objects.public()
    return (
        _shown_deputies()
        .distinct()
        .only("pk", "name", "level", "county_id")
        .prefetch_related(Prefetch("stations", queryset=online.only("pk", "name")))
    )


def public_station_photo(pk: int) -> FieldFile | None:
    station = Station.objects.public().filter(pk=pk).only("pk", "photo").first()
    return station.photo if station else None


def public_deputy_photo(pk: int) -> FieldFile | None:
    """A deputy's photo, only if the county published it and the deputy is shown publicly."""
    deputy = _shown_deputies().filter(pk=pk, photo_public=True).only("pk", "photo").first()
    return deputy.photo if deputy else None


def opinion_by_receipt(receipt: str) -> Opinion | None:
    if not receipt:
        return None
    return (
        Opinion.objects.filter(receipt=receipt, source=Opinion.Source.ONLINE)
        .select_related("station", "deputy")
        .prefetch_related("replies__unit")
        .first()
    )


@dataclass
class SourceRow:
    source: str
    label: str
    opinions: int = 0
    settled: int = 0

    @property
    def open(self) -> int:
        return self.opinions - self.settled


def opinions_by_source(
    *, user: User, year: int, county: Jurisdiction | None = None
) -> list[SourceRow]:
    """The year's counted opinions by where they came from, settled (solved) and still open."""
    opinions = Opinion.objects.visible_to(user).counted().in_year(year)
    if county is not None:
        opinions = opinions.filter(county=county)
    grouped = {
        row["source"]: row
        for row in opinions.values("source")
        .annotate(n=Count("pk"), settled=Count("pk", filter=_SETTLED))
        .order_by()
    }
    return [
        SourceRow(
            source=value,
            label=str(label),
            opinions=grouped.get(value, {}).get("n", 0),
            settled=grouped.get(value, {}).get("settled", 0),
        )
        for value, label in Opinion.Source.choices
    ]


def campaigns(*, user: User) -> QuerySet[Campaign]:
    """The campaigns the user may see, each with its counted opinions and activities."""
    opinions = Opinion.objects.counted().filter(campaign=OuterRef("pk"))
    activities = Activity.objects.counted().filter(campaign=OuterRef("pk"))
    return cast(
        QuerySet[Campaign],
        Campaign.objects.visible_to(user)
        .select_related("county")
        .annotate(
            opinion_count=Coalesce(Subquery(_count(opinions)), 0),
            activity_count=Coalesce(Subquery(_count(activities)), 0),
        )
        .order_by("-starts_on", "pk"),
    )


def _count(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return cast(
        QuerySet[Any], queryset.order_by().values("campaign").annotate(n=Count("pk")).values("n")
    )


def campaign_figures(campaign: Campaign) -> dict[str, Any]:
    """A campaign's sums: opinions tagged with it (counted, settled) by source, and its activities
    with the people who came, the questions answered and the disputes mediated."""
    opinions = Opinion.objects.counted().filter(campaign=campaign)
    activities = Activity.objects.counted().filter(campaign=campaign)
    return {
        **opinions.aggregate(opinions=Count("pk"), settled=Count("pk", filter=_SETTLED)),
        **activities.aggregate(
            activities=Count("pk"),
            participants=Sum("participants"),
            questions=Sum("questions_answered"),
            disputes=Sum("disputes_mediated"),
        ),
    }


@dataclass
class BorderRow:
    """One inter-provincial station's year: partner deputies, joint activities (with at least
    one of them), opinions taken up and problems solved (settled)."""

    station: Station
    partners: int = 0
    joint_activities: int = 0
    opinions: int = 0
    solved: int = 0
    referred: int = 0


def inter_provincial_figures(
    *, user: User, year: int, county: Jurisdiction | None = None
) -> list[BorderRow]:
    stations = Station.objects.visible_to(user).filter(kind=Station.Kind.INTER_PROVINCIAL)
    if county is not None:
        stations = stations.filter(county=county)
    rows = {
        s.pk: BorderRow(station=s, partners=s.partner_count)
        for s in stations.annotate(partner_count=Count("partners")).natural_order()
    }
    joint = (
        Activity.objects.counted()
        .filter(station__in=list(rows), starts_at__year=year, partner_deputies__isnull=False)
        .values("station")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for item in joint:
        rows[item["station"]].joint_activities = item["n"]
    opinions = (
        Opinion.objects.counted()
        .filter(station__in=list(rows), raised_on__year=year)
        .values("station")
        .annotate(
            n=Count("pk"),
            solved=Count("pk", filter=_SETTLED),
            referred=Count("pk", filter=~Q(partner_unit="")),
        )
        .order_by()
    )
    for item in opinions:
        row = rows[item["station"]]
        row.opinions, row.solved, row.referred = item["n"], item["solved"], item["referred"]
    return list(rows.values())
