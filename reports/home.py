"""The home page's last panel for the committee office: the reports and the reference lists."""

from typing import Any

from accounts.models import User
from core.registry import HomePanel, register_home


def _no_figures(*, user: User) -> dict[str, Any]:
    return {}


register_home(
    HomePanel(
        name="reports",
        template="reports/_home.html",
        permission="reports.view_quarterly_report",
        figures=_no_figures,
        order=900,
    )
)
