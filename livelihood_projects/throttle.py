"""A small per-address limit on public proposals, counted in the cache (Redis in production)."""

from django.core.cache import cache

PUBLIC_PROPOSALS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def _key(address: str) -> str:
    return f"livelihood:proposals:{address}"


def client_address(request) -> str:
    """The visitor's address. Behind the local reverse proxy REMOTE_ADDR is the proxy itself, so
    X-Real-IP is used then, and only then (the proxy must overwrite it with $remote_addr)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in ("127.0.0.1", "::1"):
        return request.META.get("HTTP_X_REAL_IP") or remote
    return remote


def allow_proposal(address: str) -> bool:
    """Count one proposal from `address`; False once the hourly limit is used up."""
    key = _key(address)
    # add() only sets a missing key, so the window starts with the first proposal of the hour.
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW_SECONDS)
        return True
    return count <= PUBLIC_PROPOSALS_PER_HOUR
