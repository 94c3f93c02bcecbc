"""Pages open to everyone (监督法: supervision is made known to deputies and the public): the
published plans by county and year, a plan's items, and a published item's report, opinions,
handling reports and inquiry. They show the same thing to every visitor, logged in or not."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from supervision.selectors import public as selectors


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_not_required
@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    index = selectors.public_index(_year(request))
    return render(request, "supervision/public_index.html", {"index": index})


@login_not_required
@require_GET
def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.public_plans(), pk=pk)
    items = selectors.public_plan_items(plan)
    return render(request, "supervision/public_plan.html", {"plan": plan, "items": items})


@login_not_required
@require_GET
def public_item(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.public_item(pk, timezone.localdate())
    if page is None:
        raise Http404
    return render(request, "supervision/public_item.html", {"page": page})
