"""The home page's panel of budget supervision: warnings to weigh and problems in rectification."""

from core.registry import HomePanel, register_home

from .selectors.pages import home_figures

register_home(
    HomePanel(
        name="budget",
        template="budget/_home.html",
        permission="budget.view_problems",
        figures=home_figures,
        order=37,
    )
)
