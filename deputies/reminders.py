"""Deadlines of deputy suggestions and transferred public opinions, for the reminder task."""

import datetime as dt

from notifications.recipients import staff_by_jurisdiction, unit_dues
from notifications.registry import Due, due_source

from .models import Activity, Opinion, Suggestion
from .rules import ANNOUNCE_DAYS_AHEAD


@due_source("deputies.suggestion")
def suggestions_awaiting_reply(today: dt.date):
    items = (
        Suggestion.objects.awaiting_reply()
        .filter(
            due_on__isnull=False,
            lead_unit__isnull=False,
        )
        .only("pk", "number", "title", "kind", "due_on", "lead_unit_id", "county_id")
    )
    return unit_dues(
        "deputies.suggestion",
        items,
        deadline=lambda s: s.due_on,
        title=lambda s: f"{s.get_kind_display()} {s.number}《{s.title}》答复",
        unit_id=lambda s: s.lead_unit_id,
        county_id=lambda s: s.county_id,
    )


def _summary(text: str) -> str:
    return text[:20] + ("…" if len(text) > 20 else "")


@due_source("deputies.opinion")
def opinions_transferred_to_units(today: dt.date):
    items = (
        Opinion.objects.open_for_answer()
        .filter(
            due_on__isnull=False,
            unit__isnull=False,
        )
        .only("pk", "content", "due_on", "unit_id", "county_id")
    )
    return unit_dues(
        "deputies.opinion",
        items,
        deadline=lambda o: o.due_on,
        title=lambda o: f"群众意见「{_summary(o.content)}」办理",
        unit_id=lambda o: o.unit_id,
        county_id=lambda o: o.county_id,
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
