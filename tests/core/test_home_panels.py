"""The home page and the menu are assembled from what the apps register; each user gets the panels
and entries their named permissions allow, in order, and the base app decides nothing by role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import registry
from core.access import has_named_permission
from core.context_processors import _menu
from tests.accounts.factories import AdminUserFactory, StaffUserFactory


def panels(client_for, user) -> list[str]:
    return [panel.name for panel, _ in client_for(user).get(reverse("home")).context["panels"]]


def test_each_user_gets_the_panels_their_permissions_allow(
    client_for, admin_user, staff_a, deputy_a, liaison_a
):
    assert {"welcome", "core", "accounts"} <= set(panels(client_for, admin_user))
    staff = panels(client_for, staff_a)
    assert {"welcome", "core", "reports"} <= set(staff) and "accounts" not in staff
    for user in (deputy_a, liaison_a):
        assert not {"core", "accounts", "reports"} & set(panels(client_for, user))


def test_panels_come_in_their_registered_order(client_for, admin_user):
    shown = client_for(admin_user).get(reverse("home")).context["panels"]
    orders = [panel.order for panel, _ in shown]
    assert orders == sorted(orders) and shown[0][0].name == "welcome"


def test_admins_see_users_by_role_and_the_counties(client_for, admin_user, world):
    response = client_for(admin_user).get(reverse("home"))
    body = response.content.decode()
    assert "用户（按角色）" in body and "县级行政区划" in body
    assert dict(response.context["summary"]["accounts"]["users_by_role"])["管理员"] == 1
    body = client_for(StaffUserFactory(jurisdiction=world.county_a)).get(reverse("home"))
    assert "县级行政区划" not in body.content.decode()  # staff work in one county


def test_a_superuser_gets_an_admins_menu_and_home_not_every_roles(client_for, admin_user, world):
    superuser = AdminUserFactory(jurisdiction=world.city, is_superuser=True)
    assert _menu(superuser) == _menu(admin_user)
    assert panels(client_for, superuser) == panels(client_for, admin_user)


def test_an_entry_is_shown_only_with_its_permission(monkeypatch, staff_a, deputy_a):
    entry = registry.MenuEntry("仅供管理员", "home", "accounts.manage_users", section="data")
    monkeypatch.setattr(registry, "menu_entries", [*registry.menu_entries, entry])
    labels = [child.label for item in _menu(staff_a) for child in item.children]
    assert "仅供管理员" not in labels
    # A section none of whose entries the user may use is not shown at all.
    assert "报表与数据" not in [item.label for item in _menu(deputy_a)]


@pytest.mark.parametrize("persona", ["staff_a", "deputy_a", "liaison_a"])
def test_the_menu_asks_the_rules_alone(request, persona):
    # Django's model-permission backend would cost two queries on every page for a user who
    # lacks a permission; the menu's entries are named rules.
    user = request.getfixturevalue(persona)
    with CaptureQueriesContext(connection) as queries:
        _menu(user)
        has_named_permission(user, "notifications.manage_deliveries")
    assert len(queries) == 0
