"""Everything an item's dossier page shows, read in a fixed number of queries whatever the number
of research visits, questions or commitments: the records of each step, the deadlines with their
lateness, where the item stands on its timeline and what the office does next."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..models import (
    Commitment,
    Evidence,
    HandlingReport,
    Item,
    ItemChange,
    OpinionLetter,
    Question,
    ReportVersion,
    Research,
    Setting,
)
from ..querysets import CommitmentQuerySet, HandlingReportQuerySet
from .plan import congress_body_name
from .steps import calendar, setting_for, unknown_calendar_years


@dataclass(frozen=True)
class Deadline:
    """A date something is due by, and when it was done: done after the due day is late by so
    many days, not done after the due day is overdue by so many (the due day itself is in time,
    as for commitments and handling reports)."""

    label: str
    due_on: dt.date
    done_on: dt.date | None
    today: dt.date

    @property
    def late_days(self) -> int:
        if self.done_on is None or self.done_on <= self.due_on:
            return 0
        return (self.done_on - self.due_on).days

    @property
    def overdue_days(self) -> int:
        if self.done_on is not None or self.today <= self.due_on:
            return 0
        return (self.today - self.due_on).days


@dataclass(frozen=True)
class Step:
    state: str
    label: str
    on: dt.date | None
    done: bool
    current: bool


@dataclass(frozen=True)
class NextAction:
    text: str
    anchor: str


@dataclass
class Dossier:
    item: Item
    today: dt.date
    setting: Setting
    office: bool
    research: list[Research]
    versions: list[ReportVersion]
    questions: list[Question]
    letter: OpinionLetter | None
    letter_overdue: bool
    handling_reports: list[HandlingReport]
    changes: list[ItemChange]
    follow_ups: list[Item]
    joined_items: list[Item]
    evidence: list[Evidence]
    draft_deadline: Deadline | None
    final_deadline: Deadline | None
    opinions_due: dt.date | None
    unknown_years: list[int]
    timeline: list[Step]
    next_action: NextAction | None
    commitments: list[Commitment] = field(default_factory=list)
    linked: set[int] = field(default_factory=set)

    @property
    def is_resolution(self) -> bool:
        return self.item.kind == Item.Kind.RESOLUTION

    @property
    def is_inquiry(self) -> bool:
        return self.item.kind == Item.Kind.INQUIRY

    @property
    def unknown_years_text(self) -> str:
        return "、".join(str(year) for year in self.unknown_years)


def dossier_items(user: Any, today: dt.date | None = None) -> "QuerySet[Item]":
    """The items `user` may open, with what the dossier reads along the item itself. Whether
    the opinions are overdue comes from the letters' own rule (`OpinionLetter.objects.overdue`)."""
    today = today or timezone.localdate()
    late_letters = OpinionLetter.objects.filter(item=OuterRef("pk")).overdue(today)
    items: QuerySet[Item] = Item.objects.visible_to(user)
    return items.select_related(
        "plan__jurisdiction__parent",
        "unit",
        "follows__plan",
        "joined_to",
        "report_poll",
        "opinion_letter",
    ).annotate(letter_overdue=Exists(late_letters))


def _flag(condition: Any) -> "ExpressionWrapper[Any]":
    return ExpressionWrapper(condition, output_field=BooleanField())


def _prefetch(item: Item, today: dt.date, user: Any, *, office: bool) -> None:
    """The item's records; commitments and handling reports carry `overdue` from their own
    querysets' rule. The items linked to it are those `user` may open (a deputy does not see
    next year's follow-up before it is published). The office's working records (research,
    the plan's adjustments, the evidence behind the topic) are read for the office only."""
    items = Item.objects.all() if user is None else Item.objects.visible_to(user)
    commitments = Commitment.objects.select_related("unit").annotate(
        overdue=_flag(CommitmentQuerySet.overdue_condition(today))
    )
    reports = HandlingReport.objects.select_related("poll").annotate(
        overdue=_flag(HandlingReportQuerySet.overdue_condition(today))
    )
    lookups: list[Any] = [
        Prefetch("versions", ReportVersion.objects.order_by("received_on", "pk")),
        Prefetch(
            "questions",
            Question.objects.select_related("unit").prefetch_related(
                Prefetch("commitments", commitments)
            ),
        ),
        Prefetch("handling_reports", reports),
        Prefetch("follow_ups", items.select_related("plan")),
        Prefetch("joined_items", items.select_related("plan")),
    ]
    if office:
        lookups += [
            Prefetch("research", Research.objects.prefetch_related("deputies")),
            Prefetch("changes", ItemChange.objects.select_related("changed_by")),
            Prefetch("evidence", Evidence.objects.select_related("content_type")),
        ]
    prefetch_related_objects([item], *lookups)


def _received(versions: list[ReportVersion], stage: str) -> dt.date | None:
    days = [v.received_on for v in versions if v.stage == stage]
    return min(days) if days else None


def _report_deadlines(
    item: Item, versions: list[ReportVersion], today: dt.date
) -> tuple[Deadline | None, Deadline | None]:
    # An inspection's report is the inspection group's own: the body has none to send.
    if item.session_on is None or item.kind == Item.Kind.INSPECTION:
        return None, None
    draft_due, final_due = rules.report_deadlines(item.session_on)
    stage = ReportVersion.Stage
    return (
        Deadline(_("征求意见稿"), draft_due, _received(versions, stage.DRAFT), today),
        Deadline(_("正式报告"), final_due, _received(versions, stage.FINAL), today),
    )


def _opinions_due(item: Item, letter: OpinionLetter | None, setting: Setting) -> dt.date | None:
    """The letter's own due day once drafted; before, what it will be after the hearing."""
    if letter is not None:
        return letter.due_on
    if item.heard_on is None or item.kind == Item.Kind.RESOLUTION:
        return None
    return calendar().deadline(item.heard_on, setting.opinion_working_days)


STATE_ORDER = [
    rules.ItemState.PLANNED,
    rules.ItemState.PREPARING,
    rules.ItemState.HEARD,
    rules.ItemState.OPINIONS_SENT,
    rules.ItemState.HANDLED,
    rules.ItemState.CLOSED,
]


def _timeline(
    item: Item,
    research: list[Research],
    versions: list[ReportVersion],
    letter: OpinionLetter | None,
    reports: list[HandlingReport],
) -> list[Step]:
    """The steps in order, each done or not, from the item's stored state (which the services
    keep equal to `rules.item_state`); a re-report stands on the handling-report step."""
    state = item.state
    reached = STATE_ORDER.index(
        rules.ItemState.HANDLED if state == rules.ItemState.RE_REPORT else rules.ItemState(state)
    )
    started = [r.held_on for r in research] + [v.received_on for v in versions]
    received = [r.received_on for r in reports if r.received_on is not None]
    resolution = item.kind == Item.Kind.RESOLUTION
    sent_on = item.heard_on if resolution else (letter.sent_on if letter else None)
    handled_label = _("执行情况报告") if resolution else _("研究处理情况报告")
    if state == rules.ItemState.RE_REPORT:
        handled_label = _("须重新报告")
    rows = [
        (_("列入计划"), item.plan.adopted_on),
        (_("会前准备"), min(started) if started else None),
        (_("会议审议"), item.heard_on),
        (_("决议通过") if resolution else _("审议意见交办"), sent_on),
        (handled_label, max(received) if received else None),
        (_("办结"), item.closed_on),
    ]
    return [
        Step(str(STATE_ORDER[i]), label, on, done=i <= reached, current=i == reached)
        for i, (label, on) in enumerate(rows)
    ]


def _next_action(
    item: Item,
    letter: OpinionLetter | None,
    reports: list[HandlingReport],
    setting: Setting,
) -> NextAction | None:
    """What the office does next, pointing to the section of the page where it is done."""
    state = rules.ItemState(item.state)
    latest = reports[-1] if reports else None
    if state in (rules.ItemState.PLANNED, rules.ItemState.PREPARING):
        if item.session_on is None:
            return NextAction(_("确定常委会会议日期"), "session")
        return NextAction(_("登记会前调研、报告稿，会后记录审议情况"), "session")
    if state == rules.ItemState.HEARD:
        if item.kind == Item.Kind.RESOLUTION:
            return NextAction(_("等待执行情况报告"), "handling")
        if letter is None:
            return NextAction(_("起草审议意见"), "opinions")
        return NextAction(_("交办审议意见"), "opinions")
    if state == rules.ItemState.OPINIONS_SENT or (
        latest is not None and latest.received_on is None
    ):
        return NextAction(_("登记研究处理情况报告"), "handling")
    if state == rules.ItemState.RE_REPORT:
        return NextAction(_("等待被监督单位重新报告"), "handling")
    if state == rules.ItemState.HANDLED:
        if latest is not None and not latest.verdict and setting.poll_handling_reports:
            return NextAction(_("组织满意度测评或登记测评结果"), "poll")
        return NextAction(_("办结"), "close")
    if item.published_on is None:
        return NextAction(_("公开监督情况"), "publish")
    return None


def _unknown_years(item: Item, opinions_due: dt.date | None, setting: Setting) -> list[int]:
    """Years the working-day count of the opinions runs through that neither the calendar
    package nor the admin's table knows. Before the hearing, the count from the session day
    stands in for it, so the office is warned while there is time to enter the holidays. (The
    other deadlines count calendar days and months: no holiday moves them.)"""
    if item.kind == Item.Kind.RESOLUTION:
        return []
    start = item.heard_on or item.session_on
    if start is None:
        return []
    end = opinions_due or calendar().deadline(start, setting.opinion_working_days)
    return unknown_calendar_years(start, max(start, end))


def _linked(item: Item, user: Any) -> set[int]:
    """Which of the item it follows and the report it is joined to `user` may open."""
    ids = {pk for pk in (item.follows_id, item.joined_to_id) if pk is not None}
    if not ids:
        return set()
    items = Item.objects.all() if user is None else Item.objects.visible_to(user)
    return set(items.filter(pk__in=ids).values_list("pk", flat=True))


def item_dossier(
    item: Item, *, office: bool, today: dt.date | None = None, user: Any = None
) -> Dossier:
    """Everything the dossier page shows. `item` comes from `dossier_items` (its relations and
    the letter's lateness read with it); the rest is a fixed number of queries. With `user`,
    the items linked to it are only those they may open.

    Deputies and the body's liaison (`office` false) are made known what the public page shows
    and the deadlines they follow: the report as finally made, the opinions once sent, the
    handling reports and the inquiry; never the office's research notes, the draft for
    comments, opinions still being drafted, the plan's adjustments or the topic's evidence."""
    today = today or timezone.localdate()
    _prefetch(item, today, user, office=office)
    setting = setting_for(item.plan.jurisdiction)
    research = list(item.research.all()) if office else []
    # The deadlines are met by the draft as well, whoever reads them.
    versions = list(item.versions.all())
    shown = versions if office else list(ReportVersion.objects.filter(item=item).public())
    questions = list(item.questions.all())
    reports = list(item.handling_reports.all())
    letter = getattr(item, "opinion_letter", None)
    shown_letter = letter if office or (letter is not None and letter.sent_on) else None
    draft, final = _report_deadlines(item, versions, today)
    opinions_due = _opinions_due(item, letter, setting)
    commitments = [c for q in questions for c in q.commitments.all()]
    unknown = _unknown_years(item, opinions_due, setting)
    return Dossier(
        item=item,
        today=today,
        setting=setting,
        office=office,
        research=research,
        versions=shown,
        questions=questions,
        letter=shown_letter,
        letter_overdue=bool(getattr(item, "letter_overdue", False)),
        handling_reports=reports,
        changes=list(item.changes.all()) if office else [],
        follow_ups=list(item.follow_ups.all()),
        joined_items=list(item.joined_items.all()),
        evidence=list(item.evidence.all()) if office else [],
        draft_deadline=draft,
        final_deadline=final,
        opinions_due=opinions_due,
        unknown_years=unknown,
        timeline=_timeline(item, research, shown, shown_letter, reports),
        next_action=_next_action(item, letter, reports, setting) if office else None,
        commitments=commitments,
        linked=_linked(item, user),
    )


def commitments_for(
    user: Any, *, show: str = "", today: dt.date | None = None
) -> "QuerySet[Commitment]":
    """The commitments `user` sees, each with `overdue` from `Commitment.objects.overdue`'s own
    condition and `item_visible` (a liaison sees their unit's commitments on items of other
    units, whose dossiers they do not open); `show` narrows to "open", "overdue" or "done"."""
    today = today or timezone.localdate()
    items = Item.objects.visible_to(user).filter(pk=OuterRef("question__item_id"))
    qs = (
        Commitment.objects.visible_to(user)
        .select_related("unit", "question__item__plan", "question__unit")
        .annotate(item_visible=Exists(items))
    )
    if show == "open":
        qs = qs.open()
    elif show == "overdue":
        qs = qs.overdue(today)
    elif show == "done":
        qs = qs.filter(done_on__isnull=False)
    qs = qs.annotate(overdue=_flag(CommitmentQuerySet.overdue_condition(today)))
    # Open commitments first, the most urgent on top, on SQLite and PostgreSQL alike.
    ordered = qs.order_by(F("done_on").asc(nulls_first=True), "due_on", "pk")
    return cast("QuerySet[Commitment]", ordered)


def letter_facts(item: Item, letter: OpinionLetter) -> dict[str, Any]:
    """What the 交办函 says besides the opinions: who sends it and when the handling report is
    due (the first round's due day once sent; before, what it will be if sent today)."""
    first = HandlingReport.objects.filter(item=item).order_by("round").first()
    if first is not None:
        due = first.due_on
    else:
        months = setting_for(item.plan.jurisdiction).handling_report_months
        due = rules.handling_report_deadline(letter.sent_on or timezone.localdate(), months)
    return {"committee": congress_body_name(item.plan.jurisdiction), "handling_due": due}
