"""How a user is told besides the inbox is set through the service, never by the page itself."""

from django.urls import reverse

from notifications import selectors, services
from notifications.models import Preference


def test_a_user_without_preferences_gets_the_defaults_unsaved(staff_a):
    preference = selectors.preference_of(user=staff_a)
    assert preference.pk is None and preference.user == staff_a
    assert not Preference.objects.exists()


def test_setting_preferences_twice_keeps_one_row(staff_a):
    services.preference_set(user=staff_a, email=False, sms=True, daily_digest=False)
    services.preference_set(user=staff_a, email=False, sms=False, daily_digest=True)
    (preference,) = Preference.objects.filter(user=staff_a)
    assert not preference.sms and preference.daily_digest


def test_opening_the_page_writes_nothing(client_for, staff_a):
    assert client_for(staff_a).get(reverse("notifications:preferences")).status_code == 200
    assert not Preference.objects.filter(user=staff_a).exists()


def test_the_page_saves_through_the_service(client_for, staff_a, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "preference_set", lambda **kwargs: calls.append(kwargs))
    response = client_for(staff_a).post(
        reverse("notifications:preferences"), {"daily_digest": "on"}
    )
    assert response.status_code == 302
    assert calls == [{"user": staff_a, "email": False, "sms": False, "daily_digest": True}]
