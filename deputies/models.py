"""Deputies, their liaison stations and what they do there between congress sessions.

Every record belongs to a county-level jurisdiction (`county`, directly or through its station), which
is what `visible_to(user)` scopes on; the township, where there is one, is kept beside it.
"""

import uuid
from typing import Any, cast

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import PEOPLE_MAX, bounds, date_validators, people_validators

from .querysets import (
    ActivityQuerySet,
    CampaignQuerySet,
    ContactVisitQuerySet,
    DeputyQuerySet,
    OpinionQuerySet,
    StationQuerySet,
    SuggestionQuerySet,
    VisitQuerySet,
)

mobile_validator = RegexValidator(
    r"^1[3-9]\d{9}$", _("手机号码应为11位中国大陆手机号，以1开头，如 13812345678。")
)

COUNTY = "core.Jurisdiction"


def photo_path(instance: models.Model, filename: str) -> str:
    # The stored name is random and new with every upload: the public URL never reveals it, and
    # a cached copy of a replaced photo is never taken for the new one.
    return f"deputies/photos/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.jpg"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class CountySetting(models.Model):
    """Per-county rules of deputy work that the county's standing committee decides itself."""

    county = models.OneToOneField(
        COUNTY, verbose_name=_("县市区"), on_delete=models.CASCADE, related_name="deputy_setting"
    )
    micro_suggestion_days = models.PositiveSmallIntegerField(
        _("微建议办理时限（天）"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    # The weights of the performance record's score (代表履职档案积分), points per item of the
    # year; the county's standing committee sets its own. The defaults weigh what takes a deputy
    # most work most: a suggestion 3, a visit to a station or an activity 2, an opinion that
    # got its answer (on the spot or from the unit), a contact visit and a poll voted in 1.
    points_per_visit = models.PositiveSmallIntegerField(
        _("每次进站履职积分"), default=2, validators=[MaxValueValidator(100)]
    )
    points_per_opinion_answered = models.PositiveSmallIntegerField(
        _("每条意见得到答复积分"), default=1, validators=[MaxValueValidator(100)]
    )
    points_per_suggestion = models.PositiveSmallIntegerField(
        _("每件建议（含微建议）积分"), default=3, validators=[MaxValueValidator(100)]
    )
    points_per_activity = models.PositiveSmallIntegerField(
        _("每次参加活动积分"), default=2, validators=[MaxValueValidator(100)]
    )
    points_per_contact_visit = models.PositiveSmallIntegerField(
        _("每次三联系三走访积分"), default=1, validators=[MaxValueValidator(100)]
    )
    points_per_poll = models.PositiveSmallIntegerField(
        _("每次参加投票积分"), default=1, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("代表工作设置")
        verbose_name_plural = _("代表工作设置")

    def __str__(self) -> str:
        return str(self.county)


class Deputy(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("全国人大代表")
        PROVINCIAL = "provincial", _("省人大代表")
        MUNICIPAL = "municipal", _("市人大代表")
        COUNTY = "county", _("县人大代表")
        TOWNSHIP = "township", _("乡镇人大代表")

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    name = models.CharField(_("姓名"), max_length=32)
    level = models.CharField(_("代表层级"), max_length=16, choices=Level.choices)
    delegation = models.CharField(_("所在代表团"), max_length=64, blank=True)
    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        COUNTY,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=16, default="汉族")
    occupation = models.CharField(_("职业（工作单位及职务）"), max_length=128, blank=True)
    phone = models.CharField(
        _("手机号码"), max_length=11, blank=True, validators=[mobile_validator]
    )
    is_standing_committee_member = models.BooleanField(_("常委会组成人员"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账户"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_profile",
    )
    is_active = models.BooleanField(_("在任"), default=True)
    # Checked, shrunk and re-encoded by `services.deputy_photo_set`, never set by a model form
    # (not even the admin's, which would store an upload as it came); shown on the public pages
    # only when the county chose to publish it (names and photos "as the county chooses").
    photo = models.FileField(
        _("照片"), upload_to=photo_path, max_length=200, blank=True, editable=False
    )
    photo_public = models.BooleanField(_("公开照片"), default=False)

    objects = DeputyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("人大代表")
        verbose_name_plural = _("人大代表")
        ordering = ["county__code", "name", "pk"]
        indexes = [models.Index(fields=["county", "level"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deputies:deputy_detail", args=[self.pk])


class Station(models.Model):
    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡镇（街道）代表联络站")
        INDUSTRY_CHAIN = "industry_chain", _("产业链代表联络站")
        INTER_PROVINCIAL = "inter_provincial", _("省际人大代表联络站")
        LEGISLATIVE = "legislative", _("联络站与基层立法联系点融合站")

    name = models.CharField(_("站名"), max_length=64)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        COUNTY,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partner_region = models.CharField(
        _("共建省份/县"),
        max_length=64,
        blank=True,
        help_text=_("省际联络站填写，如 贵州省天柱县。"),
    )
    address = models.CharField(_("地址"), max_length=128, blank=True)
    reception_hours = models.CharField(_("接待时间"), max_length=64, blank=True)
    deputies = models.ManyToManyField(
        Deputy, through="StationMembership", related_name="stations", verbose_name=_("进站代表")
    )
    is_active = models.BooleanField(_("在用"), default=True)
    # The online front (线上阵地): the station's public page, its QR code and its opinion form
    # exist only once the county's staff put it online.
    is_public = models.BooleanField(_("公开上线"), default=False)
    # Set only by `services.station_photo_set`, as for deputies.
    photo = models.FileField(
        _("照片"), upload_to=photo_path, max_length=200, blank=True, editable=False
    )

    objects = StationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("代表联络站")
        verbose_name_plural = _("代表联络站")
        ordering = ["county__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="station_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deputies:station_detail", args=[self.pk])

    @property
    def is_inter_provincial(self) -> bool:
        return self.kind == self.Kind.INTER_PROVINCIAL


class StationMembership(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("站长")
        MEMBER = "member", _("成员")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="memberships")
    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("站内职务"), max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("进站代表")
        verbose_name_plural = _("进站代表")
        constraints = [
            models.UniqueConstraint(fields=["station", "deputy"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.deputy}"


class StationPost(models.Model):
    """站点信息: notices and news a station publishes."""

    station = models.ForeignKey(
        Station, verbose_name=_("联络站"), on_delete=models.CASCADE, related_name="posts"
    )
    title = models.CharField(_("标题"), max_length=128)
    body = models.TextField(_("内容"), blank=True)
    published_on = models.DateField(_("发布日期"), validators=date_validators)
    is_public = models.BooleanField(_("在公开页面显示"), default=False)

    class Meta:
        verbose_name = _("站点信息")
        verbose_name_plural = _("站点信息")
        ordering = ["-published_on", "-pk"]
        constraints = bounds("station_post", dates=["published_on"])

    def __str__(self) -> str:
        return self.title


class Campaign(models.Model):
    """专项活动 (辰溪's 法治护绿, 法治护安): opinions and activities tagged with it are summed."""

    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=64)
    starts_on = models.DateField(_("开始日期"), validators=date_validators)
    ends_on = models.DateField(_("结束日期"), validators=date_validators)
    description = models.TextField(_("说明"), blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("专项活动")
        verbose_name_plural = _("专项活动")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="campaign_unique_name"),
            *bounds(
                "campaign",
                dates=["starts_on", "ends_on"],
                ordered=[("starts_on", "ends_on", _("结束日期不能早于开始日期。"))],
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deputies:campaign_detail", args=[self.pk])


class PartnerDeputy(models.Model):
    """A deputy of the partner region at an inter-provincial station (新晃 with Guizhou): recorded
    at the station, with no account in the county and no place on its roster."""

    station = models.ForeignKey(
        Station, verbose_name=_("联络站"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("姓名"), max_length=32)
    region = models.CharField(_("所在省份/县"), max_length=64)
    title = models.CharField(_("代表层级及职务"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("省外代表")
        verbose_name_plural = _("省外代表")
        ordering = ["station", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["station", "name"], name="partner_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.region}）"


class Visit(models.Model):
    """进站履职: one deputy's duty visit to a station."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("接待群众")
        HOUSEHOLD = "household", _("走访群众")
        RESEARCH = "research", _("调研视察")
        MEDIATION = "mediation", _("调解矛盾")
        PUBLICITY = "publicity", _("政策宣讲")
        OTHER = "other", _("其他")

    station = models.ForeignKey(
        Station, verbose_name=_("联络站"), on_delete=models.PROTECT, related_name="visits"
    )
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("履职日期"), validators=date_validators)
    kind = models.CharField(_("履职方式"), max_length=16, choices=Kind.choices)
    people_received = models.PositiveIntegerField(
        _("接待人数"), validators=people_validators, default=0
    )
    notes = models.TextField(_("情况记录"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("进站履职")
        verbose_name_plural = _("进站履职")
        ordering = ["-visited_on", "-pk"]
        indexes = [
            # Counts and sums per station and period (and kind, which the list filters by) come
            # from this index alone (PostgreSQL index-only scans), without reading the table.
            models.Index(
                fields=["station", "visited_on"],
                include=["people_received", "id", "kind"],
                name="visit_station_day",
            ),
            # The list's order: a page is read off the index instead of sorting every visit.
            models.Index(fields=["-visited_on", "-id"], name="visit_recent_first"),
        ]
        constraints = [
            *bounds("visit", dates=["visited_on"], maxima={"people_received": PEOPLE_MAX})
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("deputies:visit_detail", args=[self.pk])


class Opinion(models.Model):
    """群众意见建议: what a member of the public raised, followed until it is replied to."""

    class Category(models.TextChoices):
        ROADS = "roads", _("交通出行")
        EDUCATION = "education", _("教育")
        HEALTH = "health", _("医疗卫生")
        SOCIAL = "social", _("社会保障")
        ENVIRONMENT = "environment", _("生态环境")
        RURAL = "rural", _("农业农村")
        LEGAL = "legal", _("法律纠纷")
        URBAN = "urban", _("城乡建设")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        # Sent by the public online: staff read it before it enters the handling flow.
        UNREVIEWED = "unreviewed", _("待审核")
        PENDING = "pending", _("待处理")
        ANSWERED = "answered", _("当场答复")
        TRANSFERRED = "transferred", _("已转交")
        IN_PROGRESS = "in_progress", _("办理中")
        RESOLVED = "resolved", _("已解决")
        REJECTED = "rejected", _("不予受理")

    class Source(models.TextChoices):
        VISIT = "visit", _("进站履职")
        CONTACT_VISIT = "contact_visit", _("三联系三走访")
        ACTIVITY = "activity", _("联络站活动")
        ONLINE = "online", _("网上（扫码）")

    class Level(models.TextChoices):
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡镇级")

    # A handling unit answers an opinion once it is transferred to it, until it is resolved.
    OPEN_FOR_ANSWER = (Status.TRANSFERRED, Status.IN_PROGRESS)
    # Answered on the spot or resolved: done, for every figure that counts opinions, and what
    # the public's satisfaction is recorded for.
    SETTLED = (Status.ANSWERED, Status.RESOLVED)
    # Staff may hand it to a unit, or to another unit, until the unit has begun on it.
    TRANSFERABLE = (Status.PENDING, Status.TRANSFERRED)
    # Not (yet) an opinion the station took up: every count leaves these out
    # (`Opinion.objects.counted()`), and so does the public receipt's reply.
    NOT_COUNTED = (Status.UNREVIEWED, Status.REJECTED)

    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    station = models.ForeignKey(
        Station,
        verbose_name=_("联络站"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("进站履职"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinions",
    )
    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("经办代表"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    source = models.CharField(
        _("来源"), max_length=16, choices=Source.choices, default=Source.VISIT
    )
    contact_visit = models.ForeignKey(
        "ContactVisit",
        verbose_name=_("三联系三走访"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinions",
    )
    activity = models.ForeignKey(
        "Activity",
        verbose_name=_("联络站活动"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinions",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项活动"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    content = models.TextField(_("意见建议内容"))
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    raised_by = models.CharField(
        _("反映人"), max_length=32, blank=True, help_text=_("不填即为匿名。")
    )
    raised_by_phone = models.CharField(
        _("反映人电话"), max_length=11, blank=True, validators=[mobile_validator]
    )
    location = models.CharField(_("反映地点"), max_length=64, blank=True)
    raised_on = models.DateField(_("收集日期"), validators=date_validators)
    status = models.CharField(
        _("办理状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(_("当场答复内容"), blank=True)
    level = models.CharField(_("转交层级"), max_length=16, choices=Level.choices, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    transferred_on = models.DateField(
        _("转交日期"), validators=date_validators, null=True, blank=True
    )
    due_on = models.DateField(_("办理期限"), validators=date_validators, null=True, blank=True)
    resolved_on = models.DateField(_("解决日期"), validators=date_validators, null=True, blank=True)
    satisfaction = models.CharField(
        _("群众满意度"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    # Across the provincial border (省际联络站): the partner region's body that takes the matter
    # up, which is no unit of the county; the office records its result as the reply.
    partner_unit = models.CharField(_("省外协调单位"), max_length=64, blank=True)
    # Online opinions: the receipt the person follows it with, random so that nobody can look
    # up another's; the keyed hash of the sender's address for the hourly limit (wiped after
    # the window, see core/throttle.py); when consent was given; why staff turned it down.
    receipt = models.CharField(_("回执编号"), max_length=16, unique=True, null=True, blank=True)
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    consented_at = models.DateTimeField(_("同意时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, editable=False)
    review_note = models.CharField(_("不予受理理由"), max_length=200, blank=True)

    objects = OpinionQuerySet.as_manager()
    # The client hash serves the hourly limit and is wiped after it (core/throttle.py): no copy
    # of it is kept in the history.
    history = HistoricalRecords(excluded_fields=["client_key"])

    class Meta:
        verbose_name = _("群众意见建议")
        verbose_name_plural = _("群众意见建议")
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["county", "status"]),
            models.Index(fields=["-raised_on", "-id"], name="opinion_recent_first"),
            # A county's page of the list, by ids first (OpinionListView): its own entries in
            # order, whatever the other counties hold.
            models.Index(fields=["county", "-raised_on", "-id"], name="opinion_county_recent"),
        ]
        constraints = [
            *bounds(
                "deputies_opinion",
                dates=["raised_on", "transferred_on", "due_on", "resolved_on"],
                ordered=[("transferred_on", "due_on", _("办理期限不能早于转交日期。"))],
            )
        ]

    def __str__(self) -> str:
        return self.content[:30]

    def get_absolute_url(self) -> str:
        return reverse("deputies:opinion_detail", args=[self.pk])

    @property
    def is_anonymous(self) -> bool:
        return not self.raised_by

    @property
    def is_counted(self) -> bool:
        """`Opinion.objects.counted()` for one loaded opinion."""
        return self.status not in self.NOT_COUNTED

    @property
    def is_open_for_answer(self) -> bool:
        """`Opinion.objects.open_for_answer()` for one loaded opinion."""
        return self.status in self.OPEN_FOR_ANSWER

    @property
    def is_overdue(self) -> bool:
        """`Opinion.objects.overdue(today)` for one loaded opinion."""
        return bool(self.is_open_for_answer and self.due_on and self.due_on < timezone.localdate())


class OpinionReply(models.Model):
    class Outcome(models.TextChoices):
        IN_PROGRESS = "in_progress", _("正在办理")
        RESOLVED = "resolved", _("已解决")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("答复单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("答复内容"))
    outcome = models.CharField(_("办理结果"), max_length=16, choices=Outcome.choices)
    replied_on = models.DateField(_("答复日期"), validators=date_validators)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("意见答复")
        verbose_name_plural = _("意见答复")
        ordering = ["replied_on", "pk"]
        constraints = bounds("opinion_reply", dates=["replied_on"])

    def __str__(self) -> str:
        return self.body[:30]


class Tally(models.Model):
    """How many visits each station holds and how many opinions each county holds.

    A list's exact total ("共 N 条") is then a sum over a few hundred rows in the user's scope
    instead of a count over a million. Database triggers (tallies.py, migration 0007) keep it in
    the same transaction as the rows it counts, whatever writes them: services, bulk inserts,
    imports, the admin; nothing in Python writes it. Keyed by station for visits, so a visit's
    tally follows its station wherever the station's county is.
    """

    class Counted(models.TextChoices):
        VISITS = "visit", _("进站履职（按联络站）")
        OPINIONS = "opinion", _("群众意见（按县市区）")

    counted = models.CharField(max_length=16, choices=Counted.choices)
    scope_id = models.BigIntegerField()
    total = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["counted", "scope_id"], name="tally_one_row_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.counted} {self.scope_id}: {self.total}"


class Suggestion(models.Model):
    """代表建议 and 微建议: numbered, assigned to a lead unit, answered within a deadline."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("代表建议")
        MICRO = "micro", _("微建议")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待交办")
        ASSIGNED = "assigned", _("办理中")
        REPLIED = "replied", _("已答复")
        CLOSED = "closed", _("已办结")
        REOPENED = "reopened", _("重新办理")

    class ResultClass(models.TextChoices):
        A = "A", _("A类（已解决或采纳）")
        B = "B", _("B类（正在解决或列入计划）")
        C = "C", _("C类（说明解释、留作参考）")

    # The lead unit owes a reply: assigned, or sent back by a dissatisfied deputy.
    AWAITING_REPLY = (Status.ASSIGNED, Status.REOPENED)

    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("编号"), max_length=32)
    title = models.CharField(_("标题"), max_length=128)
    content = models.TextField(_("内容"))
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("领衔代表"), on_delete=models.PROTECT, related_name="suggestions"
    )
    submitted_on = models.DateField(_("提出日期"), validators=date_validators)
    status = models.CharField(
        _("办理状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    lead_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("主办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_suggestions",
    )
    co_units = models.ManyToManyField(
        "core.Unit", verbose_name=_("协办单位"), blank=True, related_name="co_suggestions"
    )
    assigned_on = models.DateField(_("交办日期"), validators=date_validators, null=True, blank=True)
    due_on = models.DateField(_("答复期限"), validators=date_validators, null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), validators=date_validators, null=True, blank=True)
    result_class = models.CharField(
        _("办理结果分类"), max_length=1, choices=ResultClass.choices, blank=True
    )
    satisfaction = models.CharField(
        _("代表满意度"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    rated_on = models.DateField(_("测评日期"), validators=date_validators, null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[co_units])

    class Meta:
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["-submitted_on", "-id"], name="suggestion_recent_first")]
        constraints = [
            *bounds(
                "suggestion",
                dates=["submitted_on", "assigned_on", "due_on", "replied_on", "rated_on"],
                ordered=[("assigned_on", "due_on", _("答复期限不能早于交办日期。"))],
            ),
            models.UniqueConstraint(fields=["county", "number"], name="suggestion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("deputies:suggestion_detail", args=[self.pk])

    @property
    def is_awaiting_reply(self) -> bool:
        """`Suggestion.objects.awaiting_reply()` for one loaded suggestion."""
        return self.status in self.AWAITING_REPLY

    @property
    def is_overdue(self) -> bool:
        """`Suggestion.objects.overdue(today)` for one loaded suggestion."""
        return bool(self.is_awaiting_reply and self.due_on and self.due_on < timezone.localdate())


class Activity(models.Model):
    class Kind(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("代表·局长面对面")
        THREE_OFFICIALS = "three_officials", _("三官一律进站")
        LAW_BROADCAST = "law_broadcast", _("法治直播间")
        COURTYARD = "courtyard", _("庭院恳谈会")
        LEGAL_TALK = "legal_talk", _("法律宣讲")
        TOWNSHIP_HEAD = "township_head", _("乡镇长有约")
        OTHER = "other", _("其他活动")

    class Status(models.TextChoices):
        DRAFT = "draft", _("未发布")
        ANNOUNCED = "announced", _("已预告")
        HELD = "held", _("已开展")
        CANCELLED = "cancelled", _("已取消")

    # What every count of activities counts (`Activity.objects.counted()`): announced or held.
    COUNTED = (Status.ANNOUNCED, Status.HELD)
    # Its outcome is recorded (or corrected) once it has started, if it was announced.
    OUTCOME_OPEN = (Status.ANNOUNCED, Status.HELD)
    # Called off before it takes place.
    CANCELLABLE = (Status.DRAFT, Status.ANNOUNCED)

    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    station = models.ForeignKey(
        Station, verbose_name=_("联络站"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("活动类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("活动主题"), max_length=128)
    starts_at = models.DateTimeField(_("开始时间"), validators=date_validators)
    description = models.TextField(_("活动内容"), blank=True)
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("参加代表"), blank=True, related_name="activities"
    )
    judge = models.CharField(_("法官"), max_length=64, blank=True)
    prosecutor = models.CharField(_("检察官"), max_length=64, blank=True)
    police_officer = models.CharField(_("警官"), max_length=64, blank=True)
    lawyer = models.CharField(_("律师"), max_length=64, blank=True)
    other_guests = models.CharField(_("其他参加人员"), max_length=128, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    announced_at = models.DateTimeField(_("预告时间"), null=True, blank=True)
    late_reason = models.TextField(_("未提前5天预告的理由"), blank=True)
    participants = models.PositiveIntegerField(
        _("参加群众人数"), validators=people_validators, default=0
    )
    questions_answered = models.PositiveIntegerField(
        _("解答问题数"), validators=people_validators, default=0
    )
    disputes_mediated = models.PositiveIntegerField(
        _("化解纠纷数"), validators=people_validators, default=0
    )
    outcome = models.TextField(_("活动成效"), blank=True)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项活动"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    # Deputies of the partner region who joined (省际联络站): such an activity is a joint one.
    partner_deputies = models.ManyToManyField(
        PartnerDeputy, verbose_name=_("省外代表"), blank=True, related_name="activities"
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联络站活动")
        verbose_name_plural = _("联络站活动")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["county", "starts_at"])]
        constraints = [
            *bounds(
                "activity",
                datetimes=["starts_at"],
                maxima={
                    "participants": PEOPLE_MAX,
                    "questions_answered": PEOPLE_MAX,
                    "disputes_mediated": PEOPLE_MAX,
                },
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deputies:activity_detail", args=[self.pk])

    @property
    def is_open_for_outcome(self) -> bool:
        """Its outcome may be recorded: announced or held, and already started."""
        return self.status in self.OUTCOME_OPEN and self.starts_at <= timezone.now()

    @property
    def is_cancellable(self) -> bool:
        return self.status in self.CANCELLABLE

    @property
    def officials(self) -> list[tuple[str, str]]:
        fields = ["judge", "prosecutor", "police_officer", "lawyer", "other_guests"]
        return [
            (str(cast("models.Field[Any, Any]", self._meta.get_field(f)).verbose_name), value)
            for f in fields
            if (value := getattr(self, f))
        ]


class ContactVisit(models.Model):
    """三联系三走访: leaders visit deputies, deputies visit the public."""

    class Kind(models.TextChoices):
        LEADER_TO_DEPUTY = "leader_to_deputy", _("领导干部联系代表")
        MEMBER_TO_DEPUTY = "member_to_deputy", _("常委会组成人员联系代表")
        DEPUTY_TO_PUBLIC = "deputy_to_public", _("代表联系群众")

    county = models.ForeignKey(
        COUNTY, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("走访类型"), max_length=20, choices=Kind.choices)
    visitor = models.CharField(_("走访人"), max_length=64)
    visited = models.CharField(_("走访对象"), max_length=64)
    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("相关代表"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_visits",
    )
    visited_on = models.DateField(_("走访日期"), validators=date_validators)
    notes = models.TextField(_("走访情况"), blank=True)

    objects = ContactVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("三联系三走访")
        verbose_name_plural = _("三联系三走访")
        ordering = ["-visited_on", "-pk"]
        constraints = bounds("contact_visit", dates=["visited_on"])

    def __str__(self) -> str:
        return f"{self.visitor} → {self.visited}"

    def get_absolute_url(self) -> str:
        return reverse("deputies:contact_detail", args=[self.pk])
