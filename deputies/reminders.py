"""Deadlines of deputy suggestions and transferred public opinions, for the reminder task."""

import datetime as dt

from notifications.recipients import liaisons_by_unit, staff_by_jurisdiction
from notifications.registry import Due, due_source

from .models import Activity, Opinion, Suggestion
from .rules import ANNOUNCE_DAYS_AHEAD


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


@due_source("deputies.activity_announcement")
def activities_not_yet_announced(today: dt.date):
    """Staff are reminded to announce an activity before the five-day notice runs out."""
    from django.utils import timezone

    drafts = list(
        Activity.objects.filter(status=Activity.Status.DRAFT, starts_at__date__gte=today).only(
            "pk", "title", "starts_at", "county_id"
        )
    )
    staff = staff_by_jurisdiction(a.county_id for a in drafts)
    for activity in drafts:
        start = timezone.localtime(activity.starts_at).date()
        yield Due(
            source="deputies.activity_announcement",
            object_id=activity.pk,
            deadline=start - dt.timedelta(days=ANNOUNCE_DAYS_AHEAD),
            title=f"活动「{activity.title}」需提前{ANNOUNCE_DAYS_AHEAD}天发布预告",
            url=activity.get_absolute_url(),
            jurisdiction_id=activity.county_id,
            recipients=staff.get(activity.county_id, ()),
        )
