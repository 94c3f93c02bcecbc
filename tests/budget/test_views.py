"""Every budget page: the roles that may open it, the outsider from another county, the anonymous
visitor; the lists' query counts; forms that keep what was typed."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budget.models import Evidence, Problem, Warning
from budget.services import problems as problem_services

from .factories import BudgetFactory, LineFactory, ProblemFactory, WarningFactory, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world, staff_a, liaison_a):
    budget = BudgetFactory(jurisdiction=world.county_a)
    LineFactory(budget=budget, subject=subject("2010101"))
    warning = WarningFactory(jurisdiction=world.county_a, agency=world.unit_a.name)
    problem = ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a)
    upload = SimpleUploadedFile("凭证.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    evidence = problem_services.evidence_add(problem=problem, upload=upload, by=liaison_a)
    return {"budget": budget, "warning": warning, "problem": problem, "evidence": evidence}


GET_PAGES = [
    ("budget:budget_list", None),
    ("budget:budget_create", None),
    ("budget:budget_detail", "budget"),
    ("budget:warning_list", None),
    ("budget:warning_detail", "warning"),
    ("budget:problem_list", None),
    ("budget:problem_detail", "problem"),
    ("budget:evidence_download", "evidence"),
    ("budget:imports", None),
    ("budget:settings_edit", None),
]
POSTS = [
    ("budget:line_add", "budget"),
    ("budget:adjustment_add", "budget"),
    ("budget:warning_confirm", "warning"),
    ("budget:warning_dismiss", "warning"),
    ("budget:problem_reply", "problem"),
    ("budget:problem_close", "problem"),
    ("budget:problem_return", "problem"),
]
# Who may open each page: s staff, d deputy, l liaison.
ALLOWED = {
    "budget:budget_list": "sd",
    "budget:budget_create": "s",
    "budget:budget_detail": "sd",
    "budget:warning_list": "s",
    "budget:warning_detail": "s",
    "budget:problem_list": "sl",
    "budget:problem_detail": "sl",
    "budget:evidence_download": "sl",
    "budget:imports": "s",
    "budget:settings_edit": "",
}


def _url(name, key, records):
    return reverse(name, args=[records[key].pk] if key else [])


@pytest.mark.parametrize(("name", "key"), GET_PAGES + POSTS)
def test_anonymous_is_sent_to_login(client, records, name, key):
    response = client.get(_url(name, key, records))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "key"), GET_PAGES)
def test_roles(client_for, staff_a, deputy_a, liaison_a, records, name, key):
    for letter, user in (("s", staff_a), ("d", deputy_a), ("l", liaison_a)):
        response = client_for(user).get(_url(name, key, records))
        expected = 200 if letter in ALLOWED[name] else (403, 404)
        assert response.status_code in (expected if isinstance(expected, tuple) else (expected,))


@pytest.mark.parametrize(("name", "key"), [p for p in GET_PAGES + POSTS if p[1]])
def test_outsider_never_gets_county_a_records(client_for, outsider, records, name, key):
    client = client_for(outsider)
    url = _url(name, key, records)
    assert client.get(url).status_code in (403, 404, 405)
    assert client.post(url, {"reason": "x", "reply": "x", "note": "x"}).status_code in (403, 404)
    assert Warning.objects.get(pk=records["warning"].pk).status == "open"
    assert Problem.objects.get(pk=records["problem"].pk).status == "assigned"


def test_outsider_lists_are_empty(client_for, outsider, records):
    client = client_for(outsider)
    assert not client.get(reverse("budget:budget_list")).context["budgets"]
    assert not client.get(reverse("budget:warning_list")).context["object_list"]
    assert not client.get(reverse("budget:problem_list")).context["object_list"]


def test_liaison_sees_only_their_units_problems(client_for, liaison_a, world, records):
    other = ProblemFactory(jurisdiction=world.county_a)
    client = client_for(liaison_a)
    listed = list(client.get(reverse("budget:problem_list")).context["object_list"])
    assert listed == [records["problem"]]
    assert client.get(reverse("budget:problem_detail", args=[other.pk])).status_code == 404


def test_admin_edits_the_county_thresholds(client_for, world):
    from tests.accounts.factories import AdminUserFactory

    admin = AdminUserFactory(jurisdiction=world.county_a)
    client = client_for(admin)
    data = {
        "pace_low": 75,
        "pace_high": 70,
        "adjustment_share": 10,
        "last_month_share": 30,
        "due_days": 30,
    }
    refused = client.post(reverse("budget:settings_edit"), data)
    assert refused.status_code == 400
    assert "执行进度上限应高于下限" in refused.content.decode()
    assert 'value="75"' in refused.content.decode()  # what was typed stays
    data["pace_high"] = 125
    assert client.post(reverse("budget:settings_edit"), data).status_code == 302
    assert world.county_a.budget_setting.pace_high == 125


def test_confirm_and_the_liaison_reply_and_close_out(client_for, staff_a, liaison_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    staff = client_for(staff_a)
    response = staff.post(
        reverse("budget:warning_confirm", args=[warning.pk]),
        {"title": "进度偏慢", "unit": world.unit_a.pk, "due_on": due},
    )
    problem = Problem.objects.get()
    assert response["Location"] == problem.get_absolute_url()
    liaison = client_for(liaison_a)
    upload = SimpleUploadedFile("凭证.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    liaison.post(
        reverse("budget:problem_reply", args=[problem.pk]), {"reply": "已拨付", "file": upload}
    )
    assert Evidence.objects.filter(problem=problem).count() == 1
    staff = client_for(staff_a)
    staff.post(reverse("budget:problem_close", args=[problem.pk]), {"note": "核实到位"})
    problem.refresh_from_db()
    assert problem.status == "closed"


def test_staff_cannot_answer_for_the_unit(client_for, staff_a, world, records):
    response = client_for(staff_a).post(
        reverse("budget:problem_reply", args=[records["problem"].pk]), {"reply": "代为反馈"}
    )
    assert response.status_code == 403


def test_confirm_refused_keeps_what_was_typed(client_for, staff_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = client_for(staff_a).post(
        reverse("budget:warning_confirm", args=[warning.pk]),
        {"title": "我写的标题", "unit": world.unit_a.pk, "due_on": past},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "我写的标题" in body and "不能早于今天" in body
    assert not Problem.objects.exists()


def test_budget_page_shows_execution_pace(client_for, staff_a, world):
    from budget.models import Execution, Snapshot

    budget = BudgetFactory(jurisdiction=world.county_a)
    LineFactory(budget=budget, subject=subject("2010101"), adopted=Decimal(1000))
    snapshot = Snapshot.objects.create(
        jurisdiction=world.county_a, year=2024, month=12, imported_by=staff_a
    )
    Execution.objects.create(
        snapshot=snapshot, agency="x", subject_id="2010101", budget=1000, executed=500
    )
    response = client_for(staff_a).get(budget.get_absolute_url())
    (row,) = response.context["rows"]
    assert (row.executed, row.share, row.pace) == (Decimal(500), Decimal("50.0"), Decimal("50.0"))


YEARS = itertools.count(2001)


def _budget_with_a_line(world):
    return LineFactory(budget=BudgetFactory(jurisdiction=world.county_a, year=next(YEARS)))


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("budget:warning_list", lambda world: WarningFactory(jurisdiction=world.county_a)),
        ("budget:problem_list", lambda world: ProblemFactory(jurisdiction=world.county_a)),
        ("budget:budget_list", _budget_with_a_line),
    ],
)
def test_list_query_counts_do_not_grow(
    client_for, staff_a, world, name, make, django_assert_num_queries
):
    client = client_for(staff_a)
    make(world)
    url = reverse(name)
    client.get(url)  # warm the session
    with django_assert_num_queries(12, exact=False) as one:
        client.get(url)
    for _ in range(25):
        make(world)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context.get("object_list") or response.context["budgets"]) == 26


def test_import_page_names_each_import(client_for, staff_a):
    body = client_for(staff_a).get(reverse("budget:imports")).content.decode()
    for name in ("预算科目", "预算执行月报", "联网比对数据"):
        assert f"（{name}）" in body
