from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from core.models import Jurisdiction, Unit
from core.validators import VOTES_MAX, bounds, date_validators, votes_validators, year_validators

from . import rules
from .querysets import (
    AuditProblemQuerySet,
    ConsequenceActionQuerySet,
    CountyRecordQuerySet,
    EvaluationOpinionQuerySet,
    EvaluationRoundQuerySet,
    ProcuratorialSuggestionQuerySet,
    RectificationItemQuerySet,
    UnitHeadQuerySet,
    consequence_due,
)

User = settings.AUTH_USER_MODEL


def _county_fk(**kwargs):
    return models.ForeignKey(
        Jurisdiction, verbose_name=_("县市区"), on_delete=models.PROTECT, related_name="+", **kwargs
    )


# --- Evaluation rounds ----------------------------------------------------------------------------


class EvaluationRound(models.Model):
    """A year's work evaluation (工作评议) of government departments by the standing committee."""

    jurisdiction = _county_fk()
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    title = models.CharField(_("评议名称"), max_length=128)
    units = models.ManyToManyField(Unit, verbose_name=_("被评议单位"), related_name="+")
    # 会同 adds special inquiries; 辰溪 polls deputies and committee members separately.
    special_inquiry = models.BooleanField(_("开展专题询问"), default=False)
    two_sided_poll = models.BooleanField(
        _("两方面测评"),
        default=False,
        help_text=_("由全体代表和常委会组成人员分别测评，分别报告结果（辰溪）。"),
    )
    notes = models.TextField(_("说明"), blank=True)
    satisfaction_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("满意度测评"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = EvaluationRoundQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = _("工作评议")
        verbose_name_plural = _("工作评议")
        ordering = ["-year", "jurisdiction__code", "title"]
        constraints = bounds("evaluation_round", years=["year"])

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:round_detail", args=[self.pk])


class Stage(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("制定评议方案")
        INVESTIGATION = "investigation", _("调查了解（听汇报、看现场、问代表）")
        HEARING = "hearing", _("听取和审议工作报告")
        POLL = "poll", _("满意度测评")
        OPINIONS = "opinions", _("交办评议意见")
        RECTIFICATION = "rectification", _("整改情况报告")
        LOOK_BACK = "look_back", _("跟踪问效（回头看）")

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("工作评议"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("阶段"), max_length=16, choices=Kind.choices)
    planned_start = models.DateField(
        _("计划开始"), validators=date_validators, null=True, blank=True
    )
    planned_end = models.DateField(_("计划完成"), validators=date_validators, null=True, blank=True)
    done_on = models.DateField(_("完成日期"), validators=date_validators, null=True, blank=True)
    notes = models.TextField(_("情况记录"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评议阶段")
        verbose_name_plural = _("评议阶段")
        ordering = ["round", "pk"]
        constraints = [
            *bounds(
                "stage",
                dates=["planned_start", "planned_end", "done_on"],
                ordered=[("planned_start", "planned_end", _("计划完成日期不能早于计划开始日期。"))],
            ),
            models.UniqueConstraint(fields=["round", "kind"], name="stage_unique_kind_per_round"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Participant(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("常委会组成人员")
        DEPUTY = "deputy", _("人大代表")
        PROCURATORATE = "procuratorate", _("检察院派员（联动）")
        AUDIT = "audit", _("审计部门")
        OTHER = "other", _("其他")

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("工作评议"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("姓名"), max_length=32)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    organization = models.CharField(_("单位及职务"), max_length=128, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("参加人员")
        verbose_name_plural = _("参加人员")
        ordering = ["round", "kind", "pk"]

    def __str__(self) -> str:
        return self.name


class Opinion(models.Model):
    """An evaluation opinion (评议意见) assigned to a unit, with its rectification report."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("工作评议"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("被评议单位"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("评议意见"))
    assigned_on = models.DateField(_("交办日期"), validators=date_validators)
    deadline = models.DateField(_("整改报告期限"), validators=date_validators)
    report = models.TextField(_("整改情况报告"), blank=True)
    reported_on = models.DateField(_("报告日期"), validators=date_validators, null=True, blank=True)
    reported_by = models.ForeignKey(
        User,
        verbose_name=_("报告人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EvaluationOpinionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评议意见")
        verbose_name_plural = _("评议意见")
        ordering = ["deadline", "pk"]
        constraints = bounds(
            "evaluation_opinion",
            dates=["assigned_on", "deadline", "reported_on"],
            ordered=[("assigned_on", "deadline", _("整改报告期限不能早于交办日期。"))],
        )

    def __str__(self) -> str:
        return f"{self.unit}：{self.content[:20]}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:opinion_detail", args=[self.pk])

    def overdue_on(self, today: date) -> bool:
        """`Opinion.objects.overdue(today)` for one opinion: no report yet after the deadline."""
        return rules.is_overdue(self.deadline, self.reported_on is not None, today)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


# --- Audit rectification ------------------------------------------------------------------------


class AuditImport(models.Model):
    """One audit office workbook, imported as a whole."""

    jurisdiction = _county_fk()
    year = models.PositiveSmallIntegerField(_("审计年度"), validators=year_validators)
    file_name = models.CharField(_("文件名"), max_length=255)
    row_count = models.PositiveIntegerField(_("问题数"))
    imported_by = models.ForeignKey(
        User, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    objects = CountyRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计问题清单导入")
        verbose_name_plural = _("审计问题清单导入")
        ordering = ["-imported_at"]
        constraints = bounds("audit_import", years=["year"])

    def __str__(self) -> str:
        return self.file_name


class AuditProblem(models.Model):
    """A problem found by audit and assigned (交办) to a unit for rectification."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未整改")
        COMMITTED = "committed", _("承诺整改")
        PARTIAL = "partial", _("部分整改")
        RECTIFIED = "rectified", _("整改到位")

    jurisdiction = _county_fk()
    year = models.PositiveSmallIntegerField(_("审计年度"), validators=year_validators)
    number = models.CharField(_("编号"), max_length=32)
    area = models.CharField(_("问题领域"), max_length=64)
    description = models.TextField(_("问题描述"))
    amount = models.DecimalField(
        _("涉及金额（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("整改期限"), validators=date_validators)
    status = models.CharField(
        _("整改状态"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    measures = models.TextField(_("整改措施及进展"), blank=True)
    evidence = models.TextField(_("整改佐证材料"), blank=True)
    reported_on = models.DateField(
        _("最近报送日期"), validators=date_validators, null=True, blank=True
    )
    closed_on = models.DateField(_("销号日期"), validators=date_validators, null=True, blank=True)
    closed_by = models.ForeignKey(
        User,
        verbose_name=_("核实销号人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verification_note = models.TextField(_("核实意见"), blank=True)
    source = models.ForeignKey(
        AuditImport,
        verbose_name=_("导入批次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )

    objects = AuditProblemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审计整改问题")
        verbose_name_plural = _("审计整改问题")
        ordering = ["jurisdiction__code", "-year", "number"]
        constraints = [
            *bounds(
                "audit_problem", years=["year"], dates=["deadline", "reported_on", "closed_on"]
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "number"], name="audit_problem_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:24]}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:problem_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def awaits_rectification(self) -> bool:
        """Neither reported fully rectified nor closed out
        (`AuditProblem.objects.awaiting_rectification()` for one problem)."""
        return not self.is_closed and self.status != self.Status.RECTIFIED

    def overdue_on(self, today: date) -> bool:
        """`AuditProblem.objects.overdue(today)` for one problem: still awaiting rectification
        after its deadline."""
        return rules.is_overdue(self.deadline, not self.awaits_rectification, today)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


class RectificationItem(models.Model):
    """会同's rectification list (整改清单): one entry matched to each problem of the problem list."""

    problem = models.OneToOneField(
        AuditProblem,
        verbose_name=_("对应问题"),
        on_delete=models.CASCADE,
        related_name="rectification_item",
    )
    measures = models.TextField(_("整改措施"))
    responsible_person = models.CharField(_("整改责任人"), max_length=32)
    planned_on = models.DateField(_("计划完成日期"), validators=date_validators)
    completed_on = models.DateField(
        _("实际完成日期"), validators=date_validators, null=True, blank=True
    )

    objects = RectificationItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整改清单事项")
        verbose_name_plural = _("整改清单事项")
        ordering = ["problem__number"]
        constraints = bounds("rectification_item", dates=["planned_on", "completed_on"])

    def __str__(self) -> str:
        return f"{self.problem.number} {self.responsible_person}"


class JointReview(models.Model):
    """The monthly joint review (每月联合审查) of the two lists with the audit office (会同)."""

    jurisdiction = _county_fk()
    month = models.DateField(
        _("月份"), validators=date_validators, help_text=_("填写该月第一天，如 2024-05-01。")
    )
    held_on = models.DateField(_("审查日期"), validators=date_validators)
    attendees = models.CharField(_("参加人员"), max_length=255)
    problems = models.ManyToManyField(
        AuditProblem, verbose_name=_("审查的问题"), blank=True, related_name="joint_reviews"
    )
    findings = models.TextField(_("审查情况"))
    follow_up = models.TextField(_("督办事项"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = CountyRecordQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[problems])

    class Meta:
        verbose_name = _("联合审查记录")
        verbose_name_plural = _("联合审查记录")
        ordering = ["-month"]
        constraints = [
            *bounds("joint_review", dates=["month", "held_on"]),
            models.UniqueConstraint(
                fields=["jurisdiction", "month"], name="joint_review_one_per_month"
            ),
        ]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


# --- Procuratorial suggestions -----------------------------------------------------------------


class ProcuratorialSuggestion(models.Model):
    """行政检察监督建议: answered in writing within two calendar months of issue."""

    class Adoption(models.TextChoices):
        PENDING = "pending", _("待认定")
        ADOPTED = "adopted", _("已采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    number = models.CharField(_("文号"), max_length=64)
    procuratorate = models.ForeignKey(
        Unit,
        verbose_name=_("检察院"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Unit.Kind.PROCURATORATE},
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("被建议单位"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("建议内容"))
    issued_on = models.DateField(_("发出日期"), validators=date_validators)
    reply_due = models.DateField(_("回复期限"), validators=date_validators, editable=False)
    reply = models.TextField(_("书面回复"), blank=True)
    replied_on = models.DateField(_("回复日期"), validators=date_validators, null=True, blank=True)
    adoption = models.CharField(
        _("采纳情况"), max_length=16, choices=Adoption.choices, default=Adoption.PENDING
    )

    objects = ProcuratorialSuggestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政检察监督建议")
        verbose_name_plural = _("行政检察监督建议")
        ordering = ["-issued_on", "number"]
        constraints = [
            *bounds("procuratorial_suggestion", dates=["issued_on", "reply_due", "replied_on"]),
            models.UniqueConstraint(
                fields=["procuratorate", "number"], name="procuratorial_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.reply_due = rules.reply_due(self.issued_on)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("evaluations:suggestion_detail", args=[self.pk])

    def overdue_on(self, today: date) -> bool:
        """`ProcuratorialSuggestion.objects.overdue(today)` for one suggestion."""
        return rules.is_overdue(self.reply_due, self.replied_on is not None, today)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


# --- Heads of units and their appraisal ---------------------------------------------------------


class UnitHead(models.Model):
    """A head appointed by the standing committee (任后监督), or a judge or prosecutor (员额)."""

    class Kind(models.TextChoices):
        HEAD = "head", _("政府工作部门负责人")
        JUDGE = "judge", _("员额法官")
        PROSECUTOR = "prosecutor", _("员额检察官")

    name = models.CharField(_("姓名"), max_length=32)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.HEAD)
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("职务"), max_length=64)
    took_office = models.DateField(_("任职日期"), validators=date_validators)
    left_office = models.DateField(_("离任日期"), validators=date_validators, null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("前任"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )

    objects = UnitHeadQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("任命人员")
        verbose_name_plural = _("任命人员")
        ordering = ["unit__name", "-took_office"]
        constraints = bounds(
            "unit_head",
            dates=["took_office", "left_office"],
            ordered=[("took_office", "left_office", _("离任日期不能早于任职日期。"))],
        )

    def __str__(self) -> str:
        return f"{self.name}（{self.unit} {self.post}）"


class AppraisalRound(models.Model):
    """A full-coverage appraisal (履职评议) of appointed heads, with its grading policy."""

    class Method(models.TextChoices):
        PAPER = "paper", _("纸质票，会议计票")
        ONLINE = "online", _("网上无记名投票")

    jurisdiction = _county_fk()
    title = models.CharField(_("评议名称"), max_length=128)
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    appraisal_date = models.DateField(_("测评日期"), validators=date_validators)
    method = models.CharField(
        _("投票方式"), max_length=16, choices=Method.choices, default=Method.PAPER
    )
    subject_kinds = models.CharField(
        _("测评对象"),
        max_length=64,
        default=UnitHead.Kind.HEAD,
        help_text=_("逗号分隔：head、judge、prosecutor。"),
    )
    excellent_share = models.DecimalField(
        _("优秀比例"),
        max_digits=4,
        decimal_places=2,
        default=rules.DEFAULT_POLICY.excellent_share,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    good_share = models.DecimalField(
        _("良好比例"),
        max_digits=4,
        decimal_places=2,
        default=rules.DEFAULT_POLICY.good_share,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    poor_d_share = models.DecimalField(
        _("较差认定：D票占比超过"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.333"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    grade_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("等次测评投票"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("确定等次时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = CountyRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("履职评议")
        verbose_name_plural = _("履职评议")
        ordering = ["-appraisal_date", "pk"]
        constraints = bounds("appraisal_round", years=["year"], dates=["appraisal_date"])

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:appraisal_detail", args=[self.pk])

    @property
    def policy(self) -> rules.GradePolicy:
        return rules.GradePolicy(
            excellent_share=self.excellent_share,
            good_share=self.good_share,
            poor_d_share=self.poor_d_share,
        )

    @property
    def kinds(self) -> list[str]:
        return [k.strip() for k in self.subject_kinds.split(",") if k.strip()]


class AppraisalEntry(models.Model):
    """One head on an appraisal round's roster, with the votes, grade and consequences."""

    class Grade(models.TextChoices):
        A = "A", _("优秀")
        B = "B", _("良好")
        C = "C", _("一般")
        D = "D", _("较差")

    round = models.ForeignKey(
        AppraisalRound, verbose_name=_("履职评议"), on_delete=models.CASCADE, related_name="entries"
    )
    head = models.ForeignKey(
        UnitHead, verbose_name=_("测评对象"), on_delete=models.PROTECT, related_name="entries"
    )
    assessed_alone = models.BooleanField(_("单独测评"), default=True)
    # A head in post under 8 months is on the ballot together with the predecessor.
    together_with = models.ForeignKey(
        "self",
        verbose_name=_("一并测评"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    votes_a = models.PositiveIntegerField(_("A票"), validators=votes_validators, default=0)
    votes_b = models.PositiveIntegerField(_("B票"), validators=votes_validators, default=0)
    votes_c = models.PositiveIntegerField(_("C票"), validators=votes_validators, default=0)
    votes_d = models.PositiveIntegerField(_("D票"), validators=votes_validators, default=0)
    grade = models.CharField(_("等次"), max_length=1, choices=Grade.choices, blank=True)
    in_d_top = models.BooleanField(_("D票前三"), default=False)
    consequences = models.JSONField(_("结果运用"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("测评名单")
        verbose_name_plural = _("测评名单")
        ordering = ["round", "head__unit__name", "head__took_office"]
        constraints = [
            *bounds(
                "appraisal_entry",
                maxima={f"votes_{g}": VOTES_MAX for g in "abcd"},
            ),
            models.UniqueConstraint(fields=["round", "head"], name="appraisal_entry_unique_head"),
        ]

    def __str__(self) -> str:
        return str(self.head)

    @property
    def total_votes(self) -> int:
        return self.votes_a + self.votes_b + self.votes_c + self.votes_d

    @property
    def rated_poor(self) -> bool:
        return self.grade == self.Grade.D

    @property
    def consequence_labels(self) -> list[StrOrPromise]:
        return [rules.Consequence(c).label for c in self.consequences]


class ConsequenceAction(models.Model):
    """One consequence of a head's appraisal followed through (洪江市): the talk held by the
    government's head, the referral to the party committee's organization department, the
    proposal to adjust the post, the removal motion filed.

    Grading creates one per consequence `rules.consequences` yields for the entry; the office
    records when it was carried out, by whom, and under which document."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待落实")
        DONE = "done", _("已落实")

    # What "done" means for each kind, as the page says it.
    DONE_LABELS = {
        rules.Consequence.GOVERNMENT_TALK: _("已约谈"),
        rules.Consequence.PARTY_TALK: _("已提请组织部门约谈"),
        rules.Consequence.POST_ADJUSTMENT: _("已提请岗位调整"),
        rules.Consequence.REMOVAL_MOTION: _("已提出撤职案"),
    }

    entry = models.ForeignKey(
        AppraisalEntry, verbose_name=_("测评对象"), on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(
        _("结果运用"),
        max_length=24,
        choices=[(c.value, c.label) for c in rules.Consequence],
    )
    status = models.CharField(
        _("落实情况"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    done_on = models.DateField(_("落实日期"), validators=date_validators, null=True, blank=True)
    by_whom = models.CharField(
        _("落实人或机关"),
        max_length=128,
        blank=True,
        help_text=_("如：约谈的市政府负责人、市委组织部、提出撤职案的主任会议。"),
    )
    document = models.CharField(
        _("相关文件"),
        max_length=255,
        blank=True,
        help_text=_("文号及标题，如：洪人常函〔2025〕3号 关于提请岗位调整的函。"),
    )
    note = models.TextField(_("情况说明"), blank=True)
    recorded_by = models.ForeignKey(
        User,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    objects = ConsequenceActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("结果运用落实")
        verbose_name_plural = _("结果运用落实")
        # Created in the ladder's order, so the primary key keeps it.
        ordering = ["entry", "pk"]
        constraints = [
            *bounds("consequence_action", dates=["done_on"]),
            models.UniqueConstraint(
                fields=["entry", "kind"], name="consequence_action_unique_kind"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="pending", done_on__isnull=True)
                    | models.Q(status="done", done_on__isnull=False)
                ),
                name="consequence_action_done_has_date",
                violation_error_message=_("已落实的结果运用须有落实日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry.head.name}：{self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.entry.round.get_absolute_url()}#consequence-{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def status_label(self) -> StrOrPromise:
        return self.DONE_LABELS[rules.Consequence(self.kind)] if self.is_done else _("待落实")

    @property
    def due_on(self) -> date:
        return consequence_due(self.entry.round.appraisal_date)

    def overdue_on(self, today: date) -> bool:
        """`ConsequenceAction.objects.overdue(today)` for one action."""
        return rules.is_overdue(self.due_on, self.is_done, today)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())
