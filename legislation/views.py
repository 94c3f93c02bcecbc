"""The office's and the deputies' pages of the contact points: the network of points, each
consultation with its articles, channels and suggestions, the report to the upper body and the
adoption statistics."""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import post_action, submit_form

from . import selectors, services
from .forms import (
    ArticlesForm,
    ChannelForm,
    CollectionPointForm,
    ConsultationForm,
    DeputySuggestionForm,
    DispositionForm,
    InformantForm,
    MergeForm,
    PointForm,
    RecordedSuggestionForm,
    RejectForm,
    RewriteForm,
    SendForm,
)
from .models import Consultation, ContactPoint, Suggestion

READ = "legislation.view_legislation"
MANAGE = "legislation.manage_legislation"
DEPUTY = "legislation.suggest_as_deputy"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _point(request: HttpRequest, pk: int) -> ContactPoint:
    points = ContactPoint.objects.visible_to(request.user).select_related("county")
    return get_object_or_404(points, pk=pk)


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultations = Consultation.objects.visible_to(request.user).select_related("point__county")
    return get_object_or_404(consultations, pk=pk)


def _suggestion(request: HttpRequest, pk: int) -> Suggestion:
    suggestions = Suggestion.objects.visible_to(request.user).select_related(
        "consultation__point__county", "article", "merged_into", "channel"
    )
    return get_object_or_404(suggestions, pk=pk)


def _refused(request: HttpRequest, form: Any, then: Any) -> HttpResponse:
    """A button's small form typed wrong: say what, on the page it came from."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(then)


def _form(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(request, "legislation/form.html", context, status=status)


# --- Points ------------------------------------------------------------------------------------


@permission_required(READ)
def point_list(request: HttpRequest) -> HttpResponse:
    context = {"points": selectors.point_rows(_user(request))}
    return render(request, "legislation/point_list.html", context)


@permission_required(MANAGE)
def point_create(request: HttpRequest) -> HttpResponse:
    form = PointForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.point_create(by=_user(request), **data),
        success=_("已新建基层立法联系点。"),
    )
    return done or _form(request, {"form": form, "title": _("新建基层立法联系点")})


@permission_required(READ)
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    context = {
        "point": point,
        "collection_points": point.collection_points.all(),
        "informants": point.informants.select_related("collection_point"),
        "consultations": selectors.consultation_rows(_user(request)).filter(point=point),
    }
    return render(request, "legislation/point_detail.html", context)


@permission_required(MANAGE)
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = PointForm(request.POST or None, instance=point, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.point_update(point=point, by=_user(request), **data),
        success=_("已保存。"),
    )
    return done or _form(request, {"form": form, "title": _("修改联系点"), "back": point})


@permission_required(MANAGE)
def collection_point_create(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = CollectionPointForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.collection_point_add(point=point, by=_user(request), **data),
        success=_("已添加信息采集点。"),
        then=point,
    )
    context = {"form": form, "title": _("添加信息采集点"), "back": point}
    return done or _form(request, context)


@permission_required(MANAGE)
def informant_create(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = InformantForm(request.POST or None, point=point)
    done = submit_form(
        request,
        form,
        lambda data: services.informant_add(point=point, by=_user(request), **data),
        success=_("已添加信息员。"),
        then=point,
    )
    context = {"form": form, "title": _("添加信息员"), "back": point}
    return done or _form(request, context)


# --- Consultations -----------------------------------------------------------------------------


@permission_required(READ)
def consultation_list(request: HttpRequest) -> HttpResponse:
    context = {"consultations": selectors.consultation_rows(_user(request))}
    return render(request, "legislation/consultation_list.html", context)


@permission_required(MANAGE)
def consultation_create(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.consultation_create(by=_user(request), **data),
        success=_("已新建立法意见征询，请导入草案条文。"),
    )
    return done or _form(request, {"form": form, "title": _("新建立法意见征询")})


@permission_required(READ)
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    user = _user(request)
    context = {
        "consultation": consultation,
        "rows": selectors.consultation_suggestions(consultation, user),
        "channels": consultation.channels.all(),
        "counts": selectors.consultation_counts(consultation),
        "is_open": consultation.is_open_on(timezone.localdate()),
        "send_form": SendForm(initial={"sent_on": timezone.localdate()}),
    }
    return render(request, "legislation/consultation_detail.html", context)


@permission_required(MANAGE)
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = ConsultationForm(request.POST or None, instance=consultation, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.consultation_update(
            consultation=consultation, by=_user(request), **data
        ),
        success=_("已保存。"),
    )
    context = {"form": form, "title": _("修改立法意见征询"), "back": consultation}
    return done or _form(request, context)


@permission_required(MANAGE)
def articles_import(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = ArticlesForm(request.POST or None, request.FILES or None)
    done = submit_form(
        request,
        form,
        lambda data: services.articles_import(
            consultation=consultation, text=data["text"], by=_user(request)
        ),
        success=_("已导入草案条文。"),
        then=consultation,
    )
    context = {
        "form": form,
        "title": _("导入草案条文"),
        "back": consultation,
        "multipart": True,
    }
    return done or _form(request, context)


@permission_required(MANAGE)
def channel_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = ChannelForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.channel_add(consultation=consultation, by=_user(request), **data),
        success=_("已记录征询渠道。"),
        then=consultation,
    )
    context = {"form": form, "title": _("记录征询渠道"), "back": consultation}
    return done or _form(request, context)


@permission_required(READ)
def suggestion_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A deputy sends their own suggestion; the office enters one heard at a symposium or
    brought in by an informant."""
    consultation = _consultation(request, pk)
    user = _user(request)
    form: DeputySuggestionForm
    if user.has_perm(MANAGE):
        form = RecordedSuggestionForm(request.POST or None, consultation=consultation)
        service: Any = services.suggestion_record
    elif user.has_perm(DEPUTY):
        form = DeputySuggestionForm(request.POST or None, consultation=consultation)
        service = services.deputy_suggestion_submit
    else:
        raise PermissionDenied
    done = submit_form(
        request,
        form,
        lambda data: service(consultation=consultation, by=user, **data)[0],
        success=_("已提交建议。"),
        then=consultation,
    )
    context = {"form": form, "title": _("提出意见建议"), "back": consultation}
    return done or _form(request, context)


@require_POST
@permission_required(MANAGE)
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = SendForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, consultation)
    sent_on = form.cleaned_data["sent_on"]
    return post_action(
        request,
        lambda: services.report_send(consultation=consultation, sent_on=sent_on, by=_user(request)),
        success=_("已报送汇总建议。"),
        then=consultation,
    )


@permission_required(READ)
def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    rows = selectors.report_rows(consultation)
    context = {
        "consultation": consultation,
        "rows": [(row, selectors.source_text(row)) for row in rows],
    }
    return render(request, "legislation/report_print.html", context)


@permission_required(READ)
def statistics(request: HttpRequest) -> HttpResponse:
    context = {"stats": selectors.statistics(_user(request))}
    return render(request, "legislation/statistics.html", context)


# --- One suggestion ----------------------------------------------------------------------------


@permission_required(READ)
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    context = {
        "suggestion": suggestion,
        "merged": suggestion.merged.all(),
        "reject_form": RejectForm(),
        "merge_form": MergeForm(targets=selectors.merge_targets(suggestion)),
        "rewrite_form": RewriteForm(
            initial={"suggested_text": suggestion.suggested_text, "reason": suggestion.reason}
        ),
        "disposition_form": DispositionForm(
            initial={
                "disposition": suggestion.disposition,
                "note": suggestion.disposition_note,
                "answered_on": suggestion.answered_on or timezone.localdate(),
            }
        ),
    }
    return render(request, "legislation/suggestion_detail.html", context)


@require_POST
@permission_required(MANAGE)
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    return post_action(
        request,
        lambda: services.suggestion_moderate(suggestion=suggestion, accept=True, by=_user(request)),
        success=_("已受理。"),
        then=suggestion,
    )


@require_POST
@permission_required(MANAGE)
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    form = RejectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return post_action(
        request,
        lambda: services.suggestion_moderate(
            suggestion=suggestion, accept=False, note=note, by=_user(request)
        ),
        success=_("已不予受理。"),
        then=suggestion,
    )


@require_POST
@permission_required(MANAGE)
def suggestion_merge(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    form = MergeForm(request.POST, targets=selectors.merge_targets(suggestion))
    if not form.is_valid():
        return _refused(request, form, suggestion)
    into = form.cleaned_data["into"]
    return post_action(
        request,
        lambda: services.suggestion_merge(suggestion=suggestion, into=into, by=_user(request)),
        success=_("已合并。"),
        then=into,
    )


@require_POST
@permission_required(MANAGE)
def suggestion_rewrite(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    form = RewriteForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.suggestion_rewrite(suggestion=suggestion, by=_user(request), **data),
        success=_("已保存规范表述。"),
        then=suggestion,
    )
    context = {"form": form, "title": _("改写为规范表述"), "back": suggestion}
    return done or _form(request, context)


@require_POST
@permission_required(MANAGE)
def suggestion_disposition(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    form = DispositionForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.disposition_record(suggestion=suggestion, by=_user(request), **data),
        success=_("已登记采纳情况。"),
        then=suggestion,
    )
    context = {"form": form, "title": _("登记采纳情况"), "back": suggestion}
    return done or _form(request, context)
