"""The idle timeout slides without a session write on every request (core.middleware)."""

import datetime as dt

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _expiry(client) -> dt.datetime:
    return Session.objects.get(pk=client.session.session_key).expire_date


def test_a_page_within_a_minute_of_the_last_write_leaves_the_session_row_alone(client, staff_a):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(staff_a)
        assert client.get(reverse("home")).status_code == 200
        written = _expiry(client)
        traveller.shift(dt.timedelta(seconds=30))
        assert client.get(reverse("home")).status_code == 200
        assert _expiry(client) == written

        traveller.shift(dt.timedelta(seconds=31))
        assert client.get(reverse("home")).status_code == 200
        renewed = START + dt.timedelta(seconds=61 + settings.SESSION_COOKIE_AGE)
        assert _expiry(client) == renewed


def test_a_visitor_without_a_session_is_not_given_one(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("home")).status_code == 200
    assert not Session.objects.exists()
