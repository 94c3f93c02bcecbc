"""The dashboard of a county's year: execution against the time elapsed by budget unit and by
township, the warnings and the problems, as charts with their tables."""

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from accounts.permissions import permission_required
from core.forms import object_from, parse_year

from ..selectors import dashboard as selectors


@permission_required("budget.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    counties = selectors.dashboard_counties(cast(User, request.user))
    county = None
    if request.GET.get("county"):
        county = object_from(counties, request.GET["county"])
        if county is None:
            raise Http404
    elif len(counties) == 1:
        county = counties[0]
    context: dict = {"counties": counties, "county": county}
    if county is not None:
        years = selectors.dashboard_years(county)
        try:
            year = parse_year(request.GET["year"]) if request.GET.get("year") else None
        except ValueError as error:
            raise Http404 from error
        year = year or (years[0] if years else None)
        context.update(years=years, year=year)
        if year is not None:
            shown = selectors.figures(county, year)
            context.update(figures=shown, chart=shown.chart())
    return render(request, "budget/dashboard.html", context)
