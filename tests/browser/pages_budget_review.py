"""The pages of township budget review and 两问四评 of major funds, for the layout and axe walks
(see pages.py)."""

from .pages import Page

PAGES: list[Page] = []

EXCLUDED: dict[str, str] = {}
