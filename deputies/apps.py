from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("代表与联络站")

    def ready(self) -> None:
        from . import tallies

        post_migrate.connect(tallies.reinstall_after_migrate, sender=self)
