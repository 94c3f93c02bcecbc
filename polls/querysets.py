"""Who may see which poll.

Those who may manage polls (`polls.manage_polls`: staff and admins) see the polls of their
jurisdiction subtree. Deputies and other voters see only polls they are on the electorate of, and
never drafts. Liaisons see none.
"""

from typing import Any

from django.db.models import Count, Exists, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.access import has_named_permission
from core.querysets import ScopedQuerySet


class PollQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> "PollQuerySet":
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if has_named_permission(user, "polls.manage_polls"):
            return self.managed_by(user)
        return self.votable_by(user)

    def managed_by(self, user: Any) -> "PollQuerySet":
        """Polls the user may manage: staff and admins, within their jurisdiction."""
        if not has_named_permission(user, "polls.manage_polls"):
            return self.none()
        return super().visible_to(user)

    def votable_by(self, user: Any) -> "PollQuerySet":
        """Polls the user is an elector of, past the draft stage."""
        from .models import Elector, Poll

        if not user.is_authenticated or not user.is_active:
            return self.none()
        electors = Elector.objects.filter(poll=OuterRef("pk"), voter=user)
        return self.exclude(status=Poll.Status.DRAFT).filter(Exists(electors))

    def open(self) -> "PollQuerySet":
        from .models import Poll

        return self.filter(status=Poll.Status.OPEN)

    def with_voted_by(self, user: Any) -> "PollQuerySet":
        from .models import Participation

        return self.annotate(
            voted=Exists(Participation.objects.filter(poll=OuterRef("pk"), voter=user))
        )

    def with_counts(self) -> "PollQuerySet":
        """Subjects, electors and voters per poll, as subqueries (joins would multiply)."""
        from .models import Elector, Participation, Subject

        return self.annotate(
            subject_count=_count(Subject),
            elector_count=_count(Elector),
            voted_count=_count(Participation),
        )


def _count(model: type[Model]) -> Coalesce:
    rows = (
        model._default_manager.filter(poll=OuterRef("pk"))
        .order_by()
        .values("poll")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)
