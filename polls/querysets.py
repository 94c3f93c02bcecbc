"""Who may see which poll.

Staff and admins see the polls of their jurisdiction subtree (to manage them). Deputies and
other voters see only polls they are on the electorate of, and never drafts. Liaisons see none.
"""

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.querysets import ScopedQuerySet


class PollQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.is_portal_admin or user.is_committee_staff:
            return self.managed_by(user)
        return self.votable_by(user)

    def managed_by(self, user):
        """Polls the user may manage: staff and admins, within their jurisdiction."""
        if not (user.is_superuser or user.is_portal_admin or user.is_committee_staff):
            return self.none()
        return super().visible_to(user)

    def votable_by(self, user):
        """Polls the user is an elector of, past the draft stage."""
        from .models import Elector

        if not user.is_authenticated or not user.is_active:
            return self.none()
        electors = Elector.objects.filter(poll=OuterRef("pk"), voter=user)
        return self.exclude(status=self.model.Status.DRAFT).filter(Exists(electors))

    def with_voted_by(self, user):
        from .models import Participation

        return self.annotate(
            voted=Exists(Participation.objects.filter(poll=OuterRef("pk"), voter=user))
        )

    def with_counts(self):
        """Subjects, electors and voters per poll, as subqueries (joins would multiply)."""
        from .models import Elector, Participation, Subject

        return self.annotate(
            subject_count=_count(Subject),
            elector_count=_count(Elector),
            voted_count=_count(Participation),
        )


def _count(model):
    rows = (
        model.objects.filter(poll=OuterRef("pk"))
        .order_by()
        .values("poll")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)
