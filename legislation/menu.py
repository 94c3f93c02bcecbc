"""The 立法联系与专家 section of the navigation: the points, the consultations and the adoption
statistics, for the county's office and deputies."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "legislation"
READ = "legislation.view_legislation"

register_menu(
    MenuEntry(_("基层立法联系点"), "legislation:point_list", READ, section=SECTION, order=10),
    MenuEntry(_("立法意见征询"), "legislation:consultation_list", READ, section=SECTION, order=11),
    MenuEntry(_("建议采纳统计"), "legislation:statistics", READ, section=SECTION, order=12),
)
