"""Deadlines of the evaluation checklists, for the reminder task: procuratorial suggestions
awaiting a written reply, audit problems awaiting rectification, evaluation opinions awaiting the
unit's rectification report. The unit's liaisons are reminded; county staff hear once overdue."""

import datetime as dt

from notifications.recipients import unit_dues
from notifications.registry import due_source

from .models import AuditProblem, Opinion, ProcuratorialSuggestion


@due_source("evaluations.procuratorial")
def procuratorial_suggestions_awaiting_reply(today: dt.date):
    items = ProcuratorialSuggestion.objects.awaiting_reply().select_related(
        "unit__jurisdiction__parent"
    )
    return unit_dues(
        "evaluations.procuratorial",
        items,
        deadline=lambda s: s.reply_due,
        title=lambda s: f"检察建议 {s.number} 书面回复",
        unit_id=lambda s: s.unit_id,
        county_id=lambda s: (s.unit.jurisdiction.county or s.unit.jurisdiction).pk,
    )


@due_source("evaluations.audit")
def audit_problems_awaiting_rectification(today: dt.date):
    items = AuditProblem.objects.awaiting_rectification()
    return unit_dues(
        "evaluations.audit",
        items,
        deadline=lambda p: p.deadline,
        title=lambda p: f"审计问题 {p.year}-{p.number}（{p.area}）整改",
        unit_id=lambda p: p.unit_id,
        county_id=lambda p: p.jurisdiction_id,
    )


@due_source("evaluations.opinion")
def evaluation_opinions_awaiting_report(today: dt.date):
    items = Opinion.objects.awaiting_report().select_related("round")
    return unit_dues(
        "evaluations.opinion",
        items,
        deadline=lambda o: o.deadline,
        title=lambda o: f"评议意见整改情况报告（{o.round.title}）",
        unit_id=lambda o: o.unit_id,
        county_id=lambda o: o.round.jurisdiction_id,
    )
