"""With Redis unreachable, the pages that a request reaches still answer: nothing on a request
path needs the cache (the public proposal limit counts in the database, lockouts are stored in
the database too)."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_login_lockout_and_pages_work_without_redis(client, staff_a, settings):
    with pytest.raises(Exception, match="[Cc]onnect"):
        cache.get("proof-that-redis-is-unreachable")
    login = reverse("login")
    assert client.get(login).status_code == 200
    wrong = {"username": "staff_a", "password": "wrong-password"}
    assert client.post(login, wrong, REMOTE_ADDR="10.0.0.1").status_code == 200
    right = {"username": "staff_a", "password": PASSWORD}
    assert client.post(login, right, REMOTE_ADDR="10.0.0.1").status_code == 302
    for name in [
        "home",
        "deputies:calendar",
        "livelihood_projects:public_propose",
        "core:unit_list",
    ]:
        assert client.get(reverse(name)).status_code == 200, name
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, wrong, REMOTE_ADDR="10.0.0.3")
    assert client.post(login, right, REMOTE_ADDR="10.0.0.3").status_code == 429
