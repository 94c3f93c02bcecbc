"""Dashboards and the liaison's to-do list."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from core.forms import object_from, parse_year
from core.models import Jurisdiction
from core.permissions import STAFF_ROLES, role_required

from .. import reports
from ..models import ContactVisit, Opinion, Suggestion


@role_required(*STAFF_ROLES)
def dashboard(request):
    user = request.user
    counties = Jurisdiction.objects.visible_to(user).counties()
    try:
        year = request.GET.get("year")
        year = parse_year(year) if year else reports.latest_year(user, timezone.localdate().year)
    except ValueError as error:
        raise Http404 from error
    county = None
    if request.GET.get("county"):
        county = object_from(counties, request.GET["county"])
        if county is None:
            raise Http404
    elif len(counties) == 1:
        county = counties[0]
    context = {"year": year, "years": range(timezone.localdate().year, 2021, -1)}
    if county is None:
        rows = reports.county_figures(user=user, year=year, counties=counties)
        context.update(rows=rows, total=reports.total(rows, _("合计")))
        context["chart"] = {
            "labels": [r.label for r in rows],
            "visits": [r.visits for r in rows],
            "opinions": [r.opinions for r in rows],
            "activities": [r.activities for r in rows],
            "resolution": [float(r.resolution_rate or 0) for r in rows],
        }
    else:
        (figures,) = reports.county_figures(user=user, year=year, counties=[county])
        stations = reports.station_figures(user=user, county=county, year=year)
        context.update(
            county=county,
            figures=figures,
            stations=stations,
            townships=reports.township_figures(stations, _("县直及其他")),
            contacts=[
                (label, figures.contacts.get(value, 0))
                for value, label in ContactVisit.Kind.choices
            ],
        )
        context["chart"] = {
            "months": [_("%(m)d月") % {"m": m} for m in range(1, 13)],
            "visits": reports.visits_by_month(user=user, year=year, county=county),
            "opinions": [
                {"name": _("已解决"), "value": figures.opinions_resolved},
                {"name": _("办理中"), "value": figures.opinions_open},
            ],
        }
        context["monthly"] = list(
            zip(context["chart"]["months"], context["chart"]["visits"], strict=True)
        )
    return render(request, "deputies/dashboard.html", context)


@role_required(Role.LIAISON)
def todo(request):
    user = request.user
    open_opinions = [Opinion.Status.TRANSFERRED, Opinion.Status.IN_PROGRESS]
    open_suggestions = [Suggestion.Status.ASSIGNED, Suggestion.Status.REOPENED]
    context = {
        "opinions": Opinion.objects.visible_to(user)
        .filter(status__in=open_opinions)
        .select_related("station")
        .order_by("due_on"),
        "suggestions": Suggestion.objects.visible_to(user)
        .filter(status__in=open_suggestions)
        .select_related("deputy", "lead_unit")
        .order_by("due_on"),
        "today": timezone.localdate(),
    }
    return render(request, "deputies/todo.html", context)
