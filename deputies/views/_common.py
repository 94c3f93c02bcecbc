"""Helpers shared by the deputy-work views."""

from typing import Any, cast

from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django_filters.views import FilterView

from accounts.models import User
from accounts.permissions import PermissionRequiredMixin
from core.models import Unit

from ..models import Deputy, Station


def _user(request: HttpRequest) -> User:
    """The signed-in user: the login middleware turns everyone else away."""
    return cast(User, request.user)


def _own_deputy(user: Any) -> Deputy | None:
    """The deputy record a deputy works as; None for the office, who pick the deputy instead."""
    if user.has_perm("deputies.act_for_deputies"):
        return None
    return Deputy.objects.filter(user=user).first()


def _units_for(county_id: int) -> QuerySet[Unit]:
    # Units of the county and its townships, where opinions and suggestions may be transferred.
    return (
        Unit.objects.active()
        .filter(Q(jurisdiction_id=county_id) | Q(jurisdiction__parent_id=county_id))
        .select_related("jurisdiction")
        .order_by("jurisdiction__code", "name")
    )


class _ScopedListView(PermissionRequiredMixin, FilterView):
    paginate_by = 25
    # Read the page's ids first, then its rows by id (see VisitListView for when it pays).
    ids_first = False

    def paginate_queryset(self, queryset: Any, page_size: int) -> Any:
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.ids_first:
            ids = list(rows.values_list("pk", flat=True))
            by_id = queryset.in_bulk(ids)
            page.object_list = rows = [by_id[pk] for pk in ids]
        return paginator, page, rows, is_paginated

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Any:
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        if not any(value for key, value in self.request.GET.items() if key != "page"):
            # The whole list of what the user sees: its exact total is kept by the database
            # (models.Tally), which spares a count over every visible row.
            total = queryset.model.objects.visible_total(self.request.user)
            if total is not None:
                paginator.count = total
        return paginator


def _stations_for(user: Any, own: Deputy | None) -> QuerySet[Station]:
    if own is not None:
        return own.stations.filter(is_active=True).natural_order()
    return Station.objects.visible_to(user).active().natural_order()


def photo_response(
    request: HttpRequest, photo: FieldFile | None, *, public: bool
) -> HttpResponseBase:
    """A stored photo (always a JPEG the portal drew itself, see photos.py), never by MEDIA_URL.

    The stored name is new with every upload, so it is the ETag. Public copies may be cached by
    proxies for a short while only: a photo the county withdraws is gone within ten minutes.
    """
    if not photo:
        raise Http404
    etag = f'"{(photo.name or "").rsplit("/", 1)[-1]}"'
    cache = "public, max-age=600" if public else "private, max-age=600"
    response: HttpResponseBase
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            response = FileResponse(photo.open("rb"), content_type="image/jpeg")
        except FileNotFoundError:
            raise Http404 from None
    response["ETag"] = etag
    response["Cache-Control"] = cache
    return response
