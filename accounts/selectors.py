"""Reads about accounts for the pages every user shares."""

from typing import Any

from .models import User


def home_figures(*, user: User) -> dict[str, Any]:
    """What an admin's home page shows of the accounts in their scope: active users per role."""
    return {"users_by_role": User.objects.visible_to(user).filter(is_active=True).count_by_role()}
