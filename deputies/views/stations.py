"""Stations and deputies."""

from django import forms
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from core.actions import post_action, submit_form

from .. import services
from ..filters import DeputyFilter, StationFilter
from ..forms import DeputyPhotoForm, PartnerDeputyForm, StationPhotoForm, StationPostForm
from ..models import Deputy, Station, StationMembership, StationPost
from ._common import _ScopedListView, _user


class StationListView(_ScopedListView):
    permission_required = "deputies.view_stations"
    filterset_class = StationFilter
    template_name = "deputies/station_list.html"

    def get_queryset(self):
        return (
            Station.objects.visible_to(self.request.user)
            .select_related("county", "township")
            .annotate(deputy_count=Count("memberships", distinct=True))
            .natural_order()
        )


def get_station(request: HttpRequest, pk: int) -> Station:
    return get_object_or_404(
        Station.objects.visible_to(request.user).select_related("county", "township"), pk=pk
    )


@permission_required("deputies.view_stations")
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station(request, pk)
    if request.method == "POST":
        return station_post(request, pk)
    return render_station(request, station)


def render_station(
    request: HttpRequest, station: Station, status: int = 200, **bound: forms.BaseForm
) -> HttpResponse:
    """The station's staff page, with the forms the user may use; `bound` ones show errors."""
    user = request.user
    context: dict[str, object] = _station_context(station)
    if user.has_perm("deputies.publish_station_post"):
        context["post_form"] = bound.get("post_form") or StationPostForm()
    if user.has_perm("deputies.manage_partners") and station.is_inter_provincial:
        context["partner_form"] = bound.get("partner_form") or PartnerDeputyForm(
            initial={"region": station.partner_region}
        )
    if user.has_perm("deputies.manage_photos"):
        context["photo_form"] = bound.get("photo_form") or StationPhotoForm()
    return render(request, "deputies/station_detail.html", context, status=status)


@permission_required("deputies.publish_station_post")
def station_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A station's page posts its news to itself; only the office may publish."""
    station = get_station(request, pk)
    form = StationPostForm(request.POST)
    response = submit_form(
        request,
        form,
        lambda data: services.station_post_publish(station=station, by=_user(request), **data),
        success=_("站点信息已发布。"),
        then=station,
    )
    return response or render_station(request, station, post_form=form)


def _station_context(station: Station) -> dict[str, object]:
    return {
        "station": station,
        "memberships": station.memberships.select_related("deputy").order_by(
            "role", "deputy__name"
        ),
        "posts": station.posts.all()[:10],
        "activities": station.activities.public()
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")[:5],
        "partners": station.partners.all(),
        "history": station.history.select_related("history_user")[:20],
    }


class DeputyListView(_ScopedListView):
    permission_required = "deputies.view_roster"
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


def get_deputy(request: HttpRequest, pk: int) -> Deputy:
    return get_object_or_404(
        Deputy.objects.visible_to(request.user).select_related("county", "township", "user"),
        pk=pk,
    )


@permission_required("deputies.view_roster")
def deputy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_deputy(request, get_deputy(request, pk))


def render_deputy(
    request: HttpRequest, deputy: Deputy, status: int = 200, photo_form: forms.Form | None = None
) -> HttpResponse:
    context = {
        "deputy": deputy,
        "memberships": deputy.memberships.select_related("station"),
        "visits": deputy.visits.select_related("station")[:10],
        "visit_count": deputy.visits.count(),
        "suggestions": deputy.suggestions.all()[:10],
        "history": deputy.history.select_related("history_user")[:20],
    }
    if request.user.has_perm("deputies.manage_photos"):
        context["photo_form"] = photo_form or DeputyPhotoForm(
            initial={"photo_public": deputy.photo_public}
        )
    return render(request, "deputies/deputy_detail.html", context, status=status)


@require_POST
@permission_required("deputies.put_online")
def station_online(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the station online (public page, QR code, opinion form), or take it off."""
    station = get_station(request, pk)
    is_public = request.POST.get("is_public") == "1"
    return post_action(
        request,
        lambda: services.station_set_public(
            station=station, is_public=is_public, by=_user(request)
        ),
        success=_("联络站已公开上线。") if is_public else _("联络站已撤下公开页面。"),
        then=station,
    )


@require_POST
@permission_required("deputies.put_online")
def post_public(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        StationPost.objects.filter(station__in=Station.objects.visible_to(request.user)), pk=pk
    )
    is_public = request.POST.get("is_public") == "1"
    return post_action(
        request,
        lambda: services.station_post_set_public(post=post, is_public=is_public, by=_user(request)),
        success=_("已在公开页面显示。") if is_public else _("已从公开页面撤下。"),
        then=post.station,
    )


@require_POST
@permission_required("deputies.manage_partners")
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station(request, pk)
    form = PartnerDeputyForm(request.POST)
    response = submit_form(
        request,
        form,
        lambda data: services.partner_deputy_add(station=station, by=_user(request), **data),
        success=_("已登记省外代表。"),
        then=station,
    )
    return response or render_station(request, station, status=400, partner_form=form)
