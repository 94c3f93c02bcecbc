"""The consultation expert pool of a county's standing committee (咨询专家库, 鹤城).

A pool (its target share of senior titles, its rules) holds experts appointed for a term. The pool
meets: a symposium once a year (座谈会) and a meeting each quarter (恳谈会). Experts are invited to
the committee's work (an engagement: a supervision item, a work evaluation, or other work), join
its activities (grassroots visits, inspections and research) and give opinions, each of which is
adopted or not. The yearly report adds these up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Jurisdiction
from core.validators import bounds, date_validators, percent_validators, phone_validator

from . import rules
from .querysets import (
    EngagementQuerySet,
    EngagementRecordQuerySet,
    ExpertQuerySet,
    MeetingQuerySet,
    OpinionQuerySet,
    PoolQuerySet,
)

User = settings.AUTH_USER_MODEL


def _county_fk(related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        Jurisdiction,
        verbose_name=_("县市区"),
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"level": Jurisdiction.Level.COUNTY},
    )


class Pool(models.Model):
    """A county's pool: its name, when it was set up, its rules and the senior share it aims at.
    Until the county saves one, the defaults apply (`selectors.pool_of`)."""

    county = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("县市区"),
        on_delete=models.CASCADE,
        related_name="expert_pool",
        limit_choices_to={"level": Jurisdiction.Level.COUNTY},
    )
    name = models.CharField(_("专家库名称"), max_length=128)
    established_on = models.DateField(
        _("组建日期"), validators=date_validators, null=True, blank=True
    )
    senior_target = models.PositiveSmallIntegerField(
        _("高级职称占比目标（%）"),
        default=rules.DEFAULT_SENIOR_TARGET,
        validators=percent_validators,
    )
    rules_title = models.CharField(_("管理办法"), max_length=128, blank=True)
    rules_adopted_on = models.DateField(
        _("管理办法出台日期"), validators=date_validators, null=True, blank=True
    )

    objects = PoolQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("专家库设置")
        verbose_name_plural = _("专家库设置")
        constraints = bounds(
            "experts_pool",
            dates=["established_on", "rules_adopted_on"],
            maxima={"senior_target": 100},
        )

    def __str__(self) -> str:
        return self.name


class Expert(models.Model):
    class TitleLevel(models.TextChoices):
        FULL_SENIOR = "full_senior", _("正高级")
        DEPUTY_SENIOR = "deputy_senior", _("副高级")
        INTERMEDIATE = "intermediate", _("中级")
        OTHER = "other", _("其他")

    county = _county_fk("experts")
    name = models.CharField(_("姓名"), max_length=32)
    field = models.CharField(_("专业领域"), max_length=64)
    title = models.CharField(_("职称"), max_length=64)
    title_level = models.CharField(_("职称级别"), max_length=16, choices=TitleLevel.choices)
    employer = models.CharField(_("工作单位"), max_length=128)
    term_start = models.DateField(_("聘期开始"), validators=date_validators)
    term_end = models.DateField(_("聘期结束"), validators=date_validators, null=True, blank=True)
    rules_document = models.CharField(_("签署的管理办法"), max_length=128, blank=True)
    rules_signed_on = models.DateField(
        _("签署日期"), validators=date_validators, null=True, blank=True
    )
    # The contact is the office's alone: never shown to deputies, never on a public page.
    phone = models.CharField(_("联系电话"), max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(_("电子邮箱"), blank=True)
    notes = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ExpertQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("咨询专家")
        verbose_name_plural = _("咨询专家")
        ordering = ["county__code", "name", "pk"]
        constraints = bounds(
            "experts_expert",
            dates=["term_start", "term_end", "rules_signed_on"],
            ordered=[("term_start", "term_end", _("聘期结束不能早于聘期开始。"))],
        )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("experts:expert_detail", args=[self.pk])

    @property
    def is_senior(self) -> bool:
        return rules.is_senior(self.title_level)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("年度座谈会")
        QUARTERLY = "quarterly", _("季度恳谈会")

    county = _county_fk()
    kind = models.CharField(_("会议类型"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("召开日期"), validators=date_validators)
    topic = models.CharField(_("主题"), max_length=200)
    place = models.CharField(_("地点"), max_length=128, blank=True)
    attendees = models.ManyToManyField(
        Expert, verbose_name=_("参会专家"), related_name="meetings", blank=True
    )
    minutes = models.TextField(_("会议纪要"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("专家库会议")
        verbose_name_plural = _("专家库会议")
        ordering = ["-held_on", "-pk"]
        constraints = bounds("experts_meeting", dates=["held_on"])

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class Engagement(models.Model):
    """A piece of the committee's work the pool is invited to.

    A kind with one optional foreign key per kind of work, not a generic relation: each link is
    a real key the database protects and the lists can join and scope through, and a later kind
    (budget review, once that app has its records) is one more nullable key and choice. Work
    that has no record in the portal yet is "other", named by its title."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("监督事项（视察、调研、执法检查）")
        EVALUATION = "evaluation", _("工作评议")
        OTHER = "other", _("其他工作")

    county = _county_fk()
    kind = models.CharField(_("工作类型"), max_length=16, choices=Kind.choices)
    item = models.ForeignKey(
        "supervision.Item",
        verbose_name=_("监督事项"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluation_round = models.ForeignKey(
        "evaluations.EvaluationRound",
        verbose_name=_("工作评议"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("工作名称"), max_length=200)
    started_on = models.DateField(_("开始日期"), validators=date_validators)
    description = models.TextField(_("说明"), blank=True)
    experts = models.ManyToManyField(
        Expert, verbose_name=_("邀请的专家"), related_name="engagements", blank=True
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = EngagementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[experts])

    class Meta:
        verbose_name = _("专家参与的工作")
        verbose_name_plural = _("专家参与的工作")
        ordering = ["-started_on", "-pk"]
        constraints = [
            *bounds("experts_engagement", dates=["started_on"]),
            models.CheckConstraint(
                condition=(
                    Q(kind="supervision", item__isnull=False, evaluation_round__isnull=True)
                    | Q(kind="evaluation", item__isnull=True, evaluation_round__isnull=False)
                    | Q(kind="other", item__isnull=True, evaluation_round__isnull=True)
                ),
                name="experts_engagement_link_matches_kind",
                violation_error_message=_("工作类型与关联的记录不一致。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experts:engagement_detail", args=[self.pk])


class Activity(models.Model):
    """An outing of the engagement that experts joined: a grassroots visit (走访), or an
    inspection or research of key work (视察调研). 鹤城 counts them apart: 40+ and 10+."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("基层走访")
        INSPECTION = "inspection", _("重点工作视察调研")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("工作"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("活动类型"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("日期"), validators=date_validators)
    place = models.CharField(_("地点"), max_length=128, blank=True)
    summary = models.TextField(_("情况"), blank=True)
    experts = models.ManyToManyField(
        Expert, verbose_name=_("参加的专家"), related_name="activities"
    )

    objects = EngagementRecordQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[experts])

    class Meta:
        verbose_name = _("专家活动")
        verbose_name_plural = _("专家活动")
        ordering = ["-held_on", "-pk"]
        constraints = bounds("experts_activity", dates=["held_on"])

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class Opinion(models.Model):
    """An opinion an expert gave. 鹤城 counts two kinds: professional opinions on the committee's
    work (专业意见, 60+) and decision references from inspections and research (决策参考意见, 30+)."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("专业意见")
        REFERENCE = "reference", _("决策参考意见")

    class Status(models.TextChoices):
        PENDING = "pending", _("待研究")
        ADOPTED = "adopted", _("已采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("工作"), on_delete=models.CASCADE, related_name="opinions"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="opinions"
    )
    kind = models.CharField(_("意见类型"), max_length=16, choices=Kind.choices)
    given_on = models.DateField(_("提出日期"), validators=date_validators)
    content = models.TextField(_("意见内容"))
    status = models.CharField(
        _("采纳情况"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_on = models.DateField(_("研究日期"), validators=date_validators, null=True, blank=True)
    decision_note = models.TextField(_("采纳或未采纳的说明"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = OpinionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("专家意见")
        verbose_name_plural = _("专家意见")
        ordering = ["-given_on", "-pk"]
        constraints = bounds(
            "experts_opinion",
            dates=["given_on", "decided_on"],
            ordered=[("given_on", "decided_on", _("研究日期不能早于提出日期。"))],
        )

    def __str__(self) -> str:
        return self.content[:40]
