from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from . import registry
from .access import has_named_permission


@dataclass
class MenuItem:
    label: str
    url: str = ""
    children: list["MenuItem"] = field(default_factory=list)
    active: bool = False

    def is_active(self, path: str) -> bool:
        if self.children:
            return any(child.is_active(path) for child in self.children)
        return self.url == path if self.url == "/" else path.startswith(self.url)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu of what the signed-in user may use (what each app registered in its `menu.py`),
    grouped so it fits a phone; public pages get none."""
    user = getattr(request, "user", None)
    items: list[MenuItem] = []
    if user is not None and user.is_authenticated:
        items = _menu(user)
        path = request.path
        for item in items:
            item.active = item.is_active(path)
            for child in item.children:
                child.active = child.is_active(path)
    return {"nav_items": items, "portal_name": settings.PORTAL_NAME}


def public_body(request: HttpRequest) -> dict[str, Any]:
    """Who runs this deployment, for the footer, the front door and printouts."""
    return {
        "portal_body": {
            "name": settings.PORTAL_BODY_NAME,
            "address": settings.PORTAL_BODY_ADDRESS,
            "contact": settings.PORTAL_BODY_CONTACT,
            "icp": settings.PORTAL_ICP_NUMBER,
        }
    }


def _menu(user: Any) -> list[MenuItem]:
    """The entries the user may use, top-level ones and sections in their order, each section a
    dropdown of its entries; a section with no entry for the user is left out."""
    ordered: list[tuple[int, MenuItem]] = []
    sections: dict[str, MenuItem] = {}
    for entry in sorted(registry.menu_entries, key=lambda entry: entry.order):
        if not has_named_permission(user, entry.permission):
            continue
        item = MenuItem(str(entry.label), reverse(entry.url_name))
        if entry.section is None:
            ordered.append((entry.order, item))
            continue
        if entry.section not in sections:
            section = registry.SECTIONS[entry.section]
            sections[entry.section] = MenuItem(str(section.label))
            ordered.append((section.order, sections[entry.section]))
        sections[entry.section].children.append(item)
    return [item for _order, item in sorted(ordered, key=lambda pair: pair[0])]
