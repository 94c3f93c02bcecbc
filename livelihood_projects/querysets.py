"""Who may see which livelihood records: the congress's jurisdiction subtree, and for a handling
unit's liaison only the projects their unit is responsible for.

The state sets of projects and proposals live here too, as one queryset method each (and, for
grouped counts, as the filters ELECTED and COMPLETED): pages, exports, home figures and reports
call these rather than spell the states out again.
"""

from typing import Any

from django.db.models import Q

from core.querysets import ScopedQuerySet

# The project rules as filters; the same rules as properties are `Project.is_elected` and
# `Project.is_completed` (tests/livelihood_projects/test_rule_agreement.py keeps them in step).
ELECTED = Q(status="elected")
COMPLETED = Q(progress__gte=100)
CANDIDATE = Q(status="candidate")


def _is_liaison(user: Any) -> bool:
    return bool(getattr(user, "is_liaison", False))


class CycleQuerySet(ScopedQuerySet):
    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> "CycleQuerySet":
        # Liaisons work on their unit's projects only, never on the whole cycle.
        if _is_liaison(user):
            return self.none()
        qs: CycleQuerySet = super().visible_to(user)
        return qs

    def accepting_proposals(self) -> "CycleQuerySet":
        return self.filter(accepts_public_proposals=True)


class CycleScopedQuerySet(ScopedQuerySet):
    """Rows that belong to a cycle: scoped through the cycle's jurisdiction."""

    scope_field = "cycle__jurisdiction"


class ProposalQuerySet(CycleScopedQuerySet):
    def visible_to(self, user: Any) -> "ProposalQuerySet":
        if _is_liaison(user):
            return self.none()
        qs: ProposalQuerySet = super().visible_to(user)
        return qs

    def published(self) -> "ProposalQuerySet":
        """Citizens' proposals staff have accepted for the public pages."""
        return self.filter(source="public", published_at__isnull=False)

    def awaiting_publication(self) -> "ProposalQuerySet":
        """Citizens' proposals no member of staff has accepted for the public pages yet."""
        return self.filter(source="public", published_at__isnull=True)


class ProjectQuerySet(CycleScopedQuerySet):
    def visible_to(self, user: Any) -> "ProjectQuerySet":
        qs: ProjectQuerySet = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(responsible_unit_id=user.unit_id) if user.unit_id else qs.none()
        return qs

    def candidates(self) -> "ProjectQuerySet":
        """Candidates still to be voted on (not those of a re-vote, which a round names)."""
        return self.filter(CANDIDATE)

    def elected(self) -> "ProjectQuerySet":
        return self.filter(ELECTED)

    def completed(self) -> "ProjectQuerySet":
        return self.filter(ELECTED & COMPLETED)

    def in_progress(self) -> "ProjectQuerySet":
        """Elected and not finished (`Project.is_in_progress`): those followed for lag."""
        return self.filter(ELECTED).exclude(COMPLETED)


class ProjectScopedQuerySet(ScopedQuerySet):
    """Rows that belong to one project (milestones, money, meetings, attachments)."""

    scope_field = "project__cycle__jurisdiction"

    def visible_to(self, user: Any) -> "ProjectScopedQuerySet":
        qs: ProjectScopedQuerySet = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(project__responsible_unit_id=user.unit_id)
        return qs


class MilestoneQuerySet(ProjectScopedQuerySet):
    def open(self) -> "MilestoneQuerySet":
        """Not finished yet (`Milestone.is_open`): what the reminders chase."""
        return self.filter(percent_complete__lt=100)


class InspectionQuerySet(CycleScopedQuerySet):
    def visible_to(self, user: Any) -> "InspectionQuerySet":
        if _is_liaison(user):
            return self.none()
        qs: InspectionQuerySet = super().visible_to(user)
        return qs


class AttachmentQuerySet(CycleScopedQuerySet):
    def visible_to(self, user: Any) -> "AttachmentQuerySet":
        qs: AttachmentQuerySet = super().visible_to(user)
        if _is_liaison(user):
            return qs.filter(project__responsible_unit_id=user.unit_id)
        return qs
