"""The pages of deputies online (public station pages, opinions from the public), for the layout and axe walks (see pages.py)."""

from .pages import Page

PAGES: list[Page] = []

EXCLUDED: dict[str, str] = {}
