"""Hostile query strings and form values are refused, never a server error.

PostgreSQL refuses NUL in text and Django refuses a non-number where an id is expected; either
used to reach the database and answer 500. The walk runs on SQLite by default and on PostgreSQL
when DATABASE_URL points at it.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from evaluations.models import EvaluationRound
from reports.models import ExportJob

HOSTILE = ["\x00", "abc", "1\x00", "-1", "9" * 30]
# Names lists commonly read besides their filter form's fields (paging, scope switches).
COMMON_PARAMS = ["page", "q", "county", "jurisdiction", "year", "quarter", "status", "unit"]


class _GetFormFields(HTMLParser):
    """Names of the inputs and selects inside the page's GET forms (its filters)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _pages_without_arguments(patterns=None, prefix=""):
    """Every non-admin URL of the portal that takes no argument: the list pages among them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/") or "<" in route or "(" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from _pages_without_arguments(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route


def _filter_params(body: str) -> set[str]:
    parser = _GetFormFields()
    parser.feed(body)
    return parser.names - {"csrfmiddlewaretoken"}


@pytest.fixture
def pages(world, staff_a):
    urls = list(_pages_without_arguments())
    urls.append(reverse("livelihood_projects:public_results", args=[world.county_a.code, 2025]))
    return urls


def test_list_pages_answer_hostile_filter_values_without_a_server_error(client_for, staff_a, pages):
    client = client_for(staff_a)
    client.raise_request_exception = False
    failures = []
    checked = 0
    for url in pages:
        first = client.get(url)
        if first.status_code != 200 or "html" not in first.get("Content-Type", ""):
            continue
        params = _filter_params(first.content.decode()) | set(COMMON_PARAMS)
        for name in sorted(params):
            for value in HOSTILE:
                status = client.get(url, {name: value}).status_code
                checked += 1
                if status >= 500:
                    failures.append((url, name, value, status))
    assert checked > 500  # the walk found the list pages and their filters
    assert failures == [], "\n".join(map(repr, failures))


def test_nul_in_a_path_or_query_string_is_a_bad_request(client_for, staff_a):
    client = client_for(staff_a)
    assert client.get("/deputies/calendar/", {"county": "\x00"}).status_code == 400
    assert client.get("/deputies/calendar/?county=%00").status_code == 400
    assert client.get("/units/", {"q": "财政\x00"}).status_code == 400


def test_anonymous_calendar_with_nul_is_a_bad_request(client, db):
    assert client.get("/deputies/calendar/?county=%00").status_code == 400


def test_malformed_county_id_is_a_form_error(client_for, admin_user, world):
    client = client_for(admin_user)
    client.raise_request_exception = False
    url = reverse("evaluations:round_create")
    for value in ["abc", "\x00", "1.5", "-1", "9" * 30]:
        response = client.post(url, {"jurisdiction": value, "year": 2025, "title": "评议"})
        assert response.status_code == 200, value
        assert "jurisdiction" in response.context["form"].errors
    assert not EvaluationRound.objects.exists()


def test_malformed_county_id_from_county_staff_is_a_form_error(client_for, staff_a):
    client = client_for(staff_a)
    client.raise_request_exception = False
    url = reverse("evaluations:round_create")
    response = client.post(url, {"jurisdiction": "abc", "year": 2025, "title": "评议"})
    assert response.status_code == 200
    assert not EvaluationRound.objects.exists()


def test_nul_in_a_cookie_or_a_posted_form_is_a_bad_request(client_for, staff_a):
    client = client_for(staff_a)
    # Raw, as a client sends it: the test client's cookie jar would quote the byte away.
    assert client.get("/units/", HTTP_COOKIE="sessionid=abcdefgh\x00ijk").status_code == 400
    url = reverse("evaluations:round_create")
    body = urlencode({"title": "评\x00议", "year": 2025})
    form = "application/x-www-form-urlencoded"
    assert client.post(url, body, content_type=form).status_code == 400
    # A multipart body is left to the form, whose text fields refuse NUL themselves.
    response = client.post(url, {"title": "评\x00议", "year": 2025})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not EvaluationRound.objects.exists()


def test_nul_in_an_exported_page_query_is_a_bad_request(client_for, staff_a):
    # The query string travels inside a form field and is decoded by the view, past the
    # middleware; PostgreSQL's jsonb refused the decoded NUL with a 500.
    client = client_for(staff_a)
    for query in ["q=%00", "kind=a%00b", "%00=1"]:
        response = client.post(reverse("reports:job_create"), {"exporter": "units", "query": query})
        assert response.status_code == 400, query
    assert not ExportJob.objects.exists()
