from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("用户与角色")

    def ready(self) -> None:
        # The base app's permission names, bound to roles here (core cannot import a role).
        from . import core_permissions  # noqa: F401
