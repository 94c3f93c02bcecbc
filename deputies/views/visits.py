"""Duty visits."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import services
from ..filters import VisitFilter
from ..forms import OpinionFormSet, VisitEditForm, VisitForm
from ..models import Deputy, Opinion, Visit
from ._common import _own_deputy, _ScopedListView, _stations_for, _user


@permission_required("deputies.record_visit")
def visit_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    own = _own_deputy(user)
    acting_for_others = user.has_perm("deputies.act_for_deputies")
    if own is None and not acting_for_others:
        return render(request, "deputies/no_profile.html", status=403)
    deputies = Deputy.objects.visible_to(user).active() if acting_for_others else None
    form = VisitForm(request.POST or None, stations=_stations_for(user, own), deputies=deputies)
    formset = OpinionFormSet(request.POST or None, prefix="opinions")
    opinions: list[dict[str, Any]] = []
    if request.method == "POST" and formset.is_valid():
        opinions = [f.cleaned_data for f in formset if f.has_changed() and f.cleaned_data]
        response = submit_form(
            request,
            form,
            lambda data: services.visit_record(
                deputy=own or data["deputy"],
                station=data["station"],
                visited_on=data["visited_on"],
                kind=data["kind"],
                people_received=data["people_received"],
                notes=data["notes"],
                opinions=opinions,
                by=user,
            ),
            success=_("已记录本次履职，收集群众意见建议 %(n)d 条。") % {"n": len(opinions)},
        )
        if response is not None:
            return response
    return render(request, "deputies/visit_form.html", {"form": form, "formset": formset})


class VisitListView(_ScopedListView):
    permission_required = "deputies.view_visits"
    filterset_class = VisitFilter
    template_name = "deputies/visit_list.html"
    # A county's visits lie scattered through a table of every county's, newest first; picking
    # a page's ids from the index by station and date (visit_station_day) reads that county's
    # entries only, where reading whole rows would fetch a table page per visit. So a small
    # county's list costs the same whatever the other counties hold, and a deep page sorts ids,
    # not rows.
    ids_first = True

    def get_queryset(self):
        return (
            Visit.objects.visible_to(self.request.user)
            .select_related("deputy", "station")
            .order_by("-visited_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted for the page's rows only, in one query: counting in the page query itself
        # would be done for every row skipped by OFFSET as well.
        visits = context["object_list"]
        counts = Opinion.objects.count_by_visit(visits)
        for visit in visits:
            visit.opinion_count = counts.get(visit.pk, 0)
        return context


@permission_required("deputies.view_visits")
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(
        Visit.objects.visible_to(request.user).select_related("deputy", "station", "recorded_by"),
        pk=pk,
    )
    context = {
        "visit": visit,
        "opinions": visit.opinions.select_related("unit"),
        "history": visit.history.select_related("history_user")[:20],
    }
    return render(request, "deputies/visit_detail.html", context)


@permission_required("deputies.record_visit")
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.visible_to(request.user), pk=pk)
    stations = _stations_for(request.user, _own_deputy(request.user))
    form = VisitEditForm(request.POST or None, instance=visit, stations=stations)
    response = submit_form(
        request,
        form,
        lambda data: services.visit_update(
            visit=Visit.objects.get(pk=visit.pk),
            by=_user(request),
            **{name: data[name] for name in form.changed_data},
        ),
        success=_("履职记录已修改。"),
        then=visit,
    )
    return response or render(request, "deputies/visit_edit.html", {"form": form, "visit": visit})
