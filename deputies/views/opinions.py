"""Public opinions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.permissions import STAFF_ROLES, role_required

from .. import services
from ..filters import OpinionFilter
from ..forms import OpinionAnswerForm, OpinionReplyForm, OpinionTransferForm, SatisfactionForm
from ..models import Opinion
from ._common import EVERY_ROLE, _apply_errors, _is_staff, _may_reply, _ScopedListView, _units_for


class OpinionListView(_ScopedListView):
    allowed_roles = EVERY_ROLE
    filterset_class = OpinionFilter
    template_name = "deputies/opinion_list.html"

    def get_queryset(self):
        return Opinion.objects.visible_to(self.request.user).select_related(
            "station", "unit", "deputy"
        )


def _get_opinion(request, pk: int) -> Opinion:
    return get_object_or_404(
        Opinion.objects.visible_to(request.user).select_related(
            "station", "unit", "deputy", "visit", "county"
        ),
        pk=pk,
    )


def _render_opinion(request, opinion: Opinion, status: int = 200, **forms):
    user = request.user
    staff = _is_staff(user)
    S = Opinion.Status
    context = {
        "opinion": opinion,
        "replies": opinion.replies.select_related("unit", "replied_by"),
        "history": opinion.history.select_related("history_user")[:20],
        "show_phone": staff,
    }
    if staff and opinion.status == S.PENDING:
        context["answer_form"] = forms.get("answer_form") or OpinionAnswerForm()
    if staff and opinion.status in (S.PENDING, S.TRANSFERRED):
        context["transfer_form"] = forms.get("transfer_form") or OpinionTransferForm(
            units=_units_for(opinion.county_id),
            initial={"unit": opinion.unit_id, "level": opinion.level or Opinion.Level.COUNTY},
        )
    if opinion.status in (S.TRANSFERRED, S.IN_PROGRESS) and _may_reply(user, {opinion.unit_id}):
        context["reply_form"] = forms.get("reply_form") or OpinionReplyForm()
    if staff and opinion.status in (S.ANSWERED, S.RESOLVED):
        context["rate_form"] = forms.get("rate_form") or SatisfactionForm(
            initial={"satisfaction": opinion.satisfaction}
        )
    return render(request, "deputies/opinion_detail.html", context, status=status)


@role_required(*EVERY_ROLE)
def opinion_detail(request, pk: int):
    return _render_opinion(request, _get_opinion(request, pk))


def _opinion_action(request, pk, form_name, form, action, done_message):
    opinion = _get_opinion(request, pk)
    if form.is_valid():
        try:
            action(opinion, form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done_message)
            return redirect(opinion)
    return _render_opinion(request, _get_opinion(request, pk), status=400, **{form_name: form})


@require_POST
@role_required(*STAFF_ROLES)
def opinion_answer(request, pk: int):
    return _opinion_action(
        request,
        pk,
        "answer_form",
        OpinionAnswerForm(request.POST),
        lambda o, d: services.opinion_answer(opinion=o, answer=d["answer"], by=request.user),
        _("已登记当场答复。"),
    )


@require_POST
@role_required(*STAFF_ROLES)
def opinion_transfer(request, pk: int):
    opinion = _get_opinion(request, pk)
    form = OpinionTransferForm(request.POST, units=_units_for(opinion.county_id))
    return _opinion_action(
        request,
        pk,
        "transfer_form",
        form,
        lambda o, d: services.opinion_transfer(opinion=o, by=request.user, **d),
        _("已转交承办单位。"),
    )


@require_POST
@role_required(Role.LIAISON, *STAFF_ROLES)
def opinion_reply(request, pk: int):
    opinion = _get_opinion(request, pk)
    if not _may_reply(request.user, {opinion.unit_id}):
        raise PermissionDenied
    return _opinion_action(
        request,
        pk,
        "reply_form",
        OpinionReplyForm(request.POST),
        lambda o, d: services.opinion_reply(opinion=o, by=request.user, **d),
        _("答复已提交。"),
    )


@require_POST
@role_required(*STAFF_ROLES)
def opinion_rate(request, pk: int):
    return _opinion_action(
        request,
        pk,
        "rate_form",
        SatisfactionForm(request.POST),
        lambda o, d: services.opinion_rate(opinion=o, by=request.user, **d),
        _("已记录群众满意度。"),
    )
