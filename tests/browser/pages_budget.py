"""The pages of budget review, for the layout and axe walks (see pages.py)."""

from .pages import Page

PAGES: list[Page] = []

EXCLUDED: dict[str, str] = {}
