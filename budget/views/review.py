"""Township budget review (乡镇人大预算审查): the county's matrix of townships by steps for a year,
a township's page with its steps by year, recording a step, and a step's approval document."""

from typing import Any, cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import submit_form
from core.models import Jurisdiction

from ..forms_review import ReviewForm
from ..models import TownshipReview
from ..selectors import review as selectors
from ..services import review as services

READ = "budget.view_township_review"
RECORD = "budget.record_township_review"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@permission_required(READ)
def review_matrix(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    counties = selectors.counties_for(user)
    chosen = _int(request.GET.get("county"))
    county = (
        counties.filter(pk=chosen).first() if chosen else selectors.default_county(user, counties)
    )
    if chosen and county is None:
        raise Http404
    context: dict[str, Any] = {"counties": counties.order_by("code"), "county": county}
    if county is not None:
        years = selectors.years(user, county)
        year = _int(request.GET.get("year")) or (years[0] if years else None)
        if year is not None:
            context["matrix"] = selectors.matrix(user, county, year)
        context.update(year=year, years=years)
    return render(request, "budget/review_matrix.html", context)


def _township(request: HttpRequest, pk: int) -> Jurisdiction:
    return get_object_or_404(
        Jurisdiction.objects.visible_to(request.user).townships().select_related("parent"), pk=pk
    )


@permission_required(READ)
def review_township(request: HttpRequest, pk: int) -> HttpResponse:
    return _township_page(request, _township(request, pk))


def _township_page(request: HttpRequest, township: Jurisdiction, form=None) -> HttpResponse:
    year = _int(request.GET.get("year"))
    initial = {"year": year} if year else {}
    context = {
        "township": township,
        "years": selectors.township_years(_user(request), township),
        "form": form or ReviewForm(initial=initial),
    }
    return render(request, "budget/review_township.html", context, status=400 if form else 200)


@require_POST
@permission_required(RECORD)
def review_record(request: HttpRequest, pk: int) -> HttpResponse:
    township = _township(request, pk)
    form = ReviewForm(request.POST, request.FILES)
    done = submit_form(
        request,
        form,
        lambda data: services.review_record(
            township=township,
            by=_user(request),
            **data,
        ),
        success=_("已登记。"),
    )
    return done or _township_page(request, township, form)


@permission_required(READ)
def review_document(request: HttpRequest, pk: int) -> FileResponse:
    review = get_object_or_404(TownshipReview.objects.visible_to(request.user), pk=pk)
    if not review.document:
        raise Http404
    return FileResponse(
        review.document.open("rb"), as_attachment=True, filename=review.document_name
    )
