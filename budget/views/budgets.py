"""Pages of budget review and supervision: the budgets and their lines, the warnings the rules
raise and the office's decision, the problems to their close-out, the imports and the settings."""

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.models import User
from accounts.permissions import PermissionRequiredMixin, permission_required
from core.actions import submit_form
from core.exchange.importers import registry as importer_registry
from core.models import Jurisdiction

from .. import forms
from ..filters import ProblemFilter, WarningFilter
from ..models import Budget, Evidence, Problem, Warning
from ..selectors import pages as selectors
from ..services import budgets as budget_services
from ..services import problems as problem_services
from ..services import settings as setting_services
from ..services import warnings as warning_services

READ = "budget.view_budget"
MANAGE = "budget.manage_budget"
IMPORTERS = ("budget-lines", "budget-execution", "budget-extracts")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


def _budget(request: HttpRequest, pk: int) -> Budget:
    return get_object_or_404(
        Budget.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )


def _warning(request: HttpRequest, pk: int) -> Warning:
    return get_object_or_404(selectors.warnings_visible(_user(request)), pk=pk)


def _problem(request: HttpRequest, pk: int) -> Problem:
    return get_object_or_404(selectors.problems_visible(_user(request)), pk=pk)


# --- Budgets ------------------------------------------------------------------------------------


@permission_required(READ)
def budget_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "budget/budget_list.html", {"budgets": selectors.budgets(_user(request))}
    )


@permission_required(MANAGE)
def budget_create(request: HttpRequest) -> HttpResponse:
    form = forms.BudgetForm(
        request.POST or None, places=selectors.jurisdictions_for(_user(request))
    )
    done = submit_form(
        request,
        form,
        lambda data: budget_services.budget_save(by=_user(request), **data),
        success=_("已保存预算。"),
    )
    context = {"form": form, "title": _("新建预算")}
    return done or render(request, "budget/form.html", context, status=_status(request))


@permission_required(READ)
def budget_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _budget_page(request, _budget(request, pk))


def _budget_page(request: HttpRequest, budget: Budget, **bound: Any) -> HttpResponse:
    snapshot = selectors.latest_snapshot(budget)
    lines = list(budget.lines.select_related("subject"))
    context = {
        "budget": budget,
        "snapshot": snapshot,
        "rows": selectors.budget_tree(budget, snapshot),
        "totals": selectors.budget_totals(budget),
        "adjustments": budget.adjustments.select_related("subject"),
        "debts": budget.debts.all(),
        "line_form": bound.get("line_form") or forms.LineForm(),
        "adjustment_form": bound.get("adjustment_form") or forms.AdjustmentForm(lines=lines),
        "debt_form": bound.get("debt_form") or forms.DebtForm(),
    }
    return render(request, "budget/budget_detail.html", context, status=400 if bound else 200)


@require_POST
@permission_required(MANAGE)
def line_add(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk)
    form = forms.LineForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: budget_services.line_save(budget=budget, by=_user(request), **data),
        success=_("已保存预算科目。"),
        then=budget,
    )
    return done or _budget_page(request, budget, line_form=form)


@require_POST
@permission_required(MANAGE)
def adjustment_add(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk)
    form = forms.AdjustmentForm(request.POST, lines=budget.lines.select_related("subject"))
    done = submit_form(
        request,
        form,
        lambda data: budget_services.adjustment_record(budget=budget, by=_user(request), **data),
        success=_("已登记预算调整。"),
        then=budget,
    )
    return done or _budget_page(request, budget, adjustment_form=form)


@require_POST
@permission_required(MANAGE)
def debt_add(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk)
    form = forms.DebtForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: budget_services.debt_save(budget=budget, by=_user(request), **data),
        success=_("已保存政府债务。"),
        then=budget,
    )
    return done or _budget_page(request, budget, debt_form=form)


# --- Warnings -----------------------------------------------------------------------------------


class WarningListView(PermissionRequiredMixin, FilterView):
    permission_required = "budget.view_warnings"
    filterset_class = WarningFilter
    template_name = "budget/warning_list.html"
    paginate_by = 30

    def get_queryset(self):
        return selectors.warnings_visible(_user(self.request))


@permission_required("budget.view_warnings")
def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _warning_page(request, _warning(request, pk))


def _warning_page(request: HttpRequest, warning: Warning, **bound: Any) -> HttpResponse:
    setting = setting_services.county_setting(warning.jurisdiction)
    initial = {
        "title": f"{warning.agency}{warning.get_rule_display()}：{warning.detail}"[:200],
        "unit": selectors.suggested_unit(warning),
        "due_on": selectors.default_due(setting.due_days),
    }
    context = {
        "warning": warning,
        "confirm_form": bound.get("confirm_form")
        or forms.ConfirmForm(initial=initial, units=selectors.units_for(warning)),
        "dismiss_form": bound.get("dismiss_form") or forms.DismissForm(),
    }
    return render(request, "budget/warning_detail.html", context, status=400 if bound else 200)


@require_POST
@permission_required("budget.decide_warnings")
def warning_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    warning = _warning(request, pk)
    form = forms.ConfirmForm(request.POST, units=selectors.units_for(warning))
    done = submit_form(
        request,
        form,
        lambda data: warning_services.warning_confirm(warning=warning, by=_user(request), **data),
        success=_("已确认为问题并交办。"),
    )
    return done or _warning_page(request, warning, confirm_form=form)


@require_POST
@permission_required("budget.decide_warnings")
def warning_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    warning = _warning(request, pk)
    form = forms.DismissForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: warning_services.warning_dismiss(warning=warning, by=_user(request), **data),
        success=_("已排除该预警。"),
        then=warning,
    )
    return done or _warning_page(request, warning, dismiss_form=form)


# --- Problems -----------------------------------------------------------------------------------


class ProblemListView(PermissionRequiredMixin, FilterView):
    permission_required = "budget.view_problems"
    filterset_class = ProblemFilter
    template_name = "budget/problem_list.html"
    paginate_by = 30

    def get_queryset(self):
        return selectors.problems_visible(_user(self.request))


@permission_required("budget.view_problems")
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_page(request, _problem(request, pk))


def _problem_page(request: HttpRequest, problem: Problem, **bound: Any) -> HttpResponse:
    context = {
        "problem": problem,
        "evidence": selectors.problem_evidence(problem),
        "reply_form": bound.get("reply_form") or forms.ReplyForm(),
        "review_form": bound.get("review_form") or forms.ReviewForm(),
        "may_answer": request.user.has_perm("budget.answer_problem", problem),
    }
    return render(request, "budget/problem_detail.html", context, status=400 if bound else 200)


@require_POST
@permission_required("budget.view_problems")
def problem_reply(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    if not request.user.has_perm("budget.answer_problem", problem):
        raise PermissionDenied
    form = forms.ReplyForm(request.POST, request.FILES)
    done = submit_form(
        request,
        form,
        lambda data: problem_services.problem_reply(
            problem=problem, reply=data["reply"], upload=data["file"], by=_user(request)
        ),
        success=_("已反馈整改情况。"),
    )
    return done or _problem_page(request, problem, reply_form=form)


@require_POST
@permission_required("budget.review_problems")
def problem_close(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    form = forms.ReviewForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: problem_services.problem_close(problem=problem, by=_user(request), **data),
        success=_("问题已销号。"),
    )
    return done or _problem_page(request, problem, review_form=form)


@require_POST
@permission_required("budget.review_problems")
def problem_return(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    form = forms.ReviewForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: problem_services.problem_return(problem=problem, by=_user(request), **data),
        success=_("已退回责任单位重新整改。"),
    )
    return done or _problem_page(request, problem, review_form=form)


@permission_required("budget.view_problems")
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


# --- Imports and settings ------------------------------------------------------------------------


@permission_required("budget.import_budget")
def imports(request: HttpRequest) -> HttpResponse:
    # Names only: a template would call the importer class, which needs a user.
    importers = [(i, importer_registry[i].verbose_name) for i in IMPORTERS]
    return render(request, "budget/imports.html", {"importers": importers})


@permission_required("budget.manage_settings")
def settings_edit(request: HttpRequest) -> HttpResponse:
    counties = Jurisdiction.objects.visible_to(request.user).counties()
    county = counties.filter(pk=request.GET.get("county") or 0).first() or (
        counties.first() if counties.count() == 1 else None
    )
    form = None
    if county is not None:
        setting = setting_services.county_setting(county)
        initial = {name: getattr(setting, name) for name in forms.SettingForm.base_fields}
        form = forms.SettingForm(request.POST or None, initial=initial)
        done = submit_form(
            request,
            form,
            lambda data: setting_services.setting_update(county=county, by=_user(request), **data),
            success=_("已保存预算监督设置。"),
            then=f"{request.path}?county={county.pk}",
        )
        if done:
            return done
    elif request.method == "POST":
        return redirect(request.path)
    context = {"form": form, "county": county, "counties": counties}
    return render(
        request,
        "budget/settings_form.html",
        context,
        status=_status(request) if form and form.errors else 200,
    )
