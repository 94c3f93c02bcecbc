"""Writes for background jobs (exports and imports): create, run (claimed once), reap, expire.

A job is started through `core.outbox.enqueue`, so a broker outage leaves it queued, not lost.
The worker claims it with a conditional UPDATE, and while it works a `Heartbeat` thread stamps
`heartbeat_at` (and the progress) every HEARTBEAT_EVERY seconds. If the worker dies mid-job the
stamps stop; `jobs_reap`, run by beat every minute, puts a job silent for STALE_AFTER back in the
queue, up to MAX_ATTEMPTS claims, and then fails it with a message the user can act on; it also
sends again the task of a job left pending for LOST_AFTER. A redelivered task finds the job
running with a fresh heartbeat and leaves it alone. A worker that froze past STALE_AFTER may wake
up after its job was claimed again; every write it makes is conditional on the attempt number its
claim returned, so it finishes without touching the job, its file or its upload.
"""

import datetime as dt
import logging
import tempfile
import threading
import uuid
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import DatabaseError, connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import outbox
from core.exchange import importers
from core.exchange.exporters import get_exporter
from notifications.models import Notification
from notifications.services import notice_send, notify

from .models import ExportJob, ImportJob, Job, silent_since
from .rules import previous_quarter

logger = logging.getLogger(__name__)

# How long a finished file stays downloadable.
EXPORT_RETENTION = dt.timedelta(days=7)
# A running job stamps its heartbeat this often, from a thread of its own, whatever the work does.
HEARTBEAT_EVERY = 2.0
# A running job not heard from for this long lost its worker. Many heartbeats long, so a busy
# database or a paused worker does not look dead; short, so the user has an answer in minutes.
STALE_AFTER = dt.timedelta(minutes=2)
# Claims before a job that keeps losing its worker is failed instead of queued again.
MAX_ATTEMPTS = 3
# A job queued this long ago and never claimed has probably lost its message; it is sent again.
LOST_AFTER = dt.timedelta(minutes=10)
MAX_ROW_ERRORS = 500

# A job's primary key, as the task message carries it or as the model holds it.
JobId = uuid.UUID | str
AnyJob = TypeVar("AnyJob", bound=Job)


class UnknownExporter(Exception):
    pass


class UnknownImporter(Exception):
    pass


# --- shared machinery ---------------------------------------------------------------------------
def job_claim(model: type[Job], *, job_id: JobId, now: dt.datetime | None = None) -> int | None:
    """Mark the job running if nobody is on it; the attempt number when this caller got it.

    A running job can be taken over only once its heartbeat is stale, never by its age: a long
    export that is still beating keeps its worker. The attempt number is the claim: the worker
    passes it to every later write (`_mine`), so a worker that froze past STALE_AFTER and woke
    up after its job was claimed again writes nothing.
    """
    now = now or timezone.now()
    claimable = Q(status=Job.Status.PENDING) | (
        silent_since(now - STALE_AFTER) & Q(attempts__lt=MAX_ATTEMPTS)
    )
    attempts = model.objects.filter(claimable, pk=job_id).values_list("attempts", flat=True).first()
    if attempts is None:
        return None
    # Conditional on the count just read, so of two claims racing only one gets this number.
    claimed = model.objects.filter(claimable, pk=job_id, attempts=attempts).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        progress=0,
        attempts=attempts + 1,
    )
    return attempts + 1 if claimed else None


def _mine(model: type[AnyJob], job_id: JobId, attempt: int) -> QuerySet[AnyJob]:
    """The job, as long as it is still running under the claim that returned `attempt`."""
    return model.objects.filter(pk=job_id, status=Job.Status.RUNNING, attempts=attempt)


class Heartbeat:
    """Stamps a running job's heartbeat and progress from a thread with its own connection.

    The work's own connection may be inside a long transaction (an import writes every row in
    one), where a stamp would stay invisible to the reaper until commit; so the work only hands
    its percent to this object, and the thread writes it.
    """

    def __init__(
        self, model: type[Job], job_id: JobId, attempt: int, every: float = HEARTBEAT_EVERY
    ) -> None:
        self.model, self.job_id, self.attempt, self.every = model, job_id, attempt, every
        self.percent: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"heartbeat-{job_id}")

    def progress(self, percent: int) -> None:
        self.percent = percent

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                self._beat()
        finally:
            connections.close_all()  # this thread's connections only

    def _beat(self) -> None:
        fields: dict[str, Any] = {"heartbeat_at": timezone.now()}
        if self.percent is not None:
            fields["progress"] = min(99, self.percent)
        try:
            # A worker whose job was claimed again stops stamping: the new worker's beats count.
            _mine(self.model, self.job_id, self.attempt).update(**fields)
        except DatabaseError as exc:  # a locked SQLite file or a blip: the next beat tries again
            logger.warning("heartbeat of job %s not written: %s", self.job_id, exc)


def jobs_reap(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Re-queue or fail running jobs whose worker went silent, and send again the task of a job
    nobody claimed for LOST_AFTER (a broker restarted without its data loses queued messages).
    Returns the counts."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    for model in (ExportJob, ImportJob):
        for job in model.objects.stale(now - STALE_AFTER):
            # Conditional on the heartbeat just read: a worker that wakes up in between keeps it.
            same = model.objects.filter(
                pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at
            )
            if job.attempts < MAX_ATTEMPTS:
                if same.update(status=Job.Status.PENDING, progress=0, queued_at=now):
                    _enqueue(job)
                    counts["requeued"] += 1
            elif same.update(status=Job.Status.FAILED, error=_interrupted(job), finished_at=now):
                if isinstance(job, ImportJob) and job.upload:
                    job.upload.delete(save=False)
                _requester_notify(model, job.pk)
                counts["failed"] += 1
        for job in model.objects.unclaimed(now - LOST_AFTER):
            # A second message for a job still in a long queue is harmless: the claim drops it.
            same = model.objects.filter(
                pk=job.pk, status=Job.Status.PENDING, queued_at=job.queued_at
            )
            if same.update(queued_at=now):
                _enqueue(job)
                counts["resent"] += 1
    return counts


def _interrupted(job: Job) -> str:
    if isinstance(job, ImportJob):
        return _("导入过程多次中断，文件未导入，请重新上传。")
    return _("生成过程多次中断，请重新提交。")


def _enqueue(job: Job) -> None:
    from .tasks import run_export_job, run_import_job

    task = run_import_job if isinstance(job, ImportJob) else run_export_job
    outbox.enqueue(task, str(job.pk))


# --- exports ------------------------------------------------------------------------------------
def export_job_create(*, exporter: str, params: dict[str, Any], by: User) -> ExportJob:
    exporter_class = get_exporter(exporter)
    if exporter_class is None:
        raise UnknownExporter(exporter)
    if not exporter_class.allowed_for(by):
        raise PermissionDenied
    with transaction.atomic():
        job = ExportJob.objects.create(
            requester=by, exporter=exporter, title=str(exporter_class.verbose_name), params=params
        )
        _enqueue(job)
    return job


def export_job_claim(*, job_id: JobId, now: dt.datetime | None = None) -> int | None:
    return job_claim(ExportJob, job_id=job_id, now=now)


def export_job_run(*, job_id: JobId) -> None:
    """Build the job's workbook. Safe to call twice: only the caller that claims the job works."""
    attempt = export_job_claim(job_id=job_id)
    if attempt is None:
        return
    job = ExportJob.objects.select_related("requester").get(pk=job_id)
    try:
        exporter_class = get_exporter(job.exporter)
        if exporter_class is None:
            raise UnknownExporter(job.exporter)
        exporter = exporter_class(user=job.requester, params=job.params)
        # The workbook is built in a temporary file and attached only when complete, so a worker
        # that dies mid-way never leaves a half file behind a download link.
        with tempfile.TemporaryFile() as buffer:
            with Heartbeat(ExportJob, job.pk, attempt) as heartbeat:
                rows = exporter.write(buffer, heartbeat.progress)
            buffer.seek(0)
            job.file.save(f"{job.pk}.xlsx", File(buffer), save=False)
    except Exception:
        logger.exception("export job %s failed", job_id)
        _fail(ExportJob, job_id, attempt, _("导出失败，请稍后重试或联系管理员。"))
        _requester_notify(ExportJob, job_id)
        return
    now = timezone.now()
    finished = _mine(ExportJob, job_id, attempt).update(
        rows=rows,
        filename=exporter.filename(),
        status=Job.Status.DONE,
        progress=100,
        file=job.file.name,
        finished_at=now,
        expires_at=now + EXPORT_RETENTION,
    )
    if not finished:  # the job was claimed again meanwhile: its file is the other worker's
        job.file.delete(save=False)
    _requester_notify(ExportJob, job_id)


FINISHED_TITLES = {
    (ExportJob, Job.Status.DONE): gettext_noop("导出已完成：%(title)s"),
    (ExportJob, Job.Status.FAILED): gettext_noop("导出失败：%(title)s"),
    # An import's title already says what it is: "导入审计问题清单".
    (ImportJob, Job.Status.DONE): gettext_noop("%(title)s已完成"),
    (ImportJob, Job.Status.FAILED): gettext_noop("%(title)s未成功"),
}
FINISHED_BODIES = {
    (ExportJob, Job.Status.DONE): gettext_noop("共 %(rows)s 行，请在 %(days)s 天内下载。"),
    (ExportJob, Job.Status.FAILED): gettext_noop("请打开任务页查看原因。"),
    (ImportJob, Job.Status.DONE): gettext_noop("新增 %(created)s 条，更新 %(updated)s 条。"),
    (ImportJob, Job.Status.FAILED): gettext_noop("文件未导入，请打开任务页查看原因。"),
}


def _requester_notify(model: type[Job], job_id: JobId) -> None:
    """Tell the requester their job has finished: a long one outlasts the page they left."""
    job = model.objects.select_related("requester").get(pk=job_id)
    outcome = (model, job.status)
    if outcome not in FINISHED_TITLES:
        return
    url = job.get_absolute_url()
    # A job announced when it was queued (the quarterly report) is not announced twice.
    if Notification.objects.filter(recipient=job.requester, url=url).exists():
        return
    notice_send(
        event=f"reports.{model._meta.model_name}.finished",
        about=str(job.pk),
        title=FINISHED_TITLES[outcome],
        body=FINISHED_BODIES[outcome],
        params={
            "title": job.title,
            "rows": getattr(job, "rows", 0),
            "days": EXPORT_RETENTION.days,
            "created": getattr(job, "created", 0),
            "updated": getattr(job, "updated", 0),
        },
        url=url,
        users=[job.requester],
    )


def _fail(model: type[Job], job_id: JobId, attempt: int, message: str) -> bool:
    """Fail the job if this worker still holds it; True when it did."""
    return bool(
        _mine(model, job_id, attempt).update(
            status=Job.Status.FAILED, error=message, finished_at=timezone.now()
        )
    )


def export_jobs_purge(*, now: dt.datetime | None = None) -> int:
    """Delete expired jobs and their files; returns how many were removed."""
    now = now or timezone.now()
    removed = 0
    for job in ExportJob.objects.expired(now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed


# --- imports ------------------------------------------------------------------------------------
def import_job_create(
    *, importer: str, upload: "File[Any]", params: dict[str, Any] | None = None, by: User
) -> ImportJob:
    """Keep the upload and queue its import; the web process never opens the workbook.

    `params` are keyword arguments for the importer besides the user (JSON values).
    """
    importer_class = importers.registry.get(importer)
    if importer_class is None:
        raise UnknownImporter(importer)
    if not importer_class.allowed_for(by):
        raise PermissionDenied
    job = ImportJob(
        requester=by,
        importer=importer,
        params=params or {},
        title=_("导入%(name)s") % {"name": importer_class.verbose_name},
        filename=(upload.name or "")[:255],
    )
    job.upload.save(f"{job.pk}.xlsx", upload, save=False)
    with transaction.atomic():
        job.save(force_insert=True)
        _enqueue(job)
    return job


def import_job_run(*, job_id: JobId) -> None:
    """Check and import the uploaded workbook, whole or not at all; then delete the upload."""
    attempt = job_claim(ImportJob, job_id=job_id)
    if attempt is None:
        return
    job = ImportJob.objects.select_related("requester").get(pk=job_id)
    try:
        importer_class = importers.registry.get(job.importer)
        if importer_class is None:
            raise UnknownImporter(job.importer)
        importer = importer_class(user=job.requester, **job.params)
        with Heartbeat(ImportJob, job.pk, attempt) as heartbeat, job.upload.open("rb") as upload:
            outcome = importer.run(upload, progress=heartbeat.progress)
    except Exception:
        logger.exception("import job %s failed", job_id)
        finished = _fail(
            ImportJob, job_id, attempt, _("导入失败，文件未导入，请稍后重试或联系管理员。")
        )
    else:
        finished = _record_outcome(job, attempt, outcome)
    # Only the worker that wrote the outcome removes the upload: after a second claim the file
    # belongs to the worker now reading it (and a worker stopped mid-way leaves it for the retry).
    if finished and job.upload:
        job.upload.delete(save=False)
        ImportJob.objects.filter(pk=job_id).update(upload="")
    _requester_notify(ImportJob, job_id)


def _record_outcome(job: ImportJob, attempt: int, outcome: importers.ImportOutcome) -> bool:
    """Write the outcome if this worker still holds the job; True when it did."""
    updated = _mine(ImportJob, job.pk, attempt).update(
        status=Job.Status.DONE if outcome.ok else Job.Status.FAILED,
        progress=100,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        row_errors=[str(error) for error in outcome.errors[:MAX_ROW_ERRORS]],
        error_count=len(outcome.errors),
        finished_at=timezone.now(),
    )
    return bool(updated)


# --- the quarterly report -----------------------------------------------------------------------
def quarterly_reports_send(*, today: dt.date | None = None) -> int:
    """At a quarter's start, build last quarter's report for every admin and tell them.

    The notification's unique key is the claim: however often this runs, each admin gets one
    report per quarter. The job and the notification are written together or not at all.
    """
    year, quarter = previous_quarter(today or timezone.localdate())
    sent = 0
    for admin in User.objects.active_admins():
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
            _enqueue(job)
            sent += 1
    return sent
