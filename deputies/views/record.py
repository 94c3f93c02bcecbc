"""The deputy's performance record (代表履职档案): the page, its A4 printout, and a deputy's own."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import permission_required
from core.forms import parse_year

from .. import records
from ..models import ContactVisit, Deputy
from ._common import _user

# What each item of the score is called on the page and in the export.
SCORE_LABELS = {
    "visit": _("进站履职"),
    "opinion_answered": _("意见建议得到答复"),
    "suggestion": _("代表建议和微建议"),
    "activity": _("参加联络站活动"),
    "contact_visit": _("三联系三走访"),
    "poll": _("参加投票"),
}


def _deputy(request: HttpRequest, pk: int) -> Deputy:
    # Someone else's deputy is not found, as if it did not exist: staff of another county and a
    # deputy asking for a colleague's record alike.
    return get_object_or_404(
        Deputy.objects.visible_to(request.user).select_related("county", "township", "user"),
        pk=pk,
    )


def _context(request: HttpRequest, deputy: Deputy) -> dict[str, Any]:
    user = _user(request)
    this_year = timezone.localdate().year
    requested = request.GET.get("year")
    try:
        year = (
            parse_year(requested)
            if requested
            else records.latest_year(user=user, deputy=deputy, default=this_year)
        )
    except ValueError as error:
        raise Http404 from error
    record = records.record(user=user, deputy=deputy, year=year)
    return {
        "deputy": deputy,
        "year": year,
        "years": range(max(this_year, year), 2021, -1),
        "record": record,
        "contacts": [
            (label, record.contacts.get(value, 0)) for value, label in ContactVisit.Kind.choices
        ],
        "score_lines": [(SCORE_LABELS[item], *line) for item, *line in record.score_lines],
        "polls": records.poll_participation(user=user, deputy=deputy, year=year),
    }


def _page(request: HttpRequest, deputy: Deputy, template: str) -> HttpResponse:
    return render(request, template, _context(request, deputy))


@permission_required("deputies.view_record")
def record(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _deputy(request, pk), "deputies/record.html")


@permission_required("deputies.view_record")
def record_print(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _deputy(request, pk), "deputies/record_print.html")


@permission_required("deputies.keep_own_record")
def my_record(request: HttpRequest) -> HttpResponse:
    deputy = (
        Deputy.objects.visible_to(request.user).select_related("county", "township", "user").first()
    )
    if deputy is None:
        return render(request, "deputies/no_profile.html", status=403)
    return _page(request, deputy, "deputies/record.html")
