"""Pages open to everyone: propose a project, look a proposal up, read the results."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.actions import submit_form
from core.models import Jurisdiction

from . import selectors, services
from .forms import PublicProposalForm, ReceiptLookupForm
from .models import Cycle
from .throttle import client_key


@login_not_required
def propose(request):
    cycles = Cycle.objects.accepting_proposals()
    form = PublicProposalForm(request.POST or None, cycles=cycles)
    if form.is_bound and form.is_valid() and form.is_spam:
        # Tell a bot nothing useful; a person never sees the hidden field.
        form.add_error(None, _("提交失败，请稍后重试。"))

    def submit(data):
        fields = {k: v for k, v in data.items() if k != "website"}
        proposal = services.public_proposal_submit(client_key=client_key(request), **fields)
        query = urlencode({"number": proposal.receipt_number, "new": "1"})
        return f"{reverse('livelihood_projects:public_receipt')}?{query}"

    # No success message: the receipt page says it, with the number to keep.
    done = submit_form(request, form, submit, success="")
    return done or render(
        request,
        "livelihood_projects/public_propose.html",
        {"form": form, "has_cycles": cycles.exists()},
    )


@login_not_required
@require_GET
def receipt(request):
    form = ReceiptLookupForm(request.GET or None)
    proposal = None
    if form.is_valid():
        proposal = selectors.proposal_by_receipt(form.cleaned_data["number"])
        if proposal is None:
            form.add_error("number", _("没有找到这个回执编号，请核对后重新输入。"))
    return render(
        request,
        "livelihood_projects/public_receipt.html",
        {"form": form, "proposal": proposal, "is_new": request.GET.get("new") == "1"},
    )


@login_not_required
@require_GET
def results_index(request):
    return render(
        request,
        "livelihood_projects/public_index.html",
        {"counties": selectors.public_years()},
    )


@login_not_required
@require_GET
def results(request, code: str, year: int):
    county = get_object_or_404(Jurisdiction.objects.counties(), code=code)
    summary = selectors.county_year(county, year)
    if not summary.cycles:
        raise Http404
    query = request.GET.get("q", "").strip()
    proposals = selectors.public_proposals(summary.cycles, query)
    page = Paginator(proposals, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "livelihood_projects/public_results.html",
        {
            "summary": summary,
            "projects": selectors.public_projects(summary.cycles),
            "page_obj": page,
            "proposals": page.object_list,
            "is_paginated": page.has_other_pages(),
            "query": query,
        },
    )
