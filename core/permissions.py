"""The one place where actions are checked by role.

Visibility of records is not decided here but in each model's `visible_to(user)` queryset
method; this module only answers "may this kind of user use this page at all".
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.models import Role


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role == Role.ADMIN or user.role in roles


def role_required(*roles: str) -> Callable:
    """Allow the view to admins and to users with one of `roles`; others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin:
    """Class-based counterpart of `role_required`."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


STAFF_ROLES = (Role.STAFF,)
