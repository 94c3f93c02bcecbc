"""The Django admin keeps a county admin inside their county.

django-simple-history's pages once let 沅陵's admin read and revert any county's records and pull
the superuser into 沅陵 (`/admin/accounts/user/1/history/2/` posted with jurisdiction=沅陵), after
which `/admin/accounts/user/1/password/` set its password. These tests walk every model the admin
registers, as county A's admin against county B's record, and every page of a superuser's account.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Role, User
from core.admin import ScopedAdmin, ScopedHistoryAdmin
from core.models import Jurisdiction
from tests.accounts.factories import PASSWORD, UserFactory

from .admin_records import COUNTY_B_RECORDS

REGISTERED = sorted(model._meta.label for model in admin.site._registry)
REFUSED = (403, 404)


@pytest.fixture
def county_admin_a(world):
    return UserFactory(username="admin_a", role=Role.ADMIN, jurisdiction=world.county_a)


@pytest.fixture
def superuser(world):
    return UserFactory(username="root", is_superuser=True)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_of(model):
    return getattr(model, model._meta.simple_history_manager_attribute)


def object_urls(record) -> dict[str, str]:
    """Every admin page about `record`, with a real version of it for the history form."""
    model = type(record)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = {
        page: reverse(f"{name}_{page}", args=[record.pk])
        for page in ("change", "delete", "history")
    }
    if has_history(model):
        version = history_of(model).filter(id=record.pk).first()
        urls["history_form"] = reverse(f"{name}_simple_history", args=[record.pk, version.pk])
    if model is User:
        urls["password"] = reverse("admin:auth_user_password_change", args=[record.pk])
    return urls


def snapshot(record):
    """The record's row and the number of its versions, to show a refused POST changed nothing."""
    model = type(record)
    row = model._default_manager.filter(pk=record.pk).values().first()
    versions = history_of(model).filter(id=record.pk).count() if has_history(model) else None
    return row, versions


def posted(page, record, world) -> dict:
    """What an attacker posts: the record's own values moved into county A, a changed text."""
    if page == "delete":
        return {"post": "yes"}
    if page == "password":
        return {"password1": "taken-over-123", "password2": "taken-over-123"}
    data = {}
    for field in record._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        value = field.value_from_object(record)
        if field.is_relation and field.related_model is Jurisdiction:
            value = world.county_a.pk
        elif isinstance(value, str) and not field.choices:
            value = f"{value}改"
        data[field.name] = "" if value is None else value
    return data


@pytest.mark.parametrize("label", REGISTERED)
def test_a_county_admin_reaches_no_page_of_another_countys_record(label, world, county_admin_a):
    record = COUNTY_B_RECORDS[label](world)
    client = login(county_admin_a)
    before = snapshot(record)
    for page, url in object_urls(record).items():
        assert client.get(url).status_code in REFUSED, (page, url)
        response = client.post(url, posted(page, record, world))
        assert response.status_code in REFUSED, (page, url)
    assert snapshot(record) == before


@pytest.mark.parametrize("label", REGISTERED)
def test_object_permissions_look_at_the_object(label, world, county_admin_a):
    record = COUNTY_B_RECORDS[label](world)
    model_admin = admin.site._registry[type(record)]
    request = request_as(county_admin_a)
    assert not model_admin.has_view_permission(request, record)
    assert not model_admin.has_change_permission(request, record)
    assert not model_admin.has_delete_permission(request, record)


@pytest.mark.parametrize("label", REGISTERED)
def test_the_records_own_admins_open_its_pages(label, world, superuser):
    """The refusals above are about scope: county B's admin and the superuser get the pages,
    history pages included, which answered 500 for models without a history table."""
    record = COUNTY_B_RECORDS[label](world)
    model_admin = admin.site._registry[type(record)]
    county_admin_b = UserFactory(role=Role.ADMIN, jurisdiction=world.county_b)
    scoped = isinstance(model_admin, ScopedAdmin)
    assert model_admin.has_view_permission(request_as(county_admin_b), record) == scoped
    for user in (superuser, county_admin_b):
        request, client = request_as(user), login(user)
        for page, url in object_urls(record).items():
            if page == "delete":
                allowed = model_admin.has_delete_permission(request, record)
            else:
                allowed = model_admin.has_view_permission(request, record)
            assert client.get(url).status_code == (200 if allowed else 403), (user, page, url)


def request_as(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_every_registered_model_has_a_county_b_record():
    assert set(REGISTERED) == set(COUNTY_B_RECORDS)


@pytest.mark.parametrize("label", REGISTERED)
def test_history_pages_only_for_models_with_a_history_table(label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, SimpleHistoryAdmin) == has_history(model)
    if isinstance(model_admin, ScopedAdmin) and has_history(model):
        assert isinstance(model_admin, ScopedHistoryAdmin)


@pytest.fixture(
    params=["superuser", "superuser in county A", "municipal admin"],
)
def account_above(request, world, superuser, admin_user):
    if request.param == "superuser":
        return superuser
    if request.param == "superuser in county A":
        return UserFactory(username="root_a", is_superuser=True, jurisdiction=world.county_a)
    return admin_user


def test_a_county_admin_reaches_no_page_of_an_account_above_them(
    world, county_admin_a, account_above
):
    client = login(county_admin_a)
    before = snapshot(account_above)
    changelist = client.get(reverse("admin:accounts_user_changelist")).context["cl"]
    assert account_above not in changelist.result_list
    for page, url in object_urls(account_above).items():
        assert client.get(url).status_code in REFUSED, (page, url)
        response = client.post(url, posted(page, account_above, world))
        assert response.status_code in REFUSED, (page, url)
    assert snapshot(account_above) == before


def test_the_superuser_takeover_through_its_history_is_refused(world, county_admin_a, superuser):
    """The reproduction from the report, step by step."""
    superuser.full_name = "平台管理员"
    superuser.save()
    version = superuser.history.first()
    client = login(county_admin_a)
    url = reverse("admin:accounts_user_simple_history", args=[superuser.pk, version.pk])
    response = client.post(
        url,
        {
            "username": "root",
            "full_name": "平台管理员",
            "role": Role.ADMIN,
            "jurisdiction": world.county_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code in REFUSED
    superuser.refresh_from_db()
    assert superuser.jurisdiction is None

    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    response = client.post(url, {"password1": "taken-over-123", "password2": "taken-over-123"})
    assert response.status_code in REFUSED
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)
    assert not superuser.check_password("taken-over-123")


def test_reverting_an_account_to_its_superuser_version_is_refused(world, county_admin_a):
    """A version restores every field, the ones the form leaves out too."""
    former = UserFactory(username="former_root", is_superuser=True, jurisdiction=world.county_a)
    superuser_version = former.history.first()
    former.is_superuser = False
    former.save()
    url = reverse("admin:accounts_user_simple_history", args=[former.pk, superuser_version.pk])
    response = login(county_admin_a).post(
        url,
        {
            "username": "former_root",
            "full_name": former.full_name,
            "role": Role.STAFF,
            "jurisdiction": world.county_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 403
    former.refresh_from_db()
    assert not former.is_superuser and not former.is_staff


@pytest.mark.parametrize(
    "change",
    [
        {"jurisdiction": "county_b"},
        {"jurisdiction": "city"},
        {"unit": "unit_b"},
        {"is_superuser": "on"},
    ],
    ids=["other county", "municipality", "other county's unit", "superuser"],
)
def test_a_county_admin_cannot_raise_an_account_above_their_scope(
    world, county_admin_a, staff_a, change
):
    data = {
        "username": "staff_a",
        "full_name": "张敏",
        "role": Role.ADMIN,
        "jurisdiction": world.county_a.pk,
        "is_active": "on",
    }
    data.update({key: getattr(world, value, value) for key, value in change.items()})
    data = {key: getattr(value, "pk", value) for key, value in data.items()}
    client = login(county_admin_a)
    client.post(reverse("admin:accounts_user_change", args=[staff_a.pk]), data)
    new_account = {
        "username": "new_admin",
        "password1": "new-pass-123",
        "password2": "new-pass-123",
    }
    client.post(reverse("admin:accounts_user_add"), {**data, **new_account})
    staff_a.refresh_from_db()
    assert staff_a.jurisdiction == world.county_a and staff_a.unit is None
    assert not staff_a.is_superuser
    in_scope = {"jurisdiction": world.county_a, "unit": None, "is_superuser": False}
    assert not User.objects.filter(username="new_admin").exclude(**in_scope).exists()


def test_a_county_admin_grants_within_their_scope(world, county_admin_a, staff_a):
    """The refusals above are about scope: moving an account inside the subtree is fine."""
    client = login(county_admin_a)
    response = client.post(
        reverse("admin:accounts_user_change", args=[staff_a.pk]),
        {
            "username": "staff_a",
            "full_name": "张敏",
            "role": Role.ADMIN,
            "jurisdiction": world.township_a.pk,
            "unit": world.township_unit_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.role == Role.ADMIN and staff_a.jurisdiction == world.township_a


def test_autocomplete_offers_only_accounts_in_scope(world, county_admin_a, staff_a, outsider):
    root_a = UserFactory(username="root_a", is_superuser=True, jurisdiction=world.county_a)
    response = login(county_admin_a).get(
        reverse("admin:autocomplete"),
        {"app_label": "deputies", "model_name": "visit", "field_name": "recorded_by", "term": ""},
    )
    assert response.status_code == 200
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert staff_a.pk in ids
    assert root_a.pk not in ids and outsider.pk not in ids


def test_a_county_admin_reverts_a_record_in_scope(world, county_admin_a):
    unit = world.unit_a
    first_version = unit.history.first()
    unit.name = "沅陵县财政局（旧）"
    unit.save()
    url = reverse("admin:core_unit_simple_history", args=[unit.pk, first_version.pk])
    response = login(county_admin_a).post(
        url,
        {
            "name": "沅陵县财政局",
            "kind": unit.kind,
            "jurisdiction": world.county_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "沅陵县财政局"
