from io import BytesIO
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.models import Role
from core.models import Jurisdiction, Unit
from core.permissions import STAFF_ROLES, RoleRequiredMixin, has_role, role_required
from core.selectors import year_shown
from reports.services import import_job_create

from . import polling, rules, selectors, services
from .exporters import AppraisalExporter
from .filters import AuditProblemFilter, RoundFilter, SuggestionFilter, UnitHeadFilter
from .forms import (
    AdoptionForm,
    AppraisalForm,
    AuditImportForm,
    JointReviewForm,
    NoteForm,
    OpinionForm,
    OpinionReportForm,
    ParticipantForm,
    PolicyForm,
    ProblemReportForm,
    RectificationItemForm,
    RoundForm,
    StageForm,
    SuggestionForm,
    SuggestionReplyForm,
    UnitHeadForm,
    VotesForm,
)
from .importers import template_workbook
from .models import (
    AppraisalRound,
    AuditImport,
    AuditProblem,
    EvaluationRound,
    JointReview,
    Opinion,
    ProcuratorialSuggestion,
    RectificationItem,
    Stage,
    UnitHead,
)

UNIT_ROLES = (*STAFF_ROLES, Role.LIAISON)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _history(obj):
    return obj.history.select_related("history_user")[:20]


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- Evaluation rounds ----------------------------------------------------------------------------


class RoundListView(RoleRequiredMixin, FilterView):
    allowed_roles = UNIT_ROLES
    filterset_class = RoundFilter
    template_name = "evaluations/round_list.html"
    paginate_by = 30

    def get_queryset(self):
        # Explicit order: Django leaves Meta.ordering out of a GROUP BY query (the count), which
        # listed rounds in insertion order.
        return (
            EvaluationRound.objects.visible_to(self.request.user)
            .select_related("jurisdiction")
            .annotate(unit_count=Count("units", distinct=True))
            .order_by("-year", "jurisdiction__code", "title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


@role_required(*STAFF_ROLES)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        evaluation = services.round_create(by=request.user, **data)
        messages.success(request, _("已创建工作评议。"))
        return redirect(evaluation)
    return render(request, "evaluations/form.html", {"form": form, "title": _("新建工作评议")})


def _visible_round(request, pk):
    return get_object_or_404(
        EvaluationRound.objects.visible_to(request.user).select_related(
            "jurisdiction", "satisfaction_poll"
        ),
        pk=pk,
    )


@role_required(*UNIT_ROLES)
def round_detail(request, pk: int):
    return _round_page(request, _visible_round(request, pk))


def _round_page(request, evaluation, *, participant_form=None, status=200):
    opinions = Opinion.objects.visible_to(request.user).filter(round=evaluation)
    units = evaluation.units.all()
    if request.user.role == Role.LIAISON:
        units = units.filter(pk=request.user.unit_id)
    context = {
        "evaluation": evaluation,
        "units": units,
        "stages": evaluation.stages.all(),
        "participants": evaluation.participants.all(),
        "opinions": opinions.select_related("unit"),
        "today": timezone.localdate(),
        "can_edit": has_role(request.user, *STAFF_ROLES),
        "participant_form": participant_form or ParticipantForm(),
        "opinion_form": OpinionForm(evaluation=evaluation),
        "polls_available": polling.polls_available(),
        "poll_url": polling.poll_url(evaluation.satisfaction_poll),
        "poll_results": polling.round_poll_results(evaluation),
        "history": _history(evaluation),
    }
    return render(request, "evaluations/round_detail.html", context, status=status)


@require_POST
@role_required(*STAFF_ROLES)
def round_poll_start(request, pk: int):
    evaluation = _visible_round(request, pk)
    try:
        polling.round_poll_start(evaluation=evaluation, by=request.user)
        messages.success(request, _("已创建满意度测评（草稿），请在投票测评中开始投票。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(evaluation)


@role_required(*STAFF_ROLES)
def stage_update(request, pk: int):
    stage = get_object_or_404(
        Stage.objects.filter(round__in=EvaluationRound.objects.visible_to(request.user)), pk=pk
    )
    form = StageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        services.stage_update(stage=stage, by=request.user, **form.cleaned_data)
        messages.success(request, _("已更新“%(stage)s”。") % {"stage": stage})
        return redirect(stage.round)
    return render(
        request,
        "evaluations/form.html",
        {"form": form, "title": stage.get_kind_display(), "back": stage.round},
    )


@require_POST
@role_required(*STAFF_ROLES)
def participant_add(request, pk: int):
    evaluation = _visible_round(request, pk)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        return _round_page(request, evaluation, participant_form=form, status=400)
    services.participant_add(evaluation=evaluation, by=request.user, **form.cleaned_data)
    messages.success(request, _("已添加参加人员。"))
    return redirect(evaluation)


@require_POST
@role_required(*STAFF_ROLES)
def opinion_add(request, pk: int):
    evaluation = _visible_round(request, pk)
    form = OpinionForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            services.opinion_assign(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已交办评议意见。"))
            return redirect(evaluation)
    return render(
        request,
        "evaluations/form.html",
        {"form": form, "title": _("交办评议意见"), "back": evaluation},
        status=400,
    )


@role_required(*UNIT_ROLES)
def opinion_detail(request, pk: int):
    opinion = get_object_or_404(
        Opinion.objects.visible_to(request.user).select_related("round", "unit", "reported_by"),
        pk=pk,
    )
    form = OpinionReportForm(request.POST or None, initial={"report": opinion.report})
    if request.method == "POST" and form.is_valid():
        services.opinion_report(
            opinion=opinion, report=form.cleaned_data["report"], by=request.user
        )
        messages.success(request, _("已报送整改情况。"))
        return redirect(opinion)
    context = {
        "opinion": opinion,
        "form": form,
        "today": timezone.localdate(),
        "history": _history(opinion),
    }
    return render(request, "evaluations/opinion_detail.html", context)


# --- Audit rectification ------------------------------------------------------------------------


class ProblemListView(RoleRequiredMixin, FilterView):
    allowed_roles = UNIT_ROLES
    filterset_class = AuditProblemFilter
    template_name = "evaluations/problem_list.html"
    paginate_by = 30

    def get_queryset(self):
        return AuditProblem.objects.visible_to(self.request.user).select_related("unit")

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}


@role_required(*STAFF_ROLES)
def problem_import(request):
    form = AuditImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The worker reads the workbook (reports' import jobs); the job page shows the outcome.
        upload = form.cleaned_data["file"]
        params = {
            "county": form.cleaned_data["jurisdiction"].pk,
            "year": form.cleaned_data["year"],
            "file_name": upload.name[:255],
        }
        job = import_job_create(
            importer="audit-problems", upload=upload, params=params, by=request.user
        )
        messages.info(request, _("文件已上传，正在后台检查并导入。"))
        return redirect(job)
    imports = AuditImport.objects.visible_to(request.user).select_related("imported_by")[:10]
    context = {"form": form, "imports": imports}
    return render(request, "evaluations/problem_import.html", context)


@role_required(*STAFF_ROLES)
def problem_template(request):
    return _xlsx(template_workbook(), _("审计问题清单模板.xlsx"))


def _visible_problem(request, pk):
    return get_object_or_404(
        AuditProblem.objects.visible_to(request.user).select_related(
            "unit", "closed_by", "jurisdiction"
        ),
        pk=pk,
    )


@role_required(*UNIT_ROLES)
def problem_detail(request, pk: int):
    return _problem_page(request, _visible_problem(request, pk))


def _problem_page(request, problem, *, report_form=None, status=200):
    """The problem's page; a report that was refused comes back with what was typed in it."""
    context = {
        "problem": problem,
        "today": timezone.localdate(),
        "report_form": report_form or ProblemReportForm(instance=problem),
        "note_form": NoteForm(),
        "is_staff": has_role(request.user, *STAFF_ROLES),
        "item": RectificationItem.objects.filter(problem=problem).first(),
        "history": problem.history.select_related("history_user")[:20],
    }
    return render(request, "evaluations/problem_detail.html", context, status=status)


@require_POST
@role_required(*UNIT_ROLES)
def problem_report(request, pk: int):
    problem = _visible_problem(request, pk)
    form = ProblemReportForm(request.POST, instance=problem)
    if form.is_valid():
        try:
            services.problem_report(problem=problem, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已报送整改情况。"))
            return redirect(problem)
    # The form has written the typed values onto `problem`; the page shows the stored record.
    return _problem_page(request, _visible_problem(request, pk), report_form=form, status=400)


@require_POST
@role_required(*STAFF_ROLES)
def problem_close(request, pk: int):
    problem = _visible_problem(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        services.problem_close_out(
            problem=problem, note=form.cleaned_data.get("note", ""), by=request.user
        )
        messages.success(request, _("已核实销号。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(problem)


@require_POST
@role_required(*STAFF_ROLES)
def problem_return(request, pk: int):
    problem = _visible_problem(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        services.problem_return(
            problem=problem, note=form.cleaned_data.get("note", ""), by=request.user
        )
        messages.success(request, _("已退回，状态改为“部分整改”。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(problem)


@role_required(*UNIT_ROLES)
def rectification_item(request, pk: int):
    problem = _visible_problem(request, pk)
    item = RectificationItem.objects.filter(problem=problem).first()
    form = RectificationItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.rectification_item_save(problem=problem, by=request.user, **form.cleaned_data)
        messages.success(request, _("已保存整改清单事项。"))
        return redirect(problem)
    title = _("整改清单：%(n)s") % {"n": problem.number}
    return render(request, "evaluations/form.html", {"form": form, "title": title, "back": problem})


@role_required(*UNIT_ROLES)
def matching(request):
    """会同's problem list and rectification list side by side, item by item."""
    year = year_shown(request.GET.get("year"), selectors.latest_audit_year(request.user))
    problems = (
        AuditProblem.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("unit", "rectification_item")
    )
    rows = list(problems)
    unmatched = sum(1 for p in rows if not hasattr(p, "rectification_item"))
    context = {"rows": rows, "year": year, "unmatched": unmatched, "today": timezone.localdate()}
    return render(request, "evaluations/matching.html", context)


def _user_county(user):
    county = user.jurisdiction
    if county is not None and county.level == Jurisdiction.Level.COUNTY:
        return county
    return None


@role_required(*STAFF_ROLES)
def review_list(request):
    reviews = (
        JointReview.objects.visible_to(request.user)
        .select_related("jurisdiction", "recorded_by")
        .annotate(problem_count=Count("problems"))
        .order_by("-month", "pk")
    )
    return render(request, "evaluations/review_list.html", {"reviews": reviews})


@role_required(*STAFF_ROLES)
def review_create(request):
    county = _user_county(request.user)
    if county is None:
        messages.error(request, _("联合审查记录由县市区人大常委会工作人员填写。"))
        return redirect("evaluations:review_list")
    form = JointReviewForm(request.POST or None, county=county)
    if request.method == "POST" and form.is_valid():
        try:
            services.joint_review_record(jurisdiction=county, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已记录联合审查。"))
            return redirect("evaluations:review_list")
    return render(request, "evaluations/form.html", {"form": form, "title": _("记录每月联合审查")})


# --- Procuratorial suggestions -----------------------------------------------------------------


class SuggestionListView(RoleRequiredMixin, FilterView):
    allowed_roles = UNIT_ROLES
    filterset_class = SuggestionFilter
    template_name = "evaluations/suggestion_list.html"
    paginate_by = 30

    def get_queryset(self):
        return ProcuratorialSuggestion.objects.visible_to(self.request.user).select_related(
            "unit", "procuratorate"
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}


@role_required(*STAFF_ROLES)
def suggestion_create(request):
    form = SuggestionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        suggestion = services.suggestion_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("已登记检察建议。"))
        return redirect(suggestion)
    return render(
        request, "evaluations/form.html", {"form": form, "title": _("登记行政检察监督建议")}
    )


def _visible_suggestion(request, pk):
    return get_object_or_404(
        ProcuratorialSuggestion.objects.visible_to(request.user).select_related(
            "unit", "procuratorate"
        ),
        pk=pk,
    )


@role_required(*UNIT_ROLES)
def suggestion_detail(request, pk: int):
    return _suggestion_page(request, _visible_suggestion(request, pk))


def _suggestion_page(request, suggestion, *, reply_form=None, adoption_form=None, status=200):
    context = {
        "suggestion": suggestion,
        "today": timezone.localdate(),
        "reply_form": reply_form or SuggestionReplyForm(initial={"reply": suggestion.reply}),
        "adoption_form": adoption_form or AdoptionForm(instance=suggestion),
        "is_staff": has_role(request.user, *STAFF_ROLES),
        "history": _history(suggestion),
    }
    return render(request, "evaluations/suggestion_detail.html", context, status=status)


@require_POST
@role_required(*UNIT_ROLES)
def suggestion_reply(request, pk: int):
    suggestion = _visible_suggestion(request, pk)
    form = SuggestionReplyForm(request.POST)
    if not form.is_valid():
        return _suggestion_page(request, suggestion, reply_form=form, status=400)
    services.suggestion_reply(
        suggestion=suggestion, reply=form.cleaned_data["reply"], by=request.user
    )
    messages.success(request, _("已登记书面回复。"))
    return redirect(suggestion)


@require_POST
@role_required(*STAFF_ROLES)
def suggestion_adoption(request, pk: int):
    suggestion = _visible_suggestion(request, pk)
    form = AdoptionForm(request.POST, instance=suggestion)
    if not form.is_valid():
        stored = _visible_suggestion(request, pk)
        return _suggestion_page(request, stored, adoption_form=form, status=400)
    try:
        services.suggestion_set_adoption(
            suggestion=suggestion, adoption=form.cleaned_data["adoption"], by=request.user
        )
        messages.success(request, _("已认定采纳情况。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(suggestion)


# --- Scorecards ----------------------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def scorecard(request):
    """The four checklists of the year's evaluated units side by side, for comparison."""
    year = year_shown(request.GET.get("year"), selectors.latest_round_year(request.user))
    cards = selectors.scorecards(
        selectors.evaluated_units(request.user, year), year, timezone.localdate()
    )
    context = {
        "cards": cards,
        "year": year,
        "audit_year": rules.audit_year_reviewed(year),
        "total": selectors.county_total(cards),
    }
    return render(request, "evaluations/scorecard.html", context)


@role_required(*UNIT_ROLES)
def unit_scorecard(request, pk: int):
    units = Unit.objects.visible_to(request.user).select_related("jurisdiction")
    if request.user.role == Role.LIAISON:
        units = units.filter(pk=request.user.unit_id)
    unit = get_object_or_404(units, pk=pk)
    year = year_shown(request.GET.get("year"), selectors.latest_round_year(request.user, unit))
    today, audit_year = timezone.localdate(), rules.audit_year_reviewed(year)
    (card,) = selectors.scorecards([unit], year, today)
    problems = AuditProblem.objects.filter(unit=unit, year=audit_year)
    context = {
        "card": card,
        "unit": unit,
        "year": year,
        "audit_year": audit_year,
        "today": today,
        "overdue_problems": problems.overdue(today),
        "overdue_suggestions": ProcuratorialSuggestion.objects.filter(
            unit=unit, issued_on__year=year
        ).overdue(today),
        "overdue_opinions": Opinion.objects.filter(unit=unit, round__year=year).overdue(today),
    }
    return render(request, "evaluations/unit_scorecard.html", context)


# --- Heads and appraisals -----------------------------------------------------------------------


class HeadListView(RoleRequiredMixin, FilterView):
    allowed_roles = STAFF_ROLES
    filterset_class = UnitHeadFilter
    template_name = "evaluations/head_list.html"
    paginate_by = 50

    def get_queryset(self):
        return UnitHead.objects.visible_to(self.request.user).select_related("unit", "predecessor")


@role_required(*STAFF_ROLES)
def head_create(request):
    form = UnitHeadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.head_appoint(by=request.user, **form.cleaned_data)
        messages.success(request, _("已登记任命人员。"))
        return redirect("evaluations:head_list")
    return render(request, "evaluations/form.html", {"form": form, "title": _("登记任命人员")})


@role_required(*STAFF_ROLES)
def appraisal_list(request):
    appraisals = (
        AppraisalRound.objects.visible_to(request.user)
        .select_related("jurisdiction")
        .annotate(entry_count=Count("entries"))
        .order_by("-appraisal_date", "pk")
    )
    return render(request, "evaluations/appraisal_list.html", {"appraisals": appraisals})


@role_required(*STAFF_ROLES)
def appraisal_create(request):
    form = AppraisalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["subject_kinds"] = ",".join(data.pop("kinds"))
        appraisal = services.appraisal_create(by=request.user, **data)
        messages.success(request, _("已创建履职评议，请生成测评名单。"))
        return redirect(appraisal)
    return render(request, "evaluations/form.html", {"form": form, "title": _("新建履职评议")})


def _visible_appraisal(request, pk):
    return get_object_or_404(
        AppraisalRound.objects.visible_to(request.user).select_related(
            "jurisdiction", "grade_poll"
        ),
        pk=pk,
    )


def _entries(appraisal):
    return appraisal.entries.select_related("head__unit", "together_with__head").order_by(
        "head__unit__name", "head__took_office"
    )


@role_required(*STAFF_ROLES)
def appraisal_detail(request, pk: int):
    return _appraisal_page(request, _visible_appraisal(request, pk))


def _appraisal_page(request, appraisal, *, votes_form=None, policy_form=None, status=200):
    entries = list(_entries(appraisal))
    context = {
        "appraisal": appraisal,
        "entries": entries,
        "d_top": sorted((e for e in entries if e.in_d_top), key=lambda e: -e.votes_d),
        "with_consequences": [e for e in entries if e.consequences],
        "votes_form": votes_form or VotesForm(entries=entries),
        "policy_form": policy_form or PolicyForm(instance=appraisal),
        "polls_available": polling.polls_available(),
        "poll_url": polling.poll_url(appraisal.grade_poll),
        "history": _history(appraisal),
    }
    return render(request, "evaluations/appraisal_detail.html", context, status=status)


@require_POST
@role_required(*STAFF_ROLES)
def appraisal_roster(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    try:
        entries = services.appraisal_build_roster(appraisal=appraisal, by=request.user)
        messages.success(
            request, _("已按任职时间生成测评名单，共 %(n)s 人。") % {"n": len(entries)}
        )
    except ValidationError as error:
        _refused(request, error)
    return redirect(appraisal)


@require_POST
@role_required(*STAFF_ROLES)
def appraisal_votes(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    form = VotesForm(request.POST, entries=list(_entries(appraisal)))
    if not form.is_valid():
        return _appraisal_page(request, appraisal, votes_form=form, status=400)
    try:
        services.appraisal_record_votes(
            appraisal=appraisal, tallies=form.tallies(), by=request.user
        )
        messages.success(request, _("已保存票数。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(appraisal)


@require_POST
@role_required(*STAFF_ROLES)
def appraisal_grade(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    form = PolicyForm(request.POST, instance=appraisal)
    if not form.is_valid():
        stored = _visible_appraisal(request, pk)
        return _appraisal_page(request, stored, policy_form=form, status=400)
    try:
        services.appraisal_grade(appraisal=appraisal, by=request.user, **form.cleaned_data)
        messages.success(request, _("已按比例确定等次，列出D票前三名和结果运用。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(appraisal)


@require_POST
@role_required(*STAFF_ROLES)
def appraisal_poll_start(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    try:
        polling.appraisal_poll_start(appraisal=appraisal, by=request.user)
        messages.success(request, _("已创建等次测评投票（草稿），请在投票测评中开始投票。"))
    except ValidationError as error:
        _refused(request, error)
    return redirect(appraisal)


@require_POST
@role_required(*STAFF_ROLES)
def appraisal_poll_import(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    try:
        n = polling.appraisal_votes_from_poll(appraisal=appraisal, by=request.user)
        messages.success(request, _("已读取 %(n)s 人的投票结果。") % {"n": n})
    except ValidationError as error:
        _refused(request, error)
    return redirect(appraisal)


@role_required(*STAFF_ROLES)
def appraisal_export(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    # One round's roster is small: built in the request rather than as a background job.
    exporter = AppraisalExporter(user=request.user, params={"appraisal": [str(appraisal.pk)]})
    buffer = BytesIO()
    exporter.write(buffer)
    return _xlsx(buffer.getvalue(), exporter.filename())
