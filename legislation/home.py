"""The home page's panel of the contact points: consultations open, public suggestions waiting to
be read, and suggestions sent still waiting for the upper body's answer."""

from core.registry import HomePanel, register_home

from .selectors import home_figures

register_home(
    HomePanel(
        name="legislation",
        template="legislation/_home.html",
        permission="legislation.view_legislation",
        figures=home_figures,
        order=45,
    )
)
