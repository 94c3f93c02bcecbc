from accounts.models import User
from core.models import Jurisdiction, Unit


def test_county_staff_see_their_county_and_its_townships(world, staff_a):
    visible = set(Jurisdiction.objects.visible_to(staff_a))
    assert visible == {world.county_a, world.township_a}


def test_municipal_admin_sees_every_county(world, admin_user):
    visible = set(Jurisdiction.objects.visible_to(admin_user))
    assert {
        world.city,
        world.county_a,
        world.county_b,
        world.township_a,
        world.township_b,
    } == visible


def test_units_are_scoped_by_jurisdiction_subtree(world, staff_a, outsider):
    assert set(Unit.objects.visible_to(staff_a)) == {world.unit_a, world.township_unit_a}
    assert set(Unit.objects.visible_to(outsider)) == {world.unit_b}


def test_township_user_sees_only_the_township(world):
    from tests.accounts.factories import UserFactory

    township_staff = UserFactory(jurisdiction=world.township_a)
    assert set(Unit.objects.visible_to(township_staff)) == {world.township_unit_a}


def test_users_without_jurisdiction_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    from tests.accounts.factories import UserFactory

    orphan = UserFactory(jurisdiction=None)
    assert not Unit.objects.visible_to(orphan).exists()
    assert not Jurisdiction.objects.visible_to(AnonymousUser()).exists()


def test_inactive_user_sees_nothing(world, staff_a):
    staff_a.is_active = False
    assert not Unit.objects.visible_to(staff_a).exists()


def test_user_list_is_scoped(world, staff_a, deputy_a, outsider):
    assert set(User.objects.visible_to(staff_a)) == {staff_a, deputy_a}
