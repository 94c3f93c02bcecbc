import logging

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from .filters import UnitFilter
from .models import Jurisdiction, Unit
from .selectors import home as home_panels

logger = logging.getLogger(__name__)


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        # A visitor meets the public services first; staff find the login from there.
        return render(request, "core/front_door.html")
    panels = home_panels(user=user)
    context = {"panels": panels, "summary": {panel.name: figures for panel, figures in panels}}
    return render(request, "core/home.html", context)


# Core names its permissions; which roles hold them is decided in accounts/core_permissions.py.
@permission_required("core.browse_jurisdictions", raise_exception=True)
def jurisdiction_list(request: HttpRequest) -> HttpResponse:
    jurisdictions = Jurisdiction.objects.visible_to(request.user).select_related("parent")
    return render(request, "core/jurisdiction_list.html", {"jurisdictions": jurisdictions})


@permission_required("core.browse_jurisdictions", raise_exception=True)
def jurisdiction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    jurisdiction = get_object_or_404(
        Jurisdiction.objects.visible_to(request.user).select_related("parent"), pk=pk
    )
    context = {
        "jurisdiction": jurisdiction,
        "children": jurisdiction.children.all(),
        "units": jurisdiction.units.all(),
        "history": jurisdiction.history.select_related("history_user")[:20],
    }
    return render(request, "core/jurisdiction_detail.html", context)


class UnitListView(PermissionRequiredMixin, FilterView):
    permission_required = "core.browse_units"
    raise_exception = True
    filterset_class = UnitFilter
    template_name = "core/unit_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).select_related("jurisdiction")

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


@permission_required("core.browse_units", raise_exception=True)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk
    )
    context = {
        "unit": unit,
        "liaisons": unit.liaisons.filter(is_active=True),
        "history": unit.history.select_related("history_user")[:20],
    }
    return render(request, "core/unit_detail.html", context)


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own; send them to the served icon."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report the state of the database and Redis for load balancers and container checks."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    healthy = all(state in ("ok", "not configured") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # any failure means "not usable", whatever the driver raises
        logger.exception("healthz: database check failed")
        return "error"


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
        return "ok"
    except redis.RedisError:
        logger.warning("healthz: redis check failed")
        return "error"
