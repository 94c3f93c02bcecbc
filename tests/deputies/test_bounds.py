"""Visits, activities and their counts stay within sane bounds, in the form and the database."""

from datetime import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from deputies.forms import ActivityForm, VisitForm
from deputies.models import Activity, Deputy, Station, Visit
from tests.deputies.factories import ActivityFactory, StationFactory, VisitFactory


def test_a_visit_in_1900_with_a_hundred_million_people_is_refused(world):
    station = StationFactory(county=world.county_a)
    form = VisitForm(
        {
            "station": station.pk,
            "visited_on": "1900-01-01",
            "kind": Visit.Kind.RECEPTION,
            "people_received": 99_999_999,
        },
        stations=Station.objects.all(),
    )
    assert not form.is_valid()
    assert form.errors["visited_on"] == ["日期应在 2000 年至 2100 年之间。"]
    assert form.errors["people_received"] == ["接待人数不能超过 10000。"]


def _activity_errors(world, starts_at):
    station = StationFactory(county=world.county_a)
    form = ActivityForm(
        {
            "station": station.pk,
            "kind": Activity.Kind.THREE_OFFICIALS,
            "title": "三官一律进站",
            "starts_at": starts_at,
        },
        stations=Station.objects.all(),
        deputies=Deputy.objects.all(),
    )
    form.is_valid()
    return form.errors.get("starts_at")


def test_an_activity_in_2999_is_not_announced(world):
    assert _activity_errors(world, "2999-05-01T09:00") == ["活动时间不能晚于一年以后。"]
    later = (timezone.localtime() + timezone.timedelta(days=400)).strftime("%Y-%m-%dT%H:%M")
    assert _activity_errors(world, later) == ["活动时间不能晚于一年以后。"]
    soon = (timezone.localtime() + timezone.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    assert _activity_errors(world, soon) is None


def test_the_database_refuses_what_skips_the_form(world):
    visit = VisitFactory(station=StationFactory(county=world.county_a))
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.filter(pk=visit.pk).update(people_received=99_999_999)
    activity = ActivityFactory(station=visit.station)
    far = timezone.make_aware(datetime(2999, 5, 1, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(starts_at=far)
