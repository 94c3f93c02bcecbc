"""The voted projects list is paged with the shared pager, in a fixed number of queries."""

from django.urls import reverse

from livelihood_projects.models import Project

from .factories import ProjectFactory


def test_project_list_is_paged_in_a_fixed_number_of_queries(
    client_for, staff_a, cycle_a, django_assert_num_queries
):
    client = client_for(staff_a)
    ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, position=1)
    url = reverse("livelihood_projects:project_list")
    client.get(url)  # warm the session
    with django_assert_num_queries(5) as one:
        client.get(url)
    for position in range(2, 36):
        ProjectFactory(cycle=cycle_a, status=Project.Status.ELECTED, position=position)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 30
    assert 'href="?page=2"' in response.content.decode()
