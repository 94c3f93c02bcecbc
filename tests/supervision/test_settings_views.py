"""The county's supervision settings and the admin's holiday table."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision import rules
from supervision.models import CalendarDay, Setting
from supervision.selectors.steps import opinions_due
from tests.accounts.factories import AdminUserFactory

SETTINGS = reverse("supervision:settings_edit")
CALENDAR = reverse("supervision:calendar")
FORM = {
    "opinion_working_days": 7,
    "handling_report_months": 3,
    "poll_handling_reports": "on",
    "two_sided_poll": "on",
}


@pytest.fixture
def county_admin(world):
    return AdminUserFactory(username="admin_a", jurisdiction=world.county_a)


def test_a_county_admin_edits_their_countys_settings(county_admin, world, client_for):
    client = client_for(county_admin)
    page = client.get(SETTINGS)
    assert page.status_code == 200 and "沅陵县监督工作设置" in page.content.decode()
    response = client.post(SETTINGS, FORM)
    assert response.status_code == 302
    setting = Setting.objects.get(county=world.county_a)
    assert (setting.opinion_working_days, setting.handling_report_months) == (7, 3)
    assert setting.poll_handling_reports and setting.two_sided_poll
    # The opinions' deadline follows the county's limit at once.
    assert opinions_due(dt.date(2025, 3, 3), world.county_a) == dt.date(2025, 3, 12)
    # Saved again: the same row changes.
    client.post(SETTINGS, {**FORM, "opinion_working_days": 5, "two_sided_poll": ""})
    setting = Setting.objects.get(county=world.county_a)
    assert setting.opinion_working_days == 5 and not setting.two_sided_poll


def test_the_settings_refuse_limits_out_of_range(county_admin, client_for):
    response = client_for(county_admin).post(SETTINGS, {**FORM, "handling_report_months": 13})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    assert not Setting.objects.exists()


def test_a_municipal_admin_chooses_the_county(admin_user, world, client_for):
    client = client_for(admin_user)
    body = client.get(SETTINGS).content.decode()
    assert "请选择要设置的县市区" in body and "辰溪县" in body
    url = f"{SETTINGS}?county={world.county_b.pk}"
    assert client.post(url, FORM).status_code == 302
    assert Setting.objects.get().county == world.county_b
    assert client.get(f"{SETTINGS}?county=abc").status_code == 404


def test_another_countys_admin_cannot_reach_it(world, client_for):
    admin_b = AdminUserFactory(username="admin_b", jurisdiction=world.county_b)
    client = client_for(admin_b)
    assert client.get(f"{SETTINGS}?county={world.county_a.pk}").status_code == 200
    client.post(f"{SETTINGS}?county={world.county_a.pk}", FORM)
    # Their only county is their own: the page edits county B, never county A.
    assert not Setting.objects.filter(county=world.county_a).exists()
    assert Setting.objects.get().county == world.county_b


@pytest.mark.parametrize("persona", ["staff_a", "deputy_a", "liaison_a", "outsider"])
def test_only_admins_edit_settings_and_the_calendar(request, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(SETTINGS).status_code == 403
    assert client.post(SETTINGS, FORM).status_code == 403
    assert client.get(CALENDAR).status_code == 403
    assert client.post(CALENDAR, {"day": "2027-01-01", "kind": "holiday"}).status_code == 403
    entry = CalendarDay.objects.create(day=dt.date(2027, 1, 1), kind="holiday")
    remove = reverse("supervision:calendar_day_remove", args=[entry.pk])
    assert client.post(remove).status_code == 403
    assert not Setting.objects.exists()
    assert CalendarDay.objects.count() == 1


def test_a_county_admin_keeps_the_settings_but_not_the_calendar(county_admin, client_for):
    """The holiday table moves every county's deadlines: only the municipality's admin (or a
    superuser) keeps it, a county's admin is refused it."""
    client = client_for(county_admin)
    assert client.get(SETTINGS).status_code == 200
    assert client.get(CALENDAR).status_code == 403
    assert client.post(CALENDAR, {"day": "2027-01-01", "kind": "holiday"}).status_code == 403
    entry = CalendarDay.objects.create(day=dt.date(2027, 1, 1), kind="holiday")
    remove = reverse("supervision:calendar_day_remove", args=[entry.pk])
    assert client.post(remove).status_code == 403
    assert list(CalendarDay.objects.all()) == [entry]


def test_the_municipal_admin_adds_and_removes_days(admin_user, client_for):
    client = client_for(admin_user)
    response = client.post(CALENDAR, {"day": "2027-02-06", "kind": "holiday", "note": "春节"})
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    client.post(CALENDAR, {"day": "2027-02-14", "kind": "workday", "note": "春节调休"})
    body = client.get(CALENDAR, {"year": 2027}).content.decode()
    assert "2027-02-06" in body and "调休上班" in body
    entry = CalendarDay.objects.get(day=dt.date(2027, 2, 6))
    response = client.post(reverse("supervision:calendar_day_remove", args=[entry.pk]))
    assert response.status_code == 302
    assert list(CalendarDay.objects.values_list("day", flat=True)) == [dt.date(2027, 2, 14)]


def test_a_day_is_entered_once_and_as_one_kind(admin_user, client_for):
    client = client_for(admin_user)
    client.post(CALENDAR, {"day": "2027-10-01", "kind": "holiday", "note": "国庆节"})
    response = client.post(CALENDAR, {"day": "2027-10-01", "kind": "workday"})
    assert response.status_code == 400
    assert "2027-10-01已录入为“放假”" in response.content.decode()
    assert CalendarDay.objects.get().kind == CalendarDay.Kind.HOLIDAY


def test_a_bad_date_or_kind_is_refused(admin_user, client_for):
    client = client_for(admin_user)
    assert client.post(CALENDAR, {"day": "2027-02-30", "kind": "holiday"}).status_code == 400
    assert client.post(CALENDAR, {"day": "2027-03-01", "kind": "both"}).status_code == 400
    assert client.get(CALENDAR, {"year": "abc"}).status_code == 200
    assert not CalendarDay.objects.exists()


def test_the_unknown_year_warning_until_the_year_is_entered(admin_user, client_for, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC))
    if rules.calendar_knows(2027):
        pytest.skip("the calendar package knows 2027 now")
    client = client_for(admin_user)
    body = client.get(CALENDAR).content.decode()
    assert 'data-testid="calendar-unknown"' in body
    assert (
        "chinese-calendar 只收录到2026年的法定节假日安排；2027年的放假和调休安排请在此录入，"
        "录入前2027年的期限按周末推算"
    ) in body
    client.post(CALENDAR, {"day": "2027-01-01", "kind": "holiday", "note": "元旦"})
    body = client.get(CALENDAR).content.decode()
    assert 'data-testid="calendar-unknown"' not in body
    assert 'data-testid="calendar-entered"' in body


def test_the_calendar_page_costs_a_fixed_number_of_queries(
    admin_user, client_for, django_assert_max_num_queries
):
    CalendarDay.objects.bulk_create(
        CalendarDay(day=dt.date(2027, 1, 1) + dt.timedelta(days=n), kind="holiday")
        for n in range(20)
    )
    client = client_for(admin_user)
    # 9: the permission reads the admin's jurisdiction (is it the municipality's?).
    with django_assert_max_num_queries(9):
        response = client.get(CALENDAR, {"year": 2027})
    assert response.content.decode().count("btn-outline-danger") == 20
