from django.urls import reverse

from accounts.models import Role
from tests.accounts.factories import UserFactory


def test_county_admin_sees_only_own_county_in_the_django_admin(client_for, world):
    county_admin = UserFactory(role=Role.ADMIN, jurisdiction=world.county_a)
    client = client_for(county_admin)
    body = client.get(reverse("admin:core_unit_changelist")).content.decode()
    assert "沅陵县财政局" in body and "辰溪县财政局" not in body
    assert client.get(reverse("admin:core_unit_change", args=[world.unit_b.pk])).status_code == 404
    page = client.get(reverse("admin:core_unit_change", args=[world.unit_a.pk]))
    assert page.status_code == 200
    # Foreign-key choices are scoped too.
    choices = page.context["adminform"].form.fields["jurisdiction"].queryset
    assert world.county_b not in choices and world.county_a in choices


def test_admin_is_in_chinese(client_for, admin_user):
    body = client_for(admin_user).get(reverse("admin:index")).content.decode()
    assert "后台管理" in body
