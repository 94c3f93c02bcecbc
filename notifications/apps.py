from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("提醒与通知")

    def ready(self) -> None:
        # Each app declares what falls due in its own `reminders.py`; import them all once.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("reminders")
