"""The reports' entries under 报表与数据: the quarterly report and the user's exports.

The data menu is the committee office's; everyone else reaches their exports from the user menu.
"""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

register_menu(
    MenuEntry(
        _("季度报告"),
        "reports:quarterly",
        "reports.view_quarterly_report",
        section="data",
        order=1,
    ),
    MenuEntry(
        _("我的导出"), "reports:job_list", "reports.view_quarterly_report", section="data", order=2
    ),
)
