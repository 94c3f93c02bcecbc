"""Who may see which evaluation records.

County records (rounds, heads, appraisals, joint reviews) are scoped by their jurisdiction.
Records that belong to a handling unit are scoped by the unit's jurisdiction, and a unit's
liaison sees only the records of their own unit.
"""

from django.db.models import Q

from accounts.models import Role
from core.querysets import ScopedQuerySet


def _is_liaison(user) -> bool:
    return user.is_authenticated and not user.is_superuser and user.role == Role.LIAISON


class CountyRecordQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"


class EvaluationRoundQuerySet(CountyRecordQuerySet):
    def visible_to(self, user):
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(units=user.unit_id).distinct() if user.unit_id else qs.none()
        return qs


class UnitRecordQuerySet(ScopedQuerySet):
    """Records owned by a handling unit through `unit`."""

    scope_field = "unit__jurisdiction"

    def visible_to(self, user):
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs


class AuditProblemQuerySet(UnitRecordQuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def overdue(self, today):
        return self.filter(deadline__lt=today).exclude(status=self.model.Status.RECTIFIED)


class ProcuratorialSuggestionQuerySet(UnitRecordQuerySet):
    def overdue(self, today):
        return self.filter(replied_on__isnull=True, reply_due__lt=today)


class OpinionQuerySet(UnitRecordQuerySet):
    def overdue(self, today):
        return self.filter(reported_on__isnull=True, deadline__lt=today)


class RectificationItemQuerySet(ScopedQuerySet):
    scope_field = "problem__unit__jurisdiction"

    def visible_to(self, user):
        qs = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(problem__unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs


class UnitHeadQuerySet(UnitRecordQuerySet):
    def in_post_on(self, day):
        return self.filter(took_office__lte=day).filter(
            Q(left_office__isnull=True) | Q(left_office__gt=day)
        )
