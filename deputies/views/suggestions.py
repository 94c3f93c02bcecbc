"""Deputy suggestions."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from core.actions import submit_form

from .. import rules, services
from ..filters import SuggestionFilter
from ..forms import (
    SatisfactionForm,
    SuggestionAssignForm,
    SuggestionExtendForm,
    SuggestionForm,
    SuggestionReplyForm,
)
from ..models import Deputy, Suggestion
from ._common import _own_deputy, _ScopedListView, _units_for, _user


class SuggestionListView(_ScopedListView):
    permission_required = "deputies.view_suggestions"
    filterset_class = SuggestionFilter
    template_name = "deputies/suggestion_list.html"

    def get_queryset(self):
        return Suggestion.objects.visible_to(self.request.user).select_related(
            "deputy", "lead_unit"
        )


@permission_required("deputies.submit_suggestion")
def suggestion_create(request: HttpRequest) -> HttpResponse:
    own = _own_deputy(request.user)
    acting_for_others = request.user.has_perm("deputies.act_for_deputies")
    if own is None and not acting_for_others:
        return render(request, "deputies/no_profile.html", status=403)
    deputies = Deputy.objects.visible_to(request.user).active() if acting_for_others else None
    form = SuggestionForm(request.POST or None, deputies=deputies)
    submitted: list[Suggestion] = []

    def submit(data: dict[str, Any]) -> Suggestion:
        suggestion = services.suggestion_submit(
            deputy=own or data["deputy"],
            kind=data["kind"],
            title=data["title"],
            content=data["content"],
            submitted_on=data["submitted_on"],
            by=_user(request),
        )
        submitted.append(suggestion)
        return suggestion

    response = submit_form(request, form, submit, success="")
    if response is not None:
        # The message names the number the service gave it.
        messages.success(request, _("建议已提交，编号 %(n)s。") % {"n": submitted[0].number})
        return response
    return render(request, "deputies/suggestion_form.html", {"form": form})


def _get_suggestion(request: HttpRequest, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.visible_to(request.user).select_related("deputy", "lead_unit", "county"),
        pk=pk,
    )


def _render_suggestion(
    request: HttpRequest, suggestion: Suggestion, status: int = 200, **bound: forms.BaseForm
) -> HttpResponse:
    user = _user(request)
    assigns = user.has_perm("deputies.assign_suggestion")
    context: dict[str, Any] = {
        "suggestion": suggestion,
        "co_units": list(suggestion.co_units.all()),
        "history": suggestion.history.select_related("history_user")[:20],
        "on_time": rules.is_on_time(due_on=suggestion.due_on, replied_on=suggestion.replied_on),
    }
    if assigns and suggestion.status == Suggestion.Status.SUBMITTED:
        context["assign_form"] = bound.get("assign_form") or SuggestionAssignForm(
            units=_units_for(suggestion.county_id)
        )
    if assigns and suggestion.is_awaiting_reply:
        context["extend_form"] = bound.get("extend_form") or SuggestionExtendForm()
    if suggestion.is_awaiting_reply and user.has_perm("deputies.reply_suggestion", suggestion):
        context["reply_form"] = bound.get("reply_form") or SuggestionReplyForm()
    rates = user.has_perm("deputies.rate_suggestion", suggestion)
    if suggestion.status == Suggestion.Status.REPLIED and rates:
        context["rate_form"] = bound.get("rate_form") or SatisfactionForm()
    return render(request, "deputies/suggestion_detail.html", context, status=status)


@permission_required("deputies.view_suggestions")
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_suggestion(request, _get_suggestion(request, pk))


def _suggestion_action(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form: forms.BaseForm,
    action: Callable[[Suggestion, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    suggestion = _get_suggestion(request, pk)
    response = submit_form(
        request, form, lambda data: action(suggestion, data), success=success, then=suggestion
    )
    if response is not None:
        return response
    return _render_suggestion(
        request, _get_suggestion(request, pk), status=400, **{form_name: form}
    )


@require_POST
@permission_required("deputies.assign_suggestion")
def suggestion_assign(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _get_suggestion(request, pk)
    form = SuggestionAssignForm(request.POST, units=_units_for(suggestion.county_id))
    return _suggestion_action(
        request,
        pk,
        "assign_form",
        form,
        lambda s, d: services.suggestion_assign(suggestion=s, by=_user(request), **d),
        _("已交办。"),
    )


@require_POST
@permission_required("deputies.assign_suggestion")
def suggestion_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _suggestion_action(
        request,
        pk,
        "extend_form",
        SuggestionExtendForm(request.POST),
        lambda s, d: services.suggestion_extend(suggestion=s, by=_user(request), **d),
        _("答复期限已延长。"),
    )


@require_POST
@permission_required("deputies.reply_suggestion", fn=_get_suggestion)
def suggestion_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _suggestion_action(
        request,
        pk,
        "reply_form",
        SuggestionReplyForm(request.POST),
        lambda s, d: services.suggestion_reply(suggestion=s, by=_user(request), **d),
        _("答复已提交。"),
    )


@require_POST
@permission_required("deputies.rate_suggestion", fn=_get_suggestion)
def suggestion_rate(request: HttpRequest, pk: int) -> HttpResponse:
    return _suggestion_action(
        request,
        pk,
        "rate_form",
        SatisfactionForm(request.POST),
        lambda s, d: services.suggestion_rate(suggestion=s, by=_user(request), **d),
        _("已记录满意度测评。"),
    )
