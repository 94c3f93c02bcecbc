"""Portal accounts, one factory per role. Every account logs in with `PASSWORD`."""

import factory

from accounts.models import Role, User
from core.models import Jurisdiction
from tests.core.factories import JurisdictionFactory, UnitFactory

PASSWORD = "pass-word-123"


class UserFactory(factory.django.DjangoModelFactory):
    """An account of the role given (staff by default) and no jurisdiction unless given."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        # Store the hashed password: factory_boy no longer saves after post-generation hooks.
        if create:
            obj.save()


class AdminUserFactory(UserFactory):
    """A portal admin of a municipality: sees every county below it."""

    username = factory.Sequence(lambda n: f"admin{n:04d}")
    role = Role.ADMIN
    jurisdiction = factory.SubFactory(JurisdictionFactory, level=Jurisdiction.Level.MUNICIPAL)


class StaffUserFactory(UserFactory):
    """Standing-committee staff of a county."""

    username = factory.Sequence(lambda n: f"staff{n:04d}")
    role = Role.STAFF
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class DeputyUserFactory(UserFactory):
    """A deputy's login (the deputy's record is `tests.deputies.factories.DeputyFactory`)."""

    username = factory.Sequence(lambda n: f"deputy{n:04d}")
    role = Role.DEPUTY
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class LiaisonUserFactory(UserFactory):
    """A handling unit's liaison, in the unit's jurisdiction."""

    username = factory.Sequence(lambda n: f"liaison{n:04d}")
    role = Role.LIAISON
    unit = factory.SubFactory(UnitFactory)
    jurisdiction = factory.SelfAttribute("unit.jurisdiction")
