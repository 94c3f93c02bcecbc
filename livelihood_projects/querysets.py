"""Who may see which livelihood records: the congress's jurisdiction subtree, and for a handling
unit's liaison only the projects their unit is responsible for."""

from core.querysets import ScopedQuerySet


class CycleQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user):
        # Liaisons work on their unit's projects only, never on the whole cycle.
        if getattr(user, "is_liaison", False):
            return self.none()
        return super().visible_to(user)

    def accepting_proposals(self):
        return self.filter(accepts_public_proposals=True)


class CycleScopedQuerySet(ScopedQuerySet):
    """Rows that belong to a cycle: scoped through the cycle's jurisdiction."""

    scope_field = "cycle__jurisdiction"


class ProposalQuerySet(CycleScopedQuerySet):
    def visible_to(self, user):
        if getattr(user, "is_liaison", False):
            return self.none()
        return super().visible_to(user)

    def published(self):
        """Citizens' proposals staff have accepted for the public pages."""
        return self.filter(source="public", published_at__isnull=False)

    def awaiting_publication(self):
        """Citizens' proposals no member of staff has accepted for the public pages yet."""
        return self.filter(source="public", published_at__isnull=True)


class ProjectQuerySet(CycleScopedQuerySet):
    def visible_to(self, user):
        qs = super().visible_to(user)
        if getattr(user, "is_liaison", False):
            return qs.filter(responsible_unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs

    def elected(self):
        return self.filter(status=self.model.Status.ELECTED)


class ProjectScopedQuerySet(ScopedQuerySet):
    """Rows that belong to one project (milestones, money, meetings, attachments)."""

    scope_field = "project__cycle__jurisdiction"

    def visible_to(self, user):
        qs = super().visible_to(user)
        if getattr(user, "is_liaison", False):
            return qs.filter(project__responsible_unit_id=user.unit_id)
        return qs


class InspectionQuerySet(CycleScopedQuerySet):
    def visible_to(self, user):
        if getattr(user, "is_liaison", False):
            return self.none()
        return super().visible_to(user)


class AttachmentQuerySet(CycleScopedQuerySet):
    def visible_to(self, user):
        qs = super().visible_to(user)
        if getattr(user, "is_liaison", False):
            return qs.filter(project__responsible_unit_id=user.unit_id)
        return qs
