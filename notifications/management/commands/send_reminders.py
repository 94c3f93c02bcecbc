from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "检查所有到期事项并发送尚未发送的提醒（与定时任务相同，可重复运行）。"

    def handle(self, *args, **options):
        created = services.reminders_send()
        self.stdout.write(self.style.SUCCESS(f"已发送 {created} 条新提醒。"))
