"""The hourly limit on public proposals from one client (the mechanism is core/throttle.py)."""

from django.http import HttpRequest

from core import throttle

PUBLIC_PROPOSALS_PER_HOUR = 5
WINDOW = throttle.WINDOW


def client_key(request: HttpRequest) -> str:
    return throttle.client_key(request, "livelihood_projects.throttle")
