"""Pages of the expert pool: the pool with its share and meetings, an expert and what they
contributed, the meetings, the work experts are invited to, the yearly report and the settings."""

from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import submit_form
from core.models import Jurisdiction
from core.selectors import year_shown

from . import selectors, services
from .forms import (
    ActivityForm,
    DecideForm,
    EngagementForm,
    ExpertForm,
    InviteForm,
    MeetingForm,
    OpinionForm,
    PoolForm,
)
from .models import Engagement, Expert, Opinion

READ = "experts.view_pool"
WORK = "experts.view_work"
MANAGE = "experts.manage_pool"
SETTINGS = "experts.manage_settings"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


def _county(request: HttpRequest) -> Jurisdiction:
    county = selectors.county_shown(_user(request), request.GET.get("county"))
    if county is None:
        raise Http404
    return county


def _expert(request: HttpRequest, pk: int) -> Expert:
    return get_object_or_404(
        Expert.objects.visible_to(request.user).select_related("county"), pk=pk
    )


def _engagement(request: HttpRequest, pk: int) -> Engagement:
    engagements = Engagement.objects.visible_to(request.user).select_related(
        "county", "item", "evaluation_round"
    )
    return get_object_or_404(engagements, pk=pk)


@permission_required(READ)
def pool(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    page = selectors.pool_page(_user(request), county, timezone.localdate())
    context = {
        "page": page,
        "counties": selectors.counties_for(_user(request)),
        "year": timezone.localdate().year,
    }
    return render(request, "experts/pool.html", context)


@permission_required(MANAGE)
def expert_create(request: HttpRequest) -> HttpResponse:
    form = ExpertForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.expert_add(by=_user(request), **data),
        success=_("已将专家加入专家库。"),
    )
    context = {"form": form, "title": _("添加专家")}
    return done or render(request, "experts/form.html", context, status=_status(request))


@permission_required(READ)
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    context = {"expert": expert, **selectors.expert_contributions(expert)}
    return render(request, "experts/expert_detail.html", context)


@permission_required(MANAGE)
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    form = ExpertForm(request.POST or None, user=request.user, expert=expert)
    done = submit_form(
        request,
        form,
        lambda data: services.expert_update(expert=expert, by=_user(request), **data),
        success=_("已保存专家信息。"),
    )
    context = {"form": form, "title": _("修改专家信息"), "expert": expert}
    return done or render(request, "experts/form.html", context, status=_status(request))


@permission_required(WORK)
def meeting_list(request: HttpRequest) -> HttpResponse:
    context = {"meetings": selectors.meetings_visible(_user(request))}
    return render(request, "experts/meeting_list.html", context)


@permission_required(MANAGE)
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.meeting_record(by=_user(request), **data),
        success=_("已记录专家库会议。"),
        then="experts:meeting_list",
    )
    context = {"form": form, "title": _("记录专家库会议")}
    return done or render(request, "experts/form.html", context, status=_status(request))


@permission_required(WORK)
def engagement_list(request: HttpRequest) -> HttpResponse:
    context = {"engagements": selectors.engagements_visible(_user(request))}
    return render(request, "experts/engagement_list.html", context)


@permission_required(MANAGE)
def engagement_create(request: HttpRequest) -> HttpResponse:
    form = EngagementForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.engagement_create(by=_user(request), **data),
        success=_("已邀请专家参与工作。"),
    )
    context = {"form": form, "title": _("邀请专家参与工作")}
    return done or render(request, "experts/form.html", context, status=_status(request))


@permission_required(WORK)
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _engagement_page(request, _engagement(request, pk))


def _engagement_page(request: HttpRequest, engagement: Engagement, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    records = selectors.engagement_page(engagement)
    refused = forms.pop("decide", None)
    opinions = list(records.pop("opinions"))
    for opinion in opinions:
        # One form per opinion, each with its own ids; a refused one comes back as typed.
        if refused is not None and refused[0] == opinion.pk:
            opinion.decide_form = refused[1]
        else:
            opinion.decide_form = DecideForm(
                auto_id=f"id_o{opinion.pk}_%s", initial={"decided_on": today}
            )
    context = {
        "engagement": engagement,
        **records,
        "opinions": opinions,
        "invite_form": forms.get("invite_form") or InviteForm(engagement=engagement),
        "activity_form": forms.get("activity_form")
        or ActivityForm(engagement=engagement, initial={"held_on": today}),
        "opinion_form": forms.get("opinion_form")
        or OpinionForm(engagement=engagement, initial={"given_on": today}),
    }
    status = 400 if forms or refused else 200
    return render(request, "experts/engagement_detail.html", context, status=status)


def _engagement_action(request: HttpRequest, pk: int, name: str, form_class: Any, action: Any):
    engagement = _engagement(request, pk)
    form = form_class(request.POST, engagement=engagement)
    done = submit_form(
        request,
        form,
        lambda data: action(engagement=engagement, by=_user(request), **data),
        success=_("已保存。"),
        then=engagement,
    )
    return done or _engagement_page(request, engagement, **{name: form})


@require_POST
@permission_required(MANAGE)
def engagement_invite(request: HttpRequest, pk: int) -> HttpResponse:
    return _engagement_action(request, pk, "invite_form", InviteForm, services.engagement_invite)


@require_POST
@permission_required(MANAGE)
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _engagement_action(request, pk, "activity_form", ActivityForm, services.activity_record)


@require_POST
@permission_required(MANAGE)
def opinion_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _engagement_action(request, pk, "opinion_form", OpinionForm, services.opinion_record)


@require_POST
@permission_required(MANAGE)
def opinion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(
        Opinion.objects.visible_to(request.user).select_related("engagement"), pk=pk
    )
    form = DecideForm(request.POST, auto_id=f"id_o{opinion.pk}_%s")
    done = submit_form(
        request,
        form,
        lambda data: services.opinion_decide(opinion=opinion, by=_user(request), **data),
        success=_("已记录意见采纳情况。"),
        then=opinion.engagement,
    )
    if done:
        return done
    engagement = _engagement(request, opinion.engagement_id)
    return _engagement_page(request, engagement, decide=(opinion.pk, form))


def _report(request: HttpRequest) -> tuple[selectors.YearReport, list[int]]:
    county = _county(request)
    years = selectors.years_with_data(county)
    year = year_shown(request.GET.get("year"), years[0] if years else None)
    return selectors.year_report(county, year), years


@permission_required(READ)
def report(request: HttpRequest) -> HttpResponse:
    result, years = _report(request)
    context = {
        "report": result,
        "years": years,
        "counties": selectors.counties_for(_user(request)),
    }
    return render(request, "experts/report.html", context)


@permission_required(READ)
def report_print(request: HttpRequest) -> HttpResponse:
    return render(request, "experts/report_print.html", {"report": _report(request)[0]})


@permission_required(SETTINGS)
def settings_edit(request: HttpRequest) -> HttpResponse:
    county = _county(request)
    current = selectors.pool_of(county)
    initial = {name: getattr(current, name) for name in PoolForm.base_fields}
    form = PoolForm(request.POST or None, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.pool_settings_update(county=county, by=_user(request), **data),
        success=_("已保存专家库设置。"),
        then=f"{request.path}?county={county.pk}",
    )
    context = {"form": form, "county": county, "title": _("专家库设置")}
    return done or render(request, "experts/settings.html", context, status=_status(request))
