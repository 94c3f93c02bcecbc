"""Enqueue Celery tasks so that a broker outage loses nothing.

`enqueue(task, *args)` sends the task once the current transaction commits, the way every
background job must be started. If the broker cannot take it (Redis down, unreachable), the task's
name and arguments are written to the `OutboxMessage` table instead, and the caller carries on: the
page answers normally and the row the task is about (an export job, a delivery) stays visible as
queued. `outbox_drain` sends what the outbox holds, oldest first; beat runs it every minute, so the
work starts within a minute of the broker coming back.

A failed send costs well under a second: the tasks sent here are fire-and-forget (nobody reads
their results), so they are published with `ignore_result`, which keeps the result backend and its
twenty one-second reconnect attempts out of the request; the publish itself gives up after the
broker transport's own short retry policy (CELERY_BROKER_TRANSPORT_OPTIONS).

Every task sent through here must be safe to run twice: a drain that dies after publishing but
before deleting its row sends the task again on the next run.

In the embedded default (CELERY_TASK_ALWAYS_EAGER) tasks run in-process at commit, as before, and
nothing is recorded.

What this does not cover is a message lost after the commit without a failed publish: the process
dies between the commit and the publish, or Redis restarts without the data it had accepted. A row
written in the caller's transaction (a transactional outbox) would cover only the first, at the
price of a write and a delete on every enqueue. Instead the work each task is about is kept in the
database anyway, so every caller's periodic sweep sends again what was queued long ago and never
started: `reports.services.jobs_reap` for jobs, `notifications.services.deliveries_due` for
deliveries, both after their LOST_AFTER. A new caller of `enqueue` needs the same.
"""

import logging

from celery import current_app
from django.db import transaction

from .models import OutboxMessage

logger = logging.getLogger(__name__)

DRAIN_BATCH = 200


def enqueue(task, *args) -> None:
    """Send `task(*args)` when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send(task.name, list(args)))


def send(name: str, args: list) -> bool:
    """Publish now; on a broker failure record the task in the outbox. True when published."""
    task = current_app.tasks[name]
    if task.app.conf.task_always_eager:
        task.apply_async(args)
        return True
    try:
        _publish(task, args)
    except Exception as exc:  # any broker or network failure: keep the task for later
        logger.warning("broker unavailable, %s kept in the outbox: %s", name, exc)
        OutboxMessage.objects.create(task=name, args=args, attempts=1, last_error=_error(exc))
        return False
    return True


def outbox_drain(*, limit: int = DRAIN_BATCH) -> int:
    """Send kept tasks, oldest first, until the broker refuses one; returns how many were sent.

    Rows are locked while they are sent (skipped by a concurrent drain) and deleted in the same
    transaction, so two drains never send the same row and a crash leaves the row to retry.
    """
    sent = 0
    with transaction.atomic():
        messages = OutboxMessage.objects.select_for_update(skip_locked=True).order_by("pk")
        for message in messages[:limit]:
            task = current_app.tasks.get(message.task)
            if task is None:
                # Renamed or removed since it was kept: it can never be sent; don't block the rest.
                logger.error("outbox: unknown task %s dropped", message.task)
                message.delete()
                continue
            try:
                _publish(task, message.args)
            except Exception as exc:
                OutboxMessage.objects.filter(pk=message.pk).update(
                    attempts=message.attempts + 1, last_error=_error(exc)
                )
                logger.warning("outbox: broker still unavailable: %s", exc)
                break
            message.delete()
            sent += 1
    return sent


def _publish(task, args: list) -> None:
    task.apply_async(args, ignore_result=True)


def _error(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:1000]
