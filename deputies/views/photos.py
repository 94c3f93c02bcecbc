"""Photos of stations and deputies on the staff's side: upload, remove, publish, and the image
itself for the staff pages (the public one is in online.py, under its own conditions)."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import permission_required
from core.actions import post_action, submit_form

from .. import services
from ..forms import DeputyPhotoForm, StationPhotoForm
from ._common import _user, photo_response
from .stations import get_deputy, get_station, render_deputy, render_station


@require_POST
@permission_required("deputies.manage_photos")
def station_photo(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station(request, pk)
    form = StationPhotoForm(request.POST, request.FILES)
    response = submit_form(
        request,
        form,
        lambda data: services.station_photo_set(
            station=station, upload=data["photo"], size=data["photo"].size, by=_user(request)
        ),
        success=_("联络站照片已保存。"),
        then=station,
    )
    return response or render_station(request, station, status=400, photo_form=form)


@require_POST
@permission_required("deputies.manage_photos")
def station_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    station = get_station(request, pk)
    return post_action(
        request,
        lambda: services.station_photo_remove(station=station, by=_user(request)),
        success=_("联络站照片已删除。"),
        then=station,
    )


@require_POST
@permission_required("deputies.manage_photos")
def deputy_photo(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_deputy(request, pk)
    form = DeputyPhotoForm(request.POST, request.FILES)
    response = submit_form(
        request,
        form,
        lambda data: services.deputy_photo_set(
            deputy=deputy,
            public=data["photo_public"],
            upload=data["photo"],
            size=data["photo"].size if data["photo"] else 0,
            by=_user(request),
        ),
        success=_("代表照片已保存。"),
        then=deputy,
    )
    if response is None:
        deputy.refresh_from_db()  # a refused upload leaves what was stored before
    return response or render_deputy(request, deputy, status=400, photo_form=form)


@require_POST
@permission_required("deputies.manage_photos")
def deputy_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_deputy(request, pk)
    return post_action(
        request,
        lambda: services.deputy_photo_remove(deputy=deputy, by=_user(request)),
        success=_("代表照片已删除。"),
        then=deputy,
    )


@require_safe
@permission_required("deputies.view_stations")
def station_photo_image(request: HttpRequest, pk: int) -> HttpResponseBase:
    return photo_response(request, get_station(request, pk).photo, public=False)


@require_safe
@permission_required("deputies.view_roster")
def deputy_photo_image(request: HttpRequest, pk: int) -> HttpResponseBase:
    return photo_response(request, get_deputy(request, pk).photo, public=False)
