from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import role_required

from . import services
from .forms import PreferenceForm
from .models import Delivery, Notification, Preference


def inbox(request):
    notifications = Notification.objects.visible_to(request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "is_paginated": page.has_other_pages()},
    )


def open_notification(request, pk: int):
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.notifications_mark_read(user=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def mark_all_read(request):
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:inbox")


def preferences(request):
    preference, _created = Preference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("提醒方式已保存。"))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@role_required()
def failed_deliveries(request):
    """Admins see what could not be sent, to check and resend."""
    deliveries = (
        Delivery.objects.filter(
            status=Delivery.Status.FAILED, notification__recipient__in=_scoped_users(request.user)
        )
        .select_related("notification__recipient")
        .order_by("-id")[:200]
    )
    return render(request, "notifications/failed.html", {"deliveries": deliveries})


@role_required()
@require_POST
def resend(request, pk: int):
    delivery = get_object_or_404(
        Delivery.objects.filter(notification__recipient__in=_scoped_users(request.user)), pk=pk
    )
    services.delivery_resend(delivery=delivery, by=request.user)
    messages.success(request, _("已重新加入发送队列。"))
    return redirect("notifications:failed")


def _scoped_users(user):
    from accounts.models import User

    return User.objects.visible_to(user)
