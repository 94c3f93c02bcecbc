from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivelihoodProjectsConfig(AppConfig):
    name = "livelihood_projects"
    verbose_name = _("民生实事票决")
