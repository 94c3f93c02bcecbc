"""Rows of the expert pool that the page walk opens, by name in `Records.extra`: the demo's
沅陵 experts and their work, which yl_staff and yl_deputy may open."""

from core.models import Jurisdiction, Unit
from experts.models import Engagement, Expert


def records(county: Jurisdiction, unit: Unit) -> dict:
    return {
        "expert": Expert.objects.filter(county=county).order_by("pk").first(),
        "engagement": Engagement.objects.filter(county=county).order_by("pk").first(),
    }
