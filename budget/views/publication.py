"""A quarter's publication (公开): the office publishes, withdraws with a reason and publishes
again; everyone reads the published quarters of a county, with no login. A quarter that is not
published answers 404 to the public."""

from typing import cast

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import post_action, submit_form
from core.models import Jurisdiction

from .. import forms
from ..models import Publication
from ..selectors import dashboard as selectors
from ..selectors import funds as fund_selectors
from ..selectors.dashboard import figures_from_json
from ..services import publication as services

PUBLISH = "budget.publish_quarter"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _publication(request: HttpRequest, pk: int) -> Publication:
    return get_object_or_404(selectors.publications(_user(request)), pk=pk)


@permission_required(PUBLISH)
def publication_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.PublicationForm(request.POST or None, places=selectors.publishable_places(user))
    done = submit_form(
        request,
        form,
        lambda data: services.quarter_publish(by=user, **data),
        success=_("已公开该季度的预算执行情况。"),
    )
    context = {"form": form, "publications": selectors.publications(user)}
    status = 400 if request.method == "POST" else 200
    return done or render(request, "budget/publication_list.html", context, status=status)


@permission_required(PUBLISH)
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _publication(request, pk)
    return _detail_page(request, publication, forms.WithdrawForm())


def _detail_page(request, publication, withdraw_form, status=200) -> HttpResponse:
    shown = figures_from_json(publication.figures)
    context = {
        "publication": publication,
        "figures": shown,
        "chart": shown.chart(),
        "withdraw_form": withdraw_form,
    }
    return render(request, "budget/publication_detail.html", context, status=status)


@require_POST
@permission_required(PUBLISH)
def publication_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _publication(request, pk)
    form = forms.WithdrawForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.quarter_withdraw(
            publication=publication, reason=data["reason"], by=_user(request)
        ),
        success=_("已撤回该季度的公开。"),
    )
    return done or _detail_page(request, publication, form, status=400)


@require_POST
@permission_required(PUBLISH)
def publication_republish(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _publication(request, pk)
    return post_action(
        request,
        lambda: services.quarter_publish(
            jurisdiction=publication.jurisdiction,
            year=publication.year,
            quarter=publication.quarter,
            by=_user(request),
        ),
        success=_("已按最新数据重新公开该季度。"),
        then=publication,
    )


# --- Public pages --------------------------------------------------------------------------------


@login_not_required
@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The counties with quarters published, and those with major funds' results published."""
    context = {
        "counties": selectors.public_counties(),
        "fund_counties": fund_selectors.public_counties(),
    }
    return render(request, "budget/public_index.html", context)


@login_not_required
@require_GET
def public_county(request: HttpRequest, code: str) -> HttpResponse:
    county = get_object_or_404(Jurisdiction.objects.counties(), code=code)
    quarters = list(selectors.public_quarters(county))
    if not quarters:
        raise Http404
    return render(request, "budget/public_county.html", {"county": county, "quarters": quarters})


@login_not_required
@require_GET
def public_quarter(request: HttpRequest, pk: int) -> HttpResponse:
    publication = selectors.public_publication(pk)
    if publication is None:
        raise Http404
    shown = figures_from_json(publication.figures)
    context = {"publication": publication, "figures": shown, "chart": shown.chart()}
    return render(request, "budget/public_quarter.html", context)
