"""Pages for committee staff, deputies and the responsible units' liaisons.

Every lookup starts from `visible_to(user)`: a record outside the user's scope is a 404. Each page
asks a named permission (permissions.py), reads through `selectors` and writes through one service
call, run by core/actions.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.permissions import PermissionRequiredMixin, permission_required
from core.actions import post_action, run_action, submit_form

from . import selectors, services
from .filters import ProposalFilter
from .forms import (
    ApprovalForm,
    AssignForm,
    AttachmentForm,
    CandidateForm,
    CycleForm,
    InspectionForm,
    MeetingForm,
    MilestoneForm,
    MilestoneProgressForm,
    MoneyForm,
    PaperTotalsForm,
    SatisfactionForm,
    ScreeningForm,
    StaffProposalForm,
    VoteStartForm,
)
from .models import (
    Attachment,
    Cycle,
    Inspection,
    Milestone,
    Project,
    Proposal,
    VoteRound,
)

FOLLOW = "livelihood_projects.follow_cycles"
MANAGE = "livelihood_projects.manage_cycles"
SEE_PROJECTS = "livelihood_projects.see_projects"
REPORT = "livelihood_projects.report_progress"


def _url(target) -> str:
    """A model instance, a URL name, or a (URL name, *args) tuple, as a URL."""
    if hasattr(target, "get_absolute_url"):
        return target.get_absolute_url()
    if isinstance(target, tuple):
        return reverse(target[0], args=target[1:])
    return reverse(target)


def _form_page(request, form, *, title, back, multipart=False, intro=""):
    context = {
        "form": form,
        "title": title,
        "back": _url(back),
        "multipart": multipart,
        "intro": intro,
    }
    return render(request, "livelihood_projects/form.html", context)


# --- Dashboard and cycles ----------------------------------------------------------------------


def dashboard(request):
    user = request.user
    if not user.has_perm(FOLLOW):
        if user.has_perm(SEE_PROJECTS):
            # Whoever works on projects without following the cycles (a unit's liaison) starts
            # from their projects.
            return redirect("livelihood_projects:project_list")
        raise PermissionDenied
    overview = selectors.overview(user=user, today=timezone.localdate())
    context = {
        "rows": overview.rows,
        "lagging": overview.lagging,
        "awaiting_publication": overview.awaiting_publication,
    }
    return render(request, "livelihood_projects/dashboard.html", context)


@permission_required(MANAGE)
def cycle_create(request):
    form = CycleForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.cycle_create(by=request.user, **data),
        success=_("年度票决工作已创建。"),
    )
    return done or _form_page(
        request, form, title=_("新建年度票决工作"), back="livelihood_projects:dashboard"
    )


@permission_required(MANAGE)
def cycle_edit(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    title = _("编辑：%(c)s") % {"c": cycle}
    form = CycleForm(request.POST or None, instance=cycle, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.cycle_update(cycle=cycle, by=request.user, **data),
        success=_("已保存。"),
    )
    return done or _form_page(request, form, title=title, back=cycle)


@permission_required(FOLLOW)
def cycle_detail(request, pk: int):
    cycle = get_object_or_404(
        Cycle.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )
    projects = selectors.cycle_projects(cycle)
    satisfaction_poll = next((p.satisfaction_poll for p in projects if p.satisfaction_poll), None)
    context = {
        "cycle": cycle,
        "timeline": cycle.timeline(timezone.localdate()),
        "figures": selectors.cycle_figures([cycle.pk])[cycle.pk],
        "envelope": selectors.cycle_envelope(cycle, projects),
        "approvals": cycle.approvals.all(),
        "missing_approvals": selectors.missing_approvals(cycle),
        "projects": projects,
        "inspections": cycle.inspections.all(),
        "satisfaction_poll": satisfaction_poll,
        "satisfaction_poll_url": poll_url(satisfaction_poll),
        "approval_form": ApprovalForm(),
        "history": cycle.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/cycle_detail.html", context)


@permission_required(MANAGE)
@require_POST
def approval_record(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = ApprovalForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.approval_record(cycle=cycle, by=request.user, **data),
        success=_("审议记录已保存。"),
        then=cycle,
    )
    return done or _form_page(request, form, title=_("记录候选项目审议"), back=cycle)


@permission_required(MANAGE)
def candidate_create(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = CandidateForm(request.POST or None, cycle=cycle)

    def create(data):
        fields = {k: v for k, v in data.items() if k != "special_funds"}
        return services.candidate_create(cycle=cycle, by=request.user, **fields)

    done = submit_form(request, form, create, success=_("候选项目已添加。"), then=cycle)
    return done or _form_page(request, form, title=_("添加候选项目"), back=cycle)


# --- Proposals ---------------------------------------------------------------------------------


class ProposalListView(PermissionRequiredMixin, FilterView):
    permission_required = FOLLOW
    filterset_class = ProposalFilter
    template_name = "livelihood_projects/proposal_list.html"
    paginate_by = 30

    def get_queryset(self):
        return selectors.proposal_list(user=self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


@permission_required("livelihood_projects.enter_proposal")
def proposal_create(request):
    form = StaffProposalForm(request.POST or None, cycles=Cycle.objects.visible_to(request.user))

    def submit(data):
        proposal = services.proposal_submit(by=request.user, **data)
        messages.success(
            request, _("建议已录入，回执编号 %(n)s。") % {"n": proposal.receipt_number}
        )
        return proposal

    done = submit_form(request, form, submit, success="")
    return done or _form_page(
        request, form, title=_("录入项目建议"), back="livelihood_projects:proposal_list"
    )


@permission_required(FOLLOW)
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related(
            "cycle__jurisdiction",
            "township",
            "project",
            "submitted_by",
            "screened_by",
            "published_by",
        ),
        pk=pk,
    )
    may_screen = proposal.is_open and request.user.has_perm(MANAGE)
    context = {
        "proposal": proposal,
        "form": ScreeningForm(proposal=proposal) if may_screen else None,
        "history": proposal.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/proposal_detail.html", context)


@permission_required(MANAGE)
@require_POST
def proposal_screen(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    form = ScreeningForm(request.POST, proposal=proposal)
    done = submit_form(
        request,
        form,
        lambda data: services.proposal_screen(proposal=proposal, by=request.user, **data),
        success=_("筛选结果已保存。"),
        then=proposal,
    )
    title = _("筛选：%(t)s") % {"t": proposal.title}
    return done or _form_page(request, form, title=title, back=proposal)


@permission_required(MANAGE)
@require_POST
def proposal_publish(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    return post_action(
        request,
        lambda: services.proposal_publish(proposal=proposal, by=request.user),
        success=_("建议已审核公开，将显示在公开页面上。"),
        then=proposal,
    )


@permission_required(MANAGE)
@require_POST
def proposal_unpublish(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    return post_action(
        request,
        lambda: services.proposal_unpublish(proposal=proposal, by=request.user),
        success=_("建议已撤回公开，公开页面不再显示。"),
        then=proposal,
    )


# --- Decide ------------------------------------------------------------------------------------


@permission_required(FOLLOW)
def vote(request, pk: int):
    cycle = get_object_or_404(
        Cycle.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )
    context = {
        "cycle": cycle,
        "rounds": [
            (r, poll_url(r.poll), [(p, r.votes.get(str(p.pk))) for p in r.candidates.all()])
            for r in selectors.vote_rounds(cycle)
        ],
        "start_form": VoteStartForm(initial={"method": VoteRound.Method.PAPER}),
        "missing_approvals": selectors.missing_approvals(cycle),
    }
    return render(request, "livelihood_projects/vote.html", context)


@permission_required(MANAGE)
@require_POST
def vote_start(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = VoteStartForm(request.POST)
    if form.is_valid():
        method = form.cleaned_data["method"]
        run_action(
            request,
            lambda: services.vote_round_start(cycle=cycle, method=method, by=request.user),
            success="",
        )
    return redirect("livelihood_projects:vote", pk=cycle.pk)


def _announce_revote(request, next_round: VoteRound | None) -> None:
    """A tie straddling the last seat: say that a new round among the tied has been opened."""
    if next_round is not None:
        messages.warning(
            request,
            _("有项目得票相同、争最后名额，须在并列项目中重新投票（第%(n)d轮）。")
            % {"n": next_round.number},
        )


@permission_required(MANAGE)
def vote_paper(request, pk: int):
    vote_round = get_object_or_404(
        VoteRound.objects.visible_to(request.user).select_related("cycle"), pk=pk
    )
    back = ("livelihood_projects:vote", vote_round.cycle_id)
    if vote_round.is_counted:
        return redirect(*back)
    form = PaperTotalsForm(request.POST or None, candidates=selectors.round_candidates(vote_round))

    def record(data):
        next_round = services.vote_paper_record(
            vote_round=vote_round,
            votes=form.votes(),
            valid=data["valid"],
            invalid=data["invalid"],
            by=request.user,
        )
        _announce_revote(request, next_round)

    done = submit_form(request, form, record, success=_("计票结果已记录。"), then=_url(back))
    intro = _("应选 %(seats)d 个，本级人大代表 %(total)d 名；获全体代表过半数赞成票方能当选。") % {
        "seats": vote_round.seats,
        "total": vote_round.cycle.deputies_total,
    }
    return done or _form_page(
        request,
        form,
        title=_("录入纸质选票计票结果：%(r)s") % {"r": vote_round},
        back=back,
        intro=intro,
    )


@permission_required(MANAGE)
@require_POST
def vote_poll_count(request, pk: int):
    vote_round = get_object_or_404(VoteRound.objects.visible_to(request.user), pk=pk)

    def count():
        _announce_revote(request, services.vote_poll_record(vote_round=vote_round, by=request.user))

    return post_action(
        request,
        count,
        success=_("已根据投票结果计票。"),
        then=_url(("livelihood_projects:vote", vote_round.cycle_id)),
    )


def poll_url(poll) -> str | None:
    """The polls engine's page of a poll, when the engine's pages are installed."""
    if poll is None:
        return None
    try:
        return poll.get_absolute_url()
    except NoReverseMatch:
        return None


# --- Projects ----------------------------------------------------------------------------------


PROJECTS_PER_PAGE = 30


@permission_required(SEE_PROJECTS)
def project_list(request):
    projects = selectors.elected_projects(user=request.user)
    today = timezone.localdate()
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rows": [(p, p.lag_warning(today)) for p in page],
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
    }
    return render(request, "livelihood_projects/project_list.html", context)


def _project(request, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "cycle__jurisdiction", "township", "responsible_unit"
        ),
        pk=pk,
    )


@permission_required(SEE_PROJECTS)
def project_detail(request, pk: int):
    project = _project(request, pk)
    today = timezone.localdate()
    context = {
        "project": project,
        "lag": project.lag_warning(today),
        "milestones": [(m, m.is_overdue(today)) for m in project.milestones.all()],
        "money": project.money_entries.all(),
        "meetings": project.meetings.all(),
        "inspections": project.inspections.all(),
        "attachments": project.attachments.all(),
        "proposals": selectors.proposals_of(project, user=request.user),
        "can_handle": request.user.has_perm(REPORT, project),
        "history": project.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/project_detail.html", context)


@permission_required(MANAGE)
def project_assign(request, pk: int):
    project = _project(request, pk)
    form = AssignForm(request.POST or None, instance=project, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.project_assign(project=project, by=request.user, **data),
        success=_("已交办。"),
    )
    return done or _form_page(
        request, form, title=_("交办：%(t)s") % {"t": project.title}, back=project
    )


@permission_required(REPORT)
def milestone_add(request, pk: int):
    project = _project(request, pk)
    form = MilestoneForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.milestone_add(project=project, by=request.user, **data),
        success=_("实施节点已添加。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("添加实施节点"), back=project)


@permission_required(REPORT)
def milestone_progress(request, pk: int):
    milestone = get_object_or_404(
        Milestone.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    form = MilestoneProgressForm(request.POST or None, instance=milestone)
    done = submit_form(
        request,
        form,
        lambda data: services.milestone_update(milestone=milestone, by=request.user, **data),
        success=_("进度已更新。"),
        then=milestone.project,
    )
    return done or _form_page(
        request, form, title=_("更新进度：%(t)s") % {"t": milestone.title}, back=milestone.project
    )


@permission_required(REPORT)
def money_add(request, pk: int):
    project = _project(request, pk)
    form = MoneyForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.money_add(project=project, by=request.user, **data),
        success=_("资金记录已保存。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("录入资金"), back=project)


@permission_required(REPORT)
def meeting_add(request, pk: int):
    project = _project(request, pk)
    form = MeetingForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.meeting_add(project=project, by=request.user, **data),
        success=_("联席会议记录已保存。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("记录联席会议"), back=project)


@permission_required(REPORT)
def project_attachment_add(request, pk: int):
    project = _project(request, pk)
    if not request.user.has_perm(REPORT, project):
        raise PermissionDenied
    return _attachment_page(request, back=project, project=project)


def _attachment_page(request, *, back, **owner):
    form = AttachmentForm(request.POST or None, request.FILES or None)
    done = submit_form(
        request,
        form,
        lambda data: services.attachment_add(
            upload=data["file"], caption=data["caption"], by=request.user, **owner
        ),
        success=_("附件已上传。"),
        then=back,
    )
    return done or _form_page(request, form, title=_("上传照片或文件"), back=back, multipart=True)


@permission_required(MANAGE)
def satisfaction_record(request, pk: int):
    project = _project(request, pk)
    form = SatisfactionForm(request.POST or None, instance=project)
    done = submit_form(
        request,
        form,
        lambda data: services.satisfaction_record(project=project, by=request.user, **data),
        success=_("满意度测评结果已记录。"),
    )
    return done or _form_page(
        request,
        form,
        title=_("录入满意度测评结果：%(t)s") % {"t": project.title},
        back=project,
        intro=_("按会议计票结果录入各选项的票数；满意率 =（满意 + 基本满意）÷ 有效票。"),
    )


@permission_required(MANAGE)
@require_POST
def satisfaction_poll_start(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    return post_action(
        request,
        lambda: services.satisfaction_poll_create(cycle=cycle, by=request.user),
        success=_("已发起满意度测评，请在投票测评中确定投票人并开始投票。"),
        then=cycle,
    )


@permission_required(MANAGE)
@require_POST
def satisfaction_poll_import(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    return post_action(
        request,
        lambda: services.satisfaction_from_poll(cycle=cycle, by=request.user),
        success=_("已导入满意度测评结果。"),
        then=cycle,
    )


# --- Supervise ---------------------------------------------------------------------------------


@permission_required(MANAGE)
def inspection_create(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = InspectionForm(request.POST or None, cycle=cycle)

    def record(data):
        fields = {k: v for k, v in data.items() if k != "projects"}
        return services.inspection_add(
            cycle=cycle, projects=data["projects"], by=request.user, **fields
        )

    done = submit_form(request, form, record, success=_("视察记录已保存，可继续上传照片。"))
    return done or _form_page(request, form, title=_("记录代表视察"), back=cycle)


@permission_required(FOLLOW)
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("cycle__jurisdiction"), pk=pk
    )
    context = {
        "inspection": inspection,
        "projects": selectors.inspection_projects(inspection),
        "attachments": inspection.attachments.select_related("uploaded_by"),
        "attachment_form": AttachmentForm(),
        "history": inspection.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/inspection_detail.html", context)


@permission_required(MANAGE)
def inspection_attachment_add(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    return _attachment_page(request, back=inspection, inspection=inspection)


@permission_required(SEE_PROJECTS)
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
