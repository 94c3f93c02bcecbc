from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.querysets import jurisdiction_scope
from core.validators import phone_validator


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    STAFF = "staff", _("工作人员")
    DEPUTY = "deputy", _("代表")
    LIAISON = "liaison", _("承办单位联络员")


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = jurisdiction_scope(user)
        if scope is None:
            return self
        # A superuser stands above every jurisdiction, whatever theirs says: nobody else may see
        # or manage one, or they could reset its password and become it.
        return self.filter(scope, is_superuser=False)


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A portal account: one role, scoped to one jurisdiction (and one unit for liaisons)."""

    full_name = models.CharField(_("姓名"), max_length=32, blank=True)
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.STAFF)
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction",
        verbose_name=_("所属行政区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("所属承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaisons",
        help_text=_("仅承办单位联络员需要填写。"),
    )
    phone = models.CharField(_("手机号码"), max_length=20, blank=True, validators=[phone_validator])

    objects = PortalUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # Admins manage records through the Django admin; nobody else gets into it.
        self.is_staff = self.is_superuser or self.role == Role.ADMIN
        if self.unit_id and not self.jurisdiction_id:
            self.jurisdiction_id = self.unit.jurisdiction_id
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_portal_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_committee_staff(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_deputy(self) -> bool:
        return self.role == Role.DEPUTY

    @property
    def is_liaison(self) -> bool:
        return self.role == Role.LIAISON
