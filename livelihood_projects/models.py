"""Deputy-voted livelihood projects (民生实事项目人大代表票决制), one annual cycle per congress.

溆浦's eight steps: solicit 征 → propose 提 → deliberate 议 → decide 决 → assign 交 → handle 办 →
supervise 督 → evaluate 评. A public or deputy's `Proposal` is screened into a candidate `Project`
(or set aside with a reason); candidates go to a `VoteRound`; elected projects get a responsible
unit, `Milestone`s and `MoneyEntry`s; deputies' `Inspection`s and `JointMeeting`s follow them; a
satisfaction poll at the next session closes the cycle. Amounts are in 万元 (ten thousand yuan),
as the budget documents write them.
"""

from datetime import date
from decimal import Decimal
from typing import TypedDict, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import Jurisdiction
from core.validators import (
    VOTES_MAX,
    bounds,
    date_validators,
    phone_validator,
    votes_validators,
    year_validators,
)

from . import rules
from .querysets import (
    AttachmentQuerySet,
    CycleQuerySet,
    CycleScopedQuerySet,
    InspectionQuerySet,
    MilestoneQuerySet,
    ProjectQuerySet,
    ProjectScopedQuerySet,
    ProposalQuerySet,
)


class _Amount(TypedDict):
    max_digits: int
    decimal_places: int


AMOUNT: _Amount = {"max_digits": 12, "decimal_places": 2}
non_negative = MinValueValidator(Decimal(0), _("金额不能为负数。"))


class Category(models.TextChoices):
    EDUCATION = "education", _("教育文化")
    ELDERLY = "elderly", _("养老服务")
    HEALTH = "health", _("医疗卫生")
    SOCIAL = "social", _("社会保障")
    TRANSPORT = "transport", _("交通出行")
    WATER = "water", _("饮水安全")
    ENVIRONMENT = "environment", _("人居环境")
    EMPLOYMENT = "employment", _("就业创业")
    OTHER = "other", _("其他")


class Cycle(models.Model):
    """One congress's voted projects for one year, from the public notice to the satisfaction poll."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("人大（行政区划）"),
        on_delete=models.PROTECT,
        related_name="livelihood_cycles",
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    budget_envelope = models.DecimalField(
        _("年度预算资金（万元）"), **AMOUNT, default=Decimal(0), validators=[non_negative]
    )
    seats = models.PositiveSmallIntegerField(
        _("应选项目数"), default=5, validators=[MinValueValidator(1)]
    )
    deputies_total = models.PositiveIntegerField(
        _("本级人大代表总数"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(VOTES_MAX)],
        help_text=_("票决时项目须获全体代表过半数赞成票方能通过。"),
    )
    accepts_public_proposals = models.BooleanField(
        _("正在公开征集"), default=False, help_text=_("勾选后群众可在公开页面提交项目建议。")
    )
    notice = models.TextField(_("征集公告"), blank=True)
    solicit_on = models.DateField(
        _("征：发布征集公告"), validators=date_validators, null=True, blank=True
    )
    propose_on = models.DateField(
        _("提：建议提交截止"), validators=date_validators, null=True, blank=True
    )
    deliberate_on = models.DateField(
        _("议：形成候选项目"), validators=date_validators, null=True, blank=True
    )
    decide_on = models.DateField(
        _("决：人代会票决"), validators=date_validators, null=True, blank=True
    )
    assign_on = models.DateField(
        _("交：集中交办"), validators=date_validators, null=True, blank=True
    )
    handle_on = models.DateField(
        _("办：计划完成"), validators=date_validators, null=True, blank=True
    )
    supervise_on = models.DateField(
        _("督：会前集中视察"), validators=date_validators, null=True, blank=True
    )
    evaluate_on = models.DateField(
        _("评：满意度测评"), validators=date_validators, null=True, blank=True
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CycleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    STEP_FIELDS = [key for key, _c, _l in rules.STEPS]

    class Meta:
        verbose_name = _("民生实事票决年度工作")
        verbose_name_plural = _("民生实事票决年度工作")
        ordering = ["-year", "jurisdiction__code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="cycle_one_per_year"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="cycle_seats_gte_1"),
            *bounds(
                "cycle",
                years=["year"],
                dates=[f"{key}_on" for key, _c, _l in rules.STEPS],
                maxima={"deputies_total": VOTES_MAX},
            ),
        ]

    def __str__(self) -> str:
        return _("%(place)s%(year)s年民生实事项目") % {
            "place": self.jurisdiction.name,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("livelihood_projects:cycle_detail", args=[self.pk])

    def clean(self) -> None:
        levels = (Jurisdiction.Level.COUNTY, Jurisdiction.Level.TOWNSHIP)
        if self.jurisdiction_id and self.jurisdiction.level not in levels:
            raise ValidationError({"jurisdiction": _("票决工作由县级或乡镇人大开展。")})

    @property
    def is_township(self) -> bool:
        return self.jurisdiction.level == Jurisdiction.Level.TOWNSHIP

    @property
    def county(self) -> Jurisdiction:
        # clean() keeps cycles at county or township level, which always have a county.
        return cast(Jurisdiction, self.jurisdiction.county)

    def step_dates(self) -> dict[str, date | None]:
        return {key: getattr(self, f"{key}_on") for key in self.STEP_FIELDS}

    def timeline(self, today: date) -> list[rules.Step]:
        return rules.timeline(self.step_dates(), today)


class Approval(models.Model):
    """The congress's preliminary review and the party committee's agreement of the candidates."""

    class Kind(models.TextChoices):
        PRELIMINARY_REVIEW = "review", _("人大初审")
        PARTY_AGREEMENT = "party", _("党委研究同意")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(_("事项"), max_length=16, choices=Kind.choices)
    body = models.CharField(
        _("审议（同意）机构"), max_length=64, help_text=_("如：县人大常委会主任会议、县委常委会。")
    )
    decided_on = models.DateField(_("日期"), validators=date_validators)
    document_number = models.CharField(_("文号"), max_length=64, blank=True)
    note = models.TextField(_("备注"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = CycleScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("候选项目审议记录")
        verbose_name_plural = _("候选项目审议记录")
        ordering = ["decided_on", "pk"]
        constraints = [
            *bounds("approval", dates=["decided_on"]),
            models.UniqueConstraint(fields=["cycle", "kind"], name="approval_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on}"


class Project(models.Model):
    """A candidate project; once elected, the project the government carries out."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("候选项目")
        REVOTE = "revote", _("待重新票决")
        ELECTED = "elected", _("票决通过")
        NOT_ELECTED = "not_elected", _("未获通过")

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("项目名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    township = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("所在乡镇"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("建设内容"), blank=True)
    estimated_cost = models.DecimalField(
        _("估算投资（万元）"), **AMOUNT, null=True, blank=True, validators=[non_negative]
    )
    position = models.PositiveSmallIntegerField(_("选票顺序"), default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    votes = models.PositiveIntegerField(_("得票数"), null=True, blank=True, editable=False)
    responsible_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="livelihood_projects",
    )
    start_on = models.DateField(_("计划开工"), validators=date_validators, null=True, blank=True)
    due_on = models.DateField(_("计划完成"), validators=date_validators, null=True, blank=True)
    # Kept up to date by the services from milestones and money entries, so that lists, the
    # dashboard and the public page read them without a query per project.
    progress = models.DecimalField(
        _("进度（%）"), max_digits=4, decimal_places=1, default=Decimal(0), editable=False
    )
    budget_total = models.DecimalField(
        _("预算（万元）"), **AMOUNT, default=Decimal(0), editable=False
    )
    allocated_total = models.DecimalField(
        _("已下达（万元）"), **AMOUNT, default=Decimal(0), editable=False
    )
    spent_total = models.DecimalField(
        _("已支付（万元）"), **AMOUNT, default=Decimal(0), editable=False
    )
    completed_on = models.DateField(
        _("完成日期"), validators=date_validators, null=True, blank=True, editable=False
    )
    satisfaction_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("满意度测评"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    satisfied = models.PositiveIntegerField(
        _("满意"), validators=votes_validators, null=True, blank=True
    )
    basically_satisfied = models.PositiveIntegerField(
        _("基本满意"), validators=votes_validators, null=True, blank=True
    )
    dissatisfied = models.PositiveIntegerField(
        _("不满意"), validators=votes_validators, null=True, blank=True
    )
    satisfaction_rate = models.DecimalField(
        _("满意率（%）"), max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("民生实事项目")
        verbose_name_plural = _("民生实事项目")
        ordering = ["cycle", "position", "pk"]
        constraints = [
            *bounds(
                "project",
                dates=["start_on", "due_on", "completed_on"],
                maxima={f: VOTES_MAX for f in ("satisfied", "basically_satisfied", "dissatisfied")},
                ordered=[("start_on", "due_on", _("计划完成日期不能早于计划开工日期。"))],
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0) | Q(estimated_cost__isnull=True),
                name="project_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livelihood_projects:project_detail", args=[self.pk])

    # Each rule below is also a filter in querysets.py (ELECTED, COMPLETED; `in_progress()`),
    # for counts over many projects; tests/livelihood_projects/test_rule_agreement.py keeps
    # the two forms in step.
    @property
    def is_elected(self) -> bool:
        return self.status == self.Status.ELECTED

    @property
    def is_completed(self) -> bool:
        return self.progress >= 100

    @property
    def is_in_progress(self) -> bool:
        """Elected and not finished: the projects that are followed for lag."""
        return self.is_elected and not self.is_completed

    def lag(self, today: date) -> rules.Lag | None:
        """How far the project trails its calendar; None when it is not in progress or has no
        implementation period. Whether that is a warning is `is_lagging`."""
        if not self.is_in_progress:
            return None
        return rules.lag(
            progress=self.progress,
            budget=self.budget_total,
            spent=self.spent_total,
            start=self.start_on,
            end=self.due_on,
            today=today,
        )

    def lag_warning(self, today: date) -> rules.Lag | None:
        """The lag warning (滞后预警) with its reasons, when the project has one."""
        lag = self.lag(today)
        return lag if lag is not None and lag.flagged else None

    def is_lagging(self, today: date) -> bool:
        """Whether the project carries the lag warning: what every page, export, home figure
        and report counts as lagging (a project merely with a calendar does not)."""
        return self.lag_warning(today) is not None

    @property
    def spent_percent(self) -> Decimal | None:
        return rules.percent(self.spent_total, self.budget_total)


class Proposal(models.Model):
    """A project proposed by the public, a deputy, staff or a township congress."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("群众网上建议")
        DEPUTY = "deputy", _("代表收集")
        STAFF = "staff", _("工作人员录入")
        TOWNSHIP = "township", _("乡镇人大提出")

    class Status(models.TextChoices):
        RECEIVED = "received", _("已受理，待筛选")
        CANDIDATE = "candidate", _("列入候选项目")
        NOT_TAKEN = "not_taken", _("未采纳")
        INELIGIBLE = "ineligible", _("不列入票决（上级已有专项资金）")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("征集活动"), on_delete=models.PROTECT, related_name="proposals"
    )
    receipt_number = models.CharField(_("回执编号"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("项目名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    township = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("所在乡镇"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("建议内容"))
    estimated_cost = models.DecimalField(
        _("估算投资（万元）"), **AMOUNT, null=True, blank=True, validators=[non_negative]
    )
    contact_name = models.CharField(_("联系人"), max_length=32, blank=True)
    contact_phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, validators=[phone_validator]
    )
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    screening_reason = models.TextField(_("筛选意见"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(_("筛选时间"), null=True, blank=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("候选项目"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    # A citizen's text reaches the public results page only after staff have read it: set by
    # services.proposal_publish, cleared by proposal_unpublish.
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核公开人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # A keyed hash of the public proposer's address, for the hourly limit (throttle.py); wiped once
    # the hour is over, and never in the history.
    client_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["contact_phone", "created_at", "client_key"])

    class Meta:
        verbose_name = _("项目建议")
        verbose_name_plural = _("项目建议")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["cycle", "status"]),
            models.Index(fields=["client_key", "created_at"], name="proposal_client_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0) | Q(estimated_cost__isnull=True),
                name="proposal_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livelihood_projects:proposal_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Not screened yet: the only state in which it may be screened."""
        return self.status == self.Status.RECEIVED

    @property
    def is_public(self) -> bool:
        """A citizen's proposal from the public page: only these are moderated for publication."""
        return self.source == self.Source.PUBLIC

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class VoteRound(models.Model):
    """One competitive vote; a tie straddling the last seat leads to another round."""

    class Method(models.TextChoices):
        POLL = "poll", _("网上无记名投票（可计入纸质选票）")
        PAPER = "paper", _("纸质选票汇总录入")

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="vote_rounds")
    number = models.PositiveSmallIntegerField(_("轮次"), default=1)
    seats = models.PositiveSmallIntegerField(_("应选名额"), validators=[MinValueValidator(1)])
    candidates = models.ManyToManyField(Project, verbose_name=_("候选项目"), related_name="+")
    method = models.CharField(_("投票方式"), max_length=8, choices=Method.choices)
    poll = models.OneToOneField(
        "polls.Poll",
        verbose_name=_("投票"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    counted_at = models.DateTimeField(_("计票时间"), null=True, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_ballots = models.PositiveIntegerField(
        _("有效票"), validators=votes_validators, null=True, blank=True
    )
    invalid_ballots = models.PositiveIntegerField(
        _("无效票"), validators=votes_validators, null=True, blank=True
    )
    # {project id: yes votes}, string keys; what the count used, kept for the record.
    votes = models.JSONField(_("得票"), default=dict, blank=True)
    unfilled_seats = models.PositiveSmallIntegerField(_("空缺名额"), default=0)

    objects = CycleScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("票决轮次")
        verbose_name_plural = _("票决轮次")
        ordering = ["cycle", "number"]
        constraints = [
            *bounds(
                "vote_round", maxima={"valid_ballots": VOTES_MAX, "invalid_ballots": VOTES_MAX}
            ),
            models.UniqueConstraint(fields=["cycle", "number"], name="voteround_unique_number"),
        ]

    def __str__(self) -> str:
        return _("第%(n)s轮票决") % {"n": self.number}

    @property
    def is_counted(self) -> bool:
        return self.counted_at is not None


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=100)
    due_on = models.DateField(_("计划完成日期"), validators=date_validators)
    weight = models.PositiveSmallIntegerField(
        _("权重"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("完成比例（%）"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(
        _("实际完成日期"), validators=date_validators, null=True, blank=True
    )
    note = models.CharField(_("进展说明"), max_length=200, blank=True)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("实施节点")
        verbose_name_plural = _("实施节点")
        ordering = ["due_on", "pk"]
        constraints = [
            *bounds("milestone", dates=["due_on", "completed_on"]),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="milestone_percent_lte_100"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="milestone_weight_gte_1"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Not finished yet; the same rule as `Milestone.objects.open()`."""
        return self.percent_complete < 100

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


class MoneyEntry(models.Model):
    class Kind(models.TextChoices):
        BUDGET = "budget", _("预算安排")
        ALLOCATED = "allocated", _("资金下达")
        SPENT = "spent", _("资金支付")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="money_entries")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(_("金额（万元）"), **AMOUNT, validators=[non_negative])
    on = models.DateField(_("日期"), validators=date_validators)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    over_budget_reason = models.TextField(_("超预算原因"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ProjectScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("资金记录")
        verbose_name_plural = _("资金记录")
        ordering = ["on", "pk"]
        constraints = [
            *bounds("money_entry", dates=["on"]),
            models.CheckConstraint(condition=Q(amount__gte=0), name="money_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class JointMeeting(models.Model):
    """A joint meeting (联席会议) on one difficulty of one project: one matter at a time."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("会议日期"), validators=date_validators)
    convener = models.CharField(_("召集人"), max_length=64)
    participants = models.TextField(_("参会单位及人员"))
    matter = models.TextField(_("难点问题"))
    decision = models.TextField(_("议定事项"))
    follow_up = models.TextField(_("落实情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ProjectScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["-held_on", "-pk"]
        constraints = [*bounds("joint_meeting", dates=["held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.matter[:20]}"


class Inspection(models.Model):
    """Deputies' inspection (视察) of this cycle's projects, or a look-back at last year's."""

    class Kind(models.TextChoices):
        PRE_SESSION = "pre_session", _("会前集中视察")
        LOOK_BACK = "look_back", _("回头看")
        ROUTINE = "routine", _("日常视察调研")

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("视察日期"), validators=date_validators)
    participants = models.TextField(_("参加人员"))
    findings = models.TextField(_("发现的问题和意见建议"))
    projects = models.ManyToManyField(
        Project, verbose_name=_("视察项目"), related_name="inspections", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("代表视察")
        verbose_name_plural = _("代表视察")
        ordering = ["-held_on", "-pk"]
        constraints = [*bounds("inspection", dates=["held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("livelihood_projects:inspection_detail", args=[self.pk])


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the original may carry personal data or path tricks. The folder
    # is the month in the portal's time zone, not the server's.
    return f"livelihood/{timezone.localdate():%Y/%m}/{instance.stored_name}"


class Attachment(models.Model):
    """A photo or document of a project or an inspection; type checked by content, not name."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="attachments")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    stored_name = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["uploaded_at"])

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, inspection__isnull=True)
                | Q(project__isnull=True, inspection__isnull=False),
                name="attachment_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("livelihood_projects:attachment_download", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
