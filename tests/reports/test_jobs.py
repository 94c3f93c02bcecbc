import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.exporters import BaseExporter, registry
from reports.models import ExportJob


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


def test_a_failing_export_is_marked_failed_without_a_file(staff_a, world):
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
    assert job.status == ExportJob.Status.FAILED and not job.file and "boom" in job.error


def test_a_stale_running_job_is_claimed_again(staff_a, world):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    job = ExportJob.objects.create(
        requester=staff_a,
        exporter="units",
        title="承办单位",
        status=ExportJob.Status.RUNNING,
        started_at=now - dt.timedelta(minutes=5),
    )
    assert not services.export_job_claim(job_id=job.pk, now=now)
    assert services.export_job_claim(job_id=job.pk, now=now + services.STALE_AFTER)


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
