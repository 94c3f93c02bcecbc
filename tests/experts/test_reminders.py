"""The quarterly meeting reminder: asked of every county with experts in term, about the quarter
under way and the one before it; a meeting in the quarter stops it."""

from datetime import date

import pytest

from experts.reminders import quarterly_meetings_due
from tests.accounts.factories import StaffUserFactory

from .factories import ExpertFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_quarters_without_meeting_are_due_to_the_countys_staff(world, staff_a):
    ExpertFactory(county=world.county_a, term_start=date(2024, 1, 1))
    dues = list(quarterly_meetings_due(date(2024, 7, 10)))
    assert [(d.object_id, d.deadline) for d in dues] == [
        (f"{world.county_a.pk}-2024-2", date(2024, 6, 30)),
        (f"{world.county_a.pk}-2024-3", date(2024, 9, 30)),
    ]
    assert all(staff_a in d.recipients for d in dues)
    assert "2024年第2季度专家库会议" in dues[0].title


def test_a_meeting_in_the_quarter_stops_its_reminder(world, staff_a):
    ExpertFactory(county=world.county_a, term_start=date(2024, 1, 1))
    MeetingFactory(county=world.county_a, held_on=date(2024, 6, 27))
    dues = list(quarterly_meetings_due(date(2024, 7, 10)))
    assert [d.deadline for d in dues] == [date(2024, 9, 30)]


def test_in_january_last_years_fourth_quarter_is_asked(world):
    ExpertFactory(county=world.county_a, term_start=date(2024, 1, 1), term_end=None)
    dues = list(quarterly_meetings_due(date(2025, 1, 5)))
    assert [d.deadline for d in dues] == [date(2024, 12, 31), date(2025, 3, 31)]


def test_a_pool_set_up_later_owes_nothing_before(world):
    ExpertFactory(county=world.county_a, term_start=date(2024, 7, 5))
    dues = list(quarterly_meetings_due(date(2024, 7, 10)))
    assert [d.deadline for d in dues] == [date(2024, 9, 30)]


def test_counties_without_experts_in_term_are_not_asked(world):
    ExpertFactory(county=world.county_b, term_start=date(2020, 1, 1), term_end=date(2022, 1, 1))
    StaffUserFactory(jurisdiction=world.county_b)
    assert list(quarterly_meetings_due(date(2024, 7, 10))) == []
