"""The online front of the stations (线上阵地): pages anyone may open without logging in.

The station directory and a station's page, the QR codes and their printable posters, the phone
form a code opens, and the receipt lookup. Only stations staff put online are served; nothing a
member of the public sent is shown here except, to its sender with the receipt, the reply.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from core import throttle
from core.actions import submit_form
from core.models import Jurisdiction

from .. import qr, selectors, services
from ..forms import PublicOpinionForm, ReceiptForm
from ..models import Deputy, Station
from ._common import photo_response

THROTTLE_PURPOSE = "deputies.public_opinion"


def _public_station(pk: int) -> Station:
    return get_object_or_404(Station.objects.public().select_related("county", "township"), pk=pk)


def _public_deputy(pk: int) -> Deputy:
    return get_object_or_404(selectors.public_deputies(), pk=pk)


DIRECTORY_PAGE_SIZE = 20


@login_not_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The station directory. Someone on a phone looks for their own county first: with no county
    chosen and no search it lists the counties and their station counts; a county or a search
    lists stations, a page at a time, grouped by township."""
    query = request.GET.get("q", "").strip()[:40]
    county_code = request.GET.get("county", "")
    counties = list(Jurisdiction.objects.counties().order_by("code").only("code", "name"))
    if county_code and county_code not in {c.code for c in counties}:
        raise Http404
    context: dict[str, object] = {"query": query, "counties": counties, "county": county_code}
    if query or county_code:
        stations = selectors.public_stations(query=query, county_code=county_code)
        page = Paginator(stations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            page_obj=page, stations=page.object_list, is_paginated=page.has_other_pages()
        )
    else:
        context["summary"] = selectors.public_counties()
    return render(request, "deputies/public/directory.html", context)


@login_not_required
@require_GET
def station_page(request: HttpRequest, pk: int) -> HttpResponse:
    station = _public_station(pk)
    return render(request, "deputies/public/station.html", selectors.public_station_page(station))


def _opinion_form(
    request: HttpRequest, *, station: Station | None = None, deputy: Deputy | None = None
) -> HttpResponse:
    form = PublicOpinionForm(request.POST or None)
    if form.is_bound and form.is_valid() and form.is_spam:
        # Tell a bot nothing useful; a person never sees the hidden field.
        form.add_error(None, _("提交失败，请稍后重试。"))

    def submit(data: dict) -> str:
        fields = {k: v for k, v in data.items() if k != "website"}
        opinion = services.public_opinion_submit(
            station=station,
            deputy=deputy,
            client_key=throttle.client_key(request, THROTTLE_PURPOSE),
            **fields,
        )
        query = urlencode({"receipt": opinion.receipt or "", "new": "1"})
        return f"{reverse('deputies:public_receipt')}?{query}"

    done = submit_form(request, form, submit, success="")
    context = {"form": form, "station": station, "deputy": deputy}
    return done or render(request, "deputies/public/opinion_form.html", context)


@login_not_required
def station_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_form(request, station=_public_station(pk))


@login_not_required
def deputy_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_form(request, deputy=_public_deputy(pk))


@login_not_required
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.GET or None)
    opinion = None
    if form.is_valid():
        opinion = selectors.opinion_by_receipt(form.cleaned_data["receipt"])
        if opinion is None:
            form.add_error("receipt", _("没有找到这个回执编号，请核对后重新输入。"))
    context = {"form": form, "opinion": opinion, "is_new": request.GET.get("new") == "1"}
    return render(request, "deputies/public/receipt.html", context)


def _svg(request: HttpRequest, target: str) -> HttpResponse:
    response = HttpResponse(
        qr.svg_file(request.build_absolute_uri(target)), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = "inline"
    return response


@login_not_required
@require_GET
def station_qr(request: HttpRequest, pk: int) -> HttpResponse:
    station = _public_station(pk)
    return _svg(request, reverse("deputies:public_station_opinion", args=[station.pk]))


@login_not_required
@require_GET
def deputy_qr(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _public_deputy(pk)
    return _svg(request, reverse("deputies:public_deputy_opinion", args=[deputy.pk]))


def _poster(request: HttpRequest, target: str, **context: object) -> HttpResponse:
    url = request.build_absolute_uri(target)
    context.update(qr=qr.svg_inline(url), target=url)
    return render(request, "deputies/public/poster.html", context)


@login_not_required
@require_GET
def station_poster(request: HttpRequest, pk: int) -> HttpResponse:
    station = _public_station(pk)
    target = reverse("deputies:public_station_opinion", args=[station.pk])
    return _poster(request, target, station=station, title=station.name)


@login_not_required
@require_GET
def deputy_poster(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _public_deputy(pk)
    target = reverse("deputies:public_deputy_opinion", args=[deputy.pk])
    return _poster(
        request,
        target,
        deputy=deputy,
        title=_("%(name)s 代表") % {"name": deputy.name},
        stations=deputy.stations.all(),
    )


@login_not_required
@require_safe
def station_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A station's photo, while the station is online; 404 otherwise, as for its page."""
    return photo_response(request, selectors.public_station_photo(pk), public=True)


@login_not_required
@require_safe
def deputy_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A deputy's photo, only if the county published it and a station of theirs is online."""
    return photo_response(request, selectors.public_deputy_photo(pk), public=True)
