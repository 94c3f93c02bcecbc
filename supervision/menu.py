"""The 常委会监督 section of the navigation: the plan and its items for everyone who follows
supervision (deputies see what was published, a body's liaison its own items), the topic
candidates for the office, and the county's limits and the holiday table for its admin."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "supervision"
READ = "supervision.view_supervision"

register_menu(
    MenuEntry(_("监督计划"), "supervision:plan_list", READ, section=SECTION, order=1),
    MenuEntry(_("监督事项"), "supervision:item_list", READ, section=SECTION, order=2),
    MenuEntry(_("应询承诺"), "supervision:commitment_list", READ, section=SECTION, order=3),
    MenuEntry(
        _("选题线索"),
        "supervision:candidate_list",
        "supervision.view_candidates",
        section=SECTION,
        order=4,
    ),
    MenuEntry(
        _("监督工作设置"),
        "supervision:settings_edit",
        "supervision.manage_settings",
        section=SECTION,
        order=5,
    ),
    MenuEntry(
        _("节假日调整"),
        "supervision:calendar",
        "supervision.manage_calendar",
        section=SECTION,
        order=6,
    ),
)
