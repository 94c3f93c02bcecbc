import logging

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Poll
from .rules import PollStateError

logger = logging.getLogger(__name__)


@shared_task
def close_due_polls() -> int:
    """Close open polls whose closing time has passed, then destroy any key a closed poll left
    behind. Safe to run twice: `poll_close` locks the poll and refuses one that is no longer open."""
    closed = 0
    for poll in Poll.objects.open().filter(closes_at__lte=timezone.now()):
        try:
            services.poll_close(poll=poll, by=None)
        except PollStateError:
            continue  # closed meanwhile by staff or another run
        closed += 1
    services.poll_keys_sweep()
    return closed
