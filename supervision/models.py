"""The standing committee's statutory supervision (监督法): the yearly plan and its items.

A plan (年度监督工作计划) belongs to a county's standing committee or a township congress's
presidium. Each item is one form of supervision (a report heard, a law-enforcement inspection, a
special inquiry, a fiscal report heard, a resolution) that moves through one lifecycle: research
before the session, the report's draft and final versions, the hearing, the deliberation opinions
sent to the body, the body's handling reports (each possibly polled), and the close. Where the item
stands is computed by `rules.item_state` from these records and stored on the item by the services,
so that lists can filter on it.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Jurisdiction, Unit
from core.validators import bounds, date_validators, year_validators

from . import rules
from .querysets import (
    CommitmentQuerySet,
    HandlingReportQuerySet,
    ItemQuerySet,
    ItemRecordQuerySet,
    OpinionLetterQuerySet,
    PlanQuerySet,
    ReportVersionQuerySet,
    SettingQuerySet,
)

User = settings.AUTH_USER_MODEL


class Setting(models.Model):
    """The limits a county's standing committee sets for itself in its supervision rules."""

    county = models.OneToOneField(
        Jurisdiction,
        verbose_name=_("县市区"),
        on_delete=models.CASCADE,
        related_name="supervision_setting",
    )
    opinion_working_days = models.PositiveSmallIntegerField(
        _("审议意见交办时限（工作日）"),
        default=rules.OPINION_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    handling_report_months = models.PositiveSmallIntegerField(
        _("研究处理情况报告期限（月）"),
        default=rules.HANDLING_REPORT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    # 辰溪 polls both the report heard and the handling report, deputies and members separately.
    poll_handling_reports = models.BooleanField(_("对研究处理情况报告进行满意度测评"), default=True)
    two_sided_poll = models.BooleanField(
        _("两方面测评"),
        default=False,
        help_text=_("由全体代表和常委会组成人员分别测评，分别报告结果（辰溪）。"),
    )

    objects = SettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("监督工作设置")
        verbose_name_plural = _("监督工作设置")

    def __str__(self) -> str:
        return str(self.county)


class CalendarDay(models.Model):
    """The admin's table of holidays and adjusted workdays: it overrides the official calendar
    package on the days it names, and is the only source for years the package does not know."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    day = models.DateField(_("日期"), unique=True, validators=date_validators)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    note = models.CharField(_("说明"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["day"]
        constraints = bounds("calendar_day", dates=["day"])

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()}"


class Plan(models.Model):
    """A year's supervision plan of a county standing committee or a township presidium."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草拟中")
        ADOPTED = "adopted", _("已通过")
        PUBLISHED = "published", _("已公布")

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("制定机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    title = models.CharField(_("计划名称"), max_length=128)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("通过日期"), validators=date_validators, null=True, blank=True)
    document_number = models.CharField(_("文号"), max_length=64, blank=True)
    published_on = models.DateField(
        _("公布日期"), validators=date_validators, null=True, blank=True
    )
    notes = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度监督工作计划")
        verbose_name_plural = _("年度监督工作计划")
        ordering = ["-year", "jurisdiction__code"]
        constraints = [
            *bounds(
                "supervision_plan",
                years=["year"],
                dates=["adopted_on", "published_on"],
                ordered=[("adopted_on", "published_on", _("公布日期不能早于通过日期。"))],
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "year"], name="supervision_plan_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("supervision:plan_detail", args=[self.pk])

    @property
    def is_adopted(self) -> bool:
        return self.status != self.Status.DRAFT


class Verdict(models.TextChoices):
    """A satisfaction poll's verdict on a report (满意度测评), in the terms of `rules.Verdict`."""

    SATISFIED = rules.Verdict.SATISFIED, _("满意")
    BASICALLY_SATISFIED = rules.Verdict.BASICALLY_SATISFIED, _("基本满意")
    UNSATISFIED = rules.Verdict.UNSATISFIED, _("不满意")


class Item(models.Model):
    """One supervision item of a plan."""

    class Kind(models.TextChoices):
        WORK_REPORT = "work_report", _("听取和审议专项工作报告")
        INSPECTION = "inspection", _("执法检查")
        INQUIRY = "inquiry", _("专题询问")
        FISCAL_REPORT = "fiscal_report", _("计划、预算、决算和审计工作报告")
        RESOLUTION = "resolution", _("决议、决定")

    class Source(models.TextChoices):
        DEPUTY_SUGGESTIONS = "deputy_suggestions", _("代表建议")
        PUBLIC_OPINIONS = "public_opinions", _("群众意见")
        AUDIT_FINDING = "audit_finding", _("审计发现问题")
        PARTY_PRIORITIES = "party_priorities", _("党委重点工作")
        FOLLOW_UP = "follow_up", _("以往监督事项跟踪")
        FINDINGS = "findings", _("平台发现的问题线索")
        OTHER = "other", _("其他")

    class State(models.TextChoices):
        PLANNED = rules.ItemState.PLANNED, _("已列入计划")
        PREPARING = rules.ItemState.PREPARING, _("会前准备")
        HEARD = rules.ItemState.HEARD, _("已审议")
        OPINIONS_SENT = rules.ItemState.OPINIONS_SENT, _("审议意见已交办")
        HANDLED = rules.ItemState.HANDLED, _("已报告研究处理情况")
        RE_REPORT = rules.ItemState.RE_REPORT, _("须重新报告")
        CLOSED = rules.ItemState.CLOSED, _("已办结")

    plan = models.ForeignKey(
        Plan, verbose_name=_("监督工作计划"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(_("监督形式"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("事项名称"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("被监督单位"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.CharField(_("承办工委"), max_length=64)
    planned_month = models.PositiveSmallIntegerField(
        _("计划审议月份"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    source = models.CharField(_("选题来源"), max_length=24, choices=Source.choices)
    source_note = models.TextField(_("选题依据"), blank=True)
    # The follow-up (回头看) of an earlier item, reopened in a later year.
    follows = models.ForeignKey(
        "self",
        verbose_name=_("跟踪的原监督事项"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    # A special inquiry is usually held on a report heard at the same session.
    joined_to = models.ForeignKey(
        "self",
        verbose_name=_("结合审议的报告"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joined_items",
    )
    # Set when the item was added to a plan already adopted; the reason is in ItemChange.
    added_after_adoption = models.BooleanField(_("计划通过后增补"), default=False)

    # A law-enforcement inspection: the law or regulation, the group, the places and methods.
    law = models.CharField(_("检查的法律法规"), max_length=128, blank=True)
    inspection_group = models.TextField(_("执法检查组"), blank=True)
    inspection_places = models.TextField(_("检查地点"), blank=True)
    inspection_methods = models.JSONField(_("检查方式"), default=list, blank=True)

    # The session at which the item is heard.
    session_on = models.DateField(
        _("常委会会议日期"), validators=date_validators, null=True, blank=True
    )
    session_name = models.CharField(_("会议名称"), max_length=128, blank=True)
    heard_on = models.DateField(_("审议日期"), validators=date_validators, null=True, blank=True)
    reporter = models.CharField(_("报告人"), max_length=128, blank=True)
    hearing_notes = models.TextField(_("审议情况"), blank=True)

    # A resolution or decision: its text and when its execution must be reported.
    resolution_text = models.TextField(_("决议、决定内容"), blank=True)
    execution_due = models.DateField(
        _("执行情况报告期限"), validators=date_validators, null=True, blank=True
    )

    # The satisfaction poll on the report heard (the handling reports have their own).
    report_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("工作报告满意度测评"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    report_verdict = models.CharField(
        _("工作报告测评结果"), max_length=16, choices=Verdict.choices, blank=True
    )

    state = models.CharField(
        _("进展"), max_length=16, choices=State.choices, default=State.PLANNED, editable=False
    )
    closed_on = models.DateField(_("办结日期"), validators=date_validators, null=True, blank=True)
    published_on = models.DateField(
        _("公开日期"), validators=date_validators, null=True, blank=True
    )
    created_by = models.ForeignKey(
        User, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("监督事项")
        verbose_name_plural = _("监督事项")
        ordering = ["plan", "planned_month", "pk"]
        constraints = bounds(
            "supervision_item",
            dates=["session_on", "heard_on", "execution_due", "closed_on", "published_on"],
        )
        indexes = [models.Index(fields=["plan", "state"], name="supervision_item_plan_state")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("supervision:item_detail", args=[self.pk])

    @property
    def jurisdiction(self) -> Jurisdiction:
        return self.plan.jurisdiction

    @property
    def report_deadlines(self) -> tuple[dt.date, dt.date] | None:
        """(draft due, final due) once the session date is set."""
        return None if self.session_on is None else rules.report_deadlines(self.session_on)

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    # A resolution has no deliberation opinions: its adoption at the session stands where they
    # would be sent, and its execution report where a handling report would be.
    RESOLUTION_STATE_LABELS = {
        State.OPINIONS_SENT: _("决议已通过"),
        State.HANDLED: _("已报告执行情况"),
        State.RE_REPORT: _("须重新报告执行情况"),
    }

    @property
    def state_label(self) -> str:
        """The state as the item's kind names it."""
        if self.kind == self.Kind.RESOLUTION and self.state in self.RESOLUTION_STATE_LABELS:
            return str(self.RESOLUTION_STATE_LABELS[self.State(self.state)])
        return str(self.get_state_display())


class ItemChange(models.Model):
    """An item added to an adopted plan or moved to another month, with the reason recorded."""

    class Kind(models.TextChoices):
        ADDED = "added", _("增补")
        MOVED = "moved", _("调整审议月份")

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("调整类型"), max_length=8, choices=Kind.choices)
    from_month = models.PositiveSmallIntegerField(_("原月份"), null=True, blank=True)
    to_month = models.PositiveSmallIntegerField(_("新月份"), null=True, blank=True)
    reason = models.TextField(_("调整理由"))
    changed_by = models.ForeignKey(
        User, verbose_name=_("调整人"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("调整时间"), auto_now_add=True)

    objects = ItemRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("计划调整记录")
        verbose_name_plural = _("计划调整记录")
        ordering = ["item", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item}：{self.get_kind_display()}"


class Evidence(models.Model):
    """What a finding-based item was taken into the plan on: the overdue audit problem, the
    suggestion rated 不满意 twice, the missed commitment, with a link back to it."""

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="evidence"
    )
    label = models.CharField(_("线索"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")

    objects = ItemRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("选题线索")
        verbose_name_plural = _("选题线索")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.label


class Research(models.Model):
    """Research before the session (视察、调研、问卷、抽查、第三方评估) and what it found."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("视察")
        SURVEY = "survey", _("调研")
        QUESTIONNAIRE = "questionnaire", _("问卷调查")
        SPOT_CHECK = "spot_check", _("随机抽查")
        THIRD_PARTY = "third_party", _("第三方评估")

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="research"
    )
    kind = models.CharField(_("方式"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("日期"), validators=date_validators)
    place = models.CharField(_("地点"), max_length=128, blank=True)
    deputies = models.ManyToManyField(
        "deputies.Deputy", verbose_name=_("参加的人大代表"), blank=True, related_name="+"
    )
    members = models.TextField(_("参加的常委会组成人员"), blank=True)
    experts = models.TextField(_("参加的专家"), blank=True)
    findings = models.TextField(_("发现的问题和建议"))
    recorded_by = models.ForeignKey(
        User, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ItemRecordQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[deputies])

    class Meta:
        verbose_name = _("调研视察")
        verbose_name_plural = _("调研视察")
        ordering = ["item", "held_on", "pk"]
        constraints = bounds("supervision_research", dates=["held_on"])

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class ReportVersion(models.Model):
    """A version of the body's report: the draft sent for comments, the final one, or a report
    made again after a 不满意 verdict."""

    class Stage(models.TextChoices):
        DRAFT = "draft", _("征求意见稿")
        FINAL = "final", _("正式报告")
        INSPECTION = "inspection", _("执法检查报告")

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="versions"
    )
    stage = models.CharField(_("稿次"), max_length=16, choices=Stage.choices)
    received_on = models.DateField(_("收到日期"), validators=date_validators)
    summary = models.TextField(_("报告内容摘要"))
    recorded_by = models.ForeignKey(
        User, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReportVersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报告文本")
        verbose_name_plural = _("报告文本")
        ordering = ["item", "received_on", "pk"]
        constraints = bounds("supervision_report_version", dates=["received_on"])

    def __str__(self) -> str:
        return f"{self.item}：{self.get_stage_display()}"


class Question(models.Model):
    """A question of a special inquiry: who asked, which body and person answered, the answer."""

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField(_("序号"), validators=[MinValueValidator(1)])
    asked_by = models.CharField(_("提问人"), max_length=64)
    question = models.TextField(_("询问内容"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("应询单位"), on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.CharField(_("应询人"), max_length=64)
    answer = models.TextField(_("答复内容"), blank=True)

    objects = ItemRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("询问问题")
        verbose_name_plural = _("询问问题")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="question_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.question[:20]}"


class Commitment(models.Model):
    """A commitment made in an answer, tracked to completion like the other deadlines."""

    question = models.ForeignKey(
        Question, verbose_name=_("询问问题"), on_delete=models.CASCADE, related_name="commitments"
    )
    content = models.TextField(_("承诺事项"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.CharField(_("责任人"), max_length=64, blank=True)
    due_on = models.DateField(_("承诺完成期限"), validators=date_validators)
    done_on = models.DateField(_("完成日期"), validators=date_validators, null=True, blank=True)
    result = models.TextField(_("落实情况"), blank=True)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("应询承诺")
        verbose_name_plural = _("应询承诺")
        ordering = ["due_on", "pk"]
        constraints = bounds("supervision_commitment", dates=["due_on", "done_on"])

    def __str__(self) -> str:
        return self.content[:40]

    def get_absolute_url(self) -> str:
        return reverse("supervision:item_detail", args=[self.question.item_id])

    def is_overdue(self, today: dt.date) -> bool:
        """`Commitment.objects.overdue(today)` for one commitment."""
        return self.done_on is None and self.due_on < today


class OpinionLetter(models.Model):
    """The deliberation opinions (审议意见) drafted from the members' statements and sent to the
    body by letter (交办函) within the county's limit in working days."""

    item = models.OneToOneField(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="opinion_letter"
    )
    content = models.TextField(_("审议意见"))
    letter_number = models.CharField(_("交办函文号"), max_length=64, blank=True)
    due_on = models.DateField(_("交办期限"), validators=date_validators)
    sent_on = models.DateField(_("交办日期"), validators=date_validators, null=True, blank=True)
    drafted_by = models.ForeignKey(
        User, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = OpinionLetterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审议意见")
        verbose_name_plural = _("审议意见")
        ordering = ["due_on", "pk"]
        constraints = bounds("supervision_opinion_letter", dates=["due_on", "sent_on"])

    def __str__(self) -> str:
        return f"{self.item}：{_('审议意见')}"

    @property
    def sent_late(self) -> bool:
        return self.sent_on is not None and self.sent_on > self.due_on


class HandlingReport(models.Model):
    """The body's report on how it handled the opinions (研究处理情况报告), or on how a
    resolution was executed. A 不满意 verdict of its poll requires the next one."""

    Verdict = Verdict

    item = models.ForeignKey(
        Item, verbose_name=_("监督事项"), on_delete=models.CASCADE, related_name="handling_reports"
    )
    round = models.PositiveSmallIntegerField(_("报告次数"), default=1)
    due_on = models.DateField(_("报告期限"), validators=date_validators)
    received_on = models.DateField(_("收到日期"), validators=date_validators, null=True, blank=True)
    content = models.TextField(_("研究处理情况"), blank=True)
    poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("满意度测评"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verdict = models.CharField(_("测评结果"), max_length=16, choices=Verdict.choices, blank=True)

    objects = HandlingReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("研究处理情况报告")
        verbose_name_plural = _("研究处理情况报告")
        ordering = ["item", "round"]
        constraints = [
            *bounds("supervision_handling_report", dates=["due_on", "received_on"]),
            models.UniqueConstraint(fields=["item", "round"], name="handling_report_one_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.item}：{_('第%(n)s次报告') % {'n': self.round}}"

    def is_overdue(self, today: dt.date) -> bool:
        """`HandlingReport.objects.overdue(today)` for one report."""
        return self.received_on is None and self.due_on < today
