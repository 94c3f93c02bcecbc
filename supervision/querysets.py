"""Who sees which supervision records, and the states each is counted by (one home each).

The committee office sees every plan and item of its jurisdiction and the townships below it.
Deputies see the items that were made known to them (published), as 监督法 requires; the liaison
of a supervised body sees the items on their own unit, to follow the deadlines it has to meet, and
the commitments their unit made at an inquiry, on whichever item of their jurisdiction.
"""

import datetime as dt
from typing import Any, Self

from django.db.models import Q

from accounts.models import Role
from core.querysets import ScopedQuerySet, jurisdiction_scope


def _role(user: Any) -> str | None:
    if not user.is_authenticated or user.is_superuser:
        return None
    return str(user.role)


class PlanQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> Self:
        qs = super().visible_to(user)
        role = _role(user)
        if role == Role.DEPUTY:
            return qs.filter(status="published")
        if role == Role.LIAISON:
            return qs.filter(items__unit_id=user.unit_id).distinct() if user.unit_id else qs.none()
        return qs

    def published(self) -> Self:
        return self.filter(status="published")


class ItemQuerySet(ScopedQuerySet):
    scope_field = "plan__jurisdiction"

    def visible_to(self, user: Any) -> Self:
        qs = super().visible_to(user)
        role = _role(user)
        if role == Role.DEPUTY:
            return qs.published()
        if role == Role.LIAISON:
            return qs.filter(unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs

    def published(self) -> Self:
        """Made known to deputies and the public (the report, opinions and handling report)."""
        return self.filter(published_on__isnull=False)

    def open(self) -> Self:
        """Not closed yet: on the close itself, which the stored state follows."""
        return self.filter(closed_on__isnull=True)


class ItemRecordQuerySet(ScopedQuerySet):
    """Records that belong to an item (research, report versions, questions, changes)."""

    scope_field = "item__plan__jurisdiction"
    item_field = "item"

    def visible_to(self, user: Any) -> Self:
        from .models import Item

        return self.filter(**{f"{self.item_field}__in": Item.objects.visible_to(user).values("pk")})


class ReportVersionQuerySet(ItemRecordQuerySet):
    def public(self) -> Self:
        """The report itself, as made known to deputies, the body and the public: the final
        report or the inspection group's; the draft for comments stays with the office."""
        return self.filter(stage__in=("final", "inspection"))


class CommitmentQuerySet(ItemRecordQuerySet):
    scope_field = "question__item__plan__jurisdiction"
    item_field = "question__item"

    def visible_to(self, user: Any) -> Self:
        """A liaison sees the commitments their own unit made, on whichever item of their
        jurisdiction it answered (not only items on their unit); others those of the items
        they see."""
        if _role(user) == Role.LIAISON:
            scope = jurisdiction_scope(user, self.scope_field)
            if not user.unit_id or scope is None:
                return self.none()
            return self.filter(scope, unit_id=user.unit_id)
        return super().visible_to(user)

    @staticmethod
    def overdue_condition(today: dt.date) -> Q:
        """Not done after its due day (the due day itself is not late)."""
        return Q(done_on__isnull=True, due_on__lt=today)

    def open(self) -> Self:
        return self.filter(done_on__isnull=True)

    def overdue(self, today: dt.date) -> Self:
        return self.filter(self.overdue_condition(today))


class OpinionLetterQuerySet(ItemRecordQuerySet):
    @staticmethod
    def overdue_condition(today: dt.date) -> Q:
        """Not sent to the body after the working-day limit."""
        return Q(sent_on__isnull=True, due_on__lt=today)

    def unsent(self) -> Self:
        return self.filter(sent_on__isnull=True)

    def overdue(self, today: dt.date) -> Self:
        return self.filter(self.overdue_condition(today))


class HandlingReportQuerySet(ItemRecordQuerySet):
    @staticmethod
    def overdue_condition(today: dt.date) -> Q:
        """Not received after it was due."""
        return Q(received_on__isnull=True, due_on__lt=today)

    def awaiting(self) -> Self:
        return self.filter(received_on__isnull=True)

    def overdue(self, today: dt.date) -> Self:
        return self.filter(self.overdue_condition(today))


class SettingQuerySet(ScopedQuerySet):
    scope_field = "county"
