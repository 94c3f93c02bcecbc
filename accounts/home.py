"""The home page's panels about the user: who they are and where they work (for everyone), and
the accounts of their scope (for those who manage users)."""

from typing import Any

from core.registry import HomePanel, register_home

from .models import User
from .selectors import home_figures


def _no_figures(*, user: User) -> dict[str, Any]:
    return {}


register_home(
    HomePanel(
        name="welcome",
        template="accounts/_welcome.html",
        permission="core.view_home",
        figures=_no_figures,
        order=0,
    ),
    HomePanel(
        name="accounts",
        template="accounts/_home.html",
        permission="accounts.manage_users",
        figures=home_figures,
        order=20,
    ),
)
