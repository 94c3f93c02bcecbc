from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from deputies import rules


@pytest.mark.parametrize(
    ("assigned", "due"),
    [
        (date(2024, 1, 31), date(2024, 4, 30)),
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2024, 3, 15), date(2024, 6, 15)),
        (date(2024, 10, 1), date(2025, 1, 1)),
    ],
)
def test_reply_is_due_three_calendar_months_after_assignment(assigned, due):
    assert rules.reply_due_on(assigned) == due


def test_extension_needs_a_reason_and_stays_within_six_months():
    assigned, due = date(2024, 1, 31), date(2024, 4, 30)
    rules.check_extension(
        assigned_on=assigned, current_due_on=due, new_due_on=date(2024, 7, 31), reason="需协调资金"
    )
    with pytest.raises(ValidationError) as exc:
        rules.check_extension(
            assigned_on=assigned, current_due_on=due, new_due_on=date(2024, 6, 1), reason=" "
        )
    assert "理由" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        rules.check_extension(
            assigned_on=assigned, current_due_on=due, new_due_on=date(2024, 8, 1), reason="x"
        )
    assert "2024-07-31" in str(exc.value)


def test_micro_suggestion_deadline_counts_days():
    assert rules.micro_suggestion_due_on(date(2024, 5, 1), 15) == date(2024, 5, 16)


def test_announcement_five_days_ahead_or_with_reason():
    announced = datetime(2024, 6, 1, 18, 0)
    rules.check_announcement(
        announced_at=announced, starts_at=datetime(2024, 6, 6, 9, 0), late_reason=""
    )
    with pytest.raises(ValidationError) as exc:
        rules.check_announcement(
            announced_at=announced, starts_at=datetime(2024, 6, 5, 9, 0), late_reason=""
        )
    assert "至少提前5天" in str(exc.value)
    rules.check_announcement(
        announced_at=announced, starts_at=datetime(2024, 6, 5, 9, 0), late_reason="法官临时调整"
    )
    with pytest.raises(ValidationError):
        rules.check_announcement(
            announced_at=announced, starts_at=datetime(2024, 6, 1, 9, 0), late_reason="x"
        )


def test_visit_rules():
    today = date(2024, 6, 1)
    rules.check_visit(visited_on=today, today=today, people_received=0)
    with pytest.raises(ValidationError) as exc:
        rules.check_visit(visited_on=date(2024, 6, 2), today=today, people_received=-1)
    assert set(exc.value.message_dict) == {"visited_on", "people_received"}


@pytest.mark.parametrize(
    ("value", "ok"),
    [("13812345678", True), ("19912345678", True), ("12812345678", False), ("1381234567", False)],
)
def test_mainland_mobile(value, ok):
    assert rules.is_mobile(value) is ok


def test_rates():
    assert rules.rate(97, 110) == Decimal("88.2")
    assert rules.rate(51, 51) == Decimal("100.0")
    assert rules.rate(0, 0) is None


def test_on_time():
    assert rules.is_on_time(due_on=date(2024, 4, 30), replied_on=date(2024, 4, 30))
    assert not rules.is_on_time(due_on=date(2024, 4, 30), replied_on=date(2024, 5, 1))
    assert not rules.is_on_time(due_on=date(2024, 4, 30), replied_on=None)


def test_suggestion_numbers_do_not_depend_on_the_language():
    from django.utils import translation

    from deputies.rules import suggestion_number

    with translation.override("en"):
        assert suggestion_number(year=2024, micro=False, sequence=1) == "2024-建001"
        assert suggestion_number(year=2024, micro=True, sequence=12) == "2024-微012"


WEIGHTS = {
    "visit": 2,
    "opinion_answered": 1,
    "suggestion": 3,
    "activity": 2,
    "contact_visit": 1,
    "poll": 1,
}


def test_performance_score_weighs_each_item():
    counts = {"visit": 4, "opinion_answered": 3, "suggestion": 2, "activity": 1, "contact_visit": 5}
    assert rules.performance_score(counts, WEIGHTS) == 8 + 3 + 6 + 2 + 5 + 0


def test_performance_score_of_nothing_is_zero():
    assert rules.performance_score({}, WEIGHTS) == 0


def test_performance_score_follows_the_county_weights():
    counts = dict.fromkeys(rules.SCORE_ITEMS, 1)
    assert rules.performance_score(counts, {**WEIGHTS, "poll": 10}) == 19
    assert rules.performance_score(counts, dict.fromkeys(rules.SCORE_ITEMS, 0)) == 0


def test_performance_score_needs_every_weight():
    with pytest.raises(KeyError):
        rules.performance_score({"visit": 1}, {"visit": 2})
