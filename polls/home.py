"""The home page's polls panel: a deputy's ballots to cast, and for the committee staff the
number of polls running in their scope."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="polls",
        template="polls/_home.html",
        permission="polls.see_home_panel",
        figures=home_figures,
        # Before the deputies' own work: a ballot has a closing time, a visit does not.
        order=25,
    )
)
