from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import JurisdictionQuerySet, UnitQuerySet
from .validators import phone_validator

division_code_validator = RegexValidator(
    r"^\d{6}(\d{3})?$", _("行政区划代码应为6位（市、县级）或9位（乡镇、街道）数字。")
)


class Jurisdiction(models.Model):
    """A node of the administrative tree: municipality → county-level → township."""

    class Level(models.TextChoices):
        MUNICIPAL = "municipal", _("市级")
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡镇级")

    # The level a node's parent must have; municipalities are roots.
    PARENT_LEVEL: dict[str, str] = {Level.COUNTY: Level.MUNICIPAL, Level.TOWNSHIP: Level.COUNTY}

    name = models.CharField(_("名称"), max_length=64)
    code = models.CharField(
        _("行政区划代码"), max_length=9, unique=True, validators=[division_code_validator]
    )
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # 洪江区 has a working committee (人大工委) instead of a standing committee.
    congress_body = models.CharField(_("人大机构名称"), max_length=64, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:jurisdiction_detail", args=[self.pk])

    def clean(self) -> None:
        expected = self.PARENT_LEVEL.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("市级行政区划不应有上级。")})
        if expected is not None and (self.parent is None or self.parent.level != expected):
            raise ValidationError({"parent": _("上级行政区划的层级不正确。")})

    @property
    def county(self) -> "Jurisdiction | None":
        """The county-level jurisdiction this node is, or belongs to."""
        if self.level == self.Level.COUNTY:
            return self
        if self.level == self.Level.TOWNSHIP:
            return self.parent
        return None


class Unit(models.Model):
    """A handling unit (承办单位) that answers suggestions, rectifies findings, runs projects."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("政府及其工作部门")
        SUPERVISION = "supervision", _("监察委员会")
        COURT = "court", _("人民法院")
        PROCURATORATE = "procuratorate", _("人民检察院")
        TOWNSHIP = "township", _("乡镇人民政府（街道办事处）")
        OTHER = "other", _("其他单位")

    name = models.CharField(_("单位名称"), max_length=128)
    kind = models.CharField(_("单位类型"), max_length=16, choices=Kind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("所属行政区划"), on_delete=models.PROTECT, related_name="units"
    )
    contact_person = models.CharField(_("联系人"), max_length=32, blank=True)
    contact_phone = models.CharField(
        _("联系电话"), max_length=32, blank=True, validators=[phone_validator]
    )
    is_active = models.BooleanField(_("在用"), default=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        ordering = ["jurisdiction__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "name"], name="unit_unique_name_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:unit_detail", args=[self.pk])


class OutboxMessage(models.Model):
    """A Celery task that could not be handed to the broker, kept until it can (core.outbox)."""

    task = models.CharField(_("任务"), max_length=200)
    args = models.JSONField(_("参数"), default=list)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("发送次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("待发送任务")
        verbose_name_plural = _("待发送任务")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.task
