"""Milestones of voted livelihood projects, for the reminder task: the responsible unit's
liaisons are reminded before a milestone is due; county staff hear once it is overdue."""

import datetime as dt

from notifications.recipients import unit_dues
from notifications.registry import due_source

from .models import Milestone


def _county_id(milestone) -> int:
    jurisdiction = milestone.project.cycle.jurisdiction
    return (jurisdiction.county or jurisdiction).pk


@due_source("livelihood.milestone")
def milestones_not_completed(today: dt.date):
    milestones = (
        Milestone.objects.open()
        .filter(project__responsible_unit__isnull=False)
        .select_related("project__cycle__jurisdiction__parent")
    )
    return unit_dues(
        "livelihood.milestone",
        milestones,
        deadline=lambda m: m.due_on,
        title=lambda m: f"民生实事「{m.project.title}」节点：{m.title}",
        unit_id=lambda m: m.project.responsible_unit_id,
        county_id=_county_id,
        url=lambda m: m.project.get_absolute_url(),
    )
