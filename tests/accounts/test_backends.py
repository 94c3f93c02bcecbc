"""The signed-in user is read with their jurisdiction in one query, and only while active."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import PortalModelBackend


def test_the_user_comes_with_the_jurisdiction_in_one_query(staff_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = PortalModelBackend().get_user(staff_a.pk)
        assert user.jurisdiction.name == staff_a.jurisdiction.name


def test_an_inactive_or_missing_user_is_nobody(staff_a):
    get_user_model().objects.filter(pk=staff_a.pk).update(is_active=False)
    assert PortalModelBackend().get_user(staff_a.pk) is None
    assert PortalModelBackend().get_user(10**9) is None


def test_a_page_naming_the_user_s_county_does_not_read_it_again(client_for, staff_a):
    client = client_for(staff_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("password_change"))
    assert response.status_code == 200
    assert staff_a.jurisdiction.name in response.content.decode()  # the user menu names it
    jurisdiction_reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "core_jurisdiction"' in q["sql"]
    ]
    assert jurisdiction_reads == []
