"""Background jobs: Excel exports built and Excel imports parsed by the worker, one user each.

Both kinds share the lifecycle of `Job`: pending → running → done or failed. A running job's
`heartbeat_at` is refreshed every few seconds by the process doing the work; a job whose heartbeat
stops (the worker was killed) is put back in the queue or failed by `reports.services.jobs_reap`,
which also queues again a job left pending because its message was lost.
"""

import datetime as dt
import uuid
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def silent_since(since: dt.datetime) -> models.Q:
    """Running jobs not heard from since `since`: the one rule of "stale", for the reaper's query
    and the claim's conditional UPDATE alike.

    A job with no heartbeat yet counts from its start: jobs left running by the code before
    heartbeats (migration 0002 added the column empty) would otherwise never count as stale.
    """
    return models.Q(status=Job.Status.RUNNING) & (
        models.Q(heartbeat_at__lt=since) | models.Q(heartbeat_at__isnull=True, started_at__lt=since)
    )


class JobQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Self:
        """A job holds the requester's view of the data, or their upload: only they may see it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(requester=user)

    def expired(self, now: dt.datetime) -> Self:
        return self.filter(expires_at__lte=now)

    def stale(self, since: dt.datetime) -> Self:
        """Running jobs whose worker has not been heard from since `since`."""
        return self.filter(silent_since(since))

    def unclaimed(self, since: dt.datetime) -> Self:
        """Jobs queued before `since` that no worker has claimed."""
        return self.filter(status=Job.Status.PENDING, queued_at__lt=since)


class Job(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    title = models.CharField(_("名称"), max_length=128)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    # Claims so far; the reaper fails a job instead of re-queuing it after MAX_ATTEMPTS.
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误信息"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # When the job's task was last handed to the queue (or the outbox); see jobs_reap.
    queued_at = models.DateTimeField(_("入队时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        raise NotImplementedError  # each kind of job has its own page

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ExportJob(Job):
    """One Excel export built in the background for one user."""

    exporter = models.CharField(_("导出类型"), max_length=64)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    file = models.FileField(_("文件"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        indexes = [
            models.Index(fields=["expires_at"]),
            models.Index(fields=["requester", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"], name="exportjob_status_heartbeat"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("reports:job_detail", args=[self.pk])


class ImportJob(Job):
    """One uploaded workbook, checked and imported whole or not at all by the worker.

    The upload is kept under MEDIA_ROOT (never served) until the run ends, then deleted; the
    outcome stays: counts when it was imported, every row error when it was refused.
    """

    importer = models.CharField(_("导入类型"), max_length=64)
    upload = models.FileField(_("上传文件"), upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    # The first MAX_ROW_ERRORS messages are kept; error_count says how many there were.
    row_errors = models.JSONField(_("逐行错误"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        indexes = [
            models.Index(fields=["requester", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"], name="importjob_status_heartbeat"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("reports:import_job_detail", args=[self.pk])

    def get_upload_url(self) -> str:
        """The page the file was uploaded on, to upload another."""
        from core.exchange.importers import registry

        page = getattr(registry.get(self.importer), "upload_page", None)
        return reverse(page) if page else reverse("reports:import_upload", args=[self.importer])
