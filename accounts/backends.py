"""The model backend, reading the signed-in user with their jurisdiction in one query.

Every page names the user's jurisdiction (the user menu) and most ask it for the scope of what
they list; Django's ModelBackend reads the user alone, and the jurisdiction a query later.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("jurisdiction").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
