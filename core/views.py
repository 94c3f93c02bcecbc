import logging

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from .filters import UnitFilter
from .models import Jurisdiction, Unit
from .permissions import STAFF_ROLES, RoleRequiredMixin, role_required
from .services import home_summary

logger = logging.getLogger(__name__)


@login_not_required
def home(request):
    user = request.user
    if not user.is_authenticated:
        # A visitor meets the public services first; staff find the login from there.
        return render(request, "core/front_door.html")
    context = {"summary": home_summary(user=user)}
    return render(request, f"core/home_{home_template(user)}.html", context)


def home_template(user) -> str:
    if user.is_portal_admin:
        return "admin"
    return user.role


@role_required(*STAFF_ROLES)
def jurisdiction_list(request):
    jurisdictions = Jurisdiction.objects.visible_to(request.user).select_related("parent")
    return render(request, "core/jurisdiction_list.html", {"jurisdictions": jurisdictions})


@role_required(*STAFF_ROLES)
def jurisdiction_detail(request, pk: int):
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


class UnitListView(RoleRequiredMixin, FilterView):
    allowed_roles = STAFF_ROLES
    filterset_class = UnitFilter
    template_name = "core/unit_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).select_related("jurisdiction")

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


@role_required(*STAFF_ROLES)
def unit_detail(request, pk: int):
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
def favicon(request):
    """Browsers ask for /favicon.ico on their own; send them to the served icon."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
@never_cache
@require_GET
def healthz(request):
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
