"""Writes for work evaluations, audit rectification, procuratorial suggestions and appraisals.

Every function is atomic and keyword-only; a refused action raises ValidationError with a message
the page shows as it is.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.models import Jurisdiction, Unit
from notifications.services import notice_send
from polls import services as poll_services
from polls.models import Poll

from . import polling, rules
from .models import (
    AppraisalEntry,
    AppraisalRound,
    AuditImport,
    AuditProblem,
    ConsequenceAction,
    EvaluationRound,
    JointReview,
    Opinion,
    Participant,
    ProcuratorialSuggestion,
    RectificationItem,
    Stage,
    UnitHead,
)

Status = AuditProblem.Status


# --- Evaluation rounds ----------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    jurisdiction: Jurisdiction,
    year: int,
    title: str,
    units: Iterable[Unit],
    by: User,
    **extra: Any,
) -> EvaluationRound:
    evaluation = EvaluationRound.objects.create(
        jurisdiction=jurisdiction, year=year, title=title, created_by=by, **extra
    )
    evaluation.units.set(units)
    Stage.objects.bulk_create(Stage(round=evaluation, kind=kind) for kind in Stage.Kind.values)
    return evaluation


@transaction.atomic
def stage_update(*, stage: Stage, by: User, **fields: Any) -> Stage:
    for name, value in fields.items():
        setattr(stage, name, value)
    stage.save(update_fields=list(fields))
    return stage


@transaction.atomic
def participant_add(
    *, evaluation: EvaluationRound, name: str, kind: str, organization: str, by: User
) -> Participant:
    return Participant.objects.create(
        round=evaluation, name=name, kind=kind, organization=organization
    )


@transaction.atomic
def opinion_assign(
    *,
    evaluation: EvaluationRound,
    unit: Unit,
    content: str,
    assigned_on: date,
    deadline: date,
    by: User,
) -> Opinion:
    if not evaluation.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("评议意见只能交办给本次评议的被评议单位。"))
    if deadline < assigned_on:
        raise ValidationError(_("整改报告期限不能早于交办日期。"))
    opinion = Opinion.objects.create(
        round=evaluation,
        unit=unit,
        content=content,
        assigned_on=assigned_on,
        deadline=deadline,
    )
    notice_send(
        event="evaluations.opinion.assigned",
        about=f"{opinion.pk}:{unit.pk}",
        title=gettext_noop("评议意见交本单位整改：%(round)s"),
        body=gettext_noop("整改情况报告期限：%(deadline)s"),
        params={"round": evaluation.title, "deadline": deadline.isoformat()},
        url=opinion.get_absolute_url(),
        units=[unit],
        by=by,
    )
    return opinion


@transaction.atomic
def opinion_report(*, opinion: Opinion, report: str, by: User, on: date | None = None) -> Opinion:
    if not report.strip():
        raise ValidationError(_("请填写整改情况报告。"))
    opinion.report = report
    opinion.reported_on = on or timezone.localdate()
    opinion.reported_by = by
    opinion.save(update_fields=["report", "reported_on", "reported_by"])
    return opinion


# --- Audit rectification ------------------------------------------------------------------------


@transaction.atomic
def audit_import_open(
    *, jurisdiction: Jurisdiction, year: int, file_name: str, by: User
) -> AuditImport:
    """Start the record of one county and year's problems in an imported audit list."""
    return AuditImport.objects.create(
        jurisdiction=jurisdiction, year=year, file_name=file_name[:255], row_count=0, imported_by=by
    )


@transaction.atomic
def audit_problem_save(
    *,
    jurisdiction: Jurisdiction,
    year: int,
    number: str,
    fields: Mapping[str, Any],
    batch: AuditImport,
    by: User,
) -> str:
    """Create or update the problem `number` of the county's audit `year` from an imported row;
    returns "created", "updated" or "unchanged". What the unit reported is kept."""
    problem = (
        AuditProblem.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, year=year, number=number)
        .first()
    )
    if problem is None:
        # Saved one by one, not bulk_create, so each problem starts its change history.
        AuditProblem.objects.create(
            jurisdiction=jurisdiction, year=year, number=number, source=batch, **fields
        )
        return "created"
    if all(getattr(problem, name) == value for name, value in fields.items()):
        return "unchanged"
    if problem.is_closed:
        raise ValidationError(_("问题 %(number)s 已销号，不能再修改。") % {"number": number})
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.save(update_fields=list(fields))
    return "updated"


@transaction.atomic
def audit_import_close(*, batch: AuditImport, row_count: int, by: User) -> AuditImport:
    """Record how many rows the list had for the batch, and tell each unit's liaisons how many
    new problems are theirs: one notice per unit and import, not one per problem."""
    batch.row_count = row_count
    batch.save(update_fields=["row_count"])
    counts = Counter(batch.problems.values_list("unit_id", flat=True))
    for unit_id, count in counts.items():
        notice_send(
            event="evaluations.audit.assigned",
            about=f"{batch.pk}:{unit_id}",
            title=gettext_noop("%(year)s年度审计查出问题交本单位整改：%(count)s 个"),
            body=gettext_noop("请在整改期限前报送整改情况和佐证材料。"),
            params={"year": batch.year, "count": count},
            url=f"{reverse('evaluations:problem_list')}?year={batch.year}&unit={unit_id}",
            units=[unit_id],
            by=by,
        )
    return batch


@transaction.atomic
def problem_report(
    *,
    problem: AuditProblem,
    status: str,
    measures: str,
    evidence: str,
    by: User,
    on: date | None = None,
) -> AuditProblem:
    """The unit reports its rectification: a status, what it did, and the evidence for it."""
    problem = AuditProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.is_closed:
        raise ValidationError(_("该问题已销号，不能再修改整改情况。"))
    if status == Status.RECTIFIED and not evidence.strip():
        raise ValidationError(_("报送“整改到位”须同时提供整改佐证材料。"))
    problem.status = status
    problem.measures = measures
    problem.evidence = evidence
    problem.reported_on = on or timezone.localdate()
    problem.save(update_fields=["status", "measures", "evidence", "reported_on"])
    return problem


@transaction.atomic
def problem_close_out(
    *, problem: AuditProblem, note: str, by: User, on: date | None = None
) -> AuditProblem:
    """Staff verify a fully rectified problem with its evidence and close it out (销号)."""
    problem = AuditProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.is_closed:
        raise ValidationError(_("该问题已于 %(day)s 销号。") % {"day": problem.closed_on})
    if problem.status != Status.RECTIFIED:
        raise ValidationError(_("只有“整改到位”的问题才能核实销号。"))
    if not problem.evidence.strip():
        raise ValidationError(_("没有整改佐证材料，不能销号。"))
    problem.closed_on = on or timezone.localdate()
    problem.closed_by = by
    problem.verification_note = note
    problem.save(update_fields=["closed_on", "closed_by", "verification_note"])
    return problem


@transaction.atomic
def problem_return(*, problem: AuditProblem, note: str, by: User) -> AuditProblem:
    """Staff find the rectification short of 整改到位 and send it back as 部分整改."""
    problem = AuditProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.is_closed:
        raise ValidationError(_("该问题已销号，不能退回。"))
    if not note.strip():
        raise ValidationError(_("退回时请写明核实意见。"))
    problem.status = Status.PARTIAL
    problem.verification_note = note
    problem.save(update_fields=["status", "verification_note"])
    latest = problem.history.only("history_id").first()
    notice_send(
        # A problem can be sent back more than once; each return is its own notice.
        event="evaluations.audit.returned",
        about=f"{problem.pk}:{latest.history_id if latest else 0}",
        title=gettext_noop("审计问题 %(year)s-%(number)s 整改被退回，请继续整改"),
        body=gettext_noop("核实意见：%(note)s"),
        params={"year": problem.year, "number": problem.number, "note": note},
        url=problem.get_absolute_url(),
        units=[problem.unit_id],
        by=by,
    )
    return problem


@transaction.atomic
def rectification_item_save(*, problem: AuditProblem, by: User, **fields: Any) -> RectificationItem:
    item, _created = RectificationItem.objects.update_or_create(problem=problem, defaults=fields)
    return item


@transaction.atomic
def joint_review_record(
    *, jurisdiction: Jurisdiction, problems: Iterable[AuditProblem], by: User, **fields: Any
) -> JointReview:
    month = fields.pop("month").replace(day=1)
    if JointReview.objects.filter(jurisdiction=jurisdiction, month=month).exists():
        raise ValidationError(
            _("%(month)s 的联合审查已有记录。") % {"month": month.strftime("%Y-%m")}
        )
    review = JointReview.objects.create(
        jurisdiction=jurisdiction, month=month, recorded_by=by, **fields
    )
    review.problems.set(problems)
    return review


# --- Procuratorial suggestions -----------------------------------------------------------------


@transaction.atomic
def suggestion_create(*, by: User, **fields: Any) -> ProcuratorialSuggestion:
    suggestion = ProcuratorialSuggestion.objects.create(**fields)
    notice_send(
        event="evaluations.procuratorial.assigned",
        about=f"{suggestion.pk}:{suggestion.unit_id}",
        title=gettext_noop("检察建议 %(number)s 请本单位书面回复"),
        body=gettext_noop("回复期限：%(due)s"),
        params={"number": suggestion.number, "due": suggestion.reply_due.isoformat()},
        url=suggestion.get_absolute_url(),
        units=[suggestion.unit_id],
        by=by,
    )
    return suggestion


@transaction.atomic
def suggestion_reply(
    *, suggestion: ProcuratorialSuggestion, reply: str, by: User, on: date | None = None
) -> ProcuratorialSuggestion:
    if not reply.strip():
        raise ValidationError(_("请填写书面回复内容。"))
    suggestion.reply = reply
    suggestion.replied_on = on or timezone.localdate()
    suggestion.save(update_fields=["reply", "replied_on"])
    return suggestion


@transaction.atomic
def suggestion_set_adoption(
    *, suggestion: ProcuratorialSuggestion, adoption: str, by: User
) -> ProcuratorialSuggestion:
    if suggestion.replied_on is None and adoption != suggestion.Adoption.PENDING:
        raise ValidationError(_("单位书面回复后才能认定采纳情况。"))
    suggestion.adoption = adoption
    suggestion.save(update_fields=["adoption"])
    return suggestion


# --- Heads and appraisals -----------------------------------------------------------------------


@transaction.atomic
def head_appoint(*, by: User, **fields: Any) -> UnitHead:
    """Record an appointment; the predecessor leaves office the day the new head takes it."""
    head = UnitHead.objects.create(**fields)
    predecessor = head.predecessor
    if predecessor is not None and predecessor.left_office is None:
        predecessor.left_office = head.took_office
        predecessor.save(update_fields=["left_office"])
    return head


@transaction.atomic
def appraisal_create(*, jurisdiction: Jurisdiction, by: User, **fields: Any) -> AppraisalRound:
    """A new round takes the county's grading policy from its previous round, if any."""
    previous = AppraisalRound.objects.filter(jurisdiction=jurisdiction).first()
    for name in ("excellent_share", "good_share", "poor_d_share"):
        if previous is not None and name not in fields:
            fields[name] = getattr(previous, name)
    return AppraisalRound.objects.create(jurisdiction=jurisdiction, created_by=by, **fields)


@transaction.atomic
def appraisal_build_roster(*, appraisal: AppraisalRound, by: User) -> list[AppraisalEntry]:
    """Put every head in post on the appraisal date on the roster, by the tenure rule.

    A head in post 8 months or more is assessed alone; one in post less is assessed together
    with the predecessor, and both are on the ballot.
    """
    if appraisal.graded_at is not None:
        raise ValidationError(_("已确定等次的测评不能重建名单。"))
    if appraisal.grade_poll_id is not None:
        raise ValidationError(_("已发起等次测评投票，不能重建名单。"))
    appraisal.entries.all().delete()
    day = appraisal.appraisal_date
    heads = (
        UnitHead.objects.filter(unit__jurisdiction=appraisal.jurisdiction, kind__in=appraisal.kinds)
        .in_post_on(day)
        .select_related("predecessor")
        .order_by("unit__name", "took_office")
    )
    entries = []
    for head in heads:
        alone = rules.assessed_alone(head.took_office, day)
        entry = AppraisalEntry.objects.create(round=appraisal, head=head, assessed_alone=alone)
        entries.append(entry)
        if not alone and head.predecessor is not None:
            partner = AppraisalEntry.objects.create(
                round=appraisal, head=head.predecessor, assessed_alone=False, together_with=entry
            )
            entry.together_with = partner
            entry.save(update_fields=["together_with"])
            entries.append(partner)
    return entries


@transaction.atomic
def appraisal_record_votes(
    *, appraisal: AppraisalRound, tallies: Mapping[int, Mapping[str, int]], by: User
) -> None:
    """Record paper ballot totals counted at the meeting: entry id → {"A": n, "B": n, ...}."""
    if appraisal.graded_at is not None:
        raise ValidationError(_("已确定等次，不能再修改票数。"))
    entries = {e.pk: e for e in appraisal.entries.all()}
    for entry_id, votes in tallies.items():
        entry = entries[entry_id]
        entry.votes_a, entry.votes_b = votes.get("A", 0), votes.get("B", 0)
        entry.votes_c, entry.votes_d = votes.get("C", 0), votes.get("D", 0)
        entry.save(update_fields=["votes_a", "votes_b", "votes_c", "votes_d"])


@transaction.atomic
def appraisal_grade(*, appraisal: AppraisalRound, by: User, **policy: Any) -> list[AppraisalEntry]:
    """Set grades by the round's policy, mark the D-top-3 and derive each head's consequences.

    `policy` may change the round's shares (excellent_share, good_share, poor_d_share) first.
    """
    appraisal = AppraisalRound.objects.select_for_update().get(pk=appraisal.pk)
    if policy:
        for name, value in policy.items():
            setattr(appraisal, name, value)
        appraisal.save(update_fields=list(policy))
    entries = list(appraisal.entries.select_related("head"))
    if not entries:
        raise ValidationError(_("测评名单为空，请先生成名单。"))
    if not any(e.total_votes for e in entries):
        raise ValidationError(_("尚未录入票数。"))
    tallies = {
        e.pk: {
            rules.Grade.A: e.votes_a,
            rules.Grade.B: e.votes_b,
            rules.Grade.C: e.votes_c,
            rules.Grade.D: e.votes_d,
        }
        for e in entries
    }
    grades = rules.grades_by_proportion(tallies, appraisal.policy)
    top = rules.d_top({e.pk: e.votes_d for e in entries})
    past = _past_results([e.head_id for e in entries], appraisal)
    for entry in entries:
        entry.grade = grades[entry.pk] or ""
        entry.in_d_top = entry.pk in top
        history = [*past.get(entry.head_id, []), (entry.rated_poor, entry.in_d_top)]
        entry.consequences = [str(c) for c in rules.consequences(history)]
        entry.save(update_fields=["grade", "in_d_top", "consequences"])
    _consequence_actions_sync(entries)
    appraisal.graded_at = timezone.now()
    appraisal.save(update_fields=["graded_at"])
    return entries


def _consequence_actions_sync(entries: Sequence[AppraisalEntry]) -> None:
    """One action per consequence each entry now has; safe to run again on regrading.

    An action already there is kept; a pending one whose consequence no longer follows from the
    grades is removed; one already carried out stays on record whatever the new grades say."""
    existing = {
        (action.entry_id, action.kind): action
        for action in ConsequenceAction.objects.filter(entry__in=entries)
    }
    wanted = {(entry.pk, kind) for entry in entries for kind in entry.consequences}
    for entry in entries:
        for kind in entry.consequences:
            if (entry.pk, kind) not in existing:
                # One by one, not bulk_create, so each action starts its change history.
                ConsequenceAction.objects.create(entry=entry, kind=kind)
    for key, action in existing.items():
        if key not in wanted and not action.is_done:
            action.delete()


@transaction.atomic
def consequence_record(
    *,
    action: ConsequenceAction,
    done_on: date,
    by_whom: str,
    note: str,
    document: str,
    by: User,
) -> ConsequenceAction:
    """The office records that a consequence was carried out: when, by whom, under which
    document. Recorded once; a correction goes through the admin's change history."""
    action = (
        ConsequenceAction.objects.select_for_update(of=("self",))
        .select_related("entry__round", "entry__head")
        .get(pk=action.pk)
    )
    if action.is_done:
        raise ValidationError(
            _("这项结果运用已于 %(day)s 记录落实，不能重复记录。") % {"day": action.done_on}
        )
    appraisal_date = action.entry.round.appraisal_date
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("落实日期不能晚于今天。")})
    if done_on < appraisal_date:
        raise ValidationError(
            {"done_on": _("落实日期不能早于测评日期（%(day)s）。") % {"day": appraisal_date}}
        )
    if not by_whom.strip():
        raise ValidationError({"by_whom": _("请填写落实人或机关。")})
    action.status = ConsequenceAction.Status.DONE
    action.done_on = done_on
    action.by_whom = by_whom.strip()
    action.note = note
    action.document = document.strip()
    action.recorded_by = by
    action.save(update_fields=["status", "done_on", "by_whom", "note", "document", "recorded_by"])
    return action


def _past_results(
    head_ids: Iterable[int], appraisal: AppraisalRound
) -> dict[int, list[tuple[bool, bool]]]:
    """Each head's earlier graded appraisals in the same county, oldest first."""
    earlier = (
        AppraisalEntry.objects.filter(
            head_id__in=head_ids,
            round__jurisdiction=appraisal.jurisdiction,
            round__appraisal_date__lt=appraisal.appraisal_date,
            round__graded_at__isnull=False,
        )
        .order_by("round__appraisal_date")
        .values_list("head_id", "grade", "in_d_top")
    )
    past: dict[int, list[tuple[bool, bool]]] = {}
    for head_id, grade, in_d_top in earlier:
        past.setdefault(head_id, []).append((grade == AppraisalEntry.Grade.D, in_d_top))
    return past


# --- Polls (through the polls engine's services) ------------------------------------------------


def _poll_create(
    *,
    county: Jurisdiction,
    title: str,
    scale: str,
    targets: Sequence[Model],
    groups: Sequence[tuple[str, Sequence[User]]],
    by: User,
) -> Poll:
    poll = poll_services.poll_create(
        by=by, jurisdiction=county, title=title, kind=Poll.Kind.RATING, scale=scale
    )
    poll_services.subjects_add(poll=poll, targets=targets, by=by)
    for name, voters in groups:
        if voters:
            poll_services.electorate_add(poll=poll, group_name=name, voters=voters, by=by)
    return poll


@transaction.atomic
def round_poll_start(*, evaluation: EvaluationRound, by: User) -> Poll:
    """Create the unit satisfaction poll of a round, as a draft the staff then open."""
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.satisfaction_poll_id:
        raise ValidationError(_("本次评议已发起满意度测评。"))
    poll = _poll_create(
        county=evaluation.jurisdiction,
        title=_("%(title)s 满意度测评") % {"title": evaluation.title},
        scale=Poll.Scale.SATISFACTION,
        targets=list(evaluation.units.all()),
        groups=polling.electorate(evaluation.jurisdiction, two_sided=evaluation.two_sided_poll),
        by=by,
    )
    evaluation.satisfaction_poll = poll
    evaluation.save(update_fields=["satisfaction_poll"])
    return poll


@transaction.atomic
def appraisal_poll_start(*, appraisal: AppraisalRound, by: User) -> Poll:
    """Create the A–D grade poll of the heads on the roster."""
    appraisal = AppraisalRound.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.grade_poll_id:
        raise ValidationError(_("本次履职评议已发起等次测评。"))
    heads = [entry.head for entry in appraisal.entries.select_related("head__unit")]
    if not heads:
        raise ValidationError(_("测评名单为空，请先生成名单。"))
    poll = _poll_create(
        county=appraisal.jurisdiction,
        title=_("%(title)s 等次测评") % {"title": appraisal.title},
        scale=Poll.Scale.GRADE,
        targets=heads,
        groups=polling.electorate(appraisal.jurisdiction, two_sided=False),
        by=by,
    )
    appraisal.grade_poll = poll
    appraisal.save(update_fields=["grade_poll"])
    return poll


@transaction.atomic
def appraisal_votes_from_poll(*, appraisal: AppraisalRound, by: User) -> int:
    """Copy each head's A–D totals (online plus agreed paper) from the closed grade poll."""
    tallies = polling.appraisal_tallies(appraisal)
    appraisal_record_votes(appraisal=appraisal, tallies=tallies, by=by)
    return len(tallies)
