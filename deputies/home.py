"""The home page's panel of deputy work: a deputy's own record, a unit's open items, the office's
figures of the year (or, for an administrator, the way to the statistics)."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="deputies",
        template="deputies/_home.html",
        permission="deputies.see_home_panel",
        figures=home_figures,
        # After a deputy's ballots (polls, 25), before the evaluation checklists (40).
        order=30,
    )
)
