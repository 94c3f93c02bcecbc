from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.querysets import ScopedQuerySet

from .rules import DEFAULT_OFFSETS, parse_offsets


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message in a user's inbox. Its `key` is the claim that makes sending happen once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(_("唯一标识"), max_length=200, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    digested_at = models.DateTimeField(_("已汇总发送"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", args=[self.pk])


class Delivery(models.Model):
    """A notification sent out through one external channel (email or SMS)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("邮件")
        SMS = "sms", _("短信")

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("外发记录")
        verbose_name_plural = _("外发记录")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.notification}"


class Preference(models.Model):
    """How a user wants to be told, beyond the inbox that everyone has."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("邮件提醒"), default=True)
    sms = models.BooleanField(_("短信提醒"), default=False)
    daily_digest = models.BooleanField(
        _("每日汇总"), default=False, help_text=_("不逐条发送邮件，每天早上汇总发送一封。")
    )

    class Meta:
        verbose_name = _("提醒偏好")
        verbose_name_plural = _("提醒偏好")

    def __str__(self) -> str:
        return str(self.user)


class ReminderPolicy(models.Model):
    """A county's reminder offsets: how many days before a deadline people are reminded."""

    jurisdiction = models.OneToOneField(
        "core.Jurisdiction",
        verbose_name=_("行政区划"),
        on_delete=models.CASCADE,
        related_name="reminder_policy",
    )
    offsets = models.CharField(
        _("提前提醒天数"),
        max_length=32,
        default=",".join(map(str, DEFAULT_OFFSETS)),
        help_text=_("逗号分隔，例如 7,1 表示截止前7天和前1天各提醒一次。"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("提醒设置")
        verbose_name_plural = _("提醒设置")

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.offsets}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            parse_offsets(self.offsets)
        except ValueError as exc:
            raise ValidationError({"offsets": str(exc)}) from None

    @property
    def offset_days(self) -> tuple[int, ...]:
        return parse_offsets(self.offsets)
