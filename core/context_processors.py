from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role


def navigation(request) -> dict:
    """The menu for the signed-in user's role; public pages get none."""
    user = getattr(request, "user", None)
    items: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        items.append((_("首页"), reverse("home")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF, Role.LIAISON):
            items.append((_("工作评议"), reverse("evaluations:round_list")))
            items.append((_("审计整改"), reverse("evaluations:problem_list")))
            items.append((_("检察建议"), reverse("evaluations:suggestion_list")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("履职评议"), reverse("evaluations:appraisal_list")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("行政区划"), reverse("core:jurisdiction_list")))
            items.append((_("承办单位"), reverse("core:unit_list")))
        if user.role or user.is_superuser:
            items.append((_("民生实事"), reverse("livelihood_projects:dashboard")))
        if user.is_staff:
            items.append((_("后台管理"), reverse("admin:index")))
    return {"nav_items": items, "portal_name": settings.PORTAL_NAME}
