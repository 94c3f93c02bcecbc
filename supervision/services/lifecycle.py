"""Writes of a supervision item's lifecycle: research, report versions, the session and hearing,
inquiry questions and commitments, the deliberation opinions, the body's handling reports and their
polls, the close, publication and follow-up.

Every function is keyword-only and atomic; a step that two clicks could race locks the item's row
first and checks the item's state under that lock. A refused step raises ValidationError with a
Chinese message the page shows as it is (keyed by field where a field is at fault). After every
step `state_refresh` stores where the item stands, so that `Item.state` always equals
`rules.item_state(item_steps(item))`. The deadlines come from `rules` and `selectors.steps`.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction, Unit
from deputies.models import Deputy
from evaluations import polling
from polls import services as poll_services
from polls.models import Poll

from .. import rules
from ..models import (
    Commitment,
    HandlingReport,
    Item,
    ItemChange,
    OpinionLetter,
    Plan,
    Question,
    ReportVersion,
    Research,
)
from ..selectors.steps import item_steps, opinions_due, setting_for
from .common import state_refresh

# The polls engine's satisfaction marks, in the terms of the supervision rules.
POLL_VERDICTS = {
    "S": rules.Verdict.SATISFIED,
    "B": rules.Verdict.BASICALLY_SATISFIED,
    "U": rules.Verdict.UNSATISFIED,
}


# --- Shared checks ---------------------------------------------------------------------------------


def _locked(item: Item) -> Item:
    """The item's row, locked for the rest of the transaction and read afresh, so that a step
    is checked against the state a concurrent click may just have changed."""
    locked: Item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("plan__jurisdiction")
        .get(pk=item.pk)
    )
    return locked


def _open(item: Item) -> Item:
    """The locked item, refused once it is closed: a closed item takes no further step."""
    item = _locked(item)
    if item.closed_on is not None:
        raise ValidationError(_("该监督事项已经办结，不能再办理。"))
    return item


def _heard(item: Item, message: str) -> None:
    if item.heard_on is None:
        raise ValidationError(message)


def _county(item: Item) -> Jurisdiction:
    jurisdiction = item.plan.jurisdiction
    return jurisdiction.county or jurisdiction


def _today() -> dt.date:
    return timezone.localdate()


def _saved(record: Model) -> None:
    """Validate a new record as the model's fields and constraints say, then save it."""
    record.full_clean()
    record.save()


# --- Before the session ----------------------------------------------------------------------------


@transaction.atomic
def research_record(
    *,
    item: Item,
    kind: str,
    held_on: dt.date,
    findings: str,
    place: str = "",
    members: str = "",
    experts: str = "",
    deputies: Iterable[Deputy] = (),
    by: User,
) -> Research:
    item = _open(item)
    deputies = list(deputies)
    county = _county(item)
    if any(deputy.county_id != county.pk for deputy in deputies):
        raise ValidationError({"deputies": _("只能选择本县市区的人大代表。")})
    research = Research(
        item=item,
        kind=kind,
        held_on=held_on,
        findings=findings,
        place=place,
        members=members,
        experts=experts,
        recorded_by=by,
    )
    _saved(research)
    research.deputies.set(deputies)
    state_refresh(item=item)
    return research


def _stages_for(item: Item) -> list[str]:
    """An inspection's report is the inspection group's own; every other kind has the body's
    draft for comments and its final report."""
    if item.kind == Item.Kind.INSPECTION:
        return [ReportVersion.Stage.INSPECTION]
    return [ReportVersion.Stage.DRAFT, ReportVersion.Stage.FINAL]


@transaction.atomic
def version_record(
    *, item: Item, stage: str, received_on: dt.date, summary: str, by: User
) -> ReportVersion:
    item = _open(item)
    if stage not in _stages_for(item):
        if item.kind == Item.Kind.INSPECTION:
            message = _("执法检查事项只登记执法检查报告。")
        else:
            message = _("执法检查报告只能登记在执法检查事项上。")
        raise ValidationError({"stage": message})
    version = ReportVersion(
        item=item, stage=stage, received_on=received_on, summary=summary, recorded_by=by
    )
    _saved(version)
    state_refresh(item=item)
    return version


@transaction.atomic
def session_set(*, item: Item, session_on: dt.date, session_name: str = "", by: User) -> Item:
    item = _open(item)
    if item.heard_on is not None:
        raise ValidationError(_("该事项已经审议，不能再修改会议日期。"))
    item.session_on = session_on
    item.session_name = session_name
    item.full_clean(exclude=["state"])
    item.save(update_fields=["session_on", "session_name"])
    return state_refresh(item=item)


# --- At the session --------------------------------------------------------------------------------


def _hearing_changeable(item: Item) -> None:
    """The hearing may be corrected until what follows it has happened."""
    letter = OpinionLetter.objects.filter(item=item).first()
    if letter is not None and letter.sent_on is not None:
        raise ValidationError(_("审议意见已经交办，不能再修改审议情况。"))
    if item.handling_reports.filter(received_on__isnull=False).exists():
        raise ValidationError(_("已收到执行情况报告，不能再修改审议情况。"))


@transaction.atomic
def hearing_record(
    *,
    item: Item,
    heard_on: dt.date,
    reporter: str = "",
    hearing_notes: str = "",
    resolution_text: str = "",
    execution_due: dt.date | None = None,
    by: User,
) -> Item:
    """Record the hearing (or the inspection report heard, the inquiry held, the resolution
    adopted). A resolution's execution report is its first handling report, due on its own
    deadline. The session date is optional: a hearing may be entered without it."""
    item = _open(item)
    _hearing_changeable(item)
    if item.kind == Item.Kind.RESOLUTION:
        errors = {}
        if not resolution_text.strip():
            errors["resolution_text"] = _("请填写决议、决定的内容。")
        if execution_due is None:
            errors["execution_due"] = _("请填写执行情况报告期限。")
        elif execution_due <= heard_on:
            errors["execution_due"] = _("执行情况报告期限应晚于审议日期。")
        if errors:
            raise ValidationError(errors)
    elif execution_due is not None:
        raise ValidationError({"execution_due": _("只有决议、决定才有执行情况报告期限。")})
    item.heard_on = heard_on
    item.reporter = reporter
    item.hearing_notes = hearing_notes
    item.resolution_text = resolution_text
    item.execution_due = execution_due
    item.full_clean(exclude=["state"])
    item.save(
        update_fields=[
            "heard_on",
            "reporter",
            "hearing_notes",
            "resolution_text",
            "execution_due",
        ]
    )
    if item.kind == Item.Kind.RESOLUTION and execution_due is not None:
        HandlingReport.objects.update_or_create(
            item=item, round=1, defaults={"due_on": execution_due}
        )
    # A corrected hearing date moves the deadline of opinions already drafted.
    opinion_deadlines_refresh(item=item)
    return state_refresh(item=item)


@transaction.atomic
def question_record(
    *,
    item: Item,
    asked_by: str,
    question: str,
    unit: Unit,
    answered_by: str,
    answer: str = "",
    by: User,
) -> Question:
    item = _open(item)
    if item.kind != Item.Kind.INQUIRY:
        raise ValidationError(_("只有专题询问事项才能登记询问问题。"))
    number = (item.questions.aggregate(n=Max("number"))["n"] or 0) + 1
    record = Question(
        item=item,
        number=number,
        asked_by=asked_by,
        question=question,
        unit=unit,
        answered_by=answered_by,
        answer=answer,
    )
    _saved(record)
    state_refresh(item=item)
    return record


@transaction.atomic
def commitment_record(
    *, question: Question, content: str, unit: Unit, due_on: dt.date, owner: str = "", by: User
) -> Commitment:
    item = _open(question.item)
    commitment = Commitment(
        question=question, content=content, unit=unit, due_on=due_on, owner=owner
    )
    _saved(commitment)
    state_refresh(item=item)
    return commitment


@transaction.atomic
def commitment_report(
    *, commitment: Commitment, done_on: dt.date, result: str, by: User
) -> Commitment:
    """The responsible unit reports a commitment done. Commitments are tracked to completion on
    their own, so this stays possible after the item is closed; it is not a step of the item."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.done_on is not None:
        raise ValidationError(_("该承诺事项已经报告落实情况。"))
    errors = {}
    if not result.strip():
        errors["result"] = _("请填写落实情况。")
    heard_on = commitment.question.item.heard_on
    if heard_on is not None and done_on < heard_on:
        errors["done_on"] = _("完成日期不能早于询问（审议）日期。")
    if errors:
        raise ValidationError(errors)
    commitment.done_on = done_on
    commitment.result = result
    commitment.full_clean()
    commitment.save(update_fields=["done_on", "result"])
    return commitment


# --- After the session: opinions and handling reports ----------------------------------------------


@transaction.atomic
def opinions_draft(*, item: Item, content: str, by: User) -> OpinionLetter:
    """Draft (or redraft, until sent) the deliberation opinions. Their deadline counts the
    county's working days from the hearing along the official calendar and the admin's table."""
    item = _open(item)
    if item.kind == Item.Kind.RESOLUTION:
        raise ValidationError(_("决议、决定不另行交办审议意见，由有关单位报告执行情况。"))
    _heard(item, _("尚未审议，不能起草审议意见。"))
    assert item.heard_on is not None  # for mypy: checked just above
    letter = OpinionLetter.objects.filter(item=item).first()
    if letter is not None and letter.sent_on is not None:
        raise ValidationError(_("审议意见已经交办，不能再修改。"))
    if letter is None:
        letter = OpinionLetter(item=item, drafted_by=by)
    letter.content = content
    letter.drafted_by = by
    letter.due_on = opinions_due(item.heard_on, item.plan.jurisdiction)
    _saved(letter)
    state_refresh(item=item)
    return letter


@transaction.atomic
def opinion_deadlines_refresh(
    *, county: Jurisdiction | None = None, item: Item | None = None
) -> int:
    """Recompute the stored deadline of every unsent opinion letter (of `county`'s plans and
    its townships', of `item`, or everywhere) from its hearing date, the county's limit and the
    holiday table: each of these may change while the letter waits, and the lists, reminders
    and overdue flags read the stored date. A sent letter keeps the deadline it was sent
    against. Returns how many letters changed."""
    letters = OpinionLetter.objects.select_for_update(of=("self",)).filter(
        sent_on__isnull=True, item__heard_on__isnull=False
    )
    if county is not None:
        letters = letters.filter(
            Q(item__plan__jurisdiction=county) | Q(item__plan__jurisdiction__parent=county)
        )
    if item is not None:
        letters = letters.filter(item=item)
    # One deadline per hearing date and county; `opinions_due` reads the table and the limit.
    deadlines: dict[tuple[dt.date, int], dt.date] = {}
    changed = 0
    for letter in letters.select_related("item__plan__jurisdiction__parent"):
        heard_on = letter.item.heard_on
        assert heard_on is not None  # filtered above
        jurisdiction = letter.item.plan.jurisdiction
        key = (heard_on, (jurisdiction.county or jurisdiction).pk)
        if key not in deadlines:
            deadlines[key] = opinions_due(heard_on, jurisdiction)
        if letter.due_on != deadlines[key]:
            letter.due_on = deadlines[key]
            letter.save(update_fields=["due_on"])
            changed += 1
    return changed


@transaction.atomic
def opinions_send(
    *, letter: OpinionLetter, sent_on: dt.date, letter_number: str = "", by: User
) -> OpinionLetter:
    """Send the opinions to the body; its handling report falls due the county's number of
    months later."""
    item = _open(letter.item)
    letter = OpinionLetter.objects.get(pk=letter.pk)
    if letter.sent_on is not None:
        raise ValidationError(_("审议意见已经交办，不能重复交办。"))
    assert item.heard_on is not None  # a letter is drafted only after the hearing
    if sent_on < item.heard_on:
        raise ValidationError({"sent_on": _("交办日期不能早于审议日期。")})
    letter.sent_on = sent_on
    letter.letter_number = letter_number
    letter.full_clean()
    letter.save(update_fields=["sent_on", "letter_number"])
    months = setting_for(item.plan.jurisdiction).handling_report_months
    report = HandlingReport(
        item=item, round=1, due_on=rules.handling_report_deadline(sent_on, months)
    )
    _saved(report)
    state_refresh(item=item)
    return letter


@transaction.atomic
def handling_report_receive(
    *, report: HandlingReport, received_on: dt.date, content: str, by: User
) -> HandlingReport:
    item = _open(report.item)
    report = HandlingReport.objects.get(pk=report.pk)
    if report.received_on is not None:
        raise ValidationError(_("该次报告已经收到，不能重复登记。"))
    errors = {}
    if not content.strip():
        errors["content"] = _("请填写研究处理情况。")
    if item.heard_on is not None and received_on < item.heard_on:
        errors["received_on"] = _("收到日期不能早于审议日期。")
    if errors:
        raise ValidationError(errors)
    report.received_on = received_on
    report.content = content
    report.full_clean()
    report.save(update_fields=["received_on", "content"])
    state_refresh(item=item)
    return report


def _item_report(item: Item, report: HandlingReport) -> HandlingReport:
    """The report read afresh, refused unless it is a received report of this item that has no
    verdict yet: only such a report can be polled or given a verdict."""
    report = HandlingReport.objects.get(pk=report.pk)
    if report.item_id != item.pk:
        raise ValidationError(_("该报告不属于本监督事项。"))
    if report.received_on is None:
        raise ValidationError(_("尚未收到该次报告，不能测评。"))
    if report.verdict:
        raise ValidationError(_("该次报告已有测评结果。"))
    return report


def _verdict_apply(
    item: Item, report: HandlingReport, verdict: rules.Verdict, decided_on: dt.date
) -> HandlingReport:
    """Store the verdict; 不满意 asks the body to report again, as the next round of the item."""
    report.verdict = verdict
    report.save(update_fields=["verdict"])
    if verdict == rules.Verdict.UNSATISFIED:
        months = setting_for(item.plan.jurisdiction).handling_report_months
        _saved(
            HandlingReport(
                item=item,
                round=report.round + 1,
                due_on=rules.handling_report_deadline(decided_on, months),
            )
        )
    state_refresh(item=item)
    return report


@transaction.atomic
def poll_start(*, item: Item, by: User, report: HandlingReport | None = None) -> Poll:
    """Create the satisfaction poll (as a draft the staff then open) on the report heard, or on
    one handling report; the one subject is the body supervised, the voters the county's
    standing committee members (and all county deputies where it polls two-sidedly)."""
    item = _open(item)
    setting = setting_for(item.plan.jurisdiction)
    if report is None:
        _heard(item, _("尚未审议，不能对报告进行满意度测评。"))
        if item.report_poll_id:
            raise ValidationError(_("已对该报告发起满意度测评。"))
        title = _("%(title)s 满意度测评") % {"title": item.title}
    else:
        if not setting.poll_handling_reports:
            raise ValidationError(_("本县市区不对研究处理情况报告进行满意度测评。"))
        report = _item_report(item, report)
        if report.poll_id:
            raise ValidationError(_("已对该次报告发起满意度测评。"))
        title = _("%(title)s 第%(round)s次研究处理情况报告满意度测评") % {
            "title": item.title,
            "round": report.round,
        }
    poll = poll_services.poll_create(
        by=by,
        jurisdiction=item.plan.jurisdiction,
        title=title,
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    poll_services.subjects_add(poll=poll, targets=[item.unit], by=by)
    for name, voters in polling.electorate(_county(item), two_sided=setting.two_sided_poll):
        if voters:
            poll_services.electorate_add(poll=poll, group_name=name, voters=voters, by=by)
    if report is None:
        item.report_poll = poll
        item.save(update_fields=["report_poll"])
    else:
        report.poll = poll
        report.save(update_fields=["poll"])
    return poll


def _poll_verdict(poll: Poll | None, unit: Unit) -> rules.Verdict:
    """The overall verdict of a closed satisfaction poll on `unit`."""
    if poll is None:
        raise ValidationError(_("尚未发起满意度测评。"))
    if not poll.results_ready:
        raise ValidationError(_("测评尚未结束。"))
    rows = [
        row for row in polling.results(poll).overall.subjects if row.subject.object_id == unit.pk
    ]
    if not rows or rows[0].verdict not in POLL_VERDICTS:
        raise ValidationError(_("测评没有有效票，无法得出结果。"))
    return POLL_VERDICTS[rows[0].verdict]


@transaction.atomic
def poll_apply(
    *,
    item: Item,
    by: User,
    report: HandlingReport | None = None,
    decided_on: dt.date | None = None,
) -> str:
    """Read the closed poll's verdict on the body. On a handling report it is stored there with
    its consequences (as `verdict_record`); on the report heard it is stored on the item."""
    item = _open(item)
    if report is None:
        # The verdict on the report heard is shown on the dossier and the public page; the
        # re-report rule follows the handling reports' verdicts (rules.item_state).
        item.report_verdict = _poll_verdict(item.report_poll, item.unit)
        item.save(update_fields=["report_verdict"])
        return str(item.report_verdict)
    report = _item_report(item, report)
    verdict = _poll_verdict(report.poll, item.unit)
    _verdict_apply(item, report, verdict, decided_on or _today())
    return str(verdict)


@transaction.atomic
def verdict_record(
    *, report: HandlingReport, verdict: str, by: User, decided_on: dt.date | None = None
) -> HandlingReport:
    """A paper poll's verdict entered by hand, with the same consequences as `poll_apply`."""
    item = _open(report.item)
    if verdict not in {choice.value for choice in rules.Verdict}:
        raise ValidationError({"verdict": _("请选择测评结果。")})
    report = _item_report(item, report)
    if report.poll_id:
        # The online poll decides; a hand-entered verdict would race it and be overwritten.
        raise ValidationError(_("已发起网上测评，请在测评结束后读取测评结果。"))
    return _verdict_apply(item, report, rules.Verdict(verdict), decided_on or _today())


# --- Close, publication, follow-up -----------------------------------------------------------------


@transaction.atomic
def item_close(*, item: Item, closed_on: dt.date, by: User) -> Item:
    item = _locked(item)
    steps = item_steps(item)
    refusal = rules.close_refusal(steps)
    if refusal:
        raise ValidationError(refusal)
    latest = item.handling_reports.filter(received_on__isnull=False).order_by("round").last()
    assert latest is not None and latest.received_on is not None  # close_refusal saw one
    # The rule lets a report without a verdict stand; where the county polls handling reports,
    # the item waits for the poll.
    if not latest.verdict and setting_for(item.plan.jurisdiction).poll_handling_reports:
        raise ValidationError(_("研究处理情况报告尚未进行满意度测评，不能办结。"))
    if closed_on < latest.received_on:
        raise ValidationError({"closed_on": _("办结日期不能早于收到研究处理情况报告的日期。")})
    item.closed_on = closed_on
    item.full_clean(exclude=["state"])
    item.save(update_fields=["closed_on"])
    return state_refresh(item=item)


@transaction.atomic
def item_publish(*, item: Item, by: User) -> Item:
    """Make the item known to deputies and the public (监督法: the report, the opinions and the
    handling report). Possible after the close too: publication often follows it."""
    item = _locked(item)
    _heard(item, _("尚未审议，不能公开。"))
    if item.published_on is not None:
        raise ValidationError(_("该监督事项已经公开。"))
    item.published_on = _today()
    item.save(update_fields=["published_on"])
    return state_refresh(item=item)


@transaction.atomic
def item_follow_up(*, item: Item, plan: Plan, planned_month: int, by: User) -> Item:
    """Reopen the item in a later year's plan of the same committee (跟踪监督, 回头看)."""
    item = _locked(item)
    errors = {}
    if plan.jurisdiction_id != item.plan.jurisdiction_id:
        errors["plan"] = _("只能列入本机关的监督工作计划。")
    elif plan.year <= item.plan.year:
        errors["plan"] = _("跟踪监督应列入以后年度的监督工作计划。")
    elif Item.objects.filter(plan=plan, follows=item).exists():
        errors["plan"] = _("该事项已列入该年度计划进行跟踪监督。")
    if errors:
        raise ValidationError(errors)
    follow_up = Item(
        plan=plan,
        kind=item.kind,
        title=_("%(title)s（跟踪监督）") % {"title": item.title},
        unit=item.unit,
        office=item.office,
        planned_month=planned_month,
        source=Item.Source.FOLLOW_UP,
        source_note=_("跟踪%(year)s年监督事项“%(title)s”。")
        % {"year": item.plan.year, "title": item.title},
        follows=item,
        law=item.law,
        added_after_adoption=plan.is_adopted,
        created_by=by,
    )
    follow_up.full_clean(exclude=["state"])
    follow_up.save()
    if plan.is_adopted:
        # An item added to an adopted plan carries its reason, as the plan's changes do.
        ItemChange.objects.create(
            item=follow_up,
            kind=ItemChange.Kind.ADDED,
            to_month=planned_month,
            reason=follow_up.source_note,
            changed_by=by,
        )
    return state_refresh(item=follow_up)
