"""Deputy suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.permissions import STAFF_ROLES, role_required

from .. import services
from ..filters import SuggestionFilter
from ..forms import (
    SatisfactionForm,
    SuggestionAssignForm,
    SuggestionExtendForm,
    SuggestionForm,
    SuggestionReplyForm,
)
from ..models import Deputy, Suggestion
from ._common import (
    DEPUTY_OR_STAFF,
    EVERY_ROLE,
    _apply_errors,
    _is_staff,
    _may_reply,
    _own_deputy,
    _ScopedListView,
    _units_for,
)


class SuggestionListView(_ScopedListView):
    allowed_roles = EVERY_ROLE
    filterset_class = SuggestionFilter
    template_name = "deputies/suggestion_list.html"

    def get_queryset(self):
        return Suggestion.objects.visible_to(self.request.user).select_related(
            "deputy", "lead_unit"
        )


@role_required(*DEPUTY_OR_STAFF)
def suggestion_create(request):
    own = _own_deputy(request.user)
    if request.user.is_deputy and own is None:
        return render(request, "deputies/no_profile.html", status=403)
    deputies = None if own else Deputy.objects.visible_to(request.user).active()
    form = SuggestionForm(request.POST or None, deputies=deputies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            suggestion = services.suggestion_submit(
                deputy=own or data["deputy"],
                kind=data["kind"],
                title=data["title"],
                content=data["content"],
                submitted_on=data["submitted_on"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("建议已提交，编号 %(n)s。") % {"n": suggestion.number})
            return redirect(suggestion)
    return render(request, "deputies/suggestion_form.html", {"form": form})


def _get_suggestion(request, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.visible_to(request.user).select_related("deputy", "lead_unit", "county"),
        pk=pk,
    )


def _render_suggestion(request, suggestion: Suggestion, status: int = 200, **forms):
    user = request.user
    staff = _is_staff(user)
    S = Suggestion.Status
    co_units = list(suggestion.co_units.all())
    unit_ids = {suggestion.lead_unit_id}
    context = {
        "suggestion": suggestion,
        "co_units": co_units,
        "history": suggestion.history.select_related("history_user")[:20],
        "on_time": suggestion.replied_on
        and suggestion.due_on
        and suggestion.replied_on <= suggestion.due_on,
        "today": timezone.localdate(),
    }
    if staff and suggestion.status == S.SUBMITTED:
        context["assign_form"] = forms.get("assign_form") or SuggestionAssignForm(
            units=_units_for(suggestion.county_id)
        )
    open_statuses = (S.ASSIGNED, S.REOPENED)
    if staff and suggestion.status in open_statuses:
        context["extend_form"] = forms.get("extend_form") or SuggestionExtendForm()
    if suggestion.status in open_statuses and _may_reply(user, unit_ids):
        context["reply_form"] = forms.get("reply_form") or SuggestionReplyForm()
    owner = suggestion.deputy.user_id == user.pk
    if suggestion.status == S.REPLIED and (owner or staff):
        context["rate_form"] = forms.get("rate_form") or SatisfactionForm()
    return render(request, "deputies/suggestion_detail.html", context, status=status)


@role_required(*EVERY_ROLE)
def suggestion_detail(request, pk: int):
    return _render_suggestion(request, _get_suggestion(request, pk))


def _suggestion_action(request, pk, form_name, form, action, done_message):
    suggestion = _get_suggestion(request, pk)
    if form.is_valid():
        try:
            action(suggestion, form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done_message)
            return redirect(suggestion)
    return _render_suggestion(
        request, _get_suggestion(request, pk), status=400, **{form_name: form}
    )


@require_POST
@role_required(*STAFF_ROLES)
def suggestion_assign(request, pk: int):
    suggestion = _get_suggestion(request, pk)
    form = SuggestionAssignForm(request.POST, units=_units_for(suggestion.county_id))
    return _suggestion_action(
        request,
        pk,
        "assign_form",
        form,
        lambda s, d: services.suggestion_assign(suggestion=s, by=request.user, **d),
        _("已交办。"),
    )


@require_POST
@role_required(*STAFF_ROLES)
def suggestion_extend(request, pk: int):
    return _suggestion_action(
        request,
        pk,
        "extend_form",
        SuggestionExtendForm(request.POST),
        lambda s, d: services.suggestion_extend(suggestion=s, by=request.user, **d),
        _("答复期限已延长。"),
    )


@require_POST
@role_required(Role.LIAISON, *STAFF_ROLES)
def suggestion_reply(request, pk: int):
    suggestion = _get_suggestion(request, pk)
    if not _may_reply(request.user, {suggestion.lead_unit_id}):
        raise PermissionDenied
    return _suggestion_action(
        request,
        pk,
        "reply_form",
        SuggestionReplyForm(request.POST),
        lambda s, d: services.suggestion_reply(suggestion=s, by=request.user, **d),
        _("答复已提交。"),
    )


@require_POST
@role_required(*DEPUTY_OR_STAFF)
def suggestion_rate(request, pk: int):
    suggestion = _get_suggestion(request, pk)
    if not (_is_staff(request.user) or suggestion.deputy.user_id == request.user.pk):
        raise PermissionDenied
    return _suggestion_action(
        request,
        pk,
        "rate_form",
        SatisfactionForm(request.POST),
        lambda s, d: services.suggestion_rate(suggestion=s, by=request.user, **d),
        _("已记录满意度测评。"),
    )
