"""Polls are read-only in the admin: an elector added to an open poll there once voted, and a
published poll's rules could be edited there. polls.services is the only way to change a poll."""

import pytest
from django.urls import reverse

from accounts.models import Role
from polls import services
from polls.models import Elector, Poll
from tests.accounts.factories import UserFactory


@pytest.fixture
def county_admin_a(world):
    return UserFactory(username="admin_a", role=Role.ADMIN, jurisdiction=world.county_a)


@pytest.fixture
def open_poll(world, staff_a, deputy_a):
    poll = services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="2024年度部门工作满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    services.subjects_add(poll=poll, targets=[world.unit_a], by=staff_a)
    services.electorate_add(poll=poll, group_name="全体代表", voters=[deputy_a], by=staff_a)
    return services.poll_open(poll=poll, by=staff_a)


@pytest.fixture
def published_poll(open_poll, staff_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.poll_close(poll=open_poll, by=staff_a)
    return services.poll_publish(poll=open_poll, by=staff_a)


def test_the_admin_adds_no_elector_to_an_open_poll(world, client_for, county_admin_a, open_poll):
    latecomer = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_a)
    response = client_for(county_admin_a).post(
        reverse("admin:polls_elector_add"),
        {"poll": open_poll.pk, "voter": latecomer.pk, "group": open_poll.groups.get().pk},
    )
    assert response.status_code == 403
    assert not Elector.objects.filter(voter=latecomer).exists()


def test_the_admin_cannot_change_a_published_polls_rules(
    client_for, county_admin_a, published_poll
):
    client = client_for(county_admin_a)
    rules = {
        "title": published_poll.title,
        "kind": Poll.Kind.RATING,
        "scale": Poll.Scale.SATISFACTION,
        "max_choices": 1,
        "verdict_basis": Poll.Basis.VOTED,
        "verdict_threshold": 10,
    }
    version = published_poll.history.first()
    for url in [
        reverse("admin:polls_poll_change", args=[published_poll.pk]),
        reverse("admin:polls_poll_simple_history", args=[published_poll.pk, version.pk]),
        reverse("admin:polls_poll_delete", args=[published_poll.pk]),
    ]:
        assert client.post(url, {**rules, "post": "yes"}).status_code == 403, url
    published_poll.refresh_from_db()
    assert published_poll.verdict_threshold == 50
    assert published_poll.verdict_basis == Poll.Basis.ENTITLED


def test_poll_pages_stay_viewable_in_scope(client_for, county_admin_a, open_poll):
    client = client_for(county_admin_a)
    elector = open_poll.electors.get()
    for url in [
        reverse("admin:polls_poll_changelist"),
        reverse("admin:polls_poll_change", args=[open_poll.pk]),
        reverse("admin:polls_poll_history", args=[open_poll.pk]),
        reverse("admin:polls_elector_change", args=[elector.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="_save"' not in response.content.decode(), url
