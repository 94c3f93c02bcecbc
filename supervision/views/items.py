"""An item's dossier page and every action on it.

The office (supervision.run_items) works each step from the dossier page; each POST runs one
lifecycle service and comes back to the page (a refusal keeps what was typed, next to the field
it concerns, with the page answered 400). Deputies read published items, a supervised body's
liaison reads the items on their unit and reports how their unit's commitments were kept (also
those made on other units' items, from the commitment list). Only the office sees its working
records: research notes, the draft for comments, opinions not yet sent, the change history.
"""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.access import has_named_permission
from core.actions import post_action, run_action, submit_form
from evaluations.polling import poll_url

from ..forms.items import (
    CloseForm,
    CommitmentForm,
    CommitmentReportForm,
    FollowUpForm,
    HandlingReceiveForm,
    HearingForm,
    OpinionsDraftForm,
    OpinionsSendForm,
    PollTargetForm,
    QuestionForm,
    ResearchForm,
    SessionForm,
    VerdictForm,
    VersionForm,
)
from ..models import Commitment, HandlingReport, Item, Question
from ..selectors.dossier import commitments_for, dossier_items, item_dossier, letter_facts
from ..services import lifecycle

READ = "supervision.view_supervision"
RUN = "supervision.run_items"
REPORT = "supervision.report_commitment"


def _by(request: HttpRequest) -> User:
    # The login middleware lets no anonymous user reach these views.
    return cast(User, request.user)


def _item(request: HttpRequest, pk: int) -> Item:
    return get_object_or_404(dossier_items(request.user), pk=pk)


def _forms(request: HttpRequest, dossier: Any, bound: dict[str, Any]) -> dict[str, Any]:
    """The office's forms of every step, unbound except the one just refused; each record's own
    form (a question's commitment, a report's receipt) is hung on the record for the template."""
    item, user, today = dossier.item, request.user, dossier.today
    forms: dict[str, Any] = {}
    if dossier.office:
        letter = dossier.letter
        forms = {
            "research_form": ResearchForm(item=item, user=user),
            "version_form": VersionForm(item=item),
            "session_form": SessionForm(item=item),
            "hearing_form": HearingForm(item=item),
            "question_form": QuestionForm(item=item),
            "draft_form": OpinionsDraftForm(initial={"content": letter.content if letter else ""}),
            "send_form": OpinionsSendForm(
                initial={"sent_on": today, "letter_number": letter.letter_number if letter else ""}
            ),
            "poll_form": PollTargetForm(item=item),
            "close_form": CloseForm(initial={"closed_on": today}),
            "follow_up_form": FollowUpForm(item=item, user=user),
        }
        # The units are read once for the question form and every commitment form.
        question_units = cast(Any, forms["question_form"].fields["unit"])
        units = list(question_units.choices)
        question_units.choices = units
        for question in dossier.questions:
            question.commitment_form = bound.get(f"q{question.pk}") or CommitmentForm(
                question=question, unit_choices=units
            )
        for report in dossier.handling_reports:
            report.receive_form = bound.get(f"h{report.pk}") or HandlingReceiveForm(
                report=report, initial={"received_on": today}
            )
            report.verdict_form = bound.get(f"v{report.pk}") or VerdictForm(report=report)
    for commitment in dossier.commitments:
        # Only the unit that made a commitment reports it (and the office).
        if user.has_perm(REPORT, commitment):
            commitment.report_form = bound.get(f"c{commitment.pk}") or CommitmentReportForm(
                commitment=commitment, initial={"done_on": today}
            )
    forms.update({k: v for k, v in bound.items() if k.endswith("_form")})
    forms["refused"] = next(iter(bound.values()), None)
    return forms


def _page(
    request: HttpRequest, item: Item, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    if bound:
        # Read the item again: a refused service may have changed the copy it was given before
        # it refused, and the page must show what is stored.
        item = _item(request, item.pk)
    office = has_named_permission(request.user, RUN)
    dossier = item_dossier(item, office=office, user=request.user)
    context = {
        "item": item,
        "dossier": dossier,
        "report_poll_url": poll_url(item.report_poll),
        "can_run": office,
        # Who changed what, and when, is the office's own record.
        "history": item.history.select_related("history_user")[:20] if office else None,
        **_forms(request, dossier, bound or {}),
    }
    return render(request, "supervision/item_detail.html", context, status=status)


@permission_required(READ)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _item(request, pk))


def _submit(
    request: HttpRequest,
    back: Item,
    form: Any,
    service: Any,
    *,
    success: str,
    name: str,
    **extra: Any,
) -> HttpResponse:
    """Run `service(**cleaned_data, **extra, by=user)` and come back to the dossier; on a
    refusal show the page again with the form as it was posted, under `name`."""
    done = submit_form(
        request,
        form,
        lambda data: service(**data, **extra, by=_by(request)),
        success=success,
        then=back,
    )
    return done or _page(request, back, bound={name: form}, status=400)


@require_POST
@permission_required(RUN)
def research_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = ResearchForm(request.POST, item=item, user=request.user)
    return _submit(
        request,
        item,
        form,
        lifecycle.research_record,
        success=_("已登记调研视察。"),
        name="research_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        VersionForm(request.POST, item=item),
        lifecycle.version_record,
        success=_("已登记报告文本。"),
        name="version_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def session_set(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        SessionForm(request.POST, item=item),
        lifecycle.session_set,
        success=_("已确定会议日期。"),
        name="session_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def hearing_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        HearingForm(request.POST, item=item),
        lifecycle.hearing_record,
        success=_("已记录会议审议情况。"),
        name="hearing_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        QuestionForm(request.POST, item=item),
        lifecycle.question_record,
        success=_("已登记询问问题。"),
        name="question_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("item"), pk=pk
    )
    item = _item(request, question.item_id)
    form = CommitmentForm(request.POST, question=question)
    return _submit(
        request,
        item,
        form,
        lifecycle.commitment_record,
        success=_("已登记应询承诺。"),
        name=f"q{question.pk}",
        question=question,
    )


@require_POST
@permission_required(REPORT)
def commitment_report(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.visible_to(request.user).select_related("question"), pk=pk
    )
    if not request.user.has_perm(REPORT, commitment):
        raise PermissionDenied
    # A liaison reports their unit's commitments on items of other units too, whose dossier
    # they do not open: those come back to the commitment list.
    item = dossier_items(request.user).filter(pk=commitment.question.item_id).first()
    form = CommitmentReportForm(request.POST, commitment=commitment)
    back = request.POST.get("next") == "list"
    done = submit_form(
        request,
        form,
        lambda data: lifecycle.commitment_report(commitment=commitment, **data, by=_by(request)),
        success=_("已报告承诺落实情况。"),
        then="supervision:commitment_list" if back or item is None else item,
    )
    if done:
        return done
    if back or item is None:
        return _commitment_page(request, bound={f"c{commitment.pk}": form}, status=400)
    return _page(request, item, bound={f"c{commitment.pk}": form}, status=400)


COMMITMENT_FILTERS = {
    "": _("全部"),
    "open": _("未完成"),
    "overdue": _("已逾期"),
    "done": _("已完成"),
}


def _commitment_page(
    request: HttpRequest, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    show = request.GET.get("show", "")
    show = show if show in COMMITMENT_FILTERS else ""
    commitments: list[Any] = list(commitments_for(request.user, show=show))
    bound = bound or {}
    today = timezone.localdate()
    for commitment in commitments:
        # Only the unit that made a commitment reports it (and the office).
        if commitment.done_on is None and request.user.has_perm(REPORT, commitment):
            commitment.report_form = bound.get(f"c{commitment.pk}") or CommitmentReportForm(
                commitment=commitment, initial={"done_on": today}
            )
    context = {
        "commitments": commitments,
        "show": show,
        "filters": [(key, str(label)) for key, label in COMMITMENT_FILTERS.items()],
    }
    return render(request, "supervision/commitment_list.html", context, status=status)


@permission_required(READ)
def commitment_list(request: HttpRequest) -> HttpResponse:
    return _commitment_page(request)


@require_POST
@permission_required(RUN)
def opinions_draft(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        OpinionsDraftForm(request.POST),
        lifecycle.opinions_draft,
        success=_("已保存审议意见。"),
        name="draft_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def opinions_send(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    letter = getattr(item, "opinion_letter", None)
    form = OpinionsSendForm(request.POST)
    if letter is None:
        form.is_valid()
        form.add_error(None, _("请先起草审议意见。"))
        return _page(request, item, bound={"send_form": form}, status=400)
    return _submit(
        request,
        item,
        form,
        lifecycle.opinions_send,
        success=_("已交办审议意见。"),
        name="send_form",
        letter=letter,
    )


@permission_required(READ)
def letter_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    letter = getattr(item, "opinion_letter", None)
    # The opinions are made known once sent: a draft letter is the office's alone.
    if letter is None or not (letter.sent_on or has_named_permission(request.user, RUN)):
        raise Http404
    context = {"item": item, "letter": letter, **letter_facts(item, letter)}
    return render(request, "supervision/letter_print.html", context)


@require_POST
@permission_required(RUN)
def handling_report_receive(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(HandlingReport.objects.visible_to(request.user), pk=pk)
    item = _item(request, report.item_id)
    return _submit(
        request,
        item,
        HandlingReceiveForm(request.POST, report=report),
        lifecycle.handling_report_receive,
        success=_("已登记研究处理情况报告。"),
        name=f"h{report.pk}",
        report=report,
    )


@require_POST
@permission_required(RUN)
def poll_start(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = PollTargetForm(request.POST, item=item)
    if not form.is_valid():
        return _page(request, item, bound={"poll_form": form}, status=400)
    report = form.cleaned_data["report"]
    return post_action(
        request,
        lambda: lifecycle.poll_start(item=item, report=report, by=_by(request)),
        success=_("已创建满意度测评（草稿），请在投票测评中开始投票。"),
        then=item,
    )


@require_POST
@permission_required(RUN)
def poll_apply(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = PollTargetForm(request.POST, item=item)
    if not form.is_valid():
        return _page(request, item, bound={"poll_form": form}, status=400)
    report = form.cleaned_data["report"]
    done, verdict = run_action(
        request,
        lambda: lifecycle.poll_apply(item=item, report=report, by=_by(request)),
        success="",
    )
    if done:
        label = HandlingReport.Verdict(verdict).label
        messages.success(request, _("测评结果：%(verdict)s。") % {"verdict": label})
    return redirect(item)


@require_POST
@permission_required(RUN)
def verdict_record(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(HandlingReport.objects.visible_to(request.user), pk=pk)
    item = _item(request, report.item_id)
    return _submit(
        request,
        item,
        VerdictForm(request.POST, report=report),
        lifecycle.verdict_record,
        success=_("已登记测评结果。"),
        name=f"v{report.pk}",
        report=report,
    )


@require_POST
@permission_required(RUN)
def item_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _submit(
        request,
        item,
        CloseForm(request.POST),
        lifecycle.item_close,
        success=_("该监督事项已办结。"),
        name="close_form",
        item=item,
    )


@require_POST
@permission_required(RUN)
def item_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return post_action(
        request,
        lambda: lifecycle.item_publish(item=item, by=_by(request)),
        success=_("已向代表和社会公开。"),
        then=item,
    )


@require_POST
@permission_required(RUN)
def item_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = FollowUpForm(request.POST, item=item, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: lifecycle.item_follow_up(item=item, **data, by=_by(request)),
        success=_("已列入跟踪监督事项。"),
    )
    return done or _page(request, item, bound={"follow_up_form": form}, status=400)


@permission_required(READ)
def dossier_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    office = has_named_permission(request.user, RUN)
    context = {"item": item, "dossier": item_dossier(item, office=office, user=request.user)}
    return render(request, "supervision/dossier_print.html", context)
