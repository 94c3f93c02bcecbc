from celery import shared_task

from core import outbox

from . import services


@shared_task
def send_reminders() -> int:
    return services.reminders_send()


@shared_task(acks_late=True)
def deliver(delivery_id: int) -> str | None:
    return services.delivery_attempt(delivery_id=delivery_id)


@shared_task
def retry_deliveries() -> int:
    due = services.deliveries_due()
    for delivery_id in due:
        outbox.enqueue(deliver, delivery_id)
    return len(due)


@shared_task
def send_digests() -> int:
    return services.digests_send()
