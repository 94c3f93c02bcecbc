"""Rows of legislative contact points that the page walk opens, by name in `Records.extra`: the
demo's point of 沅陵 with its consultation open today and a suggestion already sent, whose page
carries the form for the upper body's answer."""

from django.utils import timezone

from core.models import Jurisdiction, Unit
from legislation.models import Consultation, ContactPoint, Suggestion


def records(county: Jurisdiction, unit: Unit) -> dict:
    suggestions = Suggestion.objects.filter(consultation__point__county=county).order_by("pk")
    return {
        "legislation_point": ContactPoint.objects.filter(county=county).order_by("pk").first(),
        "legislation_consultation": Consultation.objects.filter(point__county=county)
        .open(timezone.localdate())
        .order_by("pk")
        .first(),
        "legislation_sent": suggestions.sent().first(),
    }
