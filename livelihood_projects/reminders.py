"""Milestones of voted livelihood projects, for the reminder task: the responsible unit's
liaisons are reminded before a milestone is due; county staff hear once it is overdue."""

import datetime as dt

from notifications.recipients import liaisons_by_unit, staff_by_jurisdiction
from notifications.registry import Due, due_source

from .models import Milestone


@due_source("livelihood.milestone")
def milestones_not_completed(today: dt.date):
    milestones = list(
        Milestone.objects.filter(
            completed_on__isnull=True, project__responsible_unit__isnull=False
        ).select_related("project__cycle__jurisdiction__parent")
    )
    liaisons = liaisons_by_unit(m.project.responsible_unit_id for m in milestones)

    def county_id(milestone) -> int:
        jurisdiction = milestone.project.cycle.jurisdiction
        return (jurisdiction.county or jurisdiction).pk

    staff = staff_by_jurisdiction(county_id(m) for m in milestones)
    for milestone in milestones:
        yield Due(
            source="livelihood.milestone",
            object_id=milestone.pk,
            deadline=milestone.due_on,
            title=f"民生实事「{milestone.project.title}」节点：{milestone.title}",
            url=milestone.project.get_absolute_url(),
            jurisdiction_id=county_id(milestone),
            recipients=liaisons.get(milestone.project.responsible_unit_id, ()),
            escalate_to=staff.get(county_id(milestone), ()),
        )
