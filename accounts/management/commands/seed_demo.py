from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from accounts.demo import DEMO_PASSWORD, logins
from accounts.models import Role


class Command(BaseCommand):
    help = "创建或更新演示数据（怀化市及13个县市区、乡镇、承办单位和各角色演示账户），可重复运行。"

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app with demo data has `<app>/demo.py` with an idempotent `seed()`; they run in
        # INSTALLED_APPS order, so core's jurisdictions and units come first, then the users
        # (this app), then the domain apps that build on both.
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "demo"):
                with transaction.atomic():
                    import_module(f"{config.name}.demo").seed()
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪。演示账户（密码均为 {DEMO_PASSWORD}）：")
        )
        labels = dict(Role.choices)
        for login in logins():
            role = labels.get(login.role, "")
            self.stdout.write(f"  {login.username:<20} {role:<8} {login.description}")
        # Run the reminder task once now, as beat would within the hour, so the demo's inboxes
        # show what is due and overdue today; each reminder's unique key makes a rerun add none.
        # Through its command, by name: accounts sits below the notifications app.
        call_command("send_reminders", stdout=self.stdout)
