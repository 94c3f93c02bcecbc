from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("报表导出")

    def ready(self) -> None:
        from . import quarterly  # noqa: F401  (the quarterly report spans all apps; it lives here)
