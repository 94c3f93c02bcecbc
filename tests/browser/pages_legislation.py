"""The pages of legislative contact points, for the layout and axe walks (see pages.py)."""

from .pages import Page

PAGES: list[Page] = []

EXCLUDED: dict[str, str] = {}
