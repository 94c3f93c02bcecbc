"""Writes for export jobs: create, run (claimed once), expire."""

import datetime as dt
import logging
import tempfile

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .exporters import get_exporter
from .models import ExportJob

logger = logging.getLogger(__name__)

# How long a finished file stays downloadable.
EXPORT_RETENTION = dt.timedelta(days=7)
# A job still "running" after this long was held by a worker that died; it may be claimed again.
STALE_AFTER = dt.timedelta(minutes=30)


class UnknownExporter(Exception):
    pass


def export_job_create(*, exporter: str, params: dict, by) -> ExportJob:
    exporter_class = get_exporter(exporter)
    if exporter_class is None:
        raise UnknownExporter(exporter)
    if not exporter_class.allowed_for(by):
        raise PermissionDenied
    with transaction.atomic():
        job = ExportJob.objects.create(
            requester=by, exporter=exporter, title=str(exporter_class.verbose_name), params=params
        )
        transaction.on_commit(lambda: _enqueue_job(str(job.pk)))
    return job


def export_job_claim(*, job_id, now=None) -> bool:
    """Mark the job running if nobody else is on it; True when this caller got it."""
    now = now or timezone.now()
    claimable = Q(status=ExportJob.Status.PENDING) | Q(
        status=ExportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    return bool(
        ExportJob.objects.filter(claimable, pk=job_id).update(
            status=ExportJob.Status.RUNNING, started_at=now, progress=0
        )
    )


def export_job_run(*, job_id) -> None:
    """Build the job's workbook. Safe to call twice: only the caller that claims the job works."""
    if not export_job_claim(job_id=job_id):
        return
    job = ExportJob.objects.select_related("requester").get(pk=job_id)
    exporter_class = get_exporter(job.exporter)
    try:
        if exporter_class is None:
            raise UnknownExporter(job.exporter)
        exporter = exporter_class(user=job.requester, params=job.params)

        def progress(percent: int) -> None:
            ExportJob.objects.filter(pk=job.pk).update(progress=percent)

        # The workbook is built in a temporary file and attached only when complete, so a worker
        # that dies mid-way never leaves a half file behind a download link.
        with tempfile.TemporaryFile() as buffer:
            rows = exporter.write(buffer, progress)
            buffer.seek(0)
            job.file.save(f"{job.pk}.xlsx", File(buffer), save=False)
        now = timezone.now()
        job.rows, job.filename, job.status, job.progress = (
            rows,
            exporter.filename(),
            job.Status.DONE,
            100,
        )
        job.finished_at, job.expires_at = now, now + EXPORT_RETENTION
        job.save(
            update_fields=[
                "rows",
                "filename",
                "status",
                "progress",
                "file",
                "finished_at",
                "expires_at",
            ]
        )
    except Exception as exc:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            error=f"{exc.__class__.__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )


def export_jobs_purge(*, now=None) -> int:
    """Delete expired jobs and their files; returns how many were removed."""
    now = now or timezone.now()
    removed = 0
    for job in ExportJob.objects.expired(now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed


def quarterly_reports_send(*, today: dt.date | None = None) -> int:
    """At a quarter's start, build last quarter's report for every admin and tell them.

    The notification's unique key is the claim: however often this runs, each admin gets one
    report per quarter. The job and the notification are written together or not at all.
    """
    from accounts.models import Role, User
    from notifications.services import notify

    from .rules import previous_quarter

    year, quarter = previous_quarter(today or timezone.localdate())
    sent = 0
    for admin in User.objects.filter(role=Role.ADMIN, is_active=True):
        with transaction.atomic():
            key = f"reports.quarterly:{year}Q{quarter}:{admin.pk}"
            job = ExportJob(
                requester=admin,
                exporter="quarterly",
                title=f"{year}年第{quarter}季度报告",
                params={"year": [str(year)], "quarter": [str(quarter)]},
            )
            note = notify(
                recipient=admin,
                key=key,
                title=f"{job.title}已生成",
                url=f"/reports/exports/{job.pk}/",
            )
            if note is None:
                continue
            job.save()
            transaction.on_commit(lambda pk=str(job.pk): _enqueue_job(pk))
            sent += 1
    return sent


def _enqueue_job(job_id: str) -> None:
    from .tasks import run_export_job

    run_export_job.delay(job_id)
