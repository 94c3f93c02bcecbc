"""Contact campaigns (三联系三走访)."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import services
from ..filters import ContactVisitFilter
from ..forms import ContactVisitForm
from ..models import ContactVisit, Deputy
from ._common import _ScopedListView, _user


class ContactVisitListView(_ScopedListView):
    permission_required = "deputies.record_contact_visits"
    filterset_class = ContactVisitFilter
    template_name = "deputies/contact_list.html"

    def get_queryset(self):
        return ContactVisit.objects.visible_to(self.request.user).select_related("deputy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = self.filterset.qs.order_by()
        kinds = dict(ContactVisit.Kind.choices)
        per_person = qs.values("visitor", "kind").annotate(n=Count("pk")).order_by("-n", "visitor")
        context["per_person"] = [(r["visitor"], kinds[r["kind"]], r["n"]) for r in per_person[:20]]
        per_kind = qs.values("kind").annotate(n=Count("pk")).order_by("kind")
        context["per_kind"] = [(kinds[r["kind"]], r["n"]) for r in per_kind]
        return context


@permission_required("deputies.record_contact_visits")
def contact_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    county = user.jurisdiction.county if user.jurisdiction else None
    if county is None:
        messages.error(request, _("只有县市区工作人员可以登记走访。"))
        return redirect("deputies:contact_list")
    form = ContactVisitForm(
        request.POST or None, deputies=Deputy.objects.visible_to(user).filter(county=county)
    )
    response = submit_form(
        request,
        form,
        lambda data: services.contact_visit_record(county=county, by=user, **data),
        success=_("走访已登记。"),
        then="deputies:contact_list",
    )
    return response or render(request, "deputies/contact_form.html", {"form": form})
