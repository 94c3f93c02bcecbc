"""Legislative contact points (基层立法联系点) and the consultations they run on draft laws and
regulations for the upper body that set them up.

A contact point belongs to a county and to the body that set it up (全国人大常委会法工委, the
province's or the city's standing committee); it has collection points (信息采集点) and liaisons
(信息员) who gather opinions. A consultation puts one draft, split into its articles, to the public
for a window of days through channels (symposiums, text-message batches, a QR code to a phone form,
station visits). Suggestions come article by article from the public, symposiums and deputies;
staff read the public ones, merge duplicates, rewrite each into legal language, send them in one
report, and record the upper body's answer, which the author reads through their receipt.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction
from core.validators import bounds, count_validators, date_validators, phone_validator

from . import rules
from .querysets import (
    ConsultationQuerySet,
    ConsultationRecordQuerySet,
    ContactPointQuerySet,
    PointRecordQuerySet,
    SuggestionQuerySet,
)

User = settings.AUTH_USER_MODEL

MESSAGES_MAX = 1_000_000


class UpperBody(models.TextChoices):
    """Who set a point up, and whom its consultations answer to."""

    NPC = "npc", _("全国人大常委会法制工作委员会")
    PROVINCE = "province", _("湖南省人大常委会法制工作委员会")
    CITY = "city", _("怀化市人大常委会")
    COUNTY = "county", _("县人大常委会")


class ContactPoint(models.Model):
    county = models.ForeignKey(
        Jurisdiction, verbose_name=_("所属县市区"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("联系点名称"), max_length=128)
    set_up_by = models.CharField(_("设立机关"), max_length=16, choices=UpperBody.choices)
    set_up_on = models.DateField(_("设立日期"), validators=date_validators, null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    notes = models.TextField(_("说明"), blank=True)

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("基层立法联系点")
        verbose_name_plural = _("基层立法联系点")
        ordering = ["county__code", "name"]
        constraints = [
            *bounds("legislation_point", dates=["set_up_on"]),
            models.UniqueConstraint(fields=["county", "name"], name="legislation_point_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("legislation:point_detail", args=[self.pk])


class CollectionPoint(models.Model):
    point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("基层立法联系点"),
        on_delete=models.CASCADE,
        related_name="collection_points",
    )
    name = models.CharField(_("采集点名称"), max_length=128)
    place = models.CharField(_("所在地"), max_length=128, blank=True)

    objects = PointRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("信息采集点")
        verbose_name_plural = _("信息采集点")
        ordering = ["point", "name"]
        constraints = [
            models.UniqueConstraint(fields=["point", "name"], name="legislation_collection_name")
        ]

    def __str__(self) -> str:
        return self.name


class Informant(models.Model):
    """A liaison or information officer (立法联络员、信息员) of a point; the phone is for staff."""

    point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("基层立法联系点"),
        on_delete=models.CASCADE,
        related_name="informants",
    )
    collection_point = models.ForeignKey(
        CollectionPoint,
        verbose_name=_("信息采集点"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="informants",
    )
    name = models.CharField(_("姓名"), max_length=32)
    place = models.CharField(_("所在村（社区）或单位"), max_length=128, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True, validators=[phone_validator])

    objects = PointRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("信息员")
        verbose_name_plural = _("信息员")
        ordering = ["point", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    """One draft put to the public (立法意见征询) for the body that asked."""

    class Kind(models.TextChoices):
        LAW = "law", _("法律草案")
        REGULATION = "regulation", _("地方性法规草案")
        RULE = "rule", _("规章或规范性文件草案")

    point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("基层立法联系点"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("草案名称"), max_length=200)
    kind = models.CharField(_("草案类别"), max_length=16, choices=Kind.choices)
    asked_by = models.CharField(_("征询机关"), max_length=16, choices=UpperBody.choices)
    opens_on = models.DateField(_("征询开始日期"), validators=date_validators)
    closes_on = models.DateField(_("征询截止日期"), validators=date_validators)
    summary = models.TextField(_("征询说明"), blank=True)
    preamble = models.TextField(_("草案标题及说明"), blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("立法意见征询")
        verbose_name_plural = _("立法意见征询")
        ordering = ["-opens_on", "-pk"]
        constraints = bounds(
            "legislation_consultation",
            dates=["opens_on", "closes_on"],
            ordered=[("opens_on", "closes_on", _("截止日期不能早于开始日期。"))],
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legislation:consultation_detail", args=[self.pk])

    def is_open_on(self, today: dt.date) -> bool:
        return rules.is_open(self.opens_on, self.closes_on, today)


class Article(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("立法意见征询"),
        on_delete=models.CASCADE,
        related_name="articles",
    )
    number = models.PositiveIntegerField(_("条序"))
    label = models.CharField(_("条号"), max_length=16)
    chapter = models.CharField(_("章节"), max_length=200, blank=True)
    text = models.TextField(_("条文"))

    objects = ConsultationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("草案条文")
        verbose_name_plural = _("草案条文")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="legislation_article_number"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Channel(models.Model):
    """How the consultation reached people (征询渠道)."""

    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("征询座谈会")
        SMS = "sms", _("意见征集短信")
        QR = "qr", _("立法信息采集码")
        VISIT = "visit", _("进站走访")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("立法意见征询"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    kind = models.CharField(_("征询方式"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("日期"), validators=date_validators, null=True, blank=True)
    place = models.CharField(_("地点"), max_length=128, blank=True)
    attendees = models.PositiveIntegerField(
        _("参加人数"), null=True, blank=True, validators=count_validators(10_000)
    )
    messages_sent = models.PositiveIntegerField(
        _("短信条数"), null=True, blank=True, validators=count_validators(MESSAGES_MAX)
    )
    notes = models.CharField(_("说明"), max_length=200, blank=True)

    objects = ConsultationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("征询渠道")
        verbose_name_plural = _("征询渠道")
        ordering = ["consultation", "held_on", "pk"]
        constraints = bounds(
            "legislation_channel",
            dates=["held_on"],
            maxima={"attendees": 10_000, "messages_sent": MESSAGES_MAX},
        )

    def __str__(self) -> str:
        when = f"{self.held_on:%Y-%m-%d} " if self.held_on else ""
        return f"{when}{self.get_kind_display()}{self.place and ' ' + self.place}"


class Disposition(models.TextChoices):
    ADOPTED = rules.Disposition.ADOPTED, _("采纳")
    PARTLY = rules.Disposition.PARTLY, _("部分采纳")
    NOT_ADOPTED = rules.Disposition.NOT_ADOPTED, _("未采纳")
    REFERRED = rules.Disposition.REFERRED, _("转有关方面研究")


class Suggestion(models.Model):
    """A suggestion on one article (or on the whole draft, without one)."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("群众网上提交")
        SYMPOSIUM = "symposium", _("座谈会")
        DEPUTY = "deputy", _("人大代表")
        INFORMANT = "informant", _("信息员收集")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACCEPTED = "accepted", _("已受理")
        REJECTED = "rejected", _("不予受理")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("立法意见征询"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("条款"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    channel = models.ForeignKey(
        Channel,
        verbose_name=_("征询渠道"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    author_name = models.CharField(_("姓名"), max_length=32, blank=True)
    author_phone = models.CharField(
        _("联系电话"), max_length=32, blank=True, validators=[phone_validator]
    )
    submitted_by = models.ForeignKey(
        User,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    content = models.TextField(_("意见原文"))
    moderation = models.CharField(
        _("审核"), max_length=16, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_note = models.CharField(_("不予受理理由"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并到"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    # The rewrite into legal language, as the report to the upper body carries it.
    suggested_text = models.TextField(_("修改建议"), blank=True)
    reason = models.TextField(_("理由"), blank=True)
    sent_on = models.DateField(_("报送日期"), validators=date_validators, null=True, blank=True)
    disposition = models.CharField(
        _("采纳情况"), max_length=16, choices=Disposition.choices, blank=True
    )
    disposition_note = models.TextField(_("反馈说明"), blank=True)
    answered_on = models.DateField(_("反馈日期"), validators=date_validators, null=True, blank=True)
    receipt_number = models.CharField(_("回执编号"), max_length=20, unique=True, editable=False)
    # A keyed hash of the check code given with the receipt; the code itself is never stored.
    check_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The hourly limit's keyed client hash (core/throttle.py), wiped after the window.
    client_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("立法建议")
        verbose_name_plural = _("立法建议")
        ordering = ["consultation", "article__number", "pk"]
        constraints = bounds(
            "legislation_suggestion",
            dates=["sent_on", "answered_on"],
            ordered=[("sent_on", "answered_on", _("反馈日期不能早于报送日期。"))],
        )

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self) -> str:
        return reverse("legislation:suggestion_detail", args=[self.pk])

    @property
    def kept(self) -> "Suggestion":
        """The suggestion whose rewrite, sending and answer stand for this one."""
        return self.merged_into if self.merged_into is not None else self

    @property
    def article_label(self) -> str:
        return self.article.label if self.article is not None else str(_("草案整体"))
