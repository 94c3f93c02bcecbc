import json

from django.conf import settings
from django.test import override_settings
from django.urls import reverse


def test_healthz_reports_services(client, db):
    response = client.get(reverse("healthz"))
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["database"] == "ok"
    # With REDIS_URL set (CI's PostgreSQL + Redis run) this checks the real server.
    assert data["redis"] == ("ok" if settings.REDIS_URL else "not configured")


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_healthz_is_503_when_redis_is_down_but_pages_still_render(client, staff_a):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "ok", "redis": "error"}
    client.force_login(staff_a)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("core:unit_list")).status_code == 200


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    from core import views

    monkeypatch.setattr(views, "_check_database", lambda: "error")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


def test_favicon_is_served_without_login(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")
    assert client.get(response.url).status_code == 200
