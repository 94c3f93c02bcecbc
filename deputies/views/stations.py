"""Stations and deputies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import STAFF_ROLES, role_required

from .. import services
from ..filters import DeputyFilter, StationFilter
from ..forms import StationPostForm
from ..models import Deputy, Station, StationMembership
from ._common import DEPUTY_OR_STAFF, _is_staff, _ScopedListView


class StationListView(_ScopedListView):
    allowed_roles = DEPUTY_OR_STAFF
    filterset_class = StationFilter
    template_name = "deputies/station_list.html"

    def get_queryset(self):
        return (
            Station.objects.visible_to(self.request.user)
            .select_related("county", "township")
            .annotate(deputy_count=Count("memberships", distinct=True))
            .natural_order()
        )


@role_required(*DEPUTY_OR_STAFF)
def station_detail(request, pk: int):
    station = get_object_or_404(
        Station.objects.visible_to(request.user).select_related("county", "township"), pk=pk
    )
    staff = _is_staff(request.user)
    post_form = StationPostForm(request.POST or None) if staff else None
    if request.method == "POST":
        if not staff:
            raise PermissionDenied
        if post_form.is_valid():
            services.station_post_publish(
                station=station, by=request.user, **post_form.cleaned_data
            )
            messages.success(request, _("站点信息已发布。"))
            return redirect(station)
    context = {
        "station": station,
        "memberships": station.memberships.select_related("deputy").order_by(
            "role", "deputy__name"
        ),
        "posts": station.posts.all()[:10],
        "activities": station.activities.public()
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")[:5],
        "post_form": post_form,
        "history": station.history.select_related("history_user")[:20],
    }
    return render(request, "deputies/station_detail.html", context)


class DeputyListView(_ScopedListView):
    allowed_roles = STAFF_ROLES
    filterset_class = DeputyFilter
    template_name = "deputies/deputy_list.html"

    def get_queryset(self):
        return (
            Deputy.objects.visible_to(self.request.user)
            .select_related("county", "township")
            .prefetch_related(
                Prefetch(
                    "memberships", queryset=StationMembership.objects.select_related("station")
                )
            )
            .distinct()
        )


@role_required(*STAFF_ROLES)
def deputy_detail(request, pk: int):
    deputy = get_object_or_404(
        Deputy.objects.visible_to(request.user).select_related("county", "township", "user"),
        pk=pk,
    )
    context = {
        "deputy": deputy,
        "memberships": deputy.memberships.select_related("station"),
        "visits": deputy.visits.select_related("station")[:10],
        "visit_count": deputy.visits.count(),
        "suggestions": deputy.suggestions.all()[:10],
        "history": deputy.history.select_related("history_user")[:20],
    }
    return render(request, "deputies/deputy_detail.html", context)
