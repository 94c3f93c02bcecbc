"""Writes of the livelihood-projects cycle: each function is one step, atomic, keyword-only.

Rules that need no database live in `rules.py`; these functions load, check, save and keep the
cached figures on `Project` (progress, money totals, satisfaction) in step with their records.
"""

import secrets
import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import throttle as core_throttle
from core.models import Unit
from notifications.services import notice_send
from polls import selectors as poll_selectors
from polls import services as poll_services
from polls.models import Poll

from . import rules, selectors, throttle
from .models import (
    Approval,
    Attachment,
    Cycle,
    Inspection,
    JointMeeting,
    Milestone,
    MoneyEntry,
    Project,
    Proposal,
    VoteRound,
)
from .uploads import check_upload

# Receipt numbers are read out over the phone: no 0/O, 1/I/L.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt_number(year: int) -> str:
    return f"MS{year}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))


# --- The cycle ---------------------------------------------------------------------------------


@transaction.atomic
def cycle_create(*, by: User, **fields: Any) -> Cycle:
    """A congress's voted-projects work for one year, with its calendar of the eight steps."""
    cycle = Cycle(**fields)
    cycle.full_clean()
    cycle.save()
    return cycle


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: User, **fields: Any) -> Cycle:
    """Change a cycle's figures and calendar; the congress it belongs to stays."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    fields.pop("jurisdiction", None)
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean()
    cycle.save(update_fields=list(fields))
    return cycle


# --- Solicit and propose -----------------------------------------------------------------------


def proposal_submit(
    *, cycle: Cycle, source: str, by: User | None = None, **fields: Any
) -> Proposal:
    """Store a proposal under a fresh receipt number (retrying the rare collision)."""
    for _attempt in range(5):
        proposal = Proposal(
            cycle=cycle,
            source=source,
            submitted_by=by,
            receipt_number=new_receipt_number(cycle.year),
            **fields,
        )
        proposal.full_clean(exclude=["receipt_number"])
        try:
            with transaction.atomic():
                proposal.save()
            return proposal
        except IntegrityError:
            if not Proposal.objects.filter(receipt_number=proposal.receipt_number).exists():
                raise
    raise RuntimeError("could not allocate a receipt number")


@transaction.atomic
def public_proposal_submit(*, cycle: Cycle, client_key: str, **fields: Any) -> Proposal:
    """A citizen's proposal, refused once the same client sent the hourly limit's worth.

    Counted in the database (throttle.py), so the limit holds while the cache is down; proposals
    from one client are serialized, so concurrent submissions cannot all slip under the limit.
    """
    now = timezone.now()
    core_throttle.serialize_client(client_key)
    recent = Proposal.objects.filter(client_key=client_key, created_at__gte=now - throttle.WINDOW)
    if recent.count() >= throttle.PUBLIC_PROPOSALS_PER_HOUR:
        raise ValidationError(
            _("提交过于频繁：每小时最多提交 %(n)d 条建议，请稍后再试。")
            % {"n": throttle.PUBLIC_PROPOSALS_PER_HOUR},
            code="rate_limited",
        )
    proposal = proposal_submit(
        cycle=cycle, source=Proposal.Source.PUBLIC, client_key=client_key, **fields
    )
    Proposal.objects.filter(created_at__lt=now - throttle.WINDOW).exclude(client_key="").update(
        client_key=""
    )
    return proposal


@transaction.atomic
def proposal_publish(*, proposal: Proposal, by: User) -> Proposal:
    """Let a citizen's proposal appear on the public results page, once staff have read it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_public:
        raise ValidationError(_("只有群众网上建议需要审核公开。"), code="not_public")
    if not proposal.is_published:
        proposal.published_at = timezone.now()
        proposal.published_by = by
        proposal.save(update_fields=["published_at", "published_by"])
    return proposal


@transaction.atomic
def proposal_unpublish(*, proposal: Proposal, by: User) -> Proposal:
    """Take a proposal off the public page again; the proposer's receipt lookup still finds it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.is_published:
        proposal.published_at = None
        proposal.published_by = None
        proposal.save(update_fields=["published_at", "published_by"])
    return proposal


# --- Deliberate --------------------------------------------------------------------------------


@transaction.atomic
def candidate_create(*, cycle: Cycle, by: User, **fields: Any) -> Project:
    position = (cycle.projects.aggregate(n=Max("position"))["n"] or 0) + 1
    project = Project(cycle=cycle, position=position, **fields)
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def proposal_screen(
    *,
    proposal: Proposal,
    decision: str,
    reason: str = "",
    project: Project | None = None,
    by: User,
) -> Proposal:
    """Take a proposal up as a candidate (a new one, or merged into `project`), or set it aside.

    A proposal is screened once; one not taken up needs a reason, since the public page tells the
    proposer why.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_open:
        raise ValidationError(_("该建议已筛选。"), code="screened")
    if decision == Proposal.Status.CANDIDATE:
        proposal.project = project or candidate_create(
            cycle=proposal.cycle,
            by=by,
            title=proposal.title,
            category=proposal.category,
            township=proposal.township,
            description=proposal.description,
            estimated_cost=proposal.estimated_cost,
        )
    elif decision == Proposal.Status.NOT_TAKEN and not reason.strip():
        raise ValidationError({"reason": _("未采纳的建议须填写理由。")})
    elif decision == Proposal.Status.INELIGIBLE:
        reason = reason or _("上级已有政策性专项资金支持，按规定不列入票决范畴。")
    proposal.status = decision
    proposal.screening_reason = reason.strip()
    proposal.screened_by = by
    proposal.screened_at = timezone.now()
    proposal.save()
    return proposal


@transaction.atomic
def approval_record(*, cycle: Cycle, kind: str, by: User, **fields: Any) -> Approval:
    approval, _created = Approval.objects.update_or_create(
        cycle=cycle, kind=kind, defaults={**fields, "recorded_by": by}
    )
    return approval


# --- Decide ------------------------------------------------------------------------------------


@transaction.atomic
def vote_round_start(*, cycle: Cycle, method: str, by: User) -> VoteRound:
    """The first round: every candidate, for the cycle's seats, once the candidates are approved."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.vote_rounds.exists():
        raise ValidationError(_("本年度已开始票决。"))
    missing = selectors.missing_approvals(cycle)
    if missing:
        raise ValidationError(
            _("候选项目尚未完成以下程序：%(steps)s。") % {"steps": "、".join(missing)}
        )
    candidates = list(cycle.projects.candidates())
    if len(candidates) <= cycle.seats:
        raise ValidationError(
            _("差额票决要求候选项目多于应选名额（应选 %(seats)d 个，候选 %(n)d 个）。")
            % {"seats": cycle.seats, "n": len(candidates)}
        )
    return _round_create(
        cycle=cycle, number=1, seats=cycle.seats, candidates=candidates, method=method, by=by
    )


def _round_create(
    *, cycle: Cycle, number: int, seats: int, candidates: list[Project], method: str, by: User
) -> VoteRound:
    vote_round = VoteRound.objects.create(cycle=cycle, number=number, seats=seats, method=method)
    vote_round.candidates.set(candidates)
    if method == VoteRound.Method.POLL:
        vote_round.poll = _approval_poll_create(vote_round=vote_round, candidates=candidates, by=by)
        vote_round.save(update_fields=["poll"])
    return vote_round


def _approval_poll_create(*, vote_round: VoteRound, candidates: list[Project], by: User) -> Poll:
    """A secret-ballot approval poll on the polls engine: up to `seats` marks per ballot.

    Staff then set its electorate and tellers, open and close it there; the count reads its
    results and applies this module's own rule (a majority of all deputies of the congress).
    """
    cycle = vote_round.cycle
    poll = poll_services.poll_create(
        by=by,
        jurisdiction=cycle.jurisdiction,
        title=_("%(cycle)s代表票决（%(round)s）") % {"cycle": cycle, "round": vote_round},
        description=_("差额票决，每张选票最多选 %(n)d 个项目。") % {"n": vote_round.seats},
        kind=Poll.Kind.APPROVAL,
        max_choices=vote_round.seats,
    )
    poll_services.subjects_add(poll=poll, targets=candidates, by=by)
    return poll


@transaction.atomic
def vote_paper_record(
    *, vote_round: VoteRound, votes: dict[int, int], valid: int, invalid: int, by: User
) -> VoteRound | None:
    """Record a round from paper totals entered by staff; see `vote_outcome_record`."""
    candidates = [str(p.pk) for p in selectors.round_candidates(vote_round)]
    try:
        count = rules.decide_vote(
            candidates,
            {str(pk): n for pk, n in votes.items()},
            seats=vote_round.seats,
            deputies_total=vote_round.cycle.deputies_total,
            valid_ballots=valid,
            invalid_ballots=invalid,
        )
    except ValueError as exc:
        raise ValidationError(
            _("票数不合理：%(why)s") % {"why": _explain(exc, vote_round)}
        ) from exc
    return vote_outcome_record(vote_round=vote_round, count=count, by=by)


@transaction.atomic
def vote_poll_record(*, vote_round: VoteRound, by: User) -> VoteRound | None:
    """Record a round from its closed poll: online ballots plus the agreed paper totals."""
    poll = vote_round.poll
    if poll is None or not poll.results_ready:
        raise ValidationError(_("投票结束后才能计票。"))
    results = poll_selectors.poll_results(poll=poll)
    if results.paper_pending:
        raise ValidationError(
            _("以下组别的纸质选票两次录入尚未一致：%(groups)s。")
            % {"groups": "、".join(results.paper_pending)}
        )
    overall = results.overall
    votes = {
        row.subject.object_id: row.tally.count("Y")
        for row in overall.subjects
        if row.subject.object_id is not None
    }
    return vote_paper_record(
        vote_round=vote_round,
        votes=votes,
        valid=overall.ballots.valid,
        invalid=overall.ballots.invalid,
        by=by,
    )


def _explain(exc: ValueError, vote_round: VoteRound) -> str:
    if "more ballots" in str(exc):
        return _("收回选票多于本级人大代表总数（%(n)d 名）。") % {
            "n": vote_round.cycle.deputies_total
        }
    return _("有项目的得票数多于有效票数。")


@transaction.atomic
def vote_outcome_record(
    *, vote_round: VoteRound, count: rules.VoteCount, by: User
) -> VoteRound | None:
    """Apply a counted round (candidate names are project ids): mark each project elected, not
    elected or tied, and open the re-vote among the tied. Returns the new round, if any."""
    vote_round = VoteRound.objects.select_for_update().get(pk=vote_round.pk)
    if vote_round.is_counted:
        raise ValidationError(_("本轮票决已计票，不能重复录入。"))
    projects = {str(p.pk): p for p in vote_round.candidates.all()}
    for name, project in projects.items():
        project.votes = count.votes[name]
        if name in count.elected:
            project.status = Project.Status.ELECTED
        elif name in count.revote:
            project.status = Project.Status.REVOTE
        else:
            project.status = Project.Status.NOT_ELECTED
        project.save(update_fields=["votes", "status"])
    vote_round.votes = count.votes
    vote_round.valid_ballots = count.valid_ballots
    vote_round.invalid_ballots = count.invalid_ballots
    vote_round.unfilled_seats = count.unfilled_seats
    vote_round.counted_at = timezone.now()
    vote_round.counted_by = by
    vote_round.save()
    if not count.revote:
        return None
    return _round_create(
        cycle=vote_round.cycle,
        number=vote_round.number + 1,
        seats=count.revote_seats,
        candidates=[projects[name] for name in count.revote],
        method=vote_round.method,
        by=by,
    )


# --- Assign and handle -------------------------------------------------------------------------


@transaction.atomic
def project_assign(
    *,
    project: Project,
    responsible_unit: Unit | None,
    start_on: date | None,
    due_on: date | None,
    by: User,
) -> Project:
    if not project.is_elected:
        raise ValidationError(_("只有票决通过的项目才能交办。"))
    if start_on and due_on and due_on < start_on:
        raise ValidationError({"due_on": _("计划完成日期不能早于计划开工日期。")})
    project.responsible_unit = responsible_unit
    project.start_on, project.due_on = start_on, due_on
    project.save(update_fields=["responsible_unit", "start_on", "due_on"])
    if responsible_unit is not None:
        # Keyed by the unit: changing the dates tells nobody again; a new unit is told.
        notice_send(
            event="livelihood.project.assigned",
            about=f"{project.pk}:{responsible_unit.pk}",
            title=gettext_noop("民生实事项目交本单位实施：%(title)s"),
            body=gettext_noop("计划完成日期：%(due_on)s"),
            params={"title": project.title, "due_on": due_on.isoformat() if due_on else "—"},
            url=project.get_absolute_url(),
            units=[responsible_unit],
            by=by,
        )
    return project


def project_refresh(project: Project) -> Project:
    """Recompute the cached progress and money totals from the project's records."""
    milestones = project.milestones.values_list("weight", "percent_complete")
    project.progress = rules.weighted_progress(milestones)
    sums = dict(project.money_entries.values_list("kind").annotate(total=Sum("amount")).order_by())
    project.budget_total = sums.get(MoneyEntry.Kind.BUDGET, Decimal(0))
    project.allocated_total = sums.get(MoneyEntry.Kind.ALLOCATED, Decimal(0))
    project.spent_total = sums.get(MoneyEntry.Kind.SPENT, Decimal(0))
    if project.progress >= 100 and project.completed_on is None:
        project.completed_on = timezone.localdate()
    elif project.progress < 100:
        project.completed_on = None
    project.save(
        update_fields=[
            "progress",
            "budget_total",
            "allocated_total",
            "spent_total",
            "completed_on",
        ]
    )
    return project


def _require_elected(project: Project) -> None:
    if not project.is_elected:
        raise ValidationError(_("只有票决通过的项目才能录入实施情况。"))


@transaction.atomic
def milestone_add(*, project: Project, by: User, **fields: Any) -> Milestone:
    _require_elected(project)
    milestone = Milestone(project=project, **fields)
    milestone.full_clean()
    milestone.save()
    project_refresh(project)
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, percent_complete: int, completed_on: date | None, note: str, by: User
) -> Milestone:
    if percent_complete >= 100 and completed_on is None:
        completed_on = timezone.localdate()
    milestone.percent_complete = percent_complete
    milestone.completed_on = completed_on if percent_complete >= 100 else None
    milestone.note = note
    milestone.full_clean()
    milestone.save(update_fields=["percent_complete", "completed_on", "note"])
    project_refresh(milestone.project)
    return milestone


@transaction.atomic
def money_add(
    *,
    project: Project,
    kind: str,
    amount: Decimal,
    on: date,
    note: str = "",
    reason: str = "",
    by: User,
) -> MoneyEntry:
    """Record money; a payment that takes spending above the budget must give a reason."""
    _require_elected(project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if amount < 0:
        raise ValidationError({"amount": _("金额不能为负数。")})
    if kind == MoneyEntry.Kind.SPENT and not reason.strip():
        spent = project.spent_total + amount
        if rules.over_budget(budget=project.budget_total, spent=spent):
            raise ValidationError(
                {
                    "reason": _(
                        "支付后累计支出 %(spent)s 万元将超过预算 %(budget)s 万元，请填写超预算原因。"
                    )
                    % {"spent": spent, "budget": project.budget_total}
                }
            )
    entry = MoneyEntry.objects.create(
        project=project,
        kind=kind,
        amount=amount,
        on=on,
        note=note,
        over_budget_reason=reason.strip(),
        entered_by=by,
    )
    project_refresh(project)
    return entry


@transaction.atomic
def meeting_add(*, project: Project, by: User, **fields: Any) -> JointMeeting:
    _require_elected(project)
    meeting = JointMeeting(project=project, recorded_by=by, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


# --- Supervise ---------------------------------------------------------------------------------


@transaction.atomic
def inspection_add(
    *, cycle: Cycle, projects: Iterable[Project], by: User, **fields: Any
) -> Inspection:
    inspection = Inspection(cycle=cycle, recorded_by=by, **fields)
    inspection.full_clean()
    inspection.save()
    inspection.projects.set(projects)
    return inspection


@transaction.atomic
def attachment_add(
    *,
    upload: "UploadedFile[bytes]",
    caption: str = "",
    project: Project | None = None,
    inspection: Inspection | None = None,
    by: User,
) -> Attachment:
    """Store a checked upload under a random name; the original name is kept for display."""
    sniffed = check_upload(upload)
    owner = project or inspection
    if owner is None:
        raise ValueError("an attachment belongs to a project or an inspection")
    attachment = Attachment(
        cycle=owner.cycle,
        project=project,
        inspection=inspection,
        stored_name=f"{uuid.uuid4().hex}{sniffed.extension}",
        original_name=(upload.name or "")[-200:],
        content_type=sniffed.content_type,
        size=upload.size or 0,
        caption=caption,
        uploaded_by=by,
    )
    attachment.file.save(attachment.stored_name, upload, save=False)
    attachment.save()
    return attachment


# --- Evaluate ----------------------------------------------------------------------------------


@transaction.atomic
def satisfaction_poll_create(*, cycle: Cycle, by: User) -> Poll:
    """One satisfaction poll for the cycle's elected projects, each rated on its own."""
    projects = list(cycle.projects.elected().order_by("position", "pk"))
    if not projects:
        raise ValidationError(_("没有票决通过的项目，无需测评。"))
    if any(p.satisfaction_poll_id for p in projects):
        raise ValidationError(_("本年度已发起满意度测评。"))
    poll = poll_services.poll_create(
        by=by,
        jurisdiction=cycle.jurisdiction,
        title=_("%(cycle)s满意度测评") % {"cycle": cycle},
        description=_("对每个民生实事项目的实施情况作出评价：满意、基本满意或不满意。"),
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    poll_services.subjects_add(poll=poll, targets=projects, by=by)
    cycle.projects.filter(pk__in=[p.pk for p in projects]).update(satisfaction_poll=poll)
    return poll


@transaction.atomic
def satisfaction_from_poll(*, cycle: Cycle, by: User) -> int:
    """Copy the closed satisfaction poll's totals onto each project; returns how many."""
    project = cycle.projects.elected().exclude(satisfaction_poll=None).first()
    poll = project.satisfaction_poll if project else None
    if poll is None or not poll.results_ready:
        raise ValidationError(_("满意度测评结束后才能导入结果。"))
    results = poll_selectors.poll_results(poll=poll)
    if results.paper_pending:
        raise ValidationError(
            _("以下组别的纸质选票两次录入尚未一致：%(groups)s。")
            % {"groups": "、".join(results.paper_pending)}
        )
    projects = {p.pk: p for p in cycle.projects.filter(satisfaction_poll=poll)}
    recorded = 0
    for row in results.overall.subjects:
        target = projects.get(row.subject.object_id or 0)
        if target is None:
            continue
        satisfaction_record(
            project=target,
            satisfied=row.tally.count("S"),
            basically_satisfied=row.tally.count("B"),
            dissatisfied=row.tally.count("U"),
            by=by,
        )
        recorded += 1
    return recorded


@transaction.atomic
def satisfaction_record(
    *, project: Project, satisfied: int, basically_satisfied: int, dissatisfied: int, by: User
) -> Project:
    """Record the satisfaction poll's totals for an elected project (online or paper)."""
    _require_elected(project)
    project.satisfied = satisfied
    project.basically_satisfied = basically_satisfied
    project.dissatisfied = dissatisfied
    project.satisfaction_rate = rules.satisfaction_rate(
        satisfied, basically_satisfied, dissatisfied
    )
    project.save(
        update_fields=["satisfied", "basically_satisfied", "dissatisfied", "satisfaction_rate"]
    )
    return project
