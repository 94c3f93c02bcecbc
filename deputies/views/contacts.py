"""Contact campaigns (三联系三走访): the list, recording a visit, and one visit with the opinions
gathered on it."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import services
from ..filters import ContactVisitFilter
from ..forms import ContactVisitForm, OpinionInlineForm
from ..models import ContactVisit, Deputy, Opinion
from ._common import _ScopedListView, _user

_opinion_count = Coalesce(
    Subquery(
        Opinion.objects.filter(contact_visit=OuterRef("pk"))
        .order_by()
        .values("contact_visit")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    0,
)


class ContactVisitListView(_ScopedListView):
    permission_required = "deputies.record_contact_visits"
    filterset_class = ContactVisitFilter
    template_name = "deputies/contact_list.html"

    def get_queryset(self):
        return (
            ContactVisit.objects.visible_to(self.request.user)
            .select_related("deputy")
            # A subquery, not a join: the figures per person below count visits, not opinions.
            .annotate(opinion_count=_opinion_count)
        )

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
        # To the visit's page, where the opinions gathered on it are recorded next.
        success=_("走访已登记，可继续登记走访中收集的意见建议。"),
    )
    return response or render(request, "deputies/contact_form.html", {"form": form})


def _get_contact(request: HttpRequest, pk: int) -> ContactVisit:
    return get_object_or_404(
        ContactVisit.objects.visible_to(request.user).select_related("deputy", "county"), pk=pk
    )


def _render_contact(
    request: HttpRequest, contact: ContactVisit, form: OpinionInlineForm, status: int = 200
) -> HttpResponse:
    context = {
        "contact": contact,
        "opinions": contact.opinions.order_by("pk"),
        "opinion_form": form,
    }
    return render(request, "deputies/contact_detail.html", context, status=status)


@permission_required("deputies.record_contact_visits")
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_contact(request, _get_contact(request, pk), OpinionInlineForm())


@require_POST
@permission_required("deputies.record_contact_visits")
def contact_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """An opinion gathered on the visit: it enters the handling flow like one raised at a station."""
    contact = _get_contact(request, pk)
    form = OpinionInlineForm(request.POST)
    response = submit_form(
        request,
        form,
        lambda data: services.opinion_record_at_contact(
            contact_visit=contact, by=_user(request), **data
        ),
        success=_("已登记走访中收集的意见。"),
        then=contact,
    )
    return response or _render_contact(request, contact, form, status=400)
