"""The domain apps that have demo data, in INSTALLED_APPS order (the order `seed_demo` runs them;
core's and accounts' demo is `accounts.demo.seed_all`). Tests that walk every export over the
demo read it from here, so a new app's demo is in them from the day it is added."""

from django.apps import apps
from django.utils.module_loading import module_has_submodule

DOMAIN_DEMOS = tuple(
    config.name
    for config in apps.get_app_configs()
    if config.name not in ("core", "accounts") and module_has_submodule(config.module, "demo")
)
