"""A broker outage loses nothing: tasks the broker cannot take are kept and sent when it returns.

The outage is real: the Celery app is pointed at a closed port, so every publish is refused by
the network stack, the way a stopped Redis refuses it.
"""

import os
import time
from contextlib import contextmanager

import pytest
from django.urls import reverse

from congress_portal.celery import app
from core import outbox
from core.models import OutboxMessage
from notifications.models import Delivery
from notifications.services import notify
from reports.models import ExportJob

CLOSED_PORT = "redis://127.0.0.1:1/0"
REDIS_URL = os.environ.get("REDIS_URL")


@contextmanager
def broker(url: str):
    """Point the app at `url`, not eager, as a deployment with a broker is."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    _forget_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        _forget_connections()


def _forget_connections() -> None:
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db(transaction=True)
def test_an_export_asked_for_while_the_broker_is_down_is_kept_and_the_user_gets_a_page(
    client_for, staff_a, world
):
    client = client_for(staff_a)
    with broker(CLOSED_PORT):
        started = time.monotonic()
        response = client.post(reverse("reports:job_create"), {"exporter": "units", "query": ""})
        elapsed = time.monotonic() - started
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert elapsed < 5, f"the request waited {elapsed:.1f} s for the broker"
    message = OutboxMessage.objects.get()
    assert (message.task, message.args) == ("reports.tasks.run_export_job", [str(job.pk)])
    assert "OperationalError" in message.last_error
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.status == ExportJob.Status.PENDING and "排队中" in page


@pytest.mark.django_db(transaction=True)
def test_a_delivery_queued_while_the_broker_is_down_is_kept(world, staff_a):
    staff_a.email = "zhang@example.org"
    staff_a.save(update_fields=["email"])
    with broker(CLOSED_PORT):
        notify(recipient=staff_a, key="outbox-test", title="到期提醒")
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    message = OutboxMessage.objects.get()
    assert (message.task, message.args) == ("notifications.tasks.deliver", [delivery.pk])


@pytest.mark.django_db(transaction=True)
def test_draining_while_the_broker_is_still_down_keeps_every_row(world, staff_a):
    OutboxMessage.objects.create(task="reports.tasks.run_export_job", args=["x"], attempts=1)
    OutboxMessage.objects.create(task="reports.tasks.run_export_job", args=["y"], attempts=1)
    with broker(CLOSED_PORT):
        assert outbox.outbox_drain() == 0
    assert list(OutboxMessage.objects.values_list("args", "attempts")) == [(["x"], 2), (["y"], 1)]


def test_a_task_that_no_longer_exists_does_not_block_the_outbox(
    world, staff_a, django_capture_on_commit_callbacks, eager_tasks
):
    from reports.services import export_job_create

    with broker(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(exporter="units", params={}, by=staff_a)
    OutboxMessage.objects.create(task="reports.tasks.renamed_long_ago", args=[1])
    OutboxMessage.objects.filter(task="reports.tasks.run_export_job").update(id=99)
    assert outbox.outbox_drain() == 1  # eager again: the job runs in-process
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_before_the_transaction_commits(world, staff_a):
    from django.db import transaction

    from reports.tasks import run_export_job

    with broker(CLOSED_PORT), pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(run_export_job, "never")
        raise RuntimeError("rolled back")
    assert not OutboxMessage.objects.exists()


def test_eager_tasks_run_in_process_and_leave_no_row(
    world, staff_a, django_capture_on_commit_callbacks, eager_tasks
):
    from reports.services import export_job_create

    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(exporter="units", params={}, by=staff_a)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and not OutboxMessage.objects.exists()


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")
@pytest.mark.django_db(transaction=True)
def test_when_the_broker_returns_the_kept_job_is_sent_and_finishes(client_for, staff_a, world):
    from celery.contrib.testing.worker import start_worker

    client = client_for(staff_a)
    with broker(CLOSED_PORT):
        client.post(reverse("reports:job_create"), {"exporter": "units", "query": ""})
    job = ExportJob.objects.get()
    assert OutboxMessage.objects.count() == 1 and job.status == ExportJob.Status.PENDING
    running = start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10)
    with broker(REDIS_URL), running:
        assert outbox.outbox_drain() == 1
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not job.is_finished:
            time.sleep(0.1)
            job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows == 2
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_accepts_connections_but_never_answers_costs_seconds(
    client_for, staff_a, world
):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # the kernel completes the handshake; nothing ever replies
    port = silent.getsockname()[1]
    client = client_for(staff_a)
    try:
        with broker(f"redis://127.0.0.1:{port}/0"):
            started = time.monotonic()
            response = client.post(
                reverse("reports:job_create"), {"exporter": "units", "query": ""}
            )
            elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert response.status_code == 302 and elapsed < 8, f"{elapsed:.1f} s"
    assert OutboxMessage.objects.get().args == [str(ExportJob.objects.get().pk)]
