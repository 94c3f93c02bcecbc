"""What falls due: each app registers a source that yields its open deadlines.

A source is a function `(today) -> Iterable[Due]`. It is asked on every run of the reminder task
and answers from the current state of its records, so a reply that arrives in the meantime simply
stops the reminders; nothing is scheduled ahead.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from accounts.models import User


@dataclass(frozen=True)
class Due:
    source: str  # e.g. "deputies.suggestion"
    object_id: int | str
    deadline: dt.date
    title: str  # what is due, in Chinese: "代表建议 2024-031 答复"
    url: str
    jurisdiction_id: int | None  # whose offsets apply (a county)
    recipients: tuple[User, ...]  # users reminded before and on the day
    escalate_to: tuple[User, ...] = field(default=())  # users told too once overdue


Source = Callable[[dt.date], Iterable[Due]]

sources: dict[str, Source] = {}


def due_source(name: str) -> Callable[[Source], Source]:
    def decorator(func: Source) -> Source:
        sources[name] = func
        return func

    return decorator
