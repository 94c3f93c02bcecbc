"""The named permissions of the livelihood pages give each persona what the role checks gave:
staff and admins run the cycle, deputies follow it and enter proposals, a unit's liaison reports
progress on their unit's elected projects. The menu entry and the home panel ask the same names."""

from datetime import date

import pytest
from django.urls import reverse

from core.registry import home_panels, menu_entries
from livelihood_projects.exporters import ProjectExporter, ProposalExporter
from livelihood_projects.models import Project
from livelihood_projects.selectors import home_figures

from .factories import ProjectFactory

PERSONAS = ["admin_user", "staff_a", "deputy_a", "liaison_a"]

# What each persona may do, as the role tuples of the views allowed it.
EXPECTED = {
    "livelihood_projects.follow_cycles": {"admin_user", "staff_a", "deputy_a"},
    "livelihood_projects.enter_proposal": {"admin_user", "staff_a", "deputy_a"},
    "livelihood_projects.manage_cycles": {"admin_user", "staff_a"},
    "livelihood_projects.see_projects": {"admin_user", "staff_a", "deputy_a", "liaison_a"},
    "livelihood_projects.report_progress": {"admin_user", "staff_a", "liaison_a"},
    # Today's home pages: staff and liaisons have the panel; admins' and deputies' do not.
    "livelihood_projects.see_home_panel": {"staff_a", "liaison_a"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_each_permission_goes_to_the_roles_that_had_it(request, perm):
    holders = {name for name in PERSONAS if request.getfixturevalue(name).has_perm(perm)}
    assert holders == EXPECTED[perm]


def test_progress_is_reported_on_elected_projects_only(staff_a, liaison_a, deputy_a, cycle_a):
    elected = ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED)
    candidate = ProjectFactory(cycle=cycle_a, status=Project.Status.CANDIDATE)
    for user in (staff_a, liaison_a):
        assert user.has_perm("livelihood_projects.report_progress", elected)
        assert not user.has_perm("livelihood_projects.report_progress", candidate)
    assert not deputy_a.has_perm("livelihood_projects.report_progress", elected)


def test_the_menu_entry_is_shown_to_everyone_who_works_on_projects(request):
    (entry,) = [e for e in menu_entries if e.url_name == "livelihood_projects:dashboard"]
    assert entry.order == 50 and entry.section is None and str(entry.label) == "民生实事"
    holders = {
        name for name in PERSONAS if request.getfixturevalue(name).has_perm(entry.permission)
    }
    assert holders == set(PERSONAS)


def test_the_home_panel_is_registered_with_its_figures():
    (panel,) = [p for p in home_panels if p.name == "livelihood"]
    assert panel.template == "livelihood_projects/_home.html"
    assert panel.permission == "livelihood_projects.see_home_panel"


def test_home_figures_are_only_computed_for_those_with_the_panel(
    admin_user, deputy_a, staff_a, elected_project
):
    assert home_figures(user=deputy_a) == {}
    assert home_figures(user=admin_user) == {}
    assert home_figures(user=staff_a)["in_progress"] == 1


def test_the_home_panel_speaks_to_staff_and_to_a_liaison(
    client_for, staff_a, liaison_a, deputy_a, elected_project, time_machine
):
    time_machine.move_to(date(2025, 7, 1))
    body = client_for(staff_a).get(reverse("home")).content.decode()
    assert "实施中的票决项目 1 个，其中滞后预警 1 个" in body
    assert reverse("livelihood_projects:dashboard") in body
    body = client_for(liaison_a).get(reverse("home")).content.decode()
    assert "本单位承办、实施中的票决项目 1 个，其中滞后预警 1 个" in body
    assert "更新项目进度" in body
    body = client_for(deputy_a).get(reverse("home")).content.decode()
    assert 'id="livelihood-work"' not in body


def test_a_liaison_sees_no_link_to_the_cycle_or_the_inspections(
    client_for, liaison_a, staff_a, elected_project
):
    url = reverse("livelihood_projects:project_detail", args=[elected_project.pk])
    cycle_url = elected_project.cycle.get_absolute_url()
    assert cycle_url not in client_for(liaison_a).get(url).content.decode()
    assert cycle_url in client_for(staff_a).get(url).content.decode()


def test_a_liaison_is_sent_from_the_overview_to_their_projects(client_for, liaison_a, outsider):
    response = client_for(liaison_a).get(reverse("livelihood_projects:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("livelihood_projects:project_list")


def test_the_exports_ask_the_lists_permissions(deputy_a, liaison_a):
    assert ProposalExporter.allowed_for(deputy_a) and not ProposalExporter.allowed_for(liaison_a)
    assert ProjectExporter.allowed_for(deputy_a) and ProjectExporter.allowed_for(liaison_a)
