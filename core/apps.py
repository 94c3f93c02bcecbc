from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("行政区划与承办单位")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app names its permissions and adds its menu entries and home panels itself, so
        # this app never imports one of them (see core/registry.py and accounts/permissions.py).
        autodiscover_modules("permissions", "menu", "home")
