"""Station activities and the public calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.models import Jurisdiction
from core.permissions import STAFF_ROLES, role_required

from .. import services
from ..filters import ActivityFilter
from ..forms import ActivityAnnounceForm, ActivityForm, ActivityOutcomeForm
from ..models import Activity, Deputy, Station
from ._common import EVERY_ROLE, _apply_errors, _is_staff, _ScopedListView


class ActivityListView(_ScopedListView):
    allowed_roles = STAFF_ROLES
    filterset_class = ActivityFilter
    template_name = "deputies/activity_list.html"

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).select_related("station")


@role_required(*STAFF_ROLES)
def activity_create(request):
    user = request.user
    form = ActivityForm(
        request.POST or None,
        stations=Station.objects.visible_to(user).active().natural_order(),
        deputies=Deputy.objects.visible_to(user).active(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services.activity_create(
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
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("活动已保存。"))
            return redirect(activity)
    return render(request, "deputies/activity_form.html", {"form": form})


def _get_activity(request, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("station", "county"), pk=pk
    )


def _render_activity(request, activity: Activity, status: int = 200, **forms):
    staff = _is_staff(request.user)
    S = Activity.Status
    context = {
        "activity": activity,
        "deputies": activity.deputies.all(),
        "history": activity.history.select_related("history_user")[:20],
        "staff": staff,
    }
    if staff and activity.status == S.DRAFT:
        context["announce_form"] = forms.get("announce_form") or ActivityAnnounceForm()
    if staff and activity.status in (S.ANNOUNCED, S.HELD) and activity.starts_at <= timezone.now():
        context["outcome_form"] = forms.get("outcome_form") or ActivityOutcomeForm(
            instance=activity
        )
    return render(request, "deputies/activity_detail.html", context, status=status)


@role_required(*EVERY_ROLE)
def activity_detail(request, pk: int):
    return _render_activity(request, _get_activity(request, pk))


@require_POST
@role_required(*STAFF_ROLES)
def activity_announce(request, pk: int):
    activity = _get_activity(request, pk)
    form = ActivityAnnounceForm(request.POST)
    if form.is_valid():
        try:
            services.activity_announce(activity=activity, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("活动预告已发布。"))
            return redirect(activity)
    return _render_activity(request, _get_activity(request, pk), status=400, announce_form=form)


@require_POST
@role_required(*STAFF_ROLES)
def activity_outcome(request, pk: int):
    activity = _get_activity(request, pk)
    form = ActivityOutcomeForm(request.POST, instance=Activity(pk=activity.pk))
    if form.is_valid():
        try:
            services.activity_record_outcome(
                activity=activity, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("活动成效已登记。"))
            return redirect(activity)
    return _render_activity(request, _get_activity(request, pk), status=400, outcome_form=form)


@require_POST
@role_required(*STAFF_ROLES)
def activity_cancel(request, pk: int):
    activity = _get_activity(request, pk)
    try:
        services.activity_cancel(activity=activity, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("活动已取消。"))
    return redirect(activity)


@login_not_required
@require_GET
def public_calendar(request):
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
