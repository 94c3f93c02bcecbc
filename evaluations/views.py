from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.permissions import PermissionRequiredMixin, permission_required
from core.actions import post_action, run_action, submit_form
from core.models import Jurisdiction
from core.selectors import year_shown

from . import polling, rules, selectors, services
from .exporters import AppraisalExporter
from .filters import AuditProblemFilter, RoundFilter, SuggestionFilter, UnitHeadFilter
from .forms import (
    AdoptionForm,
    AppraisalForm,
    ConsequenceRecordForm,
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
from .models import (
    AppraisalRound,
    AuditProblem,
    ConsequenceAction,
    EvaluationRound,
    Opinion,
    ProcuratorialSuggestion,
    RectificationItem,
    Stage,
    UnitHead,
)
from .querysets import CONSEQUENCE_DUE_DAYS, units_visible_to

READ = "evaluations.view_evaluations"
REPORT = "evaluations.report_rectification"
MANAGE_ROUNDS = "evaluations.manage_rounds"
CLOSE_PROBLEM = "evaluations.close_problem"
JOINT_REVIEWS = "evaluations.record_joint_reviews"
MANAGE_PROCURATORIAL = "evaluations.manage_procuratorial"
COMPARE_UNITS = "evaluations.compare_units"
MANAGE_APPRAISALS = "evaluations.manage_appraisals"
RECORD_CONSEQUENCES = "evaluations.record_consequences"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _form_page(request: HttpRequest, form: Any, title: str, back: Any = None, status: int = 200):
    context = {"form": form, "title": title, "back": back}
    return render(request, "evaluations/form.html", context, status=status)


class _ScopedFilterView(PermissionRequiredMixin, FilterView):
    """A list of records the user sees, filtered by a FilterSet that offers only their choices."""

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


# --- Evaluation rounds ----------------------------------------------------------------------------


class RoundListView(_ScopedFilterView):
    permission_required = READ
    filterset_class = RoundFilter
    template_name = "evaluations/round_list.html"
    paginate_by = 30

    def get_queryset(self):
        return selectors.rounds(self.request.user)


@permission_required(MANAGE_ROUNDS)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.round_create(by=request.user, **data),
        success=_("已创建工作评议。"),
    )
    return done or _form_page(request, form, _("新建工作评议"))


def _visible_round(request, pk):
    return get_object_or_404(
        EvaluationRound.objects.visible_to(request.user).select_related(
            "jurisdiction", "satisfaction_poll"
        ),
        pk=pk,
    )


@permission_required(READ)
def round_detail(request, pk: int):
    return _round_page(request, _visible_round(request, pk))


def _round_page(request, evaluation, *, participant_form=None, status=200):
    opinions = Opinion.objects.visible_to(request.user).filter(round=evaluation)
    context = {
        "evaluation": evaluation,
        "units": selectors.round_units(evaluation, request.user),
        "stages": evaluation.stages.all(),
        "participants": evaluation.participants.all(),
        "opinions": opinions.select_related("unit"),
        "participant_form": participant_form or ParticipantForm(),
        "opinion_form": OpinionForm(evaluation=evaluation),
        "poll_url": polling.poll_url(evaluation.satisfaction_poll),
        "poll_results": polling.round_poll_results(evaluation),
        "history": selectors.history(evaluation),
    }
    return render(request, "evaluations/round_detail.html", context, status=status)


@require_POST
@permission_required(MANAGE_ROUNDS)
def round_poll_start(request, pk: int):
    evaluation = _visible_round(request, pk)
    return post_action(
        request,
        lambda: services.round_poll_start(evaluation=evaluation, by=request.user),
        success=_("已创建满意度测评（草稿），请在投票测评中开始投票。"),
        then=evaluation,
    )


@permission_required(MANAGE_ROUNDS)
def stage_update(request, pk: int):
    stage = get_object_or_404(
        Stage.objects.filter(round__in=EvaluationRound.objects.visible_to(request.user)), pk=pk
    )
    form = StageForm(request.POST or None, instance=stage)
    done = submit_form(
        request,
        form,
        lambda data: services.stage_update(stage=stage, by=request.user, **data),
        success=_("已更新“%(stage)s”。") % {"stage": stage},
        then=stage.round,
    )
    return done or _form_page(request, form, stage.get_kind_display(), back=stage.round)


@require_POST
@permission_required(MANAGE_ROUNDS)
def participant_add(request, pk: int):
    evaluation = _visible_round(request, pk)
    form = ParticipantForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.participant_add(evaluation=evaluation, by=request.user, **data),
        success=_("已添加参加人员。"),
        then=evaluation,
    )
    return done or _round_page(request, evaluation, participant_form=form, status=400)


@require_POST
@permission_required(MANAGE_ROUNDS)
def opinion_add(request, pk: int):
    evaluation = _visible_round(request, pk)
    form = OpinionForm(request.POST, evaluation=evaluation)
    done = submit_form(
        request,
        form,
        lambda data: services.opinion_assign(evaluation=evaluation, by=request.user, **data),
        success=_("已交办评议意见。"),
        then=evaluation,
    )
    return done or _form_page(request, form, _("交办评议意见"), back=evaluation, status=400)


@permission_required(READ)
def opinion_detail(request, pk: int):
    opinion = get_object_or_404(
        Opinion.objects.visible_to(request.user).select_related("round", "unit", "reported_by"),
        pk=pk,
    )
    form = OpinionReportForm(request.POST or None, initial={"report": opinion.report})
    if request.method == "POST" and not request.user.has_perm(REPORT):
        raise PermissionDenied
    done = submit_form(
        request,
        form,
        lambda data: services.opinion_report(
            opinion=opinion, report=data["report"], by=request.user
        ),
        success=_("已报送整改情况。"),
        then=opinion,
    )
    if done:
        return done
    context = {"opinion": opinion, "form": form, "history": selectors.history(opinion)}
    return render(request, "evaluations/opinion_detail.html", context)


# --- Audit rectification ------------------------------------------------------------------------


class ProblemListView(_ScopedFilterView):
    permission_required = READ
    filterset_class = AuditProblemFilter
    template_name = "evaluations/problem_list.html"
    paginate_by = 30

    def get_queryset(self):
        return AuditProblem.objects.visible_to(self.request.user).select_related("unit")


def _visible_problem(request, pk):
    return get_object_or_404(
        AuditProblem.objects.visible_to(request.user).select_related(
            "unit", "closed_by", "jurisdiction"
        ),
        pk=pk,
    )


@permission_required(READ)
def problem_detail(request, pk: int):
    return _problem_page(request, _visible_problem(request, pk))


def _problem_page(request, problem, *, report_form=None, status=200):
    """The problem's page; a report that was refused comes back with what was typed in it."""
    context = {
        "problem": problem,
        "report_form": report_form or ProblemReportForm(instance=problem),
        "note_form": NoteForm(),
        "item": RectificationItem.objects.filter(problem=problem).first(),
        "history": selectors.history(problem),
    }
    return render(request, "evaluations/problem_detail.html", context, status=status)


@require_POST
@permission_required(REPORT)
def problem_report(request, pk: int):
    problem = _visible_problem(request, pk)
    form = ProblemReportForm(request.POST, instance=problem)
    if form.is_valid():
        # A refusal (the problem was closed out meanwhile) is a message: the form is gone then.
        ok, _result = run_action(
            request,
            lambda: services.problem_report(problem=problem, by=request.user, **form.cleaned_data),
            success=_("已报送整改情况。"),
        )
        if ok:
            return redirect(problem)
    # The form has written the typed values onto `problem`; the page shows the stored record.
    return _problem_page(request, _visible_problem(request, pk), report_form=form, status=400)


def _note(request) -> str:
    form = NoteForm(request.POST)
    form.is_valid()
    return str(form.cleaned_data.get("note", ""))


@require_POST
@permission_required(CLOSE_PROBLEM)
def problem_close(request, pk: int):
    problem = _visible_problem(request, pk)
    return post_action(
        request,
        lambda: services.problem_close_out(problem=problem, note=_note(request), by=request.user),
        success=_("已核实销号。"),
        then=problem,
    )


@require_POST
@permission_required(CLOSE_PROBLEM)
def problem_return(request, pk: int):
    problem = _visible_problem(request, pk)
    return post_action(
        request,
        lambda: services.problem_return(problem=problem, note=_note(request), by=request.user),
        success=_("已退回，状态改为“部分整改”。"),
        then=problem,
    )


@permission_required(REPORT)
def rectification_item(request, pk: int):
    problem = _visible_problem(request, pk)
    item = RectificationItem.objects.filter(problem=problem).first()
    form = RectificationItemForm(request.POST or None, instance=item)
    done = submit_form(
        request,
        form,
        lambda data: services.rectification_item_save(problem=problem, by=request.user, **data),
        success=_("已保存整改清单事项。"),
        then=problem,
    )
    title = _("整改清单：%(n)s") % {"n": problem.number}
    return done or _form_page(request, form, title, back=problem)


@permission_required(READ)
def matching(request):
    """会同's problem list and rectification list side by side, item by item."""
    year = year_shown(request.GET.get("year"), selectors.latest_audit_year(request.user))
    rows = selectors.matching_rows(request.user, year)
    unmatched = sum(1 for p in rows if not hasattr(p, "rectification_item"))
    context = {"rows": rows, "year": year, "unmatched": unmatched}
    return render(request, "evaluations/matching.html", context)


def _user_county(user):
    county = user.jurisdiction
    if county is not None and county.level == Jurisdiction.Level.COUNTY:
        return county
    return None


@permission_required(JOINT_REVIEWS)
def review_list(request):
    reviews = selectors.joint_reviews(request.user)
    return render(request, "evaluations/review_list.html", {"reviews": reviews})


@permission_required(JOINT_REVIEWS)
def review_create(request):
    county = _user_county(request.user)
    if county is None:
        messages.error(request, _("联合审查记录由县市区人大常委会工作人员填写。"))
        return redirect("evaluations:review_list")
    form = JointReviewForm(request.POST or None, county=county)
    done = submit_form(
        request,
        form,
        lambda data: services.joint_review_record(jurisdiction=county, by=request.user, **data),
        success=_("已记录联合审查。"),
        then="evaluations:review_list",
    )
    return done or _form_page(request, form, _("记录每月联合审查"))


# --- Procuratorial suggestions -----------------------------------------------------------------


class SuggestionListView(_ScopedFilterView):
    permission_required = READ
    filterset_class = SuggestionFilter
    template_name = "evaluations/suggestion_list.html"
    paginate_by = 30

    def get_queryset(self):
        return ProcuratorialSuggestion.objects.visible_to(self.request.user).select_related(
            "unit", "procuratorate"
        )


@permission_required(MANAGE_PROCURATORIAL)
def suggestion_create(request):
    form = SuggestionForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.suggestion_create(by=request.user, **data),
        success=_("已登记检察建议。"),
    )
    return done or _form_page(request, form, _("登记行政检察监督建议"))


def _visible_suggestion(request, pk):
    return get_object_or_404(
        ProcuratorialSuggestion.objects.visible_to(request.user).select_related(
            "unit", "procuratorate"
        ),
        pk=pk,
    )


@permission_required(READ)
def suggestion_detail(request, pk: int):
    return _suggestion_page(request, _visible_suggestion(request, pk))


def _suggestion_page(request, suggestion, *, reply_form=None, adoption_form=None, status=200):
    context = {
        "suggestion": suggestion,
        "reply_form": reply_form or SuggestionReplyForm(initial={"reply": suggestion.reply}),
        "adoption_form": adoption_form or AdoptionForm(instance=suggestion),
        "history": selectors.history(suggestion),
    }
    return render(request, "evaluations/suggestion_detail.html", context, status=status)


@require_POST
@permission_required(REPORT)
def suggestion_reply(request, pk: int):
    suggestion = _visible_suggestion(request, pk)
    form = SuggestionReplyForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.suggestion_reply(
            suggestion=suggestion, reply=data["reply"], by=request.user
        ),
        success=_("已登记书面回复。"),
        then=suggestion,
    )
    return done or _suggestion_page(request, suggestion, reply_form=form, status=400)


@require_POST
@permission_required(MANAGE_PROCURATORIAL)
def suggestion_adoption(request, pk: int):
    suggestion = _visible_suggestion(request, pk)
    form = AdoptionForm(request.POST, instance=suggestion)
    if not form.is_valid():
        stored = _visible_suggestion(request, pk)
        return _suggestion_page(request, stored, adoption_form=form, status=400)
    adoption = form.cleaned_data["adoption"]
    return post_action(
        request,
        lambda: services.suggestion_set_adoption(
            suggestion=suggestion, adoption=adoption, by=request.user
        ),
        success=_("已认定采纳情况。"),
        then=suggestion,
    )


# --- Scorecards ----------------------------------------------------------------------------------


@permission_required(COMPARE_UNITS)
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


@permission_required(READ)
def unit_scorecard(request, pk: int):
    unit = get_object_or_404(units_visible_to(request.user).select_related("jurisdiction"), pk=pk)
    year = year_shown(request.GET.get("year"), selectors.latest_round_year(request.user, unit))
    today = timezone.localdate()
    (card,) = selectors.scorecards([unit], year, today)
    context = {
        "card": card,
        "unit": unit,
        "year": year,
        "audit_year": rules.audit_year_reviewed(year),
        "overdue": selectors.unit_overdue(unit, year, today),
    }
    return render(request, "evaluations/unit_scorecard.html", context)


# --- Heads and appraisals -----------------------------------------------------------------------


class HeadListView(PermissionRequiredMixin, FilterView):
    permission_required = MANAGE_APPRAISALS
    filterset_class = UnitHeadFilter
    template_name = "evaluations/head_list.html"
    paginate_by = 50

    def get_queryset(self):
        return UnitHead.objects.visible_to(self.request.user).select_related("unit", "predecessor")


@permission_required(MANAGE_APPRAISALS)
def head_create(request):
    form = UnitHeadForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.head_appoint(by=request.user, **data),
        success=_("已登记任命人员。"),
        then="evaluations:head_list",
    )
    return done or _form_page(request, form, _("登记任命人员"))


@permission_required(MANAGE_APPRAISALS)
def appraisal_list(request):
    appraisals = selectors.appraisals(request.user)
    return render(request, "evaluations/appraisal_list.html", {"appraisals": appraisals})


def _appraisal_create(data: dict[str, Any], by) -> AppraisalRound:
    data = dict(data)
    data["subject_kinds"] = ",".join(data.pop("kinds"))
    return services.appraisal_create(by=by, **data)


@permission_required(MANAGE_APPRAISALS)
def appraisal_create(request):
    form = AppraisalForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: _appraisal_create(data, request.user),
        success=_("已创建履职评议，请生成测评名单。"),
    )
    return done or _form_page(request, form, _("新建履职评议"))


def _visible_appraisal(request, pk):
    return get_object_or_404(
        AppraisalRound.objects.visible_to(request.user).select_related(
            "jurisdiction", "grade_poll"
        ),
        pk=pk,
    )


@permission_required(MANAGE_APPRAISALS)
def appraisal_detail(request, pk: int):
    return _appraisal_page(request, _visible_appraisal(request, pk))


def _appraisal_page(
    request, appraisal, *, votes_form=None, policy_form=None, consequence_form=None, status=200
):
    entries = list(selectors.appraisal_entries(appraisal))
    context = {
        "appraisal": appraisal,
        "entries": entries,
        "d_top": sorted((e for e in entries if e.in_d_top), key=lambda e: -e.votes_d),
        "consequence_rows": _consequence_rows(request, appraisal, consequence_form),
        "consequence_due_days": CONSEQUENCE_DUE_DAYS,
        "votes_form": votes_form or VotesForm(entries=entries),
        "policy_form": policy_form or PolicyForm(instance=appraisal),
        "poll_url": polling.poll_url(appraisal.grade_poll),
        "history": selectors.history(appraisal),
    }
    return render(request, "evaluations/appraisal_detail.html", context, status=status)


def _consequence_rows(request, appraisal, refused_form):
    """Each head with consequences, and their actions each with a form to record it when the
    user may and it is still pending; a refused form comes back with what was typed."""
    may_record = request.user.has_perm(RECORD_CONSEQUENCES)
    rows = []
    for entry in selectors.consequence_entries(appraisal):
        actions = []
        for action in entry.actions.all():
            form = None
            if may_record and not action.is_done:
                form = ConsequenceRecordForm(action=action)
                if refused_form is not None and refused_form.prefix == form.prefix:
                    form = refused_form
            actions.append((action, form))
        rows.append((entry, actions))
    return rows


@require_POST
@permission_required(RECORD_CONSEQUENCES)
def consequence_record(request, pk: int):
    action = get_object_or_404(
        ConsequenceAction.objects.visible_to(request.user).select_related("entry__round"), pk=pk
    )
    form = ConsequenceRecordForm(request.POST, action=action)
    done = submit_form(
        request,
        form,
        lambda data: services.consequence_record(action=action, by=request.user, **data),
        success=_("已记录结果运用的落实情况。"),
        then=action.get_absolute_url(),
    )
    if done:
        return done
    appraisal = _visible_appraisal(request, action.entry.round_id)
    return _appraisal_page(request, appraisal, consequence_form=form, status=400)


@require_POST
@permission_required(MANAGE_APPRAISALS)
def appraisal_roster(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    ok, entries = run_action(
        request,
        lambda: services.appraisal_build_roster(appraisal=appraisal, by=request.user),
        success="",
    )
    if ok:
        messages.success(
            request, _("已按任职时间生成测评名单，共 %(n)s 人。") % {"n": len(entries)}
        )
    return redirect(appraisal)


@require_POST
@permission_required(MANAGE_APPRAISALS)
def appraisal_votes(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    form = VotesForm(request.POST, entries=list(selectors.appraisal_entries(appraisal)))
    if not form.is_valid():
        return _appraisal_page(request, appraisal, votes_form=form, status=400)
    return post_action(
        request,
        lambda: services.appraisal_record_votes(
            appraisal=appraisal, tallies=form.tallies(), by=request.user
        ),
        success=_("已保存票数。"),
        then=appraisal,
    )


@require_POST
@permission_required(MANAGE_APPRAISALS)
def appraisal_grade(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    form = PolicyForm(request.POST, instance=appraisal)
    if not form.is_valid():
        stored = _visible_appraisal(request, pk)
        return _appraisal_page(request, stored, policy_form=form, status=400)
    return post_action(
        request,
        lambda: services.appraisal_grade(appraisal=appraisal, by=request.user, **form.cleaned_data),
        success=_("已按比例确定等次，列出D票前三名和结果运用。"),
        then=appraisal,
    )


@require_POST
@permission_required(MANAGE_APPRAISALS)
def appraisal_poll_start(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    return post_action(
        request,
        lambda: services.appraisal_poll_start(appraisal=appraisal, by=request.user),
        success=_("已创建等次测评投票（草稿），请在投票测评中开始投票。"),
        then=appraisal,
    )


@require_POST
@permission_required(MANAGE_APPRAISALS)
def appraisal_poll_import(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    ok, n = run_action(
        request,
        lambda: services.appraisal_votes_from_poll(appraisal=appraisal, by=request.user),
        success="",
    )
    if ok:
        messages.success(request, _("已读取 %(n)s 人的投票结果。") % {"n": n})
    return redirect(appraisal)


@permission_required(MANAGE_APPRAISALS)
def appraisal_export(request, pk: int):
    appraisal = _visible_appraisal(request, pk)
    # One round's roster is small: built in the request rather than as a background job.
    exporter = AppraisalExporter(user=request.user, params={"appraisal": [str(appraisal.pk)]})
    buffer = BytesIO()
    exporter.write(buffer)
    return _xlsx(buffer.getvalue(), exporter.filename())
