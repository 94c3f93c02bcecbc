"""Dashboards and the liaison's to-do list."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import permission_required
from core.forms import object_from, parse_year
from core.models import Jurisdiction

from .. import selectors
from ..models import ContactVisit
from ._common import _user


@permission_required("deputies.view_statistics")
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    counties = Jurisdiction.objects.visible_to(user).counties()
    this_year = timezone.localdate().year
    requested = request.GET.get("year")
    try:
        year = parse_year(requested) if requested else selectors.latest_year(user, this_year)
    except ValueError as error:
        raise Http404 from error
    county = None
    if request.GET.get("county"):
        county = object_from(counties, request.GET["county"])
        if county is None:
            raise Http404
    elif len(counties) == 1:
        county = counties[0]
    context: dict[str, Any] = {"year": year, "years": range(this_year, 2021, -1)}
    context["sources"] = selectors.opinions_by_source(user=user, year=year, county=county)
    context["border"] = selectors.inter_provincial_figures(user=user, year=year, county=county)
    if county is None:
        rows = selectors.county_figures(user=user, year=year, counties=counties)
        context.update(rows=rows, total=selectors.total(rows, _("合计")))
        context["chart"] = {
            "labels": [r.label for r in rows],
            "visits": [r.visits for r in rows],
            "opinions": [r.opinions for r in rows],
            "activities": [r.activities for r in rows],
            "resolution": [float(r.resolution_rate or 0) for r in rows],
        }
    else:
        (figures,) = selectors.county_figures(user=user, year=year, counties=[county])
        stations = selectors.station_figures(user=user, county=county, year=year)
        context.update(
            county=county,
            figures=figures,
            stations=stations,
            townships=selectors.township_figures(stations, _("县直及其他")),
            contacts=[
                (label, figures.contacts.get(value, 0))
                for value, label in ContactVisit.Kind.choices
            ],
        )
        months = [_("%(m)d月") % {"m": m} for m in range(1, 13)]
        monthly_visits = selectors.visits_by_month(user=user, year=year, county=county)
        context["chart"] = {
            "months": months,
            "visits": monthly_visits,
            "opinions": [
                {"name": _("已解决"), "value": figures.opinions_resolved},
                {"name": _("办理中"), "value": figures.opinions_open},
            ],
        }
        context["monthly"] = list(zip(months, monthly_visits, strict=True))
    return render(request, "deputies/dashboard.html", context)


@permission_required("deputies.view_todo")
def todo(request: HttpRequest) -> HttpResponse:
    return render(request, "deputies/todo.html", selectors.todo(user=_user(request)))
