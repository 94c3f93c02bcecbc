"""A county's reminder settings and a user's notification preferences."""

import factory

from notifications.models import Preference, ReminderPolicy
from tests.accounts.factories import UserFactory
from tests.core.factories import JurisdictionFactory


class ReminderPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderPolicy

    jurisdiction = factory.SubFactory(JurisdictionFactory)


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    user = factory.SubFactory(UserFactory)
