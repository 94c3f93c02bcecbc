"""What each app adds to the pages every user shares: its menu entries and its home-page panels.

The base app must not import a domain app, so the menu and the home page are assembled from what
the apps register here from their own `menu.py` and `home.py` (discovered at start-up, like the
reminders and the exporters). What a user sees is decided by the entry's named permission alone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

# Menu sections, in the order the navbar shows them; an entry without a section stands alone.
SECTIONS: dict[str, int] = {}


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    permission: str  # e.g. "deputies.view_visits"; shown to users who have it
    section: str | Promise | None = None  # entries of one section share a dropdown
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
