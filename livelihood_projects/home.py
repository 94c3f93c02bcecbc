"""The home page's panel of the voted livelihood projects: those in progress in the user's scope
and how many carry the lag warning, for staff and for the responsible units' liaisons."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="livelihood",
        template="livelihood_projects/_home.html",
        permission="livelihood_projects.see_home_panel",
        figures=home_figures,
        order=50,
    )
)
