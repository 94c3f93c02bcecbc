from celery import shared_task

from . import outbox


@shared_task(ignore_result=True)
def drain_outbox() -> int:
    return outbox.outbox_drain()
