"""A user's history records changes to the account, not logins or password changes: both save
only fields the history leaves out, and each once wrote a row (245 rows of login times)."""

from django.urls import reverse

from livelihood_projects.models import Cycle
from tests.accounts.factories import PASSWORD


def versions(instance) -> int:
    return instance.history.count()


def test_logging_in_writes_no_history_row(client, staff_a):
    before = versions(staff_a)
    response = client.post(
        reverse("login"), {"username": "staff_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.last_login is not None
    assert versions(staff_a) == before


def test_changing_the_password_writes_no_history_row(client_for, staff_a):
    before = versions(staff_a)
    response = client_for(staff_a).post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-pass-456",
            "new_password2": "another-pass-456",
        },
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password("another-pass-456")
    assert versions(staff_a) == before


def test_a_real_change_writes_a_history_row(staff_a):
    before = versions(staff_a)
    staff_a.full_name = "张敏华"
    staff_a.set_password("another-pass-456")
    staff_a.save()
    assert versions(staff_a) == before + 1
    assert staff_a.history.first().full_name == "张敏华"


def test_a_save_of_excluded_fields_alone_writes_no_row_for_other_models_either(world):
    cycle = Cycle.objects.create(jurisdiction=world.county_a, year=2025)
    assert versions(cycle) == 1
    cycle.save()
    assert versions(cycle) == 1
    cycle.seats = 7
    cycle.save()
    assert versions(cycle) == 2
