"""The polls' menu entries: a deputy's own ballots, and the polls the committee office runs."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, register_menu

register_menu(
    MenuEntry(_("我的投票"), "polls:mine", "polls.list_own_polls", order=12),
    MenuEntry(_("投票测评"), "polls:list", "polls.manage_polls", order=60),
)
