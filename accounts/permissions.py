"""Who a user is, as predicates every app's permissions build on; the only place roles are compared.

Each app names what a user may do in its own `permissions.py`, for example
`rules.add_perm("polls.manage_poll", is_office)`, and everything asks Django's permission API:
views through `permission_required` / `PermissionRequiredMixin` below, templates through
`{% if perms.polls.manage_poll %}` or `{% has_perm "deputies.reply_opinion" user opinion as ok %}`
(`{% load rules %}`), exporters, importers and menu entries through their `permission`.
Superusers hold every permission (Django's ModelBackend answers yes for them).

Records are not filtered here: what a user may see is each model's `visible_to(user)` queryset.
Rule names must not reuse Django's model permission codenames (add_/change_/delete_/view_<model>),
which the admin grants through groups.
"""

from collections.abc import Callable
from typing import Any

import rules
from rules.contrib.views import PermissionRequiredMixin as _RulesPermissionRequiredMixin
from rules.contrib.views import permission_required as _rules_permission_required

from .models import Role


@rules.predicate
def is_admin(user: Any) -> bool:
    """A portal administrator of a jurisdiction, or a superuser."""
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_staff(user: Any) -> bool:
    """Standing-committee office staff (工作人员)."""
    return bool(user.is_authenticated and user.role == Role.STAFF)


@rules.predicate
def is_deputy(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.DEPUTY)


@rules.predicate
def is_liaison(user: Any) -> bool:
    """The liaison of a handling unit (承办单位联络员)."""
    return bool(user.is_authenticated and user.role == Role.LIAISON)


# The committee office: admins and staff, who run the practices of their jurisdiction.
is_office = is_admin | is_staff

rules.add_perm("accounts.manage_users", is_admin)


def permission_required(
    perm: str | tuple[str, ...], fn: Callable[..., Any] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse the view with 403 unless the user has `perm` (on the object `fn(request, ...)`
    returns, when given). Anonymous users never get here: the login middleware sends them away."""
    decorator: Callable[[Callable[..., Any]], Callable[..., Any]]
    decorator = _rules_permission_required(perm, fn=fn, raise_exception=True)
    return decorator


class PermissionRequiredMixin(_RulesPermissionRequiredMixin):
    """Class-based counterpart of `permission_required`: set `permission_required = "app.perm"`."""

    raise_exception = True
