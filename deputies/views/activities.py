"""Station activities and the public calendar."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import permission_required
from core.actions import post_action, submit_form
from core.models import Jurisdiction

from .. import services
from ..filters import ActivityFilter
from ..forms import (
    ActivityAnnounceForm,
    ActivityForm,
    ActivityOutcomeForm,
    CampaignTagForm,
    OpinionInlineForm,
    PartnersForm,
)
from ..models import Activity, Campaign, Deputy, PartnerDeputy, Station
from ._common import _ScopedListView, _user


class ActivityListView(_ScopedListView):
    permission_required = "deputies.manage_activities"
    filterset_class = ActivityFilter
    template_name = "deputies/activity_list.html"

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).select_related("station")


@permission_required("deputies.manage_activities")
def activity_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ActivityForm(
        request.POST or None,
        stations=Station.objects.visible_to(user).active().natural_order(),
        deputies=Deputy.objects.visible_to(user).active(),
    )
    response = submit_form(
        request,
        form,
        lambda data: services.activity_create(
            station=data["station"],
            kind=data["kind"],
            title=data["title"],
            starts_at=data["starts_at"],
            description=data["description"],
            deputies=data["deputies"],
            officials={f: data[f] for f in services.OFFICIAL_FIELDS},
            announce=data["announce"],
            late_reason=data["late_reason"],
            by=user,
        ),
        success=_("活动已保存。"),
    )
    return response or render(request, "deputies/activity_form.html", {"form": form})


def _get_activity(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("station", "county"), pk=pk
    )


def _render_activity(
    request: HttpRequest, activity: Activity, status: int = 200, **bound: forms.BaseForm
) -> HttpResponse:
    manages = request.user.has_perm("deputies.manage_activities")
    context: dict[str, Any] = {
        "activity": activity,
        "deputies": activity.deputies.all(),
        "history": activity.history.select_related("history_user")[:20],
        "manages": manages,
    }
    if manages and activity.status == Activity.Status.DRAFT:
        context["announce_form"] = bound.get("announce_form") or ActivityAnnounceForm()
    if manages and activity.is_open_for_outcome:
        context["outcome_form"] = bound.get("outcome_form") or ActivityOutcomeForm(
            instance=activity
        )
        context["opinion_form"] = bound.get("opinion_form") or OpinionInlineForm()
    user = request.user
    if user.has_perm("deputies.manage_campaigns") and activity.status in Activity.COUNTED:
        context["campaign_form"] = bound.get("campaign_form") or CampaignTagForm(
            campaigns=_campaigns(activity), initial={"campaign": activity.campaign_id}
        )
    if user.has_perm("deputies.manage_partners") and activity.station.is_inter_provincial:
        context["partners"] = activity.partner_deputies.all()
        context["partners_form"] = bound.get("partners_form") or PartnersForm(
            partners=_partners(activity), initial={"partners": context["partners"]}
        )
    return render(request, "deputies/activity_detail.html", context, status=status)


def _campaigns(activity: Activity):
    return Campaign.objects.filter(county_id=activity.county_id).order_by("-starts_on", "pk")


def _partners(activity: Activity):
    return PartnerDeputy.objects.filter(station_id=activity.station_id)


def _activity_action(request, pk, form_name, make_form, action, success) -> HttpResponse:
    activity = _get_activity(request, pk)
    form = make_form(activity)
    response = submit_form(
        request, form, lambda data: action(activity, data), success=success, then=activity
    )
    return response or _render_activity(
        request, _get_activity(request, pk), status=400, **{form_name: form}
    )


@require_POST
@permission_required("deputies.manage_campaigns")
def activity_tag(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_action(
        request,
        pk,
        "campaign_form",
        lambda a: CampaignTagForm(request.POST, campaigns=_campaigns(a)),
        lambda a, d: services.activity_tag(activity=a, by=_user(request), **d),
        _("已保存专项活动。"),
    )


@require_POST
@permission_required("deputies.manage_partners")
def activity_partners(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_action(
        request,
        pk,
        "partners_form",
        lambda a: PartnersForm(request.POST, partners=_partners(a)),
        lambda a, d: services.activity_set_partners(activity=a, by=_user(request), **d),
        _("已保存参加的省外代表。"),
    )


@require_POST
@permission_required("deputies.manage_activities")
def activity_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """An opinion raised at the activity, recorded by the office afterwards."""
    return _activity_action(
        request,
        pk,
        "opinion_form",
        lambda a: OpinionInlineForm(request.POST),
        lambda a, d: services.opinion_record_at_activity(activity=a, by=_user(request), **d),
        _("已登记活动中收集的意见。"),
    )


@permission_required("deputies.view_activities")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_activity(request, _get_activity(request, pk))


@require_POST
@permission_required("deputies.manage_activities")
def activity_announce(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_activity(request, pk)
    form = ActivityAnnounceForm(request.POST)
    response = submit_form(
        request,
        form,
        lambda data: services.activity_announce(activity=activity, by=_user(request), **data),
        success=_("活动预告已发布。"),
        then=activity,
    )
    return response or _render_activity(
        request, _get_activity(request, pk), status=400, announce_form=form
    )


@require_POST
@permission_required("deputies.manage_activities")
def activity_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_activity(request, pk)
    form = ActivityOutcomeForm(request.POST, instance=Activity(pk=activity.pk))
    response = submit_form(
        request,
        form,
        lambda data: services.activity_record_outcome(activity=activity, by=_user(request), **data),
        success=_("活动成效已登记。"),
        then=activity,
    )
    return response or _render_activity(
        request, _get_activity(request, pk), status=400, outcome_form=form
    )


@require_POST
@permission_required("deputies.manage_activities")
def activity_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_activity(request, pk)
    return post_action(
        request,
        lambda: services.activity_cancel(activity=activity, by=_user(request)),
        success=_("活动已取消。"),
        then=activity,
    )


@login_not_required
@require_GET
def public_calendar(request: HttpRequest) -> HttpResponse:
    """Upcoming announced activities, for anyone, so nobody comes to a station in vain."""
    counties = Jurisdiction.objects.counties().order_by("code")
    activities = (
        Activity.objects.public()
        .filter(starts_at__gte=timezone.now())
        .select_related("station", "county")
        .prefetch_related("deputies")
        .order_by("starts_at")
    )
    county = None
    if request.GET.get("county"):
        county = counties.filter(code=request.GET["county"]).first()
        if county is None:
            raise Http404
        activities = activities.filter(county=county)
    context = {"activities": activities[:100], "counties": counties, "county": county}
    return render(request, "deputies/calendar.html", context)
