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
        if user.role == Role.DEPUTY:
            items.append((_("我的投票"), reverse("polls:mine")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("投票测评"), reverse("polls:list")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF, Role.LIAISON):
            items.append((_("工作评议"), reverse("evaluations:round_list")))
            items.append((_("审计整改"), reverse("evaluations:problem_list")))
            items.append((_("检察建议"), reverse("evaluations:suggestion_list")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("履职评议"), reverse("evaluations:appraisal_list")))
        if user.role == Role.DEPUTY:
            items.append((_("记录履职"), reverse("deputies:visit_create")))
            items.append((_("我的履职"), reverse("deputies:visit_list")))
            items.append((_("我的建议"), reverse("deputies:suggestion_list")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("代表"), reverse("deputies:deputy_list")))
            items.append((_("联络站"), reverse("deputies:station_list")))
            items.append((_("履职记录"), reverse("deputies:visit_list")))
            items.append((_("群众意见"), reverse("deputies:opinion_list")))
            items.append((_("代表建议"), reverse("deputies:suggestion_list")))
            items.append((_("活动"), reverse("deputies:activity_list")))
            items.append((_("履职统计"), reverse("deputies:dashboard")))
        if user.role == Role.LIAISON:
            items.append((_("待办意见/建议"), reverse("deputies:todo")))
        if user.is_superuser or user.role in (Role.ADMIN, Role.STAFF):
            items.append((_("行政区划"), reverse("core:jurisdiction_list")))
            items.append((_("承办单位"), reverse("core:unit_list")))
        if user.role or user.is_superuser:
            items.append((_("民生实事"), reverse("livelihood_projects:dashboard")))
        if user.is_staff:
            items.append((_("后台管理"), reverse("admin:index")))
    return {"nav_items": items, "portal_name": settings.PORTAL_NAME}
