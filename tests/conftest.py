"""Personas shared by every test: an admin, staff, a deputy and a unit liaison of county A, and
an outsider (staff of county B) who must never see county A's records."""

from dataclasses import dataclass

import pytest

from core.models import Jurisdiction, Unit
from tests.accounts.factories import (
    AdminUserFactory,
    DeputyUserFactory,
    LiaisonUserFactory,
    StaffUserFactory,
)
from tests.core.factories import JurisdictionFactory, UnitFactory


@dataclass
class World:
    city: Jurisdiction
    county_a: Jurisdiction
    township_a: Jurisdiction
    county_b: Jurisdiction
    township_b: Jurisdiction
    unit_a: Unit
    township_unit_a: Unit
    unit_b: Unit


@pytest.fixture
def world(db) -> World:
    city = JurisdictionFactory(name="怀化市", code="431200", level=Jurisdiction.Level.MUNICIPAL)
    county_a = JurisdictionFactory(name="沅陵县", code="431222", parent=city)
    county_b = JurisdictionFactory(name="辰溪县", code="431223", parent=city)
    township_a = JurisdictionFactory(
        name="官庄镇", code="431222101", level=Jurisdiction.Level.TOWNSHIP, parent=county_a
    )
    township_b = JurisdictionFactory(
        name="孝坪镇", code="431223101", level=Jurisdiction.Level.TOWNSHIP, parent=county_b
    )
    return World(
        city=city,
        county_a=county_a,
        township_a=township_a,
        county_b=county_b,
        township_b=township_b,
        unit_a=UnitFactory(name="沅陵县财政局", jurisdiction=county_a),
        township_unit_a=UnitFactory(
            name="官庄镇人民政府", kind=Unit.Kind.TOWNSHIP, jurisdiction=township_a
        ),
        unit_b=UnitFactory(name="辰溪县财政局", jurisdiction=county_b),
    )


@pytest.fixture
def admin_user(world):
    """The municipal admin: sees every county."""
    return AdminUserFactory(username="admin_city", jurisdiction=world.city)


@pytest.fixture
def staff_a(world):
    return StaffUserFactory(username="staff_a", full_name="张敏", jurisdiction=world.county_a)


@pytest.fixture
def deputy_a(world):
    return DeputyUserFactory(username="deputy_a", full_name="李秀兰", jurisdiction=world.county_a)


@pytest.fixture
def liaison_a(world):
    return LiaisonUserFactory(username="liaison_a", full_name="王强", unit=world.unit_a)


@pytest.fixture
def outsider(world):
    """Staff of county B."""
    return StaffUserFactory(username="staff_b", full_name="刘洋", jurisdiction=world.county_b)


@pytest.fixture
def client_for(client):
    """Log the test client in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def celery_runner(settings):
    """Run Celery tasks on a real worker thread against Redis when REDIS_URL is set.

    Without Redis the settings make Celery run tasks eagerly in-process, which is what the embedded
    default does in production too, so there is nothing to start.
    """
    if not settings.REDIS_URL:
        yield None
        return
    from celery.contrib.testing.worker import start_worker

    from congress_portal.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process for tests about what a task does, not how it is queued.

    With REDIS_URL set the app would otherwise send them to a broker no worker is reading; the
    tests that are about the queue use `celery_runner` instead.
    """
    from congress_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Drop the test database cleanly on PostgreSQL.

    Worker threads of the live server and of Celery can end the session still holding an idle
    connection, which makes PostgreSQL refuse to drop the test database. Closing them here, just
    before pytest-django tears the database down, keeps every run starting from a clean slate.
    """
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Empty the tables after a transactional test with DELETE, not TRUNCATE, on PostgreSQL.

    TRUNCATE gives each of the ~130 tables new files: 3-7 s after every test with
    transaction=True or a live server, most of the time those tests took. A test's tables hold a
    few rows, and DELETE empties them all in a fraction of a second. The foreign keys Django
    creates are checked at the commit, so the order does not matter, and the tables end just as
    empty. Resetting sequences or cascading keeps Django's own statement.
    """
    from django.db import connections

    operations = type(connections["default"].ops)
    if connections["default"].vendor != "postgresql":
        yield
        return
    truncate = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    operations.sql_flush = sql_flush
    yield
    operations.sql_flush = truncate


@pytest.fixture(scope="session", autouse=True)
def _poll_key_dir(tmp_path_factory):
    """Keep the private keys of polls opened in tests out of the real key store under var/."""
    from django.test import override_settings

    with override_settings(POLL_KEY_DIR=tmp_path_factory.mktemp("poll-keys")):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the portal's language: a request in an earlier test that switched to
    English would otherwise leave English active in this thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
