"""Who sees which budget records, and the states each is counted by (one home each).

The committee office sees the budgets, execution and warnings of its county and its townships,
deputies read the budgets; the liaison of a unit sees only the problems assigned to that unit.
"""

import datetime as dt
from typing import Any, Self

from django.db.models import Q

from accounts.models import Role
from core.querysets import ScopedQuerySet


def _role(user: Any) -> str | None:
    if not user.is_authenticated or user.is_superuser:
        return None
    return str(user.role)


class BudgetQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> Self:
        if _role(user) == Role.LIAISON:
            return self.none()
        return super().visible_to(user)


class LineQuerySet(BudgetQuerySet):
    scope_field = "budget__jurisdiction"


class WarningQuerySet(ScopedQuerySet):
    """Warnings are the office's to weigh: deputies and liaisons see the problems made of them."""

    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> Self:
        if _role(user) in (Role.LIAISON, Role.DEPUTY):
            return self.none()
        return super().visible_to(user)

    def undecided(self) -> Self:
        return self.filter(status="open")


class ProblemQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    AWAITING_REPLY = ("assigned", "returned")

    def visible_to(self, user: Any) -> Self:
        qs = super().visible_to(user)
        role = _role(user)
        if role == Role.LIAISON:
            return qs.filter(unit_id=user.unit_id) if user.unit_id else qs.none()
        if role == Role.DEPUTY:
            return qs.none()
        return qs

    def open(self) -> Self:
        """Not closed out yet."""
        return self.exclude(status="closed")

    def awaiting_reply(self) -> Self:
        """The unit has to answer: assigned, or returned after a reply that did not do."""
        return self.filter(status__in=self.AWAITING_REPLY)

    @staticmethod
    def overdue_condition(today: dt.date) -> Q:
        """Awaiting the unit's reply after its due day (the due day itself is not late)."""
        return Q(status__in=ProblemQuerySet.AWAITING_REPLY, due_on__lt=today)

    def overdue(self, today: dt.date) -> Self:
        return self.filter(self.overdue_condition(today))


class EvidenceQuerySet(ScopedQuerySet):
    scope_field = "problem__jurisdiction"

    def visible_to(self, user: Any) -> Self:
        from .models import Problem

        return self.filter(problem__in=Problem.objects.visible_to(user).values("pk"))


class SettingQuerySet(ScopedQuerySet):
    scope_field = "county"


class PublicationQuerySet(ScopedQuerySet):
    """A quarter's publication: the office keeps it; the public sees it while it is published."""

    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> Self:
        if _role(user) in (Role.LIAISON, Role.DEPUTY):
            return self.none()
        return super().visible_to(user)

    def published(self) -> Self:
        return self.filter(withdrawn_at__isnull=True)


class TownshipReviewQuerySet(BudgetQuerySet):
    """A township congress's steps on its budget: its county's office and deputies see them, and
    a township's own users theirs."""

    scope_field = "township"


class FundQuerySet(BudgetQuerySet):
    """Major funds under 两问四评: the county's office and deputies; the public only a published
    result or a survey that is open."""

    scope_field = "county"

    def published(self) -> Self:
        return self.filter(published_on__isnull=False)

    def surveying(self) -> Self:
        return self.filter(survey_open=True)


class FundPartQuerySet(BudgetQuerySet):
    scope_field = "fund__county"
