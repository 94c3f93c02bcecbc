"""Deadlines of the evaluation checklists, for the reminder task: procuratorial suggestions
awaiting a written reply, audit problems awaiting rectification, evaluation opinions awaiting the
unit's rectification report. The unit's liaisons are reminded; county staff hear once overdue.
Consequences of an appraisal still to carry out are the office's own: its staff are reminded."""

import datetime as dt

from notifications.recipients import staff_by_jurisdiction, unit_dues
from notifications.registry import Due, due_source

from .models import AuditProblem, ConsequenceAction, Opinion, ProcuratorialSuggestion


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


@due_source("evaluations.consequence")
def consequences_awaiting_action(today: dt.date):
    """A consequence still pending falls due `CONSEQUENCE_DUE_DAYS` after its appraisal."""
    actions = list(
        ConsequenceAction.objects.pending().select_related("entry__round", "entry__head")
    )
    staff = staff_by_jurisdiction(a.entry.round.jurisdiction_id for a in actions)
    for action in actions:
        county_id = action.entry.round.jurisdiction_id
        yield Due(
            source="evaluations.consequence",
            object_id=action.pk,
            deadline=action.due_on,
            title=f"履职评议结果运用：{action.entry.head.name} {action.get_kind_display()}",
            url=action.get_absolute_url(),
            jurisdiction_id=county_id,
            recipients=staff.get(county_id, ()),
        )
