"""Duty visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.permissions import role_required

from .. import services
from ..filters import VisitFilter
from ..forms import OpinionFormSet, VisitEditForm, VisitForm
from ..models import Deputy, Opinion, Visit
from ._common import DEPUTY_OR_STAFF, _apply_errors, _own_deputy, _ScopedListView, _stations_for


@role_required(*DEPUTY_OR_STAFF)
def visit_create(request):
    user = request.user
    own = _own_deputy(user)
    if user.is_deputy and own is None:
        return render(request, "deputies/no_profile.html", status=403)
    deputies = None if own else Deputy.objects.visible_to(user).active()
    form = VisitForm(request.POST or None, stations=_stations_for(user, own), deputies=deputies)
    formset = OpinionFormSet(request.POST or None, prefix="opinions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        opinions = [f.cleaned_data for f in formset if f.has_changed() and f.cleaned_data]
        try:
            visit = services.visit_record(
                deputy=own or data["deputy"],
                station=data["station"],
                visited_on=data["visited_on"],
                kind=data["kind"],
                people_received=data["people_received"],
                notes=data["notes"],
                opinions=opinions,
                by=user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("已记录本次履职，收集群众意见建议 %(n)d 条。") % {"n": len(opinions)},
            )
            return redirect(visit)
    return render(request, "deputies/visit_form.html", {"form": form, "formset": formset})


class VisitListView(_ScopedListView):
    allowed_roles = DEPUTY_OR_STAFF
    filterset_class = VisitFilter
    template_name = "deputies/visit_list.html"

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


@role_required(*DEPUTY_OR_STAFF)
def visit_detail(request, pk: int):
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


@role_required(*DEPUTY_OR_STAFF)
def visit_edit(request, pk: int):
    visit = get_object_or_404(Visit.objects.visible_to(request.user), pk=pk)
    stations = _stations_for(request.user, _own_deputy(request.user))
    form = VisitEditForm(request.POST or None, instance=visit, stations=stations)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(
                visit=Visit.objects.get(pk=visit.pk),
                by=request.user,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("履职记录已修改。"))
            return redirect(visit)
    return render(request, "deputies/visit_edit.html", {"form": form, "visit": visit})
