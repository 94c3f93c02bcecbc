"""Public opinions."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import services
from ..filters import OpinionFilter
from ..forms import (
    CampaignTagForm,
    OpinionAnswerForm,
    OpinionReferForm,
    OpinionReplyForm,
    OpinionReviewForm,
    OpinionTransferForm,
    SatisfactionForm,
)
from ..models import Campaign, Opinion
from ._common import _ScopedListView, _units_for, _user


class OpinionListView(_ScopedListView):
    permission_required = "deputies.view_opinions"
    filterset_class = OpinionFilter
    template_name = "deputies/opinion_list.html"
    # As the visit list, from the index by county and date (opinion_county_recent).
    ids_first = True

    def get_queryset(self):
        return Opinion.objects.visible_to(self.request.user).select_related(
            "station", "unit", "deputy"
        )


def _get_opinion(request: HttpRequest, pk: int) -> Opinion:
    return get_object_or_404(
        Opinion.objects.visible_to(request.user).select_related(
            "station", "unit", "deputy", "visit", "county", "campaign", "contact_visit", "activity"
        ),
        pk=pk,
    )


def _render_opinion(
    request: HttpRequest, opinion: Opinion, status: int = 200, **bound: forms.BaseForm
) -> HttpResponse:
    user = _user(request)
    handles = user.has_perm("deputies.handle_opinion")
    context: dict[str, Any] = {
        "opinion": opinion,
        "replies": opinion.replies.select_related("unit", "replied_by"),
        "history": opinion.history.select_related("history_user")[:20],
        "show_phone": handles,
    }
    if opinion.status == Opinion.Status.UNREVIEWED and user.has_perm("deputies.review_opinion"):
        context["review_form"] = bound.get("review_form") or OpinionReviewForm()
    if user.has_perm("deputies.manage_campaigns") and opinion.is_counted:
        context["campaign_form"] = bound.get("campaign_form") or CampaignTagForm(
            campaigns=_campaigns_for(opinion.county_id),
            initial={"campaign": opinion.campaign_id},
        )
    station = opinion.station
    if (
        handles
        and opinion.status in Opinion.TRANSFERABLE
        and station
        and station.is_inter_provincial
    ):
        context["refer_form"] = bound.get("refer_form") or OpinionReferForm(
            initial={"partner_unit": station.partner_region}
        )
    if handles and opinion.status == Opinion.Status.PENDING:
        context["answer_form"] = bound.get("answer_form") or OpinionAnswerForm()
    if handles and opinion.status in Opinion.TRANSFERABLE:
        context["transfer_form"] = bound.get("transfer_form") or OpinionTransferForm(
            units=_units_for(opinion.county_id),
            initial={"unit": opinion.unit_id, "level": opinion.level or Opinion.Level.COUNTY},
        )
    if opinion.is_open_for_answer and user.has_perm("deputies.reply_opinion", opinion):
        context["reply_form"] = bound.get("reply_form") or OpinionReplyForm()
    if handles and opinion.status in Opinion.SETTLED:
        context["rate_form"] = bound.get("rate_form") or SatisfactionForm(
            initial={"satisfaction": opinion.satisfaction}
        )
    return render(request, "deputies/opinion_detail.html", context, status=status)


@permission_required("deputies.view_opinions")
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_opinion(request, _get_opinion(request, pk))


def _opinion_action(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form: forms.BaseForm,
    action: Callable[[Opinion, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    opinion = _get_opinion(request, pk)
    response = submit_form(
        request, form, lambda data: action(opinion, data), success=success, then=opinion
    )
    if response is not None:
        return response
    return _render_opinion(request, _get_opinion(request, pk), status=400, **{form_name: form})


@require_POST
@permission_required("deputies.handle_opinion")
def opinion_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        "answer_form",
        OpinionAnswerForm(request.POST),
        lambda o, d: services.opinion_answer(opinion=o, answer=d["answer"], by=_user(request)),
        _("已登记当场答复。"),
    )


@require_POST
@permission_required("deputies.handle_opinion")
def opinion_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = _get_opinion(request, pk)
    form = OpinionTransferForm(request.POST, units=_units_for(opinion.county_id))
    return _opinion_action(
        request,
        pk,
        "transfer_form",
        form,
        lambda o, d: services.opinion_transfer(opinion=o, by=_user(request), **d),
        _("已转交承办单位。"),
    )


@require_POST
@permission_required("deputies.reply_opinion", fn=lambda request, pk: _get_opinion(request, pk))
def opinion_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        "reply_form",
        OpinionReplyForm(request.POST),
        lambda o, d: services.opinion_reply(opinion=o, by=_user(request), **d),
        _("答复已提交。"),
    )


@require_POST
@permission_required("deputies.handle_opinion")
def opinion_rate(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        "rate_form",
        SatisfactionForm(request.POST),
        lambda o, d: services.opinion_rate(opinion=o, by=_user(request), **d),
        _("已记录群众满意度。"),
    )


def _campaigns_for(county_id: int):
    return Campaign.objects.filter(county_id=county_id).order_by("-starts_on", "pk")


@require_POST
@permission_required("deputies.review_opinion")
def opinion_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        "review_form",
        OpinionReviewForm(request.POST),
        lambda o, d: services.opinion_review(opinion=o, by=_user(request), **d),
        _("已审核。"),
    )


@require_POST
@permission_required("deputies.manage_campaigns")
def opinion_tag(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = _get_opinion(request, pk)
    return _opinion_action(
        request,
        pk,
        "campaign_form",
        CampaignTagForm(request.POST, campaigns=_campaigns_for(opinion.county_id)),
        lambda o, d: services.opinion_tag(opinion=o, by=_user(request), **d),
        _("已保存专项活动。"),
    )


@require_POST
@permission_required("deputies.handle_opinion")
def opinion_refer(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        "refer_form",
        OpinionReferForm(request.POST),
        lambda o, d: services.opinion_refer_across(opinion=o, by=_user(request), **d),
        _("已转交省外协调。"),
    )
