"""Deadlines of budget supervision for the reminder task: problems awaiting the unit's reply.
The unit's liaisons are reminded; the county's staff hear once overdue."""

import datetime as dt

from notifications.recipients import unit_dues
from notifications.registry import due_source

from .models import Problem


@due_source("budget.problem")
def problems_awaiting_reply(today: dt.date):
    items = Problem.objects.awaiting_reply().select_related("jurisdiction")
    return unit_dues(
        "budget.problem",
        items,
        deadline=lambda p: p.due_on,
        title=lambda p: f"预算监督问题整改：{p.title}",
        unit_id=lambda p: p.unit_id,
        county_id=lambda p: (p.jurisdiction.county or p.jurisdiction).pk,
    )
