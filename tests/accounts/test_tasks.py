"""The periodic session clean-up, through Celery: a real worker on Redis when REDIS_URL is set
(CI's PostgreSQL + Redis run), in-process otherwise."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.tasks import clear_expired_sessions


@pytest.mark.django_db(transaction=True)
def test_clear_expired_sessions_runs_after_commit(celery_runner):
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    Session.objects.create(
        session_key="new", session_data="", expire_date=timezone.now() + dt.timedelta(days=1)
    )
    results = []
    with transaction.atomic():
        # Enqueued only once the surrounding transaction commits.
        transaction.on_commit(lambda: results.append(clear_expired_sessions.delay()))
        assert results == []
    results[0].get(timeout=20)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]
