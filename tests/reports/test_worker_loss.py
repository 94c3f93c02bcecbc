"""A job whose worker is killed mid-way is queued again and finishes.

This is the fault as it happens in production: a real prefork worker runs the export, its pool
process is killed with SIGKILL while the export is running, and Celery redelivers the task,
which must leave the job alone (its heartbeat was fresh a moment ago). Then the reaper, run as
beat would run it once the heartbeat is stale, queues the job again and the worker's new pool
process builds it.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.exchange.exporters import registry
from reports import services
from reports.models import ExportJob
from tests.reports.slow_worker import waiting_exporter

REDIS_URL = os.environ.get("REDIS_URL")
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not (REDIS_URL and DATABASE_URL.startswith("postgres")),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker():
    """A real `celery worker` process with one prefork child, on the test database."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress_portal.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": REDIS_URL,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.reports.slow_worker", "worker"]
        + ["--pool=prefork", "--concurrency=1", "--loglevel=INFO", "--without-heartbeat"]
        + ["--without-gossip", "--without-mingle"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def waiting():
    exporter = waiting_exporter()
    yield exporter
    registry.pop(exporter.identifier)


def test_a_killed_worker_s_export_is_queued_again_and_finishes(
    worker, waiting, staff_a, world, tmp_path
):
    pidfile, release = tmp_path / "pid", tmp_path / "release"
    job = services.export_job_create(
        exporter=waiting.identifier,
        params={"pidfile": [str(pidfile)], "release": [str(release)]},
        by=staff_a,
    )
    try:
        _kill_mid_job_then_reap(job, pidfile, release)
    finally:
        job.refresh_from_db()
        if job.file:
            job.file.delete(save=False)


def _kill_mid_job_then_reap(job, pidfile: Path, release: Path) -> None:
    child = int(wait_for(lambda: pidfile.exists() and pidfile.read_text(), 60, "the export"))
    job.refresh_from_db()
    first_beat = job.heartbeat_at
    assert job.status == ExportJob.Status.RUNNING and job.attempts == 1
    # The export is blocked in its rows, yet the job keeps beating.
    wait_for(lambda: _heartbeat(job) > first_beat, 10, "a heartbeat")

    os.kill(child, signal.SIGKILL)
    # Celery redelivers the task to a new pool process; the job's heartbeat is fresh, so the
    # claim refuses it, and the job is left running with a heartbeat that no longer moves.
    last_beat = _heartbeat(job)
    time.sleep(3 * services.HEARTBEAT_EVERY + 1)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.RUNNING and job.attempts == 1
    assert job.heartbeat_at == last_beat

    release.touch()
    # Beat runs the reaper every minute; this run is the first after the heartbeat went stale.
    stale = timezone.now() + services.STALE_AFTER
    assert services.jobs_reap(now=stale) == {"requeued": 1, "failed": 0, "resent": 0}
    wait_for(lambda: _status(job) == ExportJob.Status.DONE, 60, "the job to finish")
    job.refresh_from_db()
    assert job.attempts == 2 and job.rows == 10 and job.progress == 100 and job.file
    assert int(pidfile.read_text()) != child


def _heartbeat(job):
    return ExportJob.objects.values_list("heartbeat_at", flat=True).get(pk=job.pk)


def _status(job):
    return ExportJob.objects.values_list("status", flat=True).get(pk=job.pk)
