"""The home page's panel of the expert pool: its senior share against the target and the quarters
that passed without a meeting, for the office of a county that has a pool."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="experts",
        template="experts/_home.html",
        permission="experts.view_work",
        figures=home_figures,
        order=45,
    )
)
