"""The home page's panel of the evaluation checklists: open and overdue items in the user's scope,
for the committee office and the units' liaisons."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="evaluations",
        template="evaluations/_home.html",
        permission="evaluations.view_evaluations",
        figures=home_figures,
        order=40,
    )
)
