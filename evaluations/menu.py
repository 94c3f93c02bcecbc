"""The 工作评议 section of the navigation: the liaisons of evaluated units see the three
checklists, the committee office the appraisal of heads too."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

SECTION = "evaluations"
READ = "evaluations.view_evaluations"

register_menu(
    MenuEntry(_("工作评议"), "evaluations:round_list", READ, section=SECTION, order=1),
    MenuEntry(_("审计整改"), "evaluations:problem_list", READ, section=SECTION, order=2),
    MenuEntry(_("检察建议"), "evaluations:suggestion_list", READ, section=SECTION, order=3),
    MenuEntry(
        _("履职评议"),
        "evaluations:appraisal_list",
        "evaluations.manage_appraisals",
        section=SECTION,
        order=4,
    ),
)
