"""Budgets of a county or township by functional classification, their monthly execution, the
warnings the rules raise on them and the problems the office makes of the warnings it confirms.

Amounts are yuan, as Decimal with two places. The functional classification (功能分类) is one tree
for every jurisdiction, by code: 类 201 → 款 20101 → 项 2010101.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Jurisdiction, Unit
from core.validators import (
    bounds,
    date_validators,
    percent_validators,
    votes_validators,
    year_validators,
)

from . import rules
from .querysets import (
    BudgetQuerySet,
    EvidenceQuerySet,
    FundPartQuerySet,
    FundQuerySet,
    LineQuerySet,
    ProblemQuerySet,
    PublicationQuerySet,
    SettingQuerySet,
    TownshipReviewQuerySet,
    WarningQuerySet,
)

User = settings.AUTH_USER_MODEL


def _amount(label: Any, **kwargs: Any) -> "models.DecimalField[Any, Any]":
    return models.DecimalField(label, max_digits=16, decimal_places=2, **kwargs)


class Subject(models.Model):
    """A code of the functional classification (功能分类科目)."""

    code = models.CharField(_("科目编码"), max_length=7, unique=True)
    name = models.CharField(_("科目名称"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级科目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        to_field="code",
    )

    class Meta:
        verbose_name = _("功能分类科目")
        verbose_name_plural = _("功能分类科目")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        return rules.code_level(self.code) or 0


class Setting(models.Model):
    """A county's thresholds for the warning rules, set by its admin; townships use the county's."""

    county = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("县市区"),
        on_delete=models.PROTECT,
        related_name="budget_setting",
    )
    pace_low = models.PositiveSmallIntegerField(
        _("执行进度下限（%）"), default=rules.DEFAULT_PACE_LOW, validators=percent_validators
    )
    pace_high = models.PositiveSmallIntegerField(
        _("执行进度上限（%）"), default=rules.DEFAULT_PACE_HIGH
    )
    pace_every_month = models.BooleanField(_("每月检查执行进度（否则仅在季末）"), default=False)
    adjustment_share = models.PositiveSmallIntegerField(
        _("未经批准调整预警比例（%）"),
        default=rules.DEFAULT_ADJUSTMENT_SHARE,
        validators=percent_validators,
    )
    last_month_share = models.PositiveSmallIntegerField(
        _("年末突击支出预警比例（%）"),
        default=rules.DEFAULT_LAST_MONTH_SHARE,
        validators=percent_validators,
    )
    due_days = models.PositiveSmallIntegerField(
        _("问题整改默认期限（天）"), default=rules.DEFAULT_DUE_DAYS
    )

    objects = SettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预算监督设置")
        verbose_name_plural = _("预算监督设置")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pace_high__gt=models.F("pace_low")),
                name="budget_setting_pace_order",
                violation_error_message=_("执行进度上限应高于下限。"),
            )
        ]

    def __str__(self) -> str:
        return str(self.county)


class Budget(models.Model):
    """A jurisdiction's budget for a year, as adopted by its congress."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("预算年度"), validators=year_validators)
    adopted_on = models.DateField(_("批准日期"), null=True, blank=True, validators=date_validators)
    adopted_by = models.CharField(_("批准机关"), max_length=64, blank=True)
    document_number = models.CharField(_("批准文号"), max_length=64, blank=True)

    objects = BudgetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预算")
        verbose_name_plural = _("预算")
        ordering = ["-year", "jurisdiction__code"]
        constraints = [
            *bounds("budget", years=["year"], dates=["adopted_on"]),
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="budget_unique_year"),
        ]

    def __str__(self) -> str:
        return _("%(place)s%(year)s年预算") % {"place": self.jurisdiction, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("budget:budget_detail", args=[self.pk])


class Line(models.Model):
    """A line of the budget: adopted (年初预算数), as adjusted (调整预算数) and final (决算数)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("科目"),
        on_delete=models.PROTECT,
        related_name="+",
        to_field="code",
    )
    adopted = _amount(_("年初预算数"))
    adjusted = _amount(_("调整预算数"), null=True, blank=True)
    final = _amount(_("决算数"), null=True, blank=True)

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("预算科目")
        verbose_name_plural = _("预算科目")
        ordering = ["subject__code"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "subject"], name="budget_line_unique")
        ]

    def __str__(self) -> str:
        return str(self.subject)

    @property
    def current(self) -> Decimal:
        """The line as it stands: adjusted if it was, else as adopted."""
        return self.adjusted if self.adjusted is not None else self.adopted


class Adjustment(models.Model):
    """A budget adjustment (预算调整) of one line, with its approval when there is one."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="adjustments")
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("科目"),
        on_delete=models.PROTECT,
        related_name="+",
        to_field="code",
    )
    amount = _amount(_("调整金额（元，调减为负）"))
    reason = models.CharField(_("调整原因"), max_length=200)
    approved_by = models.CharField(_("批准机关"), max_length=64, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True, validators=date_validators)
    document_number = models.CharField(_("批准文号"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = LineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预算调整")
        verbose_name_plural = _("预算调整")
        ordering = ["budget", "pk"]
        constraints = bounds("budget_adjustment", dates=["approved_on"])

    def __str__(self) -> str:
        return f"{self.subject} {self.amount}"

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None and bool(self.document_number)


class Debt(models.Model):
    """Government debt of the budget's jurisdiction at the year's end (政府债务)."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("一般债务")
        SPECIAL = "special", _("专项债务")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="debts")
    kind = models.CharField(_("债务类型"), max_length=16, choices=Kind.choices)
    limit = _amount(_("债务限额"))
    balance = _amount(_("债务余额"))
    issued = _amount(_("当年新增"), default=Decimal("0"))

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府债务")
        verbose_name_plural = _("政府债务")
        ordering = ["budget", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "kind"], name="budget_debt_unique_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Snapshot(models.Model):
    """One month's execution of a jurisdiction (预算执行), as finance reported it to date."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    month = models.PositiveSmallIntegerField(_("截至月份"))
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    # The rows' fingerprint: a file imported again unchanged is recognised and left alone.
    digest = models.CharField(max_length=64, blank=True)
    imported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("预算执行月报")
        verbose_name_plural = _("预算执行月报")
        ordering = ["-year", "-month"]
        constraints = [
            *bounds("budget_snapshot", years=["year"], maxima={"month": 12}),
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "month"], name="budget_snapshot_unique_month"
            ),
        ]

    def __str__(self) -> str:
        return _("%(place)s%(year)s年1-%(month)s月执行") % {
            "place": self.jurisdiction,
            "year": self.year,
            "month": self.month,
        }

    @property
    def as_of(self) -> date:
        return rules.month_end(self.year, self.month)


class Execution(models.Model):
    """A row of a month's execution: one budget unit's line, budget and spent to date."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="rows")
    agency = models.CharField(_("预算单位"), max_length=128)
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("科目"),
        on_delete=models.PROTECT,
        related_name="+",
        to_field="code",
    )
    budget = _amount(_("预算数"))
    executed = _amount(_("累计支出数"))

    class Meta:
        verbose_name = _("预算执行数据")
        verbose_name_plural = _("预算执行数据")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "agency", "subject"], name="budget_execution_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.subject_id}"


class Extract(models.Model):
    """A finding matched in from the audit, tax or state-asset departments (联网数据)."""

    class Source(models.TextChoices):
        AUDIT = "audit", _("审计")
        TAX = "tax", _("税务")
        ASSET = "asset", _("国资")

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    source = models.CharField(_("数据来源"), max_length=8, choices=Source.choices)
    number = models.CharField(_("编号"), max_length=32)
    agency = models.CharField(_("涉及单位"), max_length=128)
    description = models.CharField(_("情况说明"), max_length=500)
    amount = _amount(_("涉及金额（元）"), null=True, blank=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("联网比对数据")
        verbose_name_plural = _("联网比对数据")
        ordering = ["-year", "source", "number"]
        constraints = [
            *bounds("budget_extract", years=["year"]),
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "source", "number"],
                name="budget_extract_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.number}"


class Warning(models.Model):
    """What a rule raised on the figures, for the office to confirm or dismiss."""

    class Rule(models.TextChoices):
        BEHIND = "behind", _("执行进度偏慢")
        AHEAD = "ahead", _("执行进度偏快")
        UNBUDGETED = "unbudgeted", _("无预算支出")
        ADJUSTMENT = "adjustment", _("调整未经批准")
        LAST_MONTH = "last_month", _("年末突击支出")
        AUDIT = "audit", _("审计比对")
        TAX = "tax", _("税务比对")
        ASSET = "asset", _("国资比对")

    class Status(models.TextChoices):
        OPEN = "open", _("待研判")
        CONFIRMED = "confirmed", _("已确认")
        DISMISSED = "dismissed", _("已排除")

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True)
    rule = models.CharField(_("预警规则"), max_length=16, choices=Rule.choices)
    # What the rule looked at, unique per jurisdiction and year: raising it again finds this one.
    key = models.CharField(max_length=200)
    agency = models.CharField(_("预算单位"), max_length=128, blank=True)
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("科目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        to_field="code",
    )
    budget = _amount(_("预算数"), null=True, blank=True)
    executed = _amount(_("执行数"), null=True, blank=True)
    pace = models.DecimalField(
        _("执行进度（%）"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    detail = models.CharField(_("预警说明"), max_length=500)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("研判意见"), blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("研判日期"), null=True, blank=True)
    raised_at = models.DateTimeField(_("预警时间"), default=timezone.now)

    objects = WarningQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["raised_at"])

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-year", "-month", "rule", "pk"]
        constraints = [
            *bounds("budget_warning", years=["year"], maxima={"month": 12}),
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "key"], name="budget_warning_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["jurisdiction", "status"])]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.agency} {self.subject_id or ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("budget:warning_detail", args=[self.pk])


class Problem(models.Model):
    """A confirmed warning assigned to a unit to rectify (交办), tracked to its close-out."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("已交办")
        REPLIED = "replied", _("已反馈")
        RETURNED = "returned", _("退回重办")
        CLOSED = "closed", _("已销号")

    warning = models.OneToOneField(
        Warning, verbose_name=_("来源预警"), on_delete=models.PROTECT, related_name="problem"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    title = models.CharField(_("问题"), max_length=200)
    requirement = models.TextField(_("整改要求"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("整改期限"), validators=date_validators)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.ASSIGNED
    )
    assigned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assigned_on = models.DateField(_("交办日期"), validators=date_validators)
    reply = models.TextField(_("整改情况"), blank=True)
    replied_on = models.DateField(_("反馈日期"), null=True, blank=True, validators=date_validators)
    replied_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True, validators=date_validators)
    closed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ProblemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预算监督问题")
        verbose_name_plural = _("预算监督问题")
        ordering = ["-year", "due_on", "pk"]
        constraints = bounds(
            "budget_problem",
            years=["year"],
            dates=["due_on", "assigned_on", "replied_on", "closed_on"],
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budget:problem_detail", args=[self.pk])

    @property
    def awaits_reply(self) -> bool:
        """`Problem.objects.awaiting_reply()` for one problem."""
        return self.status in ProblemQuerySet.AWAITING_REPLY

    def overdue_on(self, today: date) -> bool:
        """`Problem.objects.overdue(today)` for one problem."""
        return self.awaits_reply and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random; the month is the portal's, not the server's.
    return f"budget/{timezone.localdate():%Y/%m}/{instance.stored_name}"


class Evidence(models.Model):
    """A document or photo the unit gives in support of its reply."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200)
    stored_name = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改佐证材料")
        verbose_name_plural = _("整改佐证材料")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("budget:evidence_download", args=[self.pk])


class Publication(models.Model):
    """A quarter's figures published for the public (公开), frozen when published: later imports
    change nothing the public reads until the office publishes the quarter again."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    quarter = models.PositiveSmallIntegerField(_("季度"))
    # The figures as published: execution by unit (and by township for a county), the warnings
    # by rule and the problems with their units and status; see services/publication.py.
    figures = models.JSONField(_("公开数据"), default=dict)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("公开时间"))
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=500, blank=True)

    objects = PublicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["figures"])

    class Meta:
        verbose_name = _("预算执行季度公开")
        verbose_name_plural = _("预算执行季度公开")
        ordering = ["-year", "-quarter", "jurisdiction__code"]
        constraints = [
            *bounds(
                "budget_publication",
                years=["year"],
                datetimes=["published_at", "withdrawn_at"],
                maxima={"quarter": 4},
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1), name="budget_publication_quarter_min"
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "quarter"], name="budget_publication_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("%(place)s%(year)s年第%(quarter)s季度预算执行公开") % {
            "place": self.jurisdiction,
            "year": self.year,
            "quarter": self.quarter,
        }

    def get_absolute_url(self) -> str:
        return reverse("budget:publication_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.withdrawn_at is None

    @property
    def end_month(self) -> int:
        return self.quarter * 3


# --- Township budget review (乡镇人大预算审查) ----------------------------------------------------


def review_document_path(instance: "TownshipReview", filename: str) -> str:
    return f"budget/review/{timezone.localdate():%Y/%m}/{instance.document_stored}"


class TownshipReview(models.Model):
    """One step a township congress took on its budget of a year: the preliminary review (初审)
    or approval (批准) of the budget, the approval of an adjustment, or of the final accounts."""

    class Step(models.TextChoices):
        PRELIMINARY = "preliminary", _("预算初审")
        APPROVAL = "approval", _("预算批准")
        ADJUSTMENT = "adjustment", _("预算调整批准")
        FINAL = "final", _("决算批准")

    township = models.ForeignKey(
        Jurisdiction, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("预算年度"), validators=year_validators)
    step = models.CharField(_("审查环节"), max_length=16, choices=Step.choices)
    held_on = models.DateField(_("日期"), validators=date_validators)
    opinions = models.TextField(_("主席团意见"), blank=True)
    document_number = models.CharField(_("批准文号"), max_length=64, blank=True)
    # Stored by the service from a checked upload, never edited through a form.
    document = models.FileField(
        _("批准文件"), upload_to=review_document_path, max_length=200, blank=True, editable=False
    )
    document_stored = models.CharField(max_length=64, blank=True, editable=False)
    document_name = models.CharField(_("文件名"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now=True)

    objects = TownshipReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("乡镇预算审查")
        verbose_name_plural = _("乡镇预算审查")
        ordering = ["-year", "township__code", "held_on"]
        constraints = [
            *bounds("budget_township_review", years=["year"], dates=["held_on"]),
            # An adjustment approved twice in a year keeps its latest approval here.
            models.UniqueConstraint(
                fields=["township", "year", "step"], name="budget_township_review_unique_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.year} {self.get_step_display()}"

    def get_absolute_url(self) -> str:
        return reverse("budget:review_township", args=[self.township_id]) + f"?year={self.year}"


# --- 两问四评 of a major fund ----------------------------------------------------------------


def _score(label: Any, **kwargs: Any) -> "models.DecimalField[Any, Any]":
    return models.DecimalField(label, max_digits=6, decimal_places=2, **kwargs)


class FundSetting(models.Model):
    """A county's weights of the two questions and the four evaluations (percent, summing to 100),
    set by its admin; `rules.DEFAULT_FUND_WEIGHTS` until then."""

    county = models.OneToOneField(
        Jurisdiction, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    in_place = models.PositiveSmallIntegerField(
        _("资金落实好不好（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["in_place"],
        validators=percent_validators,
    )
    satisfied = models.PositiveSmallIntegerField(
        _("群众满不满意（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["satisfied"],
        validators=percent_validators,
    )
    finance = models.PositiveSmallIntegerField(
        _("财政评价（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["finance"],
        validators=percent_validators,
    )
    audit = models.PositiveSmallIntegerField(
        _("审计评审（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["audit"],
        validators=percent_validators,
    )
    third_party = models.PositiveSmallIntegerField(
        _("三方评估（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["third_party"],
        validators=percent_validators,
    )
    congress = models.PositiveSmallIntegerField(
        _("人大评议（%）"),
        default=rules.DEFAULT_FUND_WEIGHTS["congress"],
        validators=percent_validators,
    )

    objects = SettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("两问四评权重")
        verbose_name_plural = _("两问四评权重")

    def __str__(self) -> str:
        return str(self.county)

    @property
    def weights(self) -> dict[str, int]:
        return {part: getattr(self, part) for part in rules.FUND_PARTS}


class FundEvaluationKind(models.TextChoices):
    FINANCE = "finance", _("财政评价")
    AUDIT = "audit", _("审计评审")
    THIRD_PARTY = "third_party", _("三方评估")
    CONGRESS = "congress", _("人大评议")


class FundCriterion(models.Model):
    """A criterion one of the four evaluations scores, set per county; its maximum is its weight
    within the evaluation. A criterion already scored is retired, not deleted."""

    county = models.ForeignKey(
        Jurisdiction, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("评价类别"), max_length=16, choices=FundEvaluationKind.choices)
    name = models.CharField(_("评价指标"), max_length=100)
    max_score = _score(_("分值"), validators=[MinValueValidator(Decimal("0.01"))])
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = SettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("两问四评指标")
        verbose_name_plural = _("两问四评指标")
        ordering = ["county", "kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_score__gt=0), name="budget_fund_criterion_max_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}·{self.name}"


class Fund(models.Model):
    """A major fund of a county in a year, under 两问四评: the public's two questions and the four
    evaluations, weighted into one result that the office publishes."""

    county = models.ForeignKey(
        Jurisdiction, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    name = models.CharField(_("资金名称"), max_length=100)
    unit = models.ForeignKey(
        Unit, verbose_name=_("主管单位"), on_delete=models.PROTECT, related_name="+"
    )
    amount = _amount(_("资金规模（元）"), null=True, blank=True)
    description = models.TextField(_("资金用途"), blank=True)
    survey_open = models.BooleanField(_("问卷开放"), default=False)
    result = _score(_("综合得分"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = FundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重大资金两问四评")
        verbose_name_plural = _("重大资金两问四评")
        ordering = ["-year", "county__code", "name"]
        constraints = [
            *bounds("budget_fund", years=["year"], dates=["published_on"]),
            models.UniqueConstraint(
                fields=["county", "year", "name"], name="budget_fund_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    def get_absolute_url(self) -> str:
        return reverse("budget:fund_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class FundAnswer(models.TextChoices):
    """An answer to one of the two questions: the first two count as favourable."""

    GOOD = "good", _("好（满意）")
    FAIR = "fair", _("较好（基本满意）")
    POOR = "poor", _("不好（不满意）")


class FundResponse(models.Model):
    """One answer of the public to the two questions, sent through the survey page."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="responses")
    in_place = models.CharField(_("资金落实好不好"), max_length=8, choices=FundAnswer.choices)
    satisfied = models.CharField(_("群众满不满意"), max_length=8, choices=FundAnswer.choices)
    comment = models.CharField(_("意见建议"), max_length=500, blank=True)
    # The keyed hash of the sender's address, for the hourly limit only (core/throttle.py).
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    objects = FundPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("两问网上问卷")
        verbose_name_plural = _("两问网上问卷")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client_key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.fund} {self.created_at:%Y-%m-%d}"


class FundTally(models.Model):
    """Paper questionnaires counted by staff: the answers to one question, by answer."""

    class Question(models.TextChoices):
        IN_PLACE = "in_place", _("资金落实好不好")
        SATISFIED = "satisfied", _("群众满不满意")

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="tallies")
    question = models.CharField(_("问题"), max_length=16, choices=Question.choices)
    good = models.PositiveIntegerField(_("好（满意）"), default=0, validators=votes_validators)
    fair = models.PositiveIntegerField(
        _("较好（基本满意）"), default=0, validators=votes_validators
    )
    poor = models.PositiveIntegerField(_("不好（不满意）"), default=0, validators=votes_validators)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = FundPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("两问纸质问卷统计")
        verbose_name_plural = _("两问纸质问卷统计")
        constraints = [
            models.UniqueConstraint(fields=["fund", "question"], name="budget_fund_tally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.get_question_display()}"


class FundEvaluation(models.Model):
    """One of the four evaluations of a fund, scored on the county's criteria of its kind."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("评价类别"), max_length=16, choices=FundEvaluationKind.choices)
    evaluator = models.CharField(_("评价机构"), max_length=100)
    evaluated_on = models.DateField(_("评价日期"), validators=date_validators)
    note = models.TextField(_("评价意见"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = FundPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("四评")
        verbose_name_plural = _("四评")
        ordering = ["fund", "kind"]
        constraints = [
            *bounds("budget_fund_evaluation", dates=["evaluated_on"]),
            models.UniqueConstraint(fields=["fund", "kind"], name="budget_fund_evaluation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.get_kind_display()}"


class FundScore(models.Model):
    """A criterion's score in an evaluation; the criterion's maximum as it stood then is kept, so
    a later change of the criteria leaves a finished evaluation as it was."""

    evaluation = models.ForeignKey(FundEvaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        FundCriterion, verbose_name=_("评价指标"), on_delete=models.PROTECT, related_name="+"
    )
    max_score = _score(_("分值"))
    score = _score(_("得分"))

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="budget_fund_score_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=models.F("max_score")),
                name="budget_fund_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.score}"
