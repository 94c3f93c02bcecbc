"""两问四评 of major funds: the office's list and a fund's page (the public's answers with the
paper ones, the four evaluations, the weighted result and its publication), the county's
criteria and weights, and the public's survey and results pages."""

from typing import Any, cast

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core import throttle
from core.actions import post_action, submit_form
from core.models import Jurisdiction, Unit

from .. import rules
from ..forms_review import (
    CriterionForm,
    EvaluationForm,
    FundForm,
    PublicSurveyForm,
    TallyForm,
    WeightsForm,
)
from ..models import Fund, FundCriterion
from ..selectors import funds as selectors
from ..services import funds as services

READ = "budget.view_funds"
MANAGE = "budget.manage_funds"
SETTINGS = "budget.manage_fund_settings"
THROTTLE_PURPOSE = "budget.fund_survey"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _fund(request: HttpRequest, pk: int) -> Fund:
    return get_object_or_404(selectors.funds(_user(request)), pk=pk)


@permission_required(READ)
def fund_list(request: HttpRequest) -> HttpResponse:
    funds = selectors.funds(_user(request))
    return render(request, "budget/fund_list.html", {"funds": funds})


@permission_required(MANAGE)
def fund_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    counties = selectors.counties_for(user)
    units = Unit.objects.visible_to(user).active().filter(jurisdiction__in=counties)
    form = FundForm(request.POST or None, counties=counties, units=units)
    done = submit_form(
        request,
        form,
        lambda data: services.fund_create(by=user, **data),
        success=_("已新建资金，可开放问卷并录入评价。"),
    )
    status = 400 if request.method == "POST" else 200
    return done or render(
        request,
        "budget/fund_form.html",
        {"form": form, "title": _("新建两问四评资金")},
        status=status,
    )


@permission_required(READ)
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_page(request, _fund(request, pk))


def _evaluation_forms(fund: Fund, bound: EvaluationForm | None) -> list[EvaluationForm]:
    result = []
    for kind in rules.FUND_EVALUATIONS:
        if bound is not None and bound.kind == kind:
            result.append(bound)
            continue
        criteria = selectors.criteria(fund.county_id, kind)
        result.append(EvaluationForm(kind=kind, criteria=criteria))
    return result


def _fund_page(request: HttpRequest, fund: Fund, **bound: Any) -> HttpResponse:
    result = selectors.fund_result(fund)
    evaluation_forms = _evaluation_forms(fund, bound.get("evaluation_form"))
    for form in evaluation_forms:
        done = result.evaluations.get(form.kind)
        form.done = done
        if done is not None and not form.is_bound:
            form.initial = {
                "evaluator": done.evaluator,
                "evaluated_on": done.evaluated_on,
                "note": done.note,
                **{f"c{s.criterion_id}": s.score for s in done.scores.all()},
            }
    context = {
        "fund": fund,
        "answers": selectors.answers(fund),
        "result": result,
        "tally_form": bound.get("tally_form") or TallyForm(),
        "evaluation_forms": evaluation_forms,
        "survey_url": request.build_absolute_uri(reverse("budget:public_survey", args=[fund.pk])),
    }
    return render(request, "budget/fund_detail.html", context, status=400 if bound else 200)


@require_POST
@permission_required(MANAGE)
def fund_tally(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _fund(request, pk)
    form = TallyForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.tally_record(fund=fund, by=_user(request), **data),
        success=_("已保存纸质问卷统计。"),
        then=fund,
    )
    return done or _fund_page(request, fund, tally_form=form)


@require_POST
@permission_required(MANAGE)
def fund_evaluate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    fund = _fund(request, pk)
    if kind not in rules.FUND_EVALUATIONS:
        raise Http404
    form = EvaluationForm(
        request.POST, kind=kind, criteria=selectors.criteria(fund.county_id, kind)
    )
    done = submit_form(
        request,
        form,
        lambda _data: services.evaluation_record(
            fund=fund, kind=kind, scores=form.scores(), by=_user(request), **form.details()
        ),
        success=_("已保存%(kind)s。") % {"kind": form.label},
        then=fund,
    )
    return done or _fund_page(request, fund, evaluation_form=form)


@require_POST
@permission_required(MANAGE)
def fund_survey(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _fund(request, pk)
    opening = request.POST.get("open") == "1"
    return post_action(
        request,
        lambda: services.fund_survey_set(fund=fund, open=opening, by=_user(request)),
        success=_("问卷已开放。") if opening else _("问卷已关闭。"),
        then=fund,
    )


@require_POST
@permission_required(MANAGE)
def fund_publish(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _fund(request, pk)
    if request.POST.get("withdraw") == "1":
        return post_action(
            request,
            lambda: services.fund_unpublish(fund=fund, by=_user(request)),
            success=_("已撤回公布。"),
            then=fund,
        )
    return post_action(
        request,
        lambda: services.fund_publish(fund=fund, by=_user(request)),
        success=_("已公布两问四评结果。"),
        then=fund,
    )


# --- The county's criteria and weights ------------------------------------------------------------


def _settings_county(request: HttpRequest) -> tuple[Any, Jurisdiction | None]:
    counties = selectors.counties_for(_user(request))
    chosen = request.GET.get("county")
    if chosen:
        county = counties.filter(pk=chosen).first() if chosen.isdigit() else None
        if county is None:
            raise Http404
        return counties, county
    return counties, counties.first() if counties.count() == 1 else None


@permission_required(SETTINGS)
def fund_settings(request: HttpRequest) -> HttpResponse:
    counties, county = _settings_county(request)
    context: dict[str, Any] = {"counties": counties, "county": county}
    if county is None:
        return render(request, "budget/fund_settings.html", context)
    here = f"{request.path}?county={county.pk}"
    action = request.POST.get("action")
    weights_form = WeightsForm(
        request.POST if action == "weights" else None, initial=selectors.weights(county)
    )
    criterion_form = CriterionForm(request.POST if action == "criterion" else None)
    user = _user(request)
    done = submit_form(
        request,
        weights_form,
        lambda data: services.weights_update(county=county, by=user, **data),
        success=_("已保存权重。"),
        then=here,
    ) or submit_form(
        request,
        criterion_form,
        lambda data: services.criterion_save(county=county, by=user, **data),
        success=_("已添加评价指标。"),
        then=here,
    )
    if done:
        return done
    context.update(
        weights_form=weights_form,
        criterion_form=criterion_form,
        criteria=sorted(
            selectors.criteria(county.pk),
            key=lambda c: (rules.FUND_EVALUATIONS.index(c.kind), c.order, c.pk),
        ),
        total=sum(selectors.weights(county).values()),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/fund_settings.html", context, status=status)


def _criterion(request: HttpRequest, pk: int) -> FundCriterion:
    return get_object_or_404(FundCriterion.objects.visible_to(request.user), pk=pk)


@permission_required(SETTINGS)
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    form = CriterionForm(request.POST or None, instance=criterion)
    back = f"{reverse('budget:fund_settings')}?county={criterion.county_id}"
    if request.method == "POST" and request.POST.get("action") == "retire":
        return post_action(
            request,
            lambda: services.criterion_retire(criterion=criterion, by=_user(request)),
            success=_("已停用该指标。"),
            then=back,
        )
    done = submit_form(
        request,
        form,
        lambda data: services.criterion_save(
            county=criterion.county, criterion=criterion, by=_user(request), **data
        ),
        success=_("已保存评价指标。"),
        then=back,
    )
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "criterion": criterion, "back": back}
    return done or render(request, "budget/fund_criterion.html", context, status=status)


# --- The public's pages ---------------------------------------------------------------------------


@login_not_required
def public_survey(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.surveying().select_related("county", "unit"), pk=pk)
    form = PublicSurveyForm(request.POST or None)
    if form.is_bound and form.is_valid() and form.is_spam:
        # Tell a bot nothing useful; a person never sees the hidden field.
        form.add_error(None, _("提交失败，请稍后重试。"))

    def submit(data: dict) -> str:
        services.response_submit(
            fund=fund,
            in_place=data["in_place"],
            satisfied=data["satisfied"],
            comment=data["comment"],
            client_key=throttle.client_key(request, THROTTLE_PURPOSE),
        )
        return reverse("budget:public_survey_done", args=[fund.pk])

    done = submit_form(request, form, submit, success="")
    status = 400 if request.method == "POST" else 200
    return done or render(
        request, "budget/public/fund_survey.html", {"fund": fund, "form": form}, status=status
    )


@login_not_required
@require_GET
def public_survey_done(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.surveying().select_related("county"), pk=pk)
    return render(request, "budget/public/fund_survey_done.html", {"fund": fund})


@login_not_required
@require_GET
def public_results(request: HttpRequest, code: str) -> HttpResponse:
    county = get_object_or_404(Jurisdiction.objects.counties(), code=code)
    funds = list(selectors.public_funds(county))
    if not funds:
        raise Http404
    surveying = Fund.objects.filter(county=county).surveying().order_by("-year", "name")
    context = {"county": county, "funds": funds, "surveying": surveying}
    return render(request, "budget/public/fund_results.html", context)
