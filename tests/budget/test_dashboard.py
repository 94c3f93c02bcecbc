"""The dashboard and the quarter's publication: figures by the pace rule's own arithmetic, a fixed
number of queries, frozen publications, the public pages, and who may open what."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget import rules
from budget.models import Execution, Publication, Snapshot, Warning
from budget.selectors import dashboard as selectors
from budget.services import publication as services

from .factories import ProblemFactory, WarningFactory, subject

pytestmark = pytest.mark.django_db


def _month(place, month, rows, by, year=2024):
    """A month's execution of (agency, code, budget, executed) rows, written directly."""
    snapshot = Snapshot.objects.create(jurisdiction=place, year=year, month=month, imported_by=by)
    for agency, code, budget, executed in rows:
        subject(code)
        Execution.objects.create(
            snapshot=snapshot, agency=agency, subject_id=code, budget=budget, executed=executed
        )
    return snapshot


@pytest.fixture
def year(world, staff_a):
    _month(world.county_a, 6, [("沅陵县教育局", "2010101", 1000, 100)], staff_a)
    _month(
        world.county_a,
        9,
        [
            # A unit reporting a 款 and its 项: each yuan is counted once.
            ("沅陵县教育局", "20101", 1000, 700),
            ("沅陵县教育局", "2010101", 600, 400),
            ("沅陵县教育局", "2010108", 400, 300),
            ("沅陵县财政局", "2010101", 2000, 500),
        ],
        staff_a,
    )
    _month(world.township_a, 9, [("官庄镇人民政府", "2010101", 300, 240)], staff_a)
    WarningFactory(jurisdiction=world.county_a, month=9, key="k1")
    WarningFactory(jurisdiction=world.county_a, month=9, key="k2", status="dismissed")
    WarningFactory(jurisdiction=world.township_a, month=12, key="k3")
    ProblemFactory(jurisdiction=world.county_a, title="教育经费滞留", unit=world.unit_a)
    return world


def test_figures_by_unit_and_township_use_the_pace_rule(year):
    shown = selectors.figures(year.county_a, 2024)
    assert shown.month == 9
    education, finance = shown.agencies
    assert (education.name, education.budget, education.executed) == (
        "沅陵县教育局",
        Decimal(1000),
        Decimal(700),
    )
    as_of = date(2024, 9, 30)
    expected = rules.fraction_to_decimal(rules.pace(Decimal(1000), Decimal(700), as_of))
    assert education.pace == expected
    assert education.share == Decimal("70.0")
    assert education.time_share == Decimal("74.9")  # 274 of 366 days
    assert finance.share == Decimal("25.0")
    (township,) = shown.townships
    assert (township.name, township.share) == ("官庄镇", Decimal("80.0"))


def test_figures_count_warnings_and_problems(year):
    shown = selectors.figures(year.county_a, 2024)
    (behind,) = shown.by_rule
    assert (behind.key, behind.open, behind.confirmed, behind.dismissed) == ("behind", 2, 1, 1)
    assert [(r.label, r.total) for r in shown.by_month][0][1] >= 1
    statuses = {r.status: r.count for r in shown.problems_by_status}
    assert statuses["assigned"] == 1 and shown.problems_total == 1


def test_a_quarter_counts_warnings_to_its_last_month(year):
    assert selectors.figures(year.county_a, 2024, month=9).warnings_total.total == 3
    assert selectors.figures(year.county_a, 2024).warnings_total.total == 4


def test_figures_run_a_fixed_number_of_queries(year, staff_a, django_assert_num_queries):
    with django_assert_num_queries(6) as first:
        selectors.figures(year.county_a, 2024, problem_list=True)
    for n in range(10):
        _month(year.township_a, n + 1, [(f"单位{n}", "2130306", 10, 5)], staff_a, year=2023)
        WarningFactory(jurisdiction=year.township_a, key=f"more{n}", rule="ahead")
        ProblemFactory(jurisdiction=year.county_a, unit=year.unit_a)
    _month(year.county_a, 12, [(f"单位{n}", "2130306", 10, 5) for n in range(20)], staff_a)
    with django_assert_num_queries(len(first.captured_queries)):
        selectors.figures(year.county_a, 2024, problem_list=True)


# --- Publication --------------------------------------------------------------------------------


def test_publication_is_frozen_and_withdrawn_and_published_again(year, staff_a):
    publication = services.quarter_publish(
        jurisdiction=year.county_a, year=2024, quarter=3, by=staff_a
    )
    assert publication.figures["month"] == 9
    assert publication.figures["problems"][0]["title"] == "教育经费滞留"
    # A later import of the month changes nothing the public reads.
    Execution.objects.filter(agency="沅陵县财政局").update(executed=1900)
    publication.refresh_from_db()
    shown = selectors.figures_from_json(publication.figures)
    assert shown.agencies[1].executed == Decimal(500)
    with pytest.raises(ValidationError, match="已经公开"):
        services.quarter_publish(jurisdiction=year.county_a, year=2024, quarter=3, by=staff_a)
    with pytest.raises(ValidationError, match="撤回原因"):
        services.quarter_withdraw(publication=publication, reason=" ", by=staff_a)
    services.quarter_withdraw(publication=publication, reason="数据有误", by=staff_a)
    assert not Publication.objects.published().exists()
    again = services.quarter_publish(jurisdiction=year.county_a, year=2024, quarter=3, by=staff_a)
    assert again.pk == publication.pk and again.is_published
    assert selectors.figures_from_json(again.figures).agencies[1].executed == Decimal(1900)


def test_publication_refused_without_the_quarter_end_month(year, staff_a):
    with pytest.raises(ValidationError, match="12月的执行数据尚未导入"):
        services.quarter_publish(jurisdiction=year.county_a, year=2024, quarter=4, by=staff_a)
    with pytest.raises(ValidationError, match="只能公开"):
        services.quarter_publish(
            jurisdiction=year.county_a.parent, year=2024, quarter=3, by=staff_a
        )
    assert not Publication.objects.exists()


def test_public_pages_show_published_quarters_only(client, year, staff_a):
    publication = services.quarter_publish(
        jurisdiction=year.county_a, year=2024, quarter=3, by=staff_a
    )
    township = services.quarter_publish(
        jurisdiction=year.township_a, year=2024, quarter=3, by=staff_a
    )
    assert year.county_a in client.get(reverse("budget:public_index")).context["counties"]
    listed = client.get(reverse("budget:public_county", args=[year.county_a.code]))
    assert set(listed.context["quarters"]) == {publication, township}
    page = client.get(reverse("budget:public_quarter", args=[publication.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "教育经费滞留" in body and "沅陵县财政局" in body and "2,000.00" in body
    assert "budget-chart-data" in body
    services.quarter_withdraw(publication=township, reason="更正", by=staff_a)
    assert client.get(reverse("budget:public_quarter", args=[township.pk])).status_code == 404
    services.quarter_withdraw(publication=publication, reason="更正", by=staff_a)
    assert client.get(reverse("budget:public_quarter", args=[publication.pk])).status_code == 404
    assert client.get(reverse("budget:public_county", args=[year.county_a.code])).status_code == 404
    assert client.get(reverse("budget:public_county", args=["999999"])).status_code == 404


# --- Who may open what --------------------------------------------------------------------------


@pytest.fixture
def published(year, staff_a):
    return services.quarter_publish(jurisdiction=year.county_a, year=2024, quarter=3, by=staff_a)


STAFF_PAGES = ["budget:dashboard", "budget:publication_list"]


@pytest.mark.parametrize("name", STAFF_PAGES + ["budget:publication_detail"])
def test_anonymous_is_sent_to_login(client, published, name):
    args = [published.pk] if name.endswith("detail") else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["budget:publication_withdraw", "budget:publication_republish"])
def test_anonymous_cannot_post(client, published, name):
    response = client.post(reverse(name, args=[published.pk]), {"reason": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Publication.objects.get().is_published


def test_roles(client_for, staff_a, deputy_a, liaison_a, admin_user, published, year):
    detail = reverse("budget:publication_detail", args=[published.pk])
    for user in (staff_a, admin_user):
        client = client_for(user)
        for url in (reverse("budget:dashboard"), reverse("budget:publication_list"), detail):
            assert client.get(url).status_code == 200, (user, url)
    for user in (deputy_a, liaison_a):
        client = client_for(user)
        for url in (reverse("budget:dashboard"), reverse("budget:publication_list"), detail):
            assert client.get(url).status_code in (403, 404), (user, url)


def test_staff_dashboard_shows_the_county_and_latest_year(client_for, staff_a, year):
    response = client_for(staff_a).get(reverse("budget:dashboard"))
    assert response.context["county"] == year.county_a and response.context["year"] == 2024
    body = response.content.decode()
    assert 'data-testid="agency-table"' in body and "官庄镇" in body


def test_municipal_admin_chooses_a_county(client_for, admin_user, year):
    client = client_for(admin_user)
    assert client.get(reverse("budget:dashboard")).context["county"] is None
    chosen = client.get(reverse("budget:dashboard"), {"county": year.county_a.pk})
    assert chosen.context["county"] == year.county_a
    assert client.get(reverse("budget:dashboard"), {"county": "abc"}).status_code == 404
    assert (
        client.get(
            reverse("budget:dashboard"), {"county": year.county_a.pk, "year": "x"}
        ).status_code
        == 404
    )


def test_outsider_reaches_nothing_of_county_a(client_for, outsider, published, year):
    client = client_for(outsider)
    assert client.get(reverse("budget:dashboard"), {"county": year.county_a.pk}).status_code == 404
    own = client.get(reverse("budget:dashboard"))
    assert own.context["county"] == year.county_b and own.context.get("figures") is None
    assert not client.get(reverse("budget:publication_list")).context["publications"]
    detail = reverse("budget:publication_detail", args=[published.pk])
    assert client.get(detail).status_code == 404
    withdraw = reverse("budget:publication_withdraw", args=[published.pk])
    assert client.post(withdraw, {"reason": "x"}).status_code == 404
    republish = reverse("budget:publication_republish", args=[published.pk])
    assert client.post(republish).status_code == 404
    refused = client.post(
        reverse("budget:publication_list"),
        {"jurisdiction": year.county_a.pk, "year": 2024, "quarter": 3},
    )
    assert refused.status_code == 400
    assert Publication.objects.get().is_published and Publication.objects.count() == 1


def test_staff_publish_withdraw_and_republish_through_the_pages(client_for, staff_a, year):
    client = client_for(staff_a)
    refused = client.post(
        reverse("budget:publication_list"),
        {"jurisdiction": year.county_a.pk, "year": 2024, "quarter": 4},
    )
    assert refused.status_code == 400
    assert "尚未导入" in refused.content.decode()
    assert 'value="2024"' in refused.content.decode()
    response = client.post(
        reverse("budget:publication_list"),
        {"jurisdiction": year.county_a.pk, "year": 2024, "quarter": 3},
    )
    publication = Publication.objects.get()
    assert response["Location"] == publication.get_absolute_url()
    withdraw = reverse("budget:publication_withdraw", args=[publication.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 400
    client.post(withdraw, {"reason": "数据有误"})
    publication.refresh_from_db()
    assert publication.withdrawn_reason == "数据有误" and not publication.is_published
    client.post(reverse("budget:publication_republish", args=[publication.pk]))
    publication.refresh_from_db()
    assert publication.is_published and publication.withdrawn_reason == ""


def test_warning_status_counts_follow_decisions(year, staff_a):
    Warning.objects.filter(key="k1").update(status="confirmed")
    (behind,) = selectors.figures(year.county_a, 2024).by_rule
    assert (behind.open, behind.confirmed, behind.dismissed) == (1, 2, 1)
