"""The polls' named permissions give today's audiences: the staff pages, the two menu entries
and the home page's panel, for each persona."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from core import registry
from core.access import has_named_permission
from polls import selectors
from tests.accounts.factories import UserFactory

PERSONAS = ["admin_user", "staff_a", "deputy_a", "liaison_a"]

# Who held each ability before it had a name: the office pages were for admins and staff, the
# deputies' menu offered 我的投票, and the deputy's and the staff's home pages spoke of polls.
EXPECTED = {
    "polls.manage_polls": {"admin_user", "staff_a"},
    "polls.list_own_polls": {"deputy_a"},
    "polls.see_home_panel": {"deputy_a", "staff_a"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_each_permission_goes_to_todays_audience(request, perm):
    holders = {p for p in PERSONAS if request.getfixturevalue(p).has_perm(perm)}
    assert holders == EXPECTED[perm]
    assert {p for p in PERSONAS if has_named_permission(request.getfixturevalue(p), perm)} == (
        EXPECTED[perm]
    )


def test_a_superuser_holds_them_all(world):
    root = UserFactory(username="root", is_superuser=True, role="deputy")
    assert all(root.has_perm(perm) for perm in EXPECTED)


def test_the_menu_entries_name_these_permissions():
    entries = {e.url_name: e for e in registry.menu_entries if e.url_name.startswith("polls:")}
    assert {name: (e.permission, e.order, e.section) for name, e in entries.items()} == {
        "polls:mine": ("polls.list_own_polls", 12, None),
        "polls:list": ("polls.manage_polls", 60, None),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_staff_pages_follow_the_permission(request, client_for, persona):
    user = request.getfixturevalue(persona)
    status = client_for(user).get(reverse("polls:list")).status_code
    assert status == (200 if persona in EXPECTED["polls.manage_polls"] else 403)


def _panel(user):
    (panel,) = [p for p in registry.home_panels if p.name == "polls"]
    assert has_named_permission(user, panel.permission)
    request = RequestFactory().get("/")
    request.user = user
    figures = panel.figures(user=user)
    return render_to_string(panel.template, {"figures": figures, "user": user}, request)


def test_the_home_panel_lists_a_deputys_ballots(deputy_a, open_poll):
    html = _panel(deputy_a)
    assert "待投票" in html and open_poll.title in html
    assert reverse("polls:vote", args=[open_poll.pk]) in html
    assert "个投票正在进行" not in html


def test_the_home_panel_counts_the_polls_running_for_staff(staff_a, open_poll):
    html = _panel(staff_a)
    assert "1 个投票正在进行" in html
    assert "待投票" not in html


def test_an_outsider_counts_none_of_another_countys_polls(outsider, open_poll):
    assert selectors.home_figures(user=outsider) == {"running": 0}
