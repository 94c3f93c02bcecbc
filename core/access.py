"""Asking whether the apps' rules grant a user a named permission, for what every page renders
(the menu, the home page's panels, the user menu) and for the admin site.

Not `user.has_perm`, for two reasons. It asks every authentication backend until one says yes, so
for a permission the user lacks it also asks Django's model-permission backend, which loads the
user's and their groups' permissions (two queries); the menu asks for permissions most users lack
on every page. And it grants an active superuser every permission, so a superuser's menu and home
would hold every role's entries at once (a deputy's 记录履职, a liaison's to-do list); the role
predicates already count a superuser as an admin (`accounts.permissions.is_admin`), which gives
them an admin's menu and home. A name no app registered with `rules` goes to `has_perm`.
"""

from typing import Any

import rules


def has_named_permission(user: Any, permission: str) -> bool:
    if rules.perm_exists(permission):
        return bool(rules.has_perm(permission, user))
    return bool(user.has_perm(permission))
