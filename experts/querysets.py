"""Who sees which records of the expert pool, and the states each is counted by (one home each).

A pool belongs to a county's standing committee. Its office (staff and admin) and its deputies
see the county's pool; the municipal admin sees every county's. A handling unit's liaison has no
business with the pool and sees nothing. What a deputy may read of an expert (never the contact)
is the permissions' and templates' concern, not the rows'.
"""

import datetime as dt
from typing import Any, Self

from django.db.models import Q

from accounts.models import Role
from core.querysets import ScopedQuerySet

from . import rules


def _is_liaison(user: Any) -> bool:
    return bool(user.is_authenticated and not user.is_superuser and user.role == Role.LIAISON)


class PoolScopedQuerySet(ScopedQuerySet):
    scope_field = "county"

    def visible_to(self, user: Any) -> Self:
        if _is_liaison(user):
            return self.none()
        return super().visible_to(user)


class PoolQuerySet(PoolScopedQuerySet):
    pass


class ExpertQuerySet(PoolScopedQuerySet):
    @staticmethod
    def in_term_condition(day: dt.date, prefix: str = "") -> Q:
        """Appointed on `day` (`rules.in_term`): the term began and has not ended."""
        return Q(**{f"{prefix}term_start__lte": day}) & (
            Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": day})
        )

    def in_term(self, day: dt.date) -> Self:
        return self.filter(self.in_term_condition(day))

    @staticmethod
    def senior_condition(prefix: str = "") -> Q:
        """正高 or 副高 (`rules.SENIOR_LEVELS`)."""
        return Q(**{f"{prefix}title_level__in": sorted(rules.SENIOR_LEVELS)})

    def senior(self) -> Self:
        return self.filter(self.senior_condition())


class MeetingQuerySet(PoolScopedQuerySet):
    def in_year(self, year: int) -> Self:
        return self.filter(held_on__year=year)


class EngagementQuerySet(PoolScopedQuerySet):
    pass


class EngagementRecordQuerySet(PoolScopedQuerySet):
    """Records of an engagement (its activities and opinions), scoped through it."""

    scope_field = "engagement__county"


class OpinionQuerySet(EngagementRecordQuerySet):
    def adopted(self) -> Self:
        return self.filter(status="adopted")
