"""Deputy work in the navigation: a deputy's own pages, a liaison's to-do list, and the
committee office's 代表工作 section."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "deputy_work"
OWN = "deputies.keep_own_record"
# Stations, visits, opinions and suggestions are open to more people than the office, who reach
# them from their own entries; the section is the office's.
OFFICE = "deputies.oversee_deputy_work"

register_menu(
    MenuEntry(_("记录履职"), "deputies:visit_create", OWN, order=10),
    MenuEntry(_("我的履职"), "deputies:visit_list", OWN, order=11),
    MenuEntry(_("我的建议"), "deputies:suggestion_list", OWN, order=13),
    MenuEntry(_("我的履职档案"), "deputies:my_record", OWN, order=14),
    MenuEntry(_("待办意见/建议"), "deputies:todo", "deputies.answer_for_unit", order=20),
    MenuEntry(_("代表"), "deputies:deputy_list", "deputies.view_roster", section=SECTION, order=1),
    MenuEntry(_("联络站"), "deputies:station_list", OFFICE, section=SECTION, order=2),
    MenuEntry(_("履职记录"), "deputies:visit_list", OFFICE, section=SECTION, order=3),
    MenuEntry(_("群众意见"), "deputies:opinion_list", OFFICE, section=SECTION, order=4),
    MenuEntry(_("代表建议"), "deputies:suggestion_list", OFFICE, section=SECTION, order=5),
    MenuEntry(
        _("活动"), "deputies:activity_list", "deputies.manage_activities", section=SECTION, order=6
    ),
    MenuEntry(
        _("履职统计"), "deputies:dashboard", "deputies.view_statistics", section=SECTION, order=7
    ),
    MenuEntry(
        _("专项活动"),
        "deputies:campaign_list",
        "deputies.manage_campaigns",
        section=SECTION,
        order=8,
    ),
)
