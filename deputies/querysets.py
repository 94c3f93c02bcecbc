"""Who may see what in deputy work.

Committee staff and admins see their jurisdiction (county staff: their county; municipal users: every
county). A deputy sees their own record, stations, visits, the opinions they passed on and their
suggestions. A unit's liaison sees the opinions and suggestions assigned to their unit.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any, Self

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Length

from accounts.permissions import is_office
from core.querysets import jurisdiction_scope


# The models import this module; their state sets are read when a query is built.
def _opinion() -> Any:
    from .models import Opinion

    return Opinion


def _suggestion() -> Any:
    from .models import Suggestion

    return Suggestion


def _activity() -> Any:
    from .models import Activity

    return Activity


class _DeputyWorkQuerySet(models.QuerySet[Any]):
    scope_field = "county"
    # The lookup from this model to the Deputy whose login may see the row, or None.
    deputy_field: str | None = None

    def visible_to(self, user: Any) -> Self:
        if is_office(user):
            scope = jurisdiction_scope(user, self.scope_field)
            return self if scope is None else self.filter(scope)
        if getattr(user, "is_deputy", False) and self.deputy_field:
            return self.filter(**{f"{self.deputy_field}__user": user})
        if getattr(user, "is_liaison", False) and user.unit_id:
            return self.for_liaison(user)
        return self.none()

    def for_liaison(self, user: Any) -> Self:
        return self.none()

    def visible_total(self, user: Any) -> int | None:
        """How many rows `visible_to(user)` gives, read from the tallies (models.Tally), or None
        where they do not say (a model without one, a deputy's or a liaison's own rows): count
        those. Only on the whole table: a filtered list counts its rows itself."""
        return None

    def _tallied(
        self, user: Any, counted: str, scopes: models.QuerySet[Any], field: str
    ) -> int | None:
        if self.query.where or not is_office(user):
            return None
        from .models import Tally

        scope = jurisdiction_scope(user, field)
        if scope is not None:
            scopes = scopes.filter(scope)
        total = Tally.objects.filter(counted=counted, scope_id__in=scopes.values("pk")).aggregate(
            n=Sum("total")
        )["n"]
        return total or 0


class DeputyQuerySet(_DeputyWorkQuerySet):
    def visible_to(self, user: Any) -> Self:
        if getattr(user, "is_deputy", False):
            return self.filter(user=user)
        return super().visible_to(user)

    def active(self) -> Self:
        return self.filter(is_active=True)


class StationQuerySet(_DeputyWorkQuerySet):
    deputy_field = "deputies"

    def active(self) -> Self:
        return self.filter(is_active=True)

    def public(self) -> Self:
        """Stations the county put online: the only ones a public page, QR code or opinion form
        names."""
        return self.filter(is_active=True, is_public=True)

    def natural_order(self) -> Self:
        """By county, then by name as people count: 第4 before 第10.

        Numbered stations differ only in their number, so the shorter name has the smaller
        number; ordering by length before name gives that on SQLite and PostgreSQL alike.
        """
        return self.order_by("county__code", Length("name"), "name", "pk")


class VisitQuerySet(_DeputyWorkQuerySet):
    scope_field = "station__county"
    deputy_field = "deputy"

    def with_opinion_count(self) -> Self:
        """Annotate `opinion_count` with a correlated count, which PostgreSQL evaluates only for
        the rows a page returns; a GROUP BY over the join would first aggregate every visit the
        user may see."""
        from .models import Opinion

        counts = (
            Opinion.objects.filter(visit=OuterRef("pk"))
            .order_by()
            .values("visit")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(opinion_count=Coalesce(Subquery(counts), 0))

    def in_year(self, year: int) -> Self:
        return self.filter(visited_on__year=year)

    def visible_total(self, user: Any) -> int | None:
        from .models import Station

        return self._tallied(user, "visit", Station.objects.all(), "county")


class OpinionQuerySet(_DeputyWorkQuerySet):
    deputy_field = "deputy"

    def for_liaison(self, user: Any) -> Self:
        return self.filter(unit_id=user.unit_id)

    def open_for_answer(self) -> Self:
        """Opinions a handling unit has to answer: transferred to it and not yet resolved. The
        reply form, the unit's to-do list, its home figures, the reminders and `opinion_reply`
        all go by this (and `Opinion.is_open_for_answer`, its copy for one loaded opinion)."""
        return self.filter(status__in=_opinion().OPEN_FOR_ANSWER)

    def overdue_condition(self, today: date) -> Q:
        """Open for an answer past the unit's deadline, as a condition a list may also exclude."""
        return Q(status__in=_opinion().OPEN_FOR_ANSWER, due_on__lt=today)

    def overdue(self, today: date) -> Self:
        return self.filter(self.overdue_condition(today))

    def visible_total(self, user: Any) -> int | None:
        from core.models import Jurisdiction

        return self._tallied(user, "opinion", Jurisdiction.objects.all(), "pk")

    def counted(self) -> Self:
        """What every figure counts: opinions the station took up, which leaves out those from
        the public that staff have not yet read or turned down."""
        return self.exclude(status__in=_opinion().NOT_COUNTED)

    def settled(self) -> Self:
        """Answered on the spot or resolved by the unit: what the figures count as done."""
        return self.filter(status__in=_opinion().SETTLED)

    def in_year(self, year: int) -> Self:
        return self.filter(raised_on__year=year)

    def count_by_visit(self, visits: Iterable[models.Model]) -> dict[int, int]:
        """Opinions per visit for the given visits, in one query; visits without any are absent."""
        return dict(
            self.filter(visit__in=[v.pk for v in visits])
            .values_list("visit")
            .annotate(n=Count("pk"))
            .order_by()
        )


class SuggestionQuerySet(_DeputyWorkQuerySet):
    deputy_field = "deputy"

    def rated_dissatisfied(self, times: int = 2) -> Self:
        """Rated 不满意 by the deputy at least `times` times: each rating that turned the
        suggestion to 不满意 is a row of its history whose previous row was not 不满意 (a new
        reply clears the rating, so a second 不满意 is a second turn)."""
        history = _suggestion().history.model
        before = (
            history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("satisfaction")[:1]
        )
        turns = (
            history.objects.filter(satisfaction="dissatisfied")
            .annotate(before=Coalesce(Subquery(before), Value("")))
            .exclude(before="dissatisfied")
            .values("id")
            .annotate(n=Count("history_id"))
            .filter(n__gte=times)
            .values("id")
        )
        return self.filter(pk__in=turns)

    def for_liaison(self, user: Any) -> Self:
        return self.handled_by(user.unit_id)

    def handled_by(self, unit: Any) -> Self:
        """Suggestions a unit leads or co-handles, without duplicate rows from the M2M join."""
        unit_id = getattr(unit, "pk", unit)
        co_handled = _suggestion().co_units.through.objects.filter(unit_id=unit_id)
        return self.filter(Q(lead_unit_id=unit_id) | Q(pk__in=co_handled.values("suggestion_id")))

    def for_unit_year(self, unit: Any, year: int) -> Self:
        """What the evaluation of `unit` for `year` reads: suggestions assigned to it that year."""
        return self.handled_by(unit).filter(assigned_on__year=year)

    def micro(self) -> Self:
        return self.filter(kind=_suggestion().Kind.MICRO)

    def awaiting_reply(self) -> Self:
        """Assigned (or sent back) and not yet replied to by the lead unit."""
        return self.filter(status__in=_suggestion().AWAITING_REPLY)

    def overdue(self, today: date) -> Self:
        return self.awaiting_reply().filter(due_on__lt=today)


class ActivityQuerySet(_DeputyWorkQuerySet):
    def visible_to(self, user: Any) -> Self:
        # Activities are announced publicly; deputies and liaisons see their own county's.
        if user.is_authenticated and not is_office(user):
            scope = jurisdiction_scope(user, self.scope_field)
            return self if scope is None else self.filter(scope)
        return super().visible_to(user)

    def public(self) -> Self:
        """What the public calendar shows: the activities that count, as announced or held."""
        return self.counted()

    def counted(self) -> Self:
        """The activities every count uses (dashboard, home, quarterly report): announced and
        held ones; a draft may never take place and a cancelled one did not."""
        return self.filter(status__in=_activity().COUNTED)


class ContactVisitQuerySet(_DeputyWorkQuerySet):
    deputy_field = "deputy"


class CampaignQuerySet(_DeputyWorkQuerySet):
    pass
