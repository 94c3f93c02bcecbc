import datetime as dt
import io
import time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.exchange.exporters import BaseExporter, registry
from reports import services
from reports.models import ExportJob, ImportJob
from tests.reports.factories import ExportJobFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db(transaction=True)
def test_export_runs_in_the_background_and_downloads(client_for, staff_a, world, celery_runner):
    client = client_for(staff_a)
    response = client.post(
        reverse("reports:job_create"), {"exporter": "units", "query": "kind=township&page=2"}
    )
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.params == {"kind": ["township"]}
    _wait_until_finished(job)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows == 1 and job.progress == 100
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    assert sheet.cell(row=3, column=1).value == "官庄镇人民政府"


def _wait_until_finished(job, timeout=20):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return
        time.sleep(0.1)
    raise AssertionError(f"export job still {job.status}")


def test_only_the_requester_sees_and_downloads_a_job(
    client_for, staff_a, outsider, deputy_a, world, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_create(exporter="units", params={}, by=staff_a)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    for other in (outsider, deputy_a):
        client = client_for(other)
        assert client.get(reverse("reports:job_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404
        assert str(job.pk) not in client.get(reverse("reports:job_list")).content.decode()


def test_roles_without_permission_cannot_start_an_export(client_for, deputy_a, world):
    response = client_for(deputy_a).post(
        reverse("reports:job_create"), {"exporter": "units", "query": ""}
    )
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_unknown_exporter_is_404(client_for, staff_a):
    response = client_for(staff_a).post(reverse("reports:job_create"), {"exporter": "nope"})
    assert response.status_code == 404


def test_status_partial_polls_until_finished(client_for, staff_a, world):
    job = ExportJob.objects.create(requester=staff_a, exporter="units", title="承办单位")
    client = client_for(staff_a)
    partial = client.get(
        reverse("reports:job_detail", args=[job.pk]), headers={"HX-Request": "true"}
    )
    body = partial.content.decode()
    assert 'hx-trigger="every 1s"' in body and "<html" not in body
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 403
    services.export_job_run(job_id=job.pk)
    body = client.get(
        reverse("reports:job_detail", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "hx-trigger" not in body and "下载" in body


def test_a_job_is_built_once_however_often_it_is_run(staff_a, world):
    job = ExportJob.objects.create(requester=staff_a, exporter="units", title="承办单位")
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    first_file = job.file.name
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.file.name == first_file


def test_a_failing_export_is_marked_failed_without_a_file(client_for, staff_a, world):
    class Broken(BaseExporter):
        identifier = "broken"
        verbose_name = "坏的"

        def sheets(self):
            yield from ()
            raise RuntimeError("boom")

    registry["broken"] = Broken
    try:
        job = ExportJob.objects.create(requester=staff_a, exporter="broken", title="坏的")
        services.export_job_run(job_id=job.pk)
    finally:
        del registry["broken"]
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and not job.file
    page = client_for(staff_a).get(job.get_absolute_url()).content.decode()
    assert "导出失败，请稍后重试或联系管理员。" in page and "boom" not in page


def test_a_running_job_is_claimed_again_only_once_its_heartbeat_is_stale(staff_a, world):
    now = timezone.now()
    job = ExportJob.objects.create(
        requester=staff_a,
        exporter="units",
        title="承办单位",
        status=ExportJob.Status.RUNNING,
        attempts=1,
        # Started long ago but still beating: a slow export, not a dead one.
        started_at=now - dt.timedelta(hours=2),
        heartbeat_at=now - dt.timedelta(seconds=10),
    )
    assert not services.export_job_claim(job_id=job.pk, now=now)
    assert services.export_job_claim(job_id=job.pk, now=now + services.STALE_AFTER)
    job.refresh_from_db()
    assert job.attempts == 2 and job.heartbeat_at == now + services.STALE_AFTER


def running_job(requester, *, silent_for, attempts=1, **fields):
    beat = timezone.now() - silent_for
    return ExportJob.objects.create(
        requester=requester,
        exporter="units",
        title="承办单位",
        status=ExportJob.Status.RUNNING,
        progress=12,
        attempts=attempts,
        started_at=beat,
        heartbeat_at=beat,
        **fields,
    )


def test_the_reaper_queues_a_silent_job_again_and_it_finishes(
    staff_a, world, django_capture_on_commit_callbacks, eager_tasks
):
    silent = running_job(staff_a, silent_for=services.STALE_AFTER + dt.timedelta(seconds=1))
    beating = running_job(staff_a, silent_for=dt.timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reap() == {"requeued": 1, "failed": 0, "resent": 0}
    silent.refresh_from_db()
    assert silent.status == ExportJob.Status.DONE and silent.attempts == 2 and silent.rows == 2
    beating.refresh_from_db()
    assert beating.status == ExportJob.Status.RUNNING and beating.progress == 12


def test_the_reaper_fails_a_job_that_lost_its_worker_too_often(
    client_for, staff_a, world, django_capture_on_commit_callbacks
):
    job = running_job(staff_a, silent_for=dt.timedelta(minutes=3), attempts=services.MAX_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.jobs_reap() == {"requeued": 0, "failed": 1, "resent": 0}
    # No task is queued again; the one callback tells the requester that the job failed.
    assert len(callbacks) == 1
    assert list(staff_a.notifications.values_list("title", flat=True)) == ["导出失败：承办单位"]
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.finished_at
    # Nothing claims it any more, however late its task is redelivered.
    assert not services.export_job_claim(job_id=job.pk, now=timezone.now() + dt.timedelta(hours=1))
    body = client_for(staff_a).get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert "生成过程多次中断，请重新提交。" in body.content.decode()
    assert "hx-trigger" not in body.content.decode()


def test_the_reaper_works_from_a_given_time(staff_a, world, django_capture_on_commit_callbacks):
    job = running_job(staff_a, silent_for=dt.timedelta(seconds=5))
    assert services.jobs_reap() == {"requeued": 0, "failed": 0, "resent": 0}
    with django_capture_on_commit_callbacks() as callbacks:
        later = timezone.now() + services.STALE_AFTER
        assert services.jobs_reap(now=later) == {"requeued": 1, "failed": 0, "resent": 0}
    job.refresh_from_db()
    assert job.status == ExportJob.Status.PENDING and job.progress == 0 and len(callbacks) == 1


def test_a_job_whose_message_was_lost_is_sent_again(
    staff_a, world, django_capture_on_commit_callbacks, eager_tasks
):
    # A broker restarted without its data: the job was queued, its message is gone.
    lost = ExportJob.objects.create(
        requester=staff_a,
        exporter="units",
        title="承办单位",
        queued_at=timezone.now() - services.LOST_AFTER - dt.timedelta(seconds=1),
    )
    waiting = ExportJob.objects.create(requester=staff_a, exporter="units", title="承办单位")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reap() == {"requeued": 0, "failed": 0, "resent": 1}
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert lost.status == ExportJob.Status.DONE and waiting.status == ExportJob.Status.PENDING


def test_a_failed_import_job_loses_its_upload(staff_a, world, tmp_path):
    upload = tmp_path / "imports" / "u.xlsx"
    upload.parent.mkdir()
    upload.write_bytes(b"PK")
    beat = timezone.now() - dt.timedelta(minutes=3)
    job = ImportJob.objects.create(
        requester=staff_a,
        importer="units",
        title="导入承办单位",
        upload="imports/u.xlsx",
        status=ImportJob.Status.RUNNING,
        attempts=services.MAX_ATTEMPTS,
        heartbeat_at=beat,
    )
    assert services.jobs_reap() == {"requeued": 0, "failed": 1, "resent": 0}
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "请重新上传" in job.error
    assert not upload.exists()


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_is_written_while_the_work_blocks(staff_a, world):
    job = running_job(staff_a, silent_for=dt.timedelta(minutes=1))
    before = ExportJob.objects.get(pk=job.pk).heartbeat_at
    with services.Heartbeat(ExportJob, job.pk, attempt=1, every=0.05) as heartbeat:
        heartbeat.progress(40)
        time.sleep(0.5)  # the work: no query, no progress call of its own
    job.refresh_from_db()
    assert job.heartbeat_at > before + dt.timedelta(seconds=50) and job.progress == 40


def test_expired_files_are_deleted(staff_a, world, django_capture_on_commit_callbacks, eager_tasks):
    import datetime as dt

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_create(exporter="units", params={}, by=staff_a)
    job.refresh_from_db()
    path = job.file.path
    assert services.export_jobs_purge(now=timezone.now()) == 0
    assert (
        services.export_jobs_purge(
            now=timezone.now() + services.EXPORT_RETENTION + dt.timedelta(seconds=1)
        )
        == 1
    )
    import os

    assert not os.path.exists(path) and not ExportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_parsed_by_the_worker_not_the_web_process(
    client_for, staff_a, world, celery_runner, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import Unit
    from tests.reports.test_imports import roster, workbook

    upload = SimpleUploadedFile("单位.xlsx", workbook(roster(3)).read())
    response = client_for(staff_a).post(
        reverse("reports:import_upload", args=["units"]), {"file": upload}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.filename == "单位.xlsx" and job.title == "导入承办单位"
    _wait_until_finished(job)
    assert job.status == ImportJob.Status.DONE and (job.created, job.progress) == (3, 100)
    assert Unit.objects.filter(name__startswith="沅陵县第").count() == 3
    assert not job.upload and not list(tmp_path.rglob("*.xlsx"))


def test_the_broker_redelivers_a_task_only_after_its_time_limit(settings):
    from reports.tasks import JOB_TIME_LIMIT

    # Otherwise Redis would hand a job still within its time limit to a second worker.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > JOB_TIME_LIMIT
    # Many missed heartbeats before a job counts as lost.
    assert services.STALE_AFTER.total_seconds() >= 10 * services.HEARTBEAT_EVERY


def test_only_the_uploader_sees_an_import_job(client_for, staff_a, outsider, admin_user, world):
    job = ImportJob.objects.create(
        requester=staff_a, importer="units", title="导入承办单位", filename="单位.xlsx"
    )
    for other in (outsider, admin_user):
        assert client_for(other).get(job.get_absolute_url()).status_code == 404
        page = client_for(other).get(reverse("reports:import_upload", args=["units"]))
        assert "单位.xlsx" not in page.content.decode()
    body = client_for(staff_a).get(job.get_absolute_url()).content.decode()
    assert "排队中" in body and 'hx-trigger="every 1s"' in body


def job_left_running_before_heartbeats(requester, *, started_ago=dt.timedelta(days=2)):
    """A job the code before heartbeats left running: migration 0002 gave it no heartbeat."""
    return ExportJob.objects.create(
        requester=requester,
        exporter="units",
        title="承办单位",
        status=ExportJob.Status.RUNNING,
        progress=12,
        started_at=timezone.now() - started_ago,
        heartbeat_at=None,
    )


def test_the_reaper_queues_again_a_job_left_running_without_a_heartbeat(
    staff_a, world, django_capture_on_commit_callbacks, eager_tasks
):
    legacy = job_left_running_before_heartbeats(staff_a)
    just_claimed = job_left_running_before_heartbeats(staff_a, started_ago=dt.timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reap() == {"requeued": 1, "failed": 0, "resent": 0}
    legacy.refresh_from_db()
    assert legacy.status == ExportJob.Status.DONE and legacy.rows == 2
    just_claimed.refresh_from_db()
    assert just_claimed.status == ExportJob.Status.RUNNING


def test_a_job_left_running_without_a_heartbeat_is_claimed_by_its_start(staff_a, world):
    legacy = job_left_running_before_heartbeats(staff_a)
    just_claimed = job_left_running_before_heartbeats(staff_a, started_ago=dt.timedelta(seconds=5))
    assert not services.export_job_claim(job_id=just_claimed.pk)
    assert services.export_job_claim(job_id=legacy.pk)
    legacy.refresh_from_db()
    assert legacy.heartbeat_at and legacy.attempts == 1 and legacy.progress == 0


@pytest.fixture
def frozen_worker(staff_a, world):
    """An export whose first worker freezes mid-way (SIGSTOP, a VM pause) for longer than
    STALE_AFTER; meanwhile a second worker claims the job and runs it to its end. Then the
    first wakes up and finishes; `broken` says which of the two workers' exports fails."""

    class Frozen(BaseExporter):
        identifier = "frozen"
        verbose_name = "冻结"
        broken: int = 0
        calls = 0

        def sheets(self):
            Frozen.calls += 1
            worker = Frozen.calls
            if worker == 1:
                with time_machine.travel(services.STALE_AFTER + dt.timedelta(seconds=1)):
                    services.export_job_run(job_id=job.pk)
            if worker == Frozen.broken:
                raise RuntimeError("boom")
            yield from registry["units"](user=self.user).sheets()

    registry["frozen"] = Frozen
    job = ExportJobFactory(requester=staff_a, exporter="frozen", title="冻结")
    yield job, Frozen
    del registry["frozen"]


@pytest.mark.parametrize("broken", [1, 2])
def test_a_worker_that_lost_its_claim_does_not_write_its_outcome(frozen_worker, broken, tmp_path):
    job, exporter = frozen_worker
    exporter.broken = broken
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert exporter.calls == 2 and job.attempts == 2
    if broken == 1:  # the first's failure does not overwrite the second's file
        assert job.status == ExportJob.Status.DONE and job.rows == 2 and job.error == ""
        assert [p.name for p in tmp_path.rglob("*.xlsx")] == [job.file.name.rsplit("/", 1)[1]]
    else:  # nor does the first's file turn the second's failure into a success
        assert job.status == ExportJob.Status.FAILED and not job.file and job.rows == 0
        assert list(tmp_path.rglob("*.xlsx")) == []


def test_an_import_worker_that_lost_its_claim_leaves_the_upload_to_its_successor(
    staff_a, world, tmp_path
):
    from core.exchange import importers

    class Frozen(importers.BaseImporter):
        identifier = "frozen"
        verbose_name = "冻结"

        def run(self, file, *, progress=None):
            # Frozen past STALE_AFTER: a second worker claims the job and is now working on it.
            later = timezone.now() + services.STALE_AFTER + dt.timedelta(seconds=1)
            assert services.job_claim(ImportJob, job_id=job.pk, now=later)
            return importers.ImportOutcome(created=5)

    upload = tmp_path / "imports" / "u.xlsx"
    upload.parent.mkdir()
    upload.write_bytes(b"PK")
    importers.registry["frozen"] = Frozen
    try:
        job = ImportJob.objects.create(
            requester=staff_a, importer="frozen", title="冻结", upload="imports/u.xlsx"
        )
        services.import_job_run(job_id=job.pk)
    finally:
        del importers.registry["frozen"]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and job.attempts == 2 and job.created == 0
    assert upload.exists() and job.upload.name == "imports/u.xlsx"


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_of_a_worker_that_lost_its_claim_stops(staff_a, world):
    job = running_job(staff_a, silent_for=dt.timedelta(minutes=3), attempts=2)
    before = ExportJob.objects.get(pk=job.pk).heartbeat_at
    with services.Heartbeat(ExportJob, job.pk, attempt=1, every=0.05) as heartbeat:
        heartbeat.progress(40)
        time.sleep(0.5)
    job.refresh_from_db()
    assert job.heartbeat_at == before and job.progress == 12
