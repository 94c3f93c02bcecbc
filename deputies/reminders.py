"""Deadlines of deputy suggestions and transferred public opinions, for the reminder task."""

import datetime as dt

from notifications.recipients import liaisons_by_unit, staff_by_jurisdiction
from notifications.registry import Due, due_source

from .models import Opinion, Suggestion


@due_source("deputies.suggestion")
def suggestions_awaiting_reply(today: dt.date):
    open_items = list(
        Suggestion.objects.filter(
            status__in=[Suggestion.Status.ASSIGNED, Suggestion.Status.REOPENED],
            due_on__isnull=False,
            lead_unit__isnull=False,
        ).only("pk", "number", "title", "kind", "due_on", "lead_unit_id", "county_id")
    )
    liaisons = liaisons_by_unit(s.lead_unit_id for s in open_items)
    staff = staff_by_jurisdiction(s.county_id for s in open_items)
    for suggestion in open_items:
        yield Due(
            source="deputies.suggestion",
            object_id=suggestion.pk,
            deadline=suggestion.due_on,
            title=f"{suggestion.get_kind_display()} {suggestion.number}《{suggestion.title}》答复",
            url=suggestion.get_absolute_url(),
            jurisdiction_id=suggestion.county_id,
            recipients=liaisons.get(suggestion.lead_unit_id, ()),
            escalate_to=staff.get(suggestion.county_id, ()),
        )


@due_source("deputies.opinion")
def opinions_transferred_to_units(today: dt.date):
    open_items = list(
        Opinion.objects.filter(
            status__in=[Opinion.Status.TRANSFERRED, Opinion.Status.IN_PROGRESS],
            due_on__isnull=False,
            unit__isnull=False,
        ).only("pk", "content", "due_on", "unit_id", "county_id")
    )
    liaisons = liaisons_by_unit(o.unit_id for o in open_items)
    staff = staff_by_jurisdiction(o.county_id for o in open_items)
    for opinion in open_items:
        summary = opinion.content[:20] + ("…" if len(opinion.content) > 20 else "")
        yield Due(
            source="deputies.opinion",
            object_id=opinion.pk,
            deadline=opinion.due_on,
            title=f"群众意见「{summary}」办理",
            url=opinion.get_absolute_url(),
            jurisdiction_id=opinion.county_id,
            recipients=liaisons.get(opinion.unit_id, ()),
            escalate_to=staff.get(opinion.county_id, ()),
        )
