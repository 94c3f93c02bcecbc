"""The home page's panel of supervision: items still open and deadlines missed, in the user's
scope."""

from core.registry import HomePanel, register_home

from .selectors.home import home_figures

register_home(
    HomePanel(
        name="supervision",
        template="supervision/_home.html",
        permission="supervision.view_supervision",
        figures=home_figures,
        order=35,
    )
)
