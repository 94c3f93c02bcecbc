"""The navigation's 民生实事 entry: everyone who works on the voted projects (staff and admins,
deputies, the responsible units' liaisons); a liaison lands on their unit's projects."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

register_menu(
    MenuEntry(
        _("民生实事"),
        "livelihood_projects:dashboard",
        "livelihood_projects.see_projects",
        order=50,
    )
)
