import datetime as dt

import pytest

from notifications.rules import parse_offsets, reminder_key, reminder_stage, retry_delay

DEADLINE = dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (dt.date(2026, 3, 23), None),
        (dt.date(2026, 3, 24), "before-7"),
        (dt.date(2026, 3, 29), "before-7"),
        (dt.date(2026, 3, 30), "before-1"),
        (dt.date(2026, 3, 31), "due"),
        (dt.date(2026, 4, 1), "overdue"),
        (dt.date(2026, 6, 1), "overdue"),
    ],
)
def test_stage_windows(today, stage):
    assert reminder_stage(DEADLINE, today) == stage


def test_custom_offsets():
    assert reminder_stage(DEADLINE, dt.date(2026, 3, 17), (14, 3)) == "before-14"
    assert reminder_stage(DEADLINE, dt.date(2026, 3, 28), (14, 3)) == "before-3"
    assert reminder_stage(DEADLINE, dt.date(2026, 3, 16), (14, 3)) is None


def test_parse_offsets():
    assert parse_offsets("7,1") == (7, 1)
    assert parse_offsets("1， 7, 7") == (7, 1)
    for bad in ("", "a", "0", "-1", "100"):
        with pytest.raises(ValueError, match="提前提醒天数"):
            parse_offsets(bad)


def test_key_and_backoff():
    assert reminder_key("deputies.suggestion", 5, "due", 9) == "deputies.suggestion:5:due:9"
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 10)] == [1, 2, 4, 8, 60]
