"""What each app adds to the pages every user shares: its menu entries and its home-page panels.

The base app must not import a domain app, so the menu and the home page are assembled from what
the apps register here from their own `menu.py` and `home.py` (discovered at start-up, like the
reminders and the exporters). What a user sees is decided by the entry's named permission alone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: str | Promise
    order: int  # its place among the top-level entries


# The navbar's dropdowns, shared by the apps that fill them; an entry names one by its key.
SECTIONS: dict[str, Section] = {
    "deputy_work": Section(_("代表工作"), 30),
    "supervision": Section(_("常委会监督"), 35),
    "budget": Section(_("预算审查监督"), 37),
    "evaluations": Section(_("工作评议"), 40),
    "legislation": Section(_("立法联系与专家"), 45),
    "data": Section(_("报表与数据"), 90),
}


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    permission: str  # e.g. "deputies.view_visits"; shown to users who have it
    section: str | None = None  # a key of SECTIONS; entries of one section share a dropdown
    order: int = 100  # position among the top level, or within the section


@dataclass(frozen=True)
class HomePanel:
    name: str  # the key of its figures in the template context, e.g. "deputies"
    template: str  # a partial, e.g. "deputies/_home.html", rendered with `figures`
    permission: str  # shown to users who have it
    figures: Callable[..., Any]  # called as figures(user=user)
    order: int = 100


menu_entries: list[MenuEntry] = []
home_panels: list[HomePanel] = []


def register_menu(*entries: MenuEntry) -> None:
    menu_entries.extend(entries)


def register_home(*panels: HomePanel) -> None:
    home_panels.extend(panels)
