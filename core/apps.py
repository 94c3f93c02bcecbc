from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("行政区划与承办单位")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app names its permissions, adds its menu entries and home panels, and registers
        # its exporters and importers itself, so this app never imports one of them (see
        # core/registry.py, core/exchange/ and accounts/permissions.py). Importing every app's
        # modules once makes the registries complete before the first request or task.
        autodiscover_modules("permissions", "menu", "home", "exporters", "importers")

        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_renewed_at_login

        user_logged_in.connect(session_renewed_at_login, dispatch_uid="core.session_renewed")
