"""Pure rules for reminders and notices: which stage a deadline is in on a given day, and the
unique keys that make each one be sent once."""

import datetime as dt
from collections.abc import Sequence

DEFAULT_OFFSETS = (7, 1)

DUE = "due"
OVERDUE = "overdue"


def reminder_stage(
    deadline: dt.date, today: dt.date, offsets: Sequence[int] = DEFAULT_OFFSETS
) -> str | None:
    """The reminder stage a deadline is in on `today`, or None when nothing is due yet.

    Stages are windows, not single days: with offsets (7, 1) the "before-7" stage runs from 7 days
    to 2 days ahead, "before-1" is the day before, then "due" on the day and "overdue" after. A
    scheduler that missed a day therefore still sends the reminder that matters now, and since each
    stage is sent once, nobody receives the earlier ones late.
    """
    days_left = (deadline - today).days
    if days_left < 0:
        return OVERDUE
    if days_left == 0:
        return DUE
    for offset in sorted(o for o in offsets if o > 0):
        if days_left <= offset:
            return f"before-{offset}"
    return None


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "7,1" → (7, 1); raises ValueError with a Chinese message on anything else."""
    try:
        values = tuple(
            sorted(
                {int(part) for part in text.replace("，", ",").split(",") if part.strip()},
                reverse=True,
            )
        )
    except ValueError:
        raise ValueError("提前提醒天数应为逗号分隔的正整数，例如 7,1。") from None
    if not values or any(v <= 0 or v > 90 for v in values):
        raise ValueError("提前提醒天数应为 1 到 90 之间的整数，例如 7,1。")
    return values


def reminder_key(source: str, object_id: int | str, stage: str, recipient_id: int) -> str:
    """Identifies one reminder; the database refuses a second row with the same key."""
    return f"{source}:{object_id}:{stage}:{recipient_id}"


def notice_key(event: str, about: int | str, recipient_id: int) -> str:
    """Identifies one notice of an event: "deputies.suggestion.assigned:31:7" + ":" + recipient.

    `about` names the record and whatever makes this occurrence of the event new (the unit it
    went to, the version that was written), so a retried call finds its notice already there.
    """
    return f"{event}:{about}:{recipient_id}"


def retry_delay(attempt: int) -> dt.timedelta:
    """Backoff before the next delivery attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return dt.timedelta(minutes=min(60, 2 ** max(0, attempt - 1)))
