"""The embedded default for a developer or a demo: `make run`."""

from .base import *  # noqa: F403

DEBUG = True
