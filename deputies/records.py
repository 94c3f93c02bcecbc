"""The deputy's performance record (代表履职档案): one deputy's year of work, figure by figure.

Every figure is the dashboards' own rule (`Visit.objects.in_year`, `Opinion.objects.settled()`,
`Activity.objects.counted()`, ...) started from `visible_to(user)` and counted per deputy, so the
record of a deputy adds up to what the dashboards count for them. Each figure is one grouped
query whether it is counted for one deputy (the record page) or for every deputy of a county (the
roster-wide export), so neither costs a query per deputy.

Poll participation is read from `polls.Participation`, which says that a voter took part and
never how they voted: nothing here can reach a ballot.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum

from accounts.models import User
from core.selectors import latest_year as core_latest_year
from polls.models import Elector, Participation, Poll
from polls.querysets import PollQuerySet

from . import rules
from .models import (
    Activity,
    ContactVisit,
    CountySetting,
    Deputy,
    Opinion,
    OpinionReply,
    Satisfaction,
    Suggestion,
    Visit,
)


@dataclass
class Record:
    """A deputy's figures for a year, and the score the county's weights give them."""

    deputy: Deputy
    year: int
    visits: int = 0
    people: int = 0
    opinions: int = 0
    opinions_answered: int = 0
    opinions_transferred: int = 0
    opinions_replied: int = 0
    opinions_open: int = 0
    opinions_settled: int = 0
    opinions_rated: int = 0
    suggestions: int = 0
    suggestions_replied: int = 0
    micro: int = 0
    micro_closed: int = 0
    rated_satisfied: int = 0
    rated_basically: int = 0
    rated_dissatisfied: int = 0
    activities: int = 0
    contacts: dict[str, int] = field(default_factory=dict)
    polls_entitled: int = 0
    polls_voted: int = 0
    weights: dict[str, int] = field(default_factory=dict)

    @property
    def contact_visits(self) -> int:
        return sum(self.contacts.values())

    @property
    def opinions_with_answer(self) -> int:
        """Answered on the spot or replied to by the unit: the public heard back (an opinion
        answered on the spot is never transferred, so the two never overlap)."""
        return self.opinions_answered + self.opinions_replied

    @property
    def score_counts(self) -> dict[str, int]:
        return {
            "visit": self.visits,
            "opinion_answered": self.opinions_with_answer,
            "suggestion": self.suggestions + self.micro,
            "activity": self.activities,
            "contact_visit": self.contact_visits,
            "poll": self.polls_voted,
        }

    @property
    def score(self) -> int:
        return rules.performance_score(self.score_counts, self.weights)

    @property
    def score_lines(self) -> list[tuple[str, int, int, int]]:
        """(item, count, points each, points) for the page's breakdown of the score."""
        counts = self.score_counts
        return [
            (item, counts[item], self.weights[item], counts[item] * self.weights[item])
            for item in rules.SCORE_ITEMS
        ]


def _opinion_has_reply() -> Exists:
    return Exists(OpinionReply.objects.filter(opinion=OuterRef("pk")))


def figure_querysets(*, user: User, year: int) -> dict[str, tuple[QuerySet[Any], str]]:
    """Each counted figure of the record: the rows it counts, for `user`'s scope and `year`, and
    the lookup from those rows to the deputy. The rule-agreement test counts each of these."""
    visits = Visit.objects.visible_to(user).in_year(year)
    opinions = Opinion.objects.visible_to(user).counted().in_year(year)
    suggestions = Suggestion.objects.visible_to(user).filter(submitted_on__year=year)
    proper = suggestions.exclude(kind=Suggestion.Kind.MICRO)
    return {
        "visits": (visits, "deputy"),
        "opinions": (opinions, "deputy"),
        "opinions_answered": (opinions.filter(status=Opinion.Status.ANSWERED), "deputy"),
        "opinions_transferred": (opinions.filter(transferred_on__isnull=False), "deputy"),
        "opinions_replied": (opinions.filter(_opinion_has_reply()), "deputy"),
        "opinions_open": (opinions.open_for_answer(), "deputy"),
        "opinions_settled": (opinions.settled(), "deputy"),
        "opinions_rated": (opinions.exclude(satisfaction=""), "deputy"),
        "suggestions": (proper, "deputy"),
        "suggestions_replied": (proper.filter(replied_on__isnull=False), "deputy"),
        "micro": (suggestions.micro(), "deputy"),
        "micro_closed": (suggestions.micro().filter(status=Suggestion.Status.CLOSED), "deputy"),
        "rated_satisfied": (suggestions.filter(satisfaction=Satisfaction.SATISFIED), "deputy"),
        "rated_basically": (suggestions.filter(satisfaction=Satisfaction.BASICALLY), "deputy"),
        "rated_dissatisfied": (
            suggestions.filter(satisfaction=Satisfaction.DISSATISFIED),
            "deputy",
        ),
        "activities": (
            Activity.objects.visible_to(user).counted().filter(starts_at__year=year),
            "deputies",
        ),
    }


def contact_visits(*, user: User, year: int) -> QuerySet[ContactVisit]:
    return ContactVisit.objects.visible_to(user).filter(visited_on__year=year)


def polls_of_year(*, user: User, year: int) -> PollQuerySet:
    """The polls of the year the user may see: opened that year (a draft never opened)."""
    return Poll.objects.visible_to(user).filter(opened_at__year=year)


def records(*, user: User, year: int, deputies: Iterable[Deputy]) -> list[Record]:
    """The year's record of each of `deputies` (already scoped to `user`), in their order."""
    rows = {d.pk: Record(deputy=d, year=year) for d in deputies}
    ids = list(rows)
    for name, (queryset, lookup) in figure_querysets(user=user, year=year).items():
        counted = queryset.filter(**{f"{lookup}__in": ids}).values_list(lookup)
        for deputy_id, n in counted.annotate(n=Count("pk")).order_by():
            setattr(rows[deputy_id], name, n)
    people = (
        Visit.objects.visible_to(user)
        .in_year(year)
        .filter(deputy__in=ids)
        .values_list("deputy")
        .annotate(n=Sum("people_received"))
        .order_by()
    )
    for deputy_id, n in people:
        rows[deputy_id].people = n or 0
    kinds = contact_visits(user=user, year=year).filter(deputy__in=ids)
    for deputy_id, kind, n in (
        kinds.values_list("deputy", "kind").annotate(n=Count("pk")).order_by()
    ):
        rows[deputy_id].contacts[kind] = n
    _count_polls(rows, user, year)
    _weigh(rows)
    return list(rows.values())


def _count_polls(rows: dict[int, Record], user: User, year: int) -> None:
    by_user = {r.deputy.user_id: r for r in rows.values() if r.deputy.user_id}
    polls = polls_of_year(user=user, year=year)
    for model, attr in ((Elector, "polls_entitled"), (Participation, "polls_voted")):
        grouped = (
            model.objects.filter(poll__in=polls, voter__in=list(by_user))
            .values_list("voter")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for voter_id, n in grouped:
            setattr(by_user[voter_id], attr, n)


def _weigh(rows: dict[int, Record]) -> None:
    counties = {r.deputy.county_id for r in rows.values()}
    settings = {s.county_id: s for s in CountySetting.objects.filter(county__in=counties)}
    for row in rows.values():
        row.weights = weights(settings.get(row.deputy.county_id) or CountySetting())


def weights(setting: CountySetting) -> dict[str, int]:
    """The county's points per item of the score (its defaults when it set none)."""
    return {item: getattr(setting, f"points_per_{item}") for item in rules.SCORE_ITEMS}


def record(*, user: User, deputy: Deputy, year: int) -> Record:
    (result,) = records(user=user, year=year, deputies=[deputy])
    return result


def poll_participation(*, user: User, deputy: Deputy, year: int) -> list[Poll]:
    """The polls of the year the deputy was entitled to vote in, each annotated `voted`: whether
    they took part, never how."""
    if deputy.user is None:
        return []
    return list(
        polls_of_year(user=user, year=year)
        .votable_by(deputy.user)
        .with_voted_by(deputy.user)
        .order_by("opened_at", "pk")
        .only("pk", "title", "status", "opened_at")
    )


def latest_year(*, user: User, deputy: Deputy, default: int) -> int:
    """The latest year with any of the deputy's counted work, so the page opens on data."""
    querysets = [
        (Visit.objects.visible_to(user).filter(deputy=deputy), "visited_on"),
        (Opinion.objects.visible_to(user).filter(deputy=deputy), "raised_on"),
        (Suggestion.objects.visible_to(user).filter(deputy=deputy), "submitted_on"),
        (Activity.objects.visible_to(user).counted().filter(deputies=deputy), "starts_at"),
        (ContactVisit.objects.visible_to(user).filter(deputy=deputy), "visited_on"),
    ]
    years = [y for qs, f in querysets if (y := core_latest_year(qs, f)) is not None]
    return max(years, default=default)


def roster(*, user: User) -> QuerySet[Deputy]:
    """Every deputy the user may see, for the roster-wide export of the year's records."""
    return (
        Deputy.objects.visible_to(user)
        .select_related("county", "township")
        .order_by("county__code", "name", "pk")
    )
