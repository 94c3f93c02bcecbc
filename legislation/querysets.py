"""Who sees which records of the legislative contact points, and the states they are counted by.

A county's office keeps its points and runs their consultations; the county's deputies follow the
consultations and send suggestions; the municipal office sees every county's. A handling unit's
liaison has nothing to do here. The public sees only what the public pages select: consultations
already opened, and never a phone number or a suggestion not yet read by staff.
"""

import datetime as dt
from typing import Any, Self

from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from accounts.models import Role
from core.querysets import ScopedQuerySet

# Counted as adopted: in whole or in part (`rules.COUNTED_ADOPTED`, which a test holds this to).
ADOPTED = ("adopted", "partly")


def _is_liaison(user: Any) -> bool:
    return bool(user.is_authenticated and not user.is_superuser and user.role == Role.LIAISON)


class CountyScopedQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        if _is_liaison(user):
            return self.none()
        return super().visible_to(user)


class ContactPointQuerySet(CountyScopedQuerySet):
    scope_field = "county"


class PointRecordQuerySet(CountyScopedQuerySet):
    """Collection points, liaisons and consultations: they belong to a contact point."""

    scope_field = "point__county"


class ConsultationQuerySet(PointRecordQuerySet):
    @staticmethod
    def open_condition(today: dt.date) -> Q:
        """Taking suggestions: from the opening day to the closing day, both included
        (`rules.is_open`, which the model's `is_open_on` asks)."""
        return Q(opens_on__lte=today, closes_on__gte=today)

    def open(self, today: dt.date) -> Self:
        return self.filter(self.open_condition(today))

    def with_open_flag(self, today: dt.date) -> Self:
        return self.annotate(
            is_open=ExpressionWrapper(self.open_condition(today), output_field=BooleanField())
        )

    def closed(self, today: dt.date) -> Self:
        return self.filter(closes_on__lt=today)

    def public(self, today: dt.date) -> Self:
        """What the public pages show: every consultation once it has opened."""
        return self.filter(opens_on__lte=today)

    def with_figures(self) -> Self:
        """Each consultation's suggestions as the statistics count them (SuggestionQuerySet)."""
        return self.annotate(
            n_suggestions=Count("suggestions", filter=Q(suggestions__moderation="accepted")),
            n_sent=Count("suggestions", filter=Q(suggestions__sent_on__isnull=False)),
            n_adopted=Count(
                "suggestions",
                filter=Q(suggestions__sent_on__isnull=False)
                & Q(suggestions__disposition__in=ADOPTED),
            ),
        )


class ConsultationRecordQuerySet(CountyScopedQuerySet):
    """Articles, channels and suggestions: they belong to a consultation."""

    scope_field = "consultation__point__county"


class SuggestionQuerySet(ConsultationRecordQuerySet):
    def awaiting_moderation(self) -> Self:
        return self.filter(moderation="pending")

    def kept(self) -> Self:
        """Accepted and not merged into another: what goes to the upper body."""
        return self.filter(moderation="accepted", merged_into__isnull=True)

    def ready_to_send(self) -> Self:
        """Kept, rewritten into legal language, and not sent yet."""
        return self.kept().filter(sent_on__isnull=True).exclude(suggested_text="")

    def sent(self) -> Self:
        return self.filter(sent_on__isnull=False)

    def awaiting_answer(self) -> Self:
        return self.sent().filter(disposition="")

    def adopted(self) -> Self:
        return self.sent().filter(disposition__in=ADOPTED)
