"""The pages of the expert pool, for the layout and axe walks (see pages.py)."""

from .pages import Page

PAGES: list[Page] = []

EXCLUDED: dict[str, str] = {}
