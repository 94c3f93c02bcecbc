"""Who may see which evaluation records.

County records (rounds, heads, appraisals, joint reviews) are scoped by their jurisdiction.
Records that belong to a handling unit are scoped by the unit's jurisdiction, and a unit's
liaison sees only the records of their own unit.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from accounts.models import Role
from core.models import Unit
from core.querysets import ScopedQuerySet
from core.querysets import UnitQuerySet as _UnitQuerySet


def _is_liaison(user: Any) -> bool:
    return bool(user.is_authenticated and not user.is_superuser and user.role == Role.LIAISON)


def units_visible_to(user: Any) -> _UnitQuerySet:
    """The units whose evaluation records (scorecard, opinions) the user sees: those of their
    jurisdiction, and for a unit's liaison their own unit only."""
    units = Unit.objects.visible_to(user)
    if _is_liaison(user):
        return units.filter(pk=user.unit_id) if user.unit_id else units.none()
    return units


class CountyRecordQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"


class EvaluationRoundQuerySet(CountyRecordQuerySet):
    def visible_to(self, user: Any) -> Any:
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(units=user.unit_id).distinct() if user.unit_id else qs.none()
        return qs


class UnitRecordQuerySet(ScopedQuerySet):
    """Records owned by a handling unit through `unit`."""

    scope_field = "unit__jurisdiction"

    def visible_to(self, user: Any) -> Any:
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs


class AuditProblemQuerySet(UnitRecordQuerySet):
    """The states of an audit problem, each defined once (the model's properties agree)."""

    @staticmethod
    def awaiting_rectification_condition() -> Q:
        """Neither reported fully rectified (整改到位) nor closed out (销号)."""
        return Q(closed_on__isnull=True) & ~Q(status="rectified")

    @staticmethod
    def overdue_condition(today: date) -> Q:
        """Still awaiting rectification after its deadline (the deadline day itself is not late).

        As a condition, for counts that aggregate it (`Count(..., filter=...)`)."""
        return AuditProblemQuerySet.awaiting_rectification_condition() & Q(deadline__lt=today)

    def open(self) -> "AuditProblemQuerySet":
        """Not closed out yet (未销号)."""
        return self.filter(closed_on__isnull=True)

    def awaiting_rectification(self) -> "AuditProblemQuerySet":
        return self.filter(self.awaiting_rectification_condition())

    def overdue(self, today: date) -> "AuditProblemQuerySet":
        return self.filter(self.overdue_condition(today))


class ProcuratorialSuggestionQuerySet(UnitRecordQuerySet):
    @staticmethod
    def overdue_condition(today: date) -> Q:
        """No written reply yet, after the reply is due (the due day itself is not late)."""
        return Q(replied_on__isnull=True, reply_due__lt=today)

    def awaiting_reply(self) -> "ProcuratorialSuggestionQuerySet":
        return self.filter(replied_on__isnull=True)

    def overdue(self, today: date) -> "ProcuratorialSuggestionQuerySet":
        return self.filter(self.overdue_condition(today))


class EvaluationOpinionQuerySet(UnitRecordQuerySet):
    @staticmethod
    def overdue_condition(today: date) -> Q:
        """No rectification report yet, after its deadline (the deadline day is not late)."""
        return Q(reported_on__isnull=True, deadline__lt=today)

    def awaiting_report(self) -> "EvaluationOpinionQuerySet":
        return self.filter(reported_on__isnull=True)

    def overdue(self, today: date) -> "EvaluationOpinionQuerySet":
        return self.filter(self.overdue_condition(today))


class RectificationItemQuerySet(ScopedQuerySet):
    scope_field = "problem__unit__jurisdiction"

    def visible_to(self, user: Any) -> Any:
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(problem__unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs


class UnitHeadQuerySet(UnitRecordQuerySet):
    def in_post_on(self, day: date) -> "UnitHeadQuerySet":
        return self.filter(took_office__lte=day).filter(
            Q(left_office__isnull=True) | Q(left_office__gt=day)
        )


# The office records a consequence of an appraisal within this many days of the appraisal date;
# a consequence still pending after that is overdue (the last day itself is not late).
CONSEQUENCE_DUE_DAYS = 30


def consequence_due(appraisal_date: date) -> date:
    """The last day to carry out a consequence of an appraisal held on `appraisal_date`."""
    return appraisal_date + timedelta(days=CONSEQUENCE_DUE_DAYS)


class ConsequenceActionQuerySet(ScopedQuerySet):
    """The consequences of appraisals followed through, scoped like their appraisal round."""

    scope_field = "entry__round__jurisdiction"

    @staticmethod
    def overdue_condition(today: date) -> Q:
        """Still pending after `consequence_due` of its appraisal's date.

        As a condition, for counts that aggregate it (`Count(..., filter=...)`); the model's
        `overdue_on` says the same for one action."""
        last_on_time = today - timedelta(days=CONSEQUENCE_DUE_DAYS)
        return Q(status="pending", entry__round__appraisal_date__lt=last_on_time)

    def pending(self) -> "ConsequenceActionQuerySet":
        return self.filter(status="pending")

    def overdue(self, today: date) -> "ConsequenceActionQuerySet":
        return self.filter(self.overdue_condition(today))
