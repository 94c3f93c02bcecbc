from typing import cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import post_action, run_action, submit_form

from . import selectors, services
from .forms import PreferenceForm
from .models import Notification


def _user(request: HttpRequest) -> User:
    # The login middleware lets no anonymous request reach these views.
    return cast(User, request.user)


def inbox(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.visible_to(request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "is_paginated": page.has_other_pages()},
    )


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    run_action(
        request,
        lambda: services.notifications_mark_read(user=_user(request), notification=notification),
        success="",
    )
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    return post_action(
        request,
        lambda: services.notifications_mark_read(user=_user(request)),
        success="",
        then="notifications:inbox",
    )


def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PreferenceForm(
        request.POST or None, instance=selectors.preference_of(user=user), user=user
    )
    done = submit_form(
        request,
        form,
        lambda data: services.preference_set(user=user, **data),
        success=_("提醒方式已保存。"),
        then="notifications:preferences",
    )
    return done or render(request, "notifications/preferences.html", {"form": form})


@permission_required("notifications.manage_deliveries")
def failed_deliveries(request: HttpRequest) -> HttpResponse:
    """Admins see what could not be sent, to check and resend."""
    deliveries = selectors.failed_deliveries(user=_user(request))[:200]
    return render(request, "notifications/failed.html", {"deliveries": deliveries})


@permission_required("notifications.manage_deliveries")
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    delivery = get_object_or_404(selectors.deliveries_in_scope(user=user), pk=pk)
    return post_action(
        request,
        lambda: services.delivery_resend(delivery=delivery, by=user),
        success=_("已重新加入发送队列。"),
        then="notifications:failed",
    )
