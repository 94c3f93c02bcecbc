from django.core.management.base import BaseCommand

from accounts.models import Role
from core.demo import DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = "创建或更新演示数据（怀化市及13个县市区、乡镇、承办单位和各角色演示账户），可重复运行。"

    def handle(self, *args, **options):
        logins = seed_all()
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪。演示账户（密码均为 {DEMO_PASSWORD}）：")
        )
        labels = dict(Role.choices)
        for login in logins:
            role = labels.get(login.role, "")
            self.stdout.write(f"  {login.username:<20} {role:<8} {login.description}")
