from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.querysets import jurisdiction_scope
from core.validators import phone_validator


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    STAFF = "staff", _("工作人员")
    DEPUTY = "deputy", _("代表")
    LIAISON = "liaison", _("承办单位联络员")


# The heading of each role's home page.
HOME_TITLES = {
    Role.ADMIN: _("管理员首页"),
    Role.STAFF: _("工作人员首页"),
    Role.DEPUTY: _("代表首页"),
    Role.LIAISON: _("承办单位首页"),
}


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: Any) -> "UserQuerySet":
        scope = jurisdiction_scope(user)
        if scope is None:
            return self
        # A superuser stands above every jurisdiction, whatever theirs says: nobody else may see
        # or manage one, or they could reset its password and become it.
        return self.filter(scope, is_superuser=False)

    # Who is told about what (notifications, reports): the active users holding a role.
    def active_liaisons(self) -> "UserQuerySet":
        return self.filter(role=Role.LIAISON, is_active=True)

    def active_committee_staff(self) -> "UserQuerySet":
        return self.filter(role=Role.STAFF, is_active=True)

    def active_admins(self) -> "UserQuerySet":
        """Active accounts with the admin role (superusers without it are the platform's own)."""
        return self.filter(role=Role.ADMIN, is_active=True)

    def office(self) -> "UserQuerySet":
        """Members of the committee office (admins and staff), e.g. those who may count paper
        ballots as tellers (计票人)."""
        return self.filter(role__in=[Role.STAFF, Role.ADMIN])

    def deputies(self) -> "UserQuerySet":
        return self.filter(role=Role.DEPUTY)

    def count_by_role(self) -> list[tuple[str | Promise, int]]:
        """(role label, number of users) for every role, in the roles' order, zeros included."""
        counts = dict(self.values_list("role").annotate(n=Count("pk")).order_by())
        return [(label, counts.get(value, 0)) for value, label in Role.choices]


class PortalUserManager(UserManager["User"]):
    """Django's user manager (create_user, ...) over `UserQuerySet`."""

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def visible_to(self, user: Any) -> UserQuerySet:
        return self.get_queryset().visible_to(user)

    def active_liaisons(self) -> UserQuerySet:
        return self.get_queryset().active_liaisons()

    def active_committee_staff(self) -> UserQuerySet:
        return self.get_queryset().active_committee_staff()

    def active_admins(self) -> UserQuerySet:
        return self.get_queryset().active_admins()


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

    objects: ClassVar[PortalUserManager] = PortalUserManager()
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
        if not self.jurisdiction_id and self.unit is not None:
            self.jurisdiction_id = self.unit.jurisdiction_id
        super().save(*args, **kwargs)

    @property
    def home_title(self) -> str | Promise:
        return HOME_TITLES[Role.ADMIN if self.is_portal_admin else Role(self.role)]

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
