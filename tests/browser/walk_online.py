"""Rows of deputies online (public station pages, opinions from the public) that the page walk opens, by name in `Records.extra`."""

import datetime as dt

from django.utils import timezone

from core.models import Jurisdiction, Unit
from deputies.models import (
    Campaign,
    ContactVisit,
    Deputy,
    Opinion,
    Station,
    StationMembership,
    StationPost,
)


def records(county: Jurisdiction, unit: Unit) -> dict:
    station, _ = Station.objects.update_or_create(
        county=county,
        name="沅陵县官庄镇网上代表联络站",
        defaults={
            "kind": Station.Kind.TOWNSHIP,
            "is_public": True,
            "address": "官庄镇便民服务中心二楼",
            "reception_hours": "每月5日、20日 9:00—12:00",
        },
    )
    deputy, _ = Deputy.objects.get_or_create(
        county=county,
        name="向秀梅",
        defaults={"level": Deputy.Level.COUNTY, "gender": Deputy.Gender.FEMALE},
    )
    StationMembership.objects.get_or_create(station=station, deputy=deputy)
    StationPost.objects.get_or_create(
        station=station,
        title="本月代表接待安排",
        defaults={"is_public": True, "published_on": timezone.localdate()},
    )
    campaign, _ = Campaign.objects.get_or_create(
        county=county,
        name="法治护绿",
        defaults={"starts_on": dt.date(2024, 3, 1), "ends_on": dt.date(2024, 11, 30)},
    )
    Opinion.objects.get_or_create(
        receipt="WALK234567",
        defaults={
            "county": county,
            "station": station,
            "source": Opinion.Source.ONLINE,
            "content": "村口小桥护栏松动，希望加固。",
            "category": Opinion.Category.ROADS,
            "raised_on": timezone.localdate(),
            "status": Opinion.Status.PENDING,
            "campaign": campaign,
        },
    )
    contact_visit, _ = ContactVisit.objects.get_or_create(
        county=county,
        visitor="向秀梅",
        visited="官庄村村民",
        defaults={"kind": ContactVisit.Kind.DEPUTY_TO_PUBLIC, "visited_on": dt.date(2024, 6, 3)},
    )
    Opinion.objects.get_or_create(
        contact_visit=contact_visit,
        defaults={
            "county": county,
            "source": Opinion.Source.CONTACT_VISIT,
            "content": "村组公路会车困难，希望加宽错车道。",
            "category": Opinion.Category.ROADS,
            "raised_on": dt.date(2024, 6, 3),
        },
    )
    return {
        "online_station": station,
        "online_deputy": deputy,
        "campaign": campaign,
        "contact_visit": contact_visit,
    }
