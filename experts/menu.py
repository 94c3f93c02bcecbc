"""The expert pool's entries in the 立法联系与专家 section: the pool for the office and deputies,
the meetings and the work experts joined for the office, the settings for a county's admin."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "legislation"

register_menu(
    MenuEntry(_("咨询专家库"), "experts:pool", "experts.view_pool", section=SECTION, order=10),
    MenuEntry(
        _("专家库会议"), "experts:meeting_list", "experts.view_work", section=SECTION, order=11
    ),
    MenuEntry(
        _("专家参与的工作"),
        "experts:engagement_list",
        "experts.view_work",
        section=SECTION,
        order=12,
    ),
    MenuEntry(
        _("专家库年度报告"), "experts:report", "experts.view_pool", section=SECTION, order=13
    ),
    MenuEntry(
        _("专家库设置"),
        "experts:settings_edit",
        "experts.manage_settings",
        section=SECTION,
        order=14,
    ),
)
