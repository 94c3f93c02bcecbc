from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role


@dataclass
class MenuItem:
    label: str
    url: str = ""
    children: list["MenuItem"] = field(default_factory=list)

    def is_active(self, path: str) -> bool:
        if self.children:
            return any(child.is_active(path) for child in self.children)
        return self.url == path if self.url == "/" else path.startswith(self.url)


def navigation(request) -> dict:
    """The menu for the signed-in user's role, grouped so it fits a phone; public pages get none."""
    user = getattr(request, "user", None)
    items: list[MenuItem] = []
    if user is not None and user.is_authenticated:
        items = _menu(user)
        path = request.path
        for item in items:
            item.active = item.is_active(path)
            for child in item.children:
                child.active = child.is_active(path)
    return {"nav_items": items, "portal_name": settings.PORTAL_NAME}


def public_body(request) -> dict:
    """Who runs this deployment, for the footer, the front door and printouts."""
    return {
        "portal_body": {
            "name": settings.PORTAL_BODY_NAME,
            "address": settings.PORTAL_BODY_ADDRESS,
            "contact": settings.PORTAL_BODY_CONTACT,
            "icp": settings.PORTAL_ICP_NUMBER,
        }
    }


def _menu(user) -> list[MenuItem]:
    def link(label, name):
        return MenuItem(label, reverse(name))

    staff_like = user.is_superuser or user.role in (Role.ADMIN, Role.STAFF)
    menu = [link(_("首页"), "home")]
    if user.role == Role.DEPUTY:
        menu += [
            link(_("记录履职"), "deputies:visit_create"),
            link(_("我的履职"), "deputies:visit_list"),
            link(_("我的投票"), "polls:mine"),
            link(_("我的建议"), "deputies:suggestion_list"),
            link(_("民生实事"), "livelihood_projects:dashboard"),
        ]
    if user.role == Role.LIAISON:
        menu += [
            link(_("待办意见/建议"), "deputies:todo"),
            MenuItem(
                _("工作评议"),
                children=[
                    link(_("工作评议"), "evaluations:round_list"),
                    link(_("审计整改"), "evaluations:problem_list"),
                    link(_("检察建议"), "evaluations:suggestion_list"),
                ],
            ),
            link(_("民生实事"), "livelihood_projects:dashboard"),
        ]
    if staff_like:
        menu += [
            MenuItem(
                _("代表工作"),
                children=[
                    link(_("代表"), "deputies:deputy_list"),
                    link(_("联络站"), "deputies:station_list"),
                    link(_("履职记录"), "deputies:visit_list"),
                    link(_("群众意见"), "deputies:opinion_list"),
                    link(_("代表建议"), "deputies:suggestion_list"),
                    link(_("活动"), "deputies:activity_list"),
                    link(_("履职统计"), "deputies:dashboard"),
                ],
            ),
            MenuItem(
                _("工作评议"),
                children=[
                    link(_("工作评议"), "evaluations:round_list"),
                    link(_("审计整改"), "evaluations:problem_list"),
                    link(_("检察建议"), "evaluations:suggestion_list"),
                    link(_("履职评议"), "evaluations:appraisal_list"),
                ],
            ),
            link(_("民生实事"), "livelihood_projects:dashboard"),
            link(_("投票测评"), "polls:list"),
            MenuItem(
                _("报表与数据"),
                children=[
                    link(_("季度报告"), "reports:quarterly"),
                    link(_("我的导出"), "reports:job_list"),
                    link(_("行政区划"), "core:jurisdiction_list"),
                    link(_("承办单位"), "core:unit_list"),
                    *([link(_("后台管理"), "admin:index")] if user.is_staff else []),
                ],
            ),
        ]
    return menu
