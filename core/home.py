"""The home page's panel of the base app: the size of the committee office's scope."""

from .registry import HomePanel, register_home
from .selectors import home_figures

register_home(
    HomePanel(
        name="core",
        template="core/_home.html",
        permission="core.browse_jurisdictions",
        figures=home_figures,
        order=10,
    )
)
