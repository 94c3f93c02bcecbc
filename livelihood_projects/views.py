"""Pages for committee staff, deputies and the responsible units' liaisons.

Every lookup starts from `visible_to(user)`: a record outside the user's scope is a 404. Writes
are checked by role here and carried out by one service each.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.models import Role
from core.permissions import STAFF_ROLES, RoleRequiredMixin, has_role, role_required

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

READERS = (Role.STAFF, Role.DEPUTY)
PROPOSERS = (Role.STAFF, Role.DEPUTY)
HANDLERS = (Role.STAFF, Role.LIAISON)


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


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _submit(request, form, action, *, success: str, then=None):
    """On a valid POST run `action(cleaned_data)` (one service call), flash `success` and
    redirect to `then` (default: what the action returned). A service's ValidationError lands on
    the form, which is shown again with the input kept. Returns None when the form is to be shown."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        _add_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(then or result)


# --- Dashboard and cycles ----------------------------------------------------------------------


def dashboard(request):
    user = request.user
    if user.is_liaison:
        return redirect("livelihood_projects:project_list")
    if not has_role(user, *READERS):
        raise PermissionDenied
    cycles = list(Cycle.objects.visible_to(user).select_related("jurisdiction"))
    figures = selectors.cycle_figures([c.pk for c in cycles])
    today = timezone.localdate()
    context = {
        "rows": [(cycle, figures[cycle.pk]) for cycle in cycles],
        "lagging": selectors.lagging_projects(Project.objects.visible_to(user), today),
        "can_manage": has_role(user, *STAFF_ROLES),
        "awaiting_publication": Proposal.objects.visible_to(user).awaiting_publication().count(),
    }
    return render(request, "livelihood_projects/dashboard.html", context)


@role_required(*STAFF_ROLES)
def cycle_create(request):
    form = CycleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cycle = form.save()
        messages.success(request, _("年度票决工作已创建。"))
        return redirect(cycle)
    return _form_page(
        request, form, title=_("新建年度票决工作"), back="livelihood_projects:dashboard"
    )


@role_required(*STAFF_ROLES)
def cycle_edit(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = CycleForm(request.POST or None, instance=cycle, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存。"))
        return redirect(cycle)
    return _form_page(request, form, title=_("编辑：%(c)s") % {"c": cycle}, back=cycle)


@role_required(*READERS)
def cycle_detail(request, pk: int):
    cycle = get_object_or_404(
        Cycle.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )
    projects = cycle.projects.select_related("township", "responsible_unit", "satisfaction_poll")
    satisfaction_poll = next((p.satisfaction_poll for p in projects if p.satisfaction_poll), None)
    context = {
        "cycle": cycle,
        "timeline": cycle.timeline(timezone.localdate()),
        "figures": selectors.cycle_figures([cycle.pk])[cycle.pk],
        "approvals": cycle.approvals.all(),
        "missing_approvals": services.missing_approvals(cycle),
        "projects": projects,
        "inspections": cycle.inspections.all(),
        "satisfaction_poll": satisfaction_poll,
        "satisfaction_poll_url": poll_url(satisfaction_poll),
        "approval_form": ApprovalForm(),
        "can_manage": has_role(request.user, *STAFF_ROLES),
        "history": cycle.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/cycle_detail.html", context)


@role_required(*STAFF_ROLES)
@require_POST
def approval_record(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        services.approval_record(cycle=cycle, by=request.user, **form.cleaned_data)
        messages.success(request, _("审议记录已保存。"))
        return redirect(cycle)
    return _form_page(request, form, title=_("记录候选项目审议"), back=cycle)


@role_required(*STAFF_ROLES)
def candidate_create(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = CandidateForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "special_funds"}
        services.candidate_create(cycle=cycle, by=request.user, **data)
        messages.success(request, _("候选项目已添加。"))
        return redirect(cycle)
    return _form_page(request, form, title=_("添加候选项目"), back=cycle)


# --- Proposals ---------------------------------------------------------------------------------


class ProposalListView(RoleRequiredMixin, FilterView):
    allowed_roles = READERS
    filterset_class = ProposalFilter
    template_name = "livelihood_projects/proposal_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Proposal.objects.visible_to(self.request.user).select_related(
            "cycle__jurisdiction", "township"
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


@role_required(*PROPOSERS)
def proposal_create(request):
    cycles = Cycle.objects.visible_to(request.user)
    form = StaffProposalForm(request.POST or None, cycles=cycles)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("cycle", "source")}
        proposal = services.proposal_submit(
            cycle=form.cleaned_data["cycle"],
            source=form.cleaned_data["source"],
            by=request.user,
            **data,
        )
        messages.success(
            request, _("建议已录入，回执编号 %(n)s。") % {"n": proposal.receipt_number}
        )
        return redirect(proposal)
    return _form_page(
        request, form, title=_("录入项目建议"), back="livelihood_projects:proposal_list"
    )


@role_required(*READERS)
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
    is_staff = has_role(request.user, *STAFF_ROLES)
    context = {
        "proposal": proposal,
        "form": ScreeningForm(proposal=proposal) if is_staff and proposal.is_open else None,
        "can_moderate": is_staff and proposal.source == Proposal.Source.PUBLIC,
        "history": proposal.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/proposal_detail.html", context)


@role_required(*STAFF_ROLES)
@require_POST
def proposal_screen(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    form = ScreeningForm(request.POST, proposal=proposal)
    if not proposal.is_open:
        form.add_error(None, _("该建议已筛选。"))
    elif form.is_valid():
        data = form.cleaned_data
        services.proposal_screen(
            proposal=proposal,
            decision=data["decision"],
            reason=data["reason"],
            project=data["project"],
            by=request.user,
        )
        messages.success(request, _("筛选结果已保存。"))
        return redirect(proposal)
    return _form_page(request, form, title=_("筛选：%(t)s") % {"t": proposal.title}, back=proposal)


@role_required(*STAFF_ROLES)
@require_POST
def proposal_publish(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.proposal_publish(proposal=proposal, by=request.user),
        success=_("建议已审核公开，将显示在公开页面上。"),
        then=proposal,
    )


@role_required(*STAFF_ROLES)
@require_POST
def proposal_unpublish(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.proposal_unpublish(proposal=proposal, by=request.user),
        success=_("建议已撤回公开，公开页面不再显示。"),
        then=proposal,
    )


# --- Decide ------------------------------------------------------------------------------------


@role_required(*READERS)
def vote(request, pk: int):
    cycle = get_object_or_404(
        Cycle.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )
    rounds = cycle.vote_rounds.select_related("poll").prefetch_related(
        Prefetch("candidates", queryset=Project.objects.order_by("position", "pk"))
    )
    context = {
        "cycle": cycle,
        "rounds": [
            (r, poll_url(r.poll), [(p, r.votes.get(str(p.pk))) for p in r.candidates.all()])
            for r in rounds
        ],
        "start_form": VoteStartForm(initial={"method": VoteRound.Method.PAPER}),
        "missing_approvals": services.missing_approvals(cycle),
        "can_manage": has_role(request.user, *STAFF_ROLES),
    }
    return render(request, "livelihood_projects/vote.html", context)


@role_required(*STAFF_ROLES)
@require_POST
def vote_start(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = VoteStartForm(request.POST)
    if form.is_valid():
        try:
            services.vote_round_start(
                cycle=cycle, method=form.cleaned_data["method"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("livelihood_projects:vote", pk=cycle.pk)


@role_required(*STAFF_ROLES)
def vote_paper(request, pk: int):
    vote_round = get_object_or_404(
        VoteRound.objects.visible_to(request.user).select_related("cycle"), pk=pk
    )
    back = ("livelihood_projects:vote", vote_round.cycle_id)
    if vote_round.is_counted:
        return redirect(*back)
    form = PaperTotalsForm(request.POST or None, candidates=services.round_candidates(vote_round))

    def record(data):
        next_round = services.vote_paper_record(
            vote_round=vote_round,
            votes=form.votes(),
            valid=data["valid"],
            invalid=data["invalid"],
            by=request.user,
        )
        if next_round:
            messages.warning(
                request,
                _("有项目得票相同、争最后名额，须在并列项目中重新投票（第%(n)d轮）。")
                % {"n": next_round.number},
            )
        return vote_round.cycle

    done = _submit(request, form, record, success=_("计票结果已记录。"), then=_url(back))
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


@role_required(*STAFF_ROLES)
@require_POST
def vote_poll_count(request, pk: int):
    vote_round = get_object_or_404(VoteRound.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.vote_poll_record(vote_round=vote_round, by=request.user),
        success=_("已根据投票结果计票。"),
        then=("livelihood_projects:vote", vote_round.cycle_id),
    )


def _post_action(request, action, *, success: str, then):
    """Run a button's service; its ValidationError becomes an error message."""
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if isinstance(result, VoteRound):
            messages.warning(
                request,
                _("有项目得票相同、争最后名额，须在并列项目中重新投票（第%(n)d轮）。")
                % {"n": result.number},
            )
        messages.success(request, success)
    return redirect(_url(then))


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


@role_required(Role.STAFF, Role.DEPUTY, Role.LIAISON)
def project_list(request):
    projects = (
        Project.objects.visible_to(request.user)
        .elected()
        .select_related("cycle__jurisdiction", "responsible_unit")
        .order_by("-cycle__year", "cycle__jurisdiction__code", "position")
    )
    today = timezone.localdate()
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rows": [(p, p.lag(today)) for p in page],
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
    }
    return render(request, "livelihood_projects/project_list.html", context)


def _project(request, pk: int, *roles) -> Project:
    if not has_role(request.user, *roles):
        raise PermissionDenied
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "cycle__jurisdiction", "township", "responsible_unit"
        ),
        pk=pk,
    )


def project_detail(request, pk: int):
    project = _project(request, pk, Role.STAFF, Role.DEPUTY, Role.LIAISON)
    user = request.user
    today = timezone.localdate()
    context = {
        "project": project,
        "lag": project.lag(today),
        "today": today,
        "milestones": project.milestones.all(),
        "money": project.money_entries.all(),
        "meetings": project.meetings.all(),
        "inspections": project.inspections.all(),
        "attachments": project.attachments.all(),
        "proposals": [] if user.is_liaison else project.proposals.all(),
        "can_manage": has_role(user, *STAFF_ROLES),
        "can_handle": project.is_elected and has_role(user, *HANDLERS),
        "history": project.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/project_detail.html", context)


@role_required(*STAFF_ROLES)
def project_assign(request, pk: int):
    project = _project(request, pk, *STAFF_ROLES)
    form = AssignForm(request.POST or None, instance=project, user=request.user)
    done = _submit(
        request,
        form,
        lambda data: services.project_assign(project=project, by=request.user, **data),
        success=_("已交办。"),
    )
    return done or _form_page(
        request, form, title=_("交办：%(t)s") % {"t": project.title}, back=project
    )


def milestone_add(request, pk: int):
    project = _project(request, pk, *HANDLERS)
    form = MilestoneForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.milestone_add(project=project, by=request.user, **data),
        success=_("实施节点已添加。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("添加实施节点"), back=project)


def milestone_progress(request, pk: int):
    if not has_role(request.user, *HANDLERS):
        raise PermissionDenied
    milestone = get_object_or_404(
        Milestone.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    form = MilestoneProgressForm(request.POST or None, instance=milestone)
    done = _submit(
        request,
        form,
        lambda data: services.milestone_update(milestone=milestone, by=request.user, **data),
        success=_("进度已更新。"),
        then=milestone.project,
    )
    return done or _form_page(
        request, form, title=_("更新进度：%(t)s") % {"t": milestone.title}, back=milestone.project
    )


def money_add(request, pk: int):
    project = _project(request, pk, *HANDLERS)
    form = MoneyForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.money_add(project=project, by=request.user, **data),
        success=_("资金记录已保存。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("录入资金"), back=project)


def meeting_add(request, pk: int):
    project = _project(request, pk, *HANDLERS)
    form = MeetingForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.meeting_add(project=project, by=request.user, **data),
        success=_("联席会议记录已保存。"),
        then=project,
    )
    return done or _form_page(request, form, title=_("记录联席会议"), back=project)


def project_attachment_add(request, pk: int):
    project = _project(request, pk, *HANDLERS)
    if not project.is_elected:
        raise PermissionDenied
    return _attachment_page(request, back=project, project=project)


def _attachment_page(request, *, back, **owner):
    form = AttachmentForm(request.POST or None, request.FILES or None)
    done = _submit(
        request,
        form,
        lambda data: services.attachment_add(
            upload=data["file"], caption=data["caption"], by=request.user, **owner
        ),
        success=_("附件已上传。"),
        then=back,
    )
    return done or _form_page(request, form, title=_("上传照片或文件"), back=back, multipart=True)


@role_required(*STAFF_ROLES)
def satisfaction_record(request, pk: int):
    project = _project(request, pk, *STAFF_ROLES)
    form = SatisfactionForm(request.POST or None, instance=project)
    done = _submit(
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


@role_required(*STAFF_ROLES)
@require_POST
def satisfaction_poll_start(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.satisfaction_poll_create(cycle=cycle, by=request.user),
        success=_("已发起满意度测评，请在投票测评中确定投票人并开始投票。"),
        then=cycle,
    )


@role_required(*STAFF_ROLES)
@require_POST
def satisfaction_poll_import(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.satisfaction_from_poll(cycle=cycle, by=request.user),
        success=_("已导入满意度测评结果。"),
        then=cycle,
    )


# --- Supervise ---------------------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def inspection_create(request, pk: int):
    cycle = get_object_or_404(Cycle.objects.visible_to(request.user), pk=pk)
    form = InspectionForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        projects = data.pop("projects")
        inspection = services.inspection_add(
            cycle=cycle, projects=projects, by=request.user, **data
        )
        messages.success(request, _("视察记录已保存，可继续上传照片。"))
        return redirect(inspection)
    return _form_page(request, form, title=_("记录代表视察"), back=cycle)


@role_required(*READERS)
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("cycle__jurisdiction"), pk=pk
    )
    context = {
        "inspection": inspection,
        "projects": inspection.projects.select_related("cycle"),
        "attachments": inspection.attachments.select_related("uploaded_by"),
        "can_manage": has_role(request.user, *STAFF_ROLES),
        "attachment_form": AttachmentForm(),
        "history": inspection.history.select_related("history_user")[:20],
    }
    return render(request, "livelihood_projects/inspection_detail.html", context)


@role_required(*STAFF_ROLES)
def inspection_attachment_add(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    return _attachment_page(request, back=inspection, inspection=inspection)


def attachment_download(request, pk: int):
    if not has_role(request.user, *READERS, Role.LIAISON):
        raise PermissionDenied
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
