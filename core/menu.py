"""The base app's menu entries: the home page, and the administrative tree, the handling units and
the Django admin under 报表与数据."""

from django.utils.translation import gettext_lazy as _

from .registry import MenuEntry, register_menu

register_menu(
    MenuEntry(_("首页"), "home", "core.view_home", order=0),
    MenuEntry(
        _("行政区划"),
        "core:jurisdiction_list",
        "core.browse_jurisdictions",
        section="data",
        order=3,
    ),
    MenuEntry(_("承办单位"), "core:unit_list", "core.browse_units", section="data", order=4),
    MenuEntry(_("后台管理"), "admin:index", "core.use_admin_site", section="data", order=5),
)
