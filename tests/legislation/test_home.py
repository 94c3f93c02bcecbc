"""The home panel and the open-window rule as the lists ask it, agreeing with the model's."""

import datetime as dt

import pytest
from django.utils import timezone

from legislation import selectors
from legislation.models import Consultation

from .factories import ConsultationFactory, ContactPointFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def test_home_figures_count_the_users_county_only(world, staff_a, outsider, liaison_a):
    point = ContactPointFactory(county=world.county_a)
    consultation = ConsultationFactory(point=point)
    SuggestionFactory(consultation=consultation, moderation="pending", source="public")
    SuggestionFactory(consultation=consultation, sent_on=timezone.localdate())
    assert selectors.home_figures(user=staff_a) == {"open": 1, "pending": 1, "awaiting": 1}
    assert selectors.home_figures(user=outsider) == {"open": 0, "pending": 0, "awaiting": 0}
    assert selectors.home_figures(user=liaison_a) == {}


def test_the_lists_open_flag_agrees_with_the_model_at_the_edges(world):
    today = timezone.localdate()
    point = ContactPointFactory(county=world.county_a)
    day = dt.timedelta(days=1)
    for opens, closes in [
        (today, today),
        (today + day, today + 9 * day),
        (today - 9 * day, today - day),
    ]:
        ConsultationFactory(point=point, opens_on=opens, closes_on=closes)
    for consultation in Consultation.objects.with_open_flag(today):
        assert consultation.is_open == consultation.is_open_on(today)
    assert Consultation.objects.open(today).count() == 1
