"""Campaigns (专项活动): the list with each one's sums, creating one, and one campaign's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import selectors, services
from ..forms import CampaignForm
from ..models import Activity, Campaign, Opinion
from ._common import _user


@permission_required("deputies.manage_campaigns")
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # A campaign belongs to a county: county staff create their own county's.
    county = user.jurisdiction.county if user.jurisdiction else None
    form = CampaignForm(request.POST or None) if county else None
    if form is not None and county is not None:
        response = submit_form(
            request,
            form,
            lambda data: services.campaign_create(county=county, by=user, **data),
            success=_("专项活动已创建。"),
        )
        if response is not None:
            return response
    context = {"campaigns": selectors.campaigns(user=user), "form": form}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "deputies/campaign_list.html", context, status=status)


@permission_required("deputies.manage_campaigns")
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("county"), pk=pk
    )
    context = {
        "campaign": campaign,
        "figures": selectors.campaign_figures(campaign),
        "opinions": Opinion.objects.counted()
        .filter(campaign=campaign)
        .select_related("station")[:20],
        "activities": Activity.objects.counted()
        .filter(campaign=campaign)
        .select_related("station")[:20],
    }
    return render(request, "deputies/campaign_detail.html", context)
