"""The 预算审查监督 section of the navigation: budgets for the office and deputies, warnings and
imports for the office, the problems for the office and the units that answer them, and the
county's thresholds for its admin."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "budget"

register_menu(
    MenuEntry(
        _("预算与执行"), "budget:budget_list", "budget.view_budget", section=SECTION, order=1
    ),
    MenuEntry(_("预警"), "budget:warning_list", "budget.view_warnings", section=SECTION, order=2),
    MenuEntry(
        _("问题整改"), "budget:problem_list", "budget.view_problems", section=SECTION, order=3
    ),
    MenuEntry(_("数据导入"), "budget:imports", "budget.import_budget", section=SECTION, order=4),
    MenuEntry(
        _("预算监督设置"),
        "budget:settings_edit",
        "budget.manage_settings",
        section=SECTION,
        order=5,
    ),
    MenuEntry(
        _("预算监督看板"), "budget:dashboard", "budget.view_dashboard", section=SECTION, order=6
    ),
    MenuEntry(
        _("季度公开"),
        "budget:publication_list",
        "budget.publish_quarter",
        section=SECTION,
        order=7,
    ),
)

register_menu(
    MenuEntry(
        _("乡镇预算审查"),
        "budget:review_matrix",
        "budget.view_township_review",
        section=SECTION,
        order=8,
    ),
    MenuEntry(_("两问四评"), "budget:fund_list", "budget.view_funds", section=SECTION, order=9),
    MenuEntry(
        _("两问四评指标"),
        "budget:fund_settings",
        "budget.manage_fund_settings",
        section=SECTION,
        order=10,
    ),
)
