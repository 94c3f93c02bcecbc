from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("报表导出")

    def ready(self) -> None:
        # Exporters and importers register themselves when their module is imported; import every
        # app's modules once so the registries are complete before the first request or task.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exporters")
        autodiscover_modules("importers")
        from . import quarterly  # noqa: F401  (the quarterly report spans all apps; it lives here)
