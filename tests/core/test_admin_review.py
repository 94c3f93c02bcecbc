"""What a review of the scoped admin found after the history hole was closed.

A county admin could edit their own county in the division tree and cut it off from the city;
raw-id widgets named any record whose id was posted, the superuser's account included; a list
action posted with a malformed id answered 500; and the delete confirmation named records in other
counties that blocked the deletion.
"""

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.text import Truncator

from accounts.models import Role
from core.admin import ScopedAdmin
from core.models import Jurisdiction
from deputies.models import Deputy
from evaluations.models import AuditImport
from polls import services as polls
from polls.admin import ServicesOnly
from polls.models import Elector, Poll
from tests.accounts.factories import UserFactory
from tests.deputies.factories import DeputyFactory, StationFactory, VisitFactory
from tests.supervision.factories import ItemFactory


@pytest.fixture
def county_admin_a(world):
    return UserFactory(username="admin_a", role=Role.ADMIN, jurisdiction=world.county_a)


@pytest.fixture
def superuser(world):
    return UserFactory(username="root", full_name="超级管理员张三", is_superuser=True)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_url(model, page, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


# F1: the division tree


def tree_change(record, **changes) -> dict:
    data = {"name": record.name, "code": record.code, "level": record.level}
    data["parent"] = record.parent_id or ""
    return {**data, **changes}


CUT_OFF = {"level": Jurisdiction.Level.MUNICIPAL, "parent": "", "name": "改名"}
RENAMED = {"name": "官庄乡", "code": "431222199"}


@pytest.mark.parametrize(
    ("name", "changes"),
    [("county_a", CUT_OFF), ("township_a", RENAMED)],
    ids=["cut off", "renamed"],
)
def test_a_county_admin_cannot_change_the_tree(name, changes, world, county_admin_a):
    """The reproduction: 沅陵's admin posted their county as municipal with no parent, and it
    left the city admin's scope. Edits that stay in scope are refused as well."""
    record = getattr(world, name)
    client = login(county_admin_a)
    url = admin_url(Jurisdiction, "change", record.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, tree_change(record, **changes)).status_code == 403
    version = record.history.first()
    history_url = admin_url(Jurisdiction, "simple_history", record.pk, version.pk)
    assert client.post(history_url, tree_change(record, **changes)).status_code == 403
    stored = Jurisdiction.objects.get(pk=record.pk)
    assert (stored.name, stored.code, stored.level, stored.parent_id) == (
        record.name,
        record.code,
        record.level,
        record.parent_id,
    )
    assert Jurisdiction.objects.visible_to(_city_admin(world)).filter(pk=record.pk).exists()


def _city_admin(world):
    return UserFactory(role=Role.ADMIN, jurisdiction=world.city)


def test_a_municipal_admin_only_views_the_tree(world):
    client = login(_city_admin(world))
    url = admin_url(Jurisdiction, "change", world.county_a.pk)
    response = client.post(url, tree_change(world.county_a, name="沅陵"))
    assert response.status_code == 403
    world.county_a.refresh_from_db()
    assert world.county_a.name == "沅陵县"


def test_a_superuser_maintains_the_tree(world, superuser):
    url = admin_url(Jurisdiction, "change", world.county_a.pk)
    response = login(superuser).post(url, tree_change(world.county_a, name="沅陵"))
    assert response.status_code == 302
    world.county_a.refresh_from_db()
    assert world.county_a.name == "沅陵"


# F2: raw-id widgets


def _audit_import(county):
    return AuditImport.objects.create(
        jurisdiction=county,
        year=2024,
        file_name=f"{county.name}审计问题清单.xlsx",
        row_count=1,
        imported_by=UserFactory(jurisdiction=county),
    )


# For each model a raw-id field points to: a record in county A, and records outside its scope.
RAW_ID_TARGETS = {
    "accounts.User": (
        lambda world: UserFactory(full_name="沅陵县干部向红", jurisdiction=world.county_a),
        lambda world: [
            UserFactory(full_name="超级管理员张三", is_superuser=True),
            UserFactory(full_name="辰溪县干部刘洋", jurisdiction=world.county_b),
            UserFactory(full_name="市人大干部周明", jurisdiction=world.city),
        ],
    ),
    "core.Unit": (lambda world: world.unit_a, lambda world: [world.unit_b]),
    "deputies.Deputy": (
        lambda world: DeputyFactory(name="沅陵代表向前", county=world.county_a),
        lambda world: [DeputyFactory(name="辰溪代表舒畅", county=world.county_b)],
    ),
    "deputies.Station": (
        lambda world: StationFactory(name="官庄镇联络站", county=world.county_a),
        lambda world: [StationFactory(name="孝坪镇联络站", county=world.county_b)],
    ),
    "deputies.Visit": (
        lambda world: VisitFactory(station__county=world.county_a),
        lambda world: [VisitFactory(station__county=world.county_b)],
    ),
    "evaluations.AuditImport": (
        lambda world: _audit_import(world.county_a),
        lambda world: [_audit_import(world.county_b)],
    ),
    "supervision.Item": (
        lambda world: ItemFactory(
            title="沅陵县财政局专项报告", plan__jurisdiction=world.county_a, unit=world.unit_a
        ),
        lambda world: [
            ItemFactory(
                title="辰溪县财政局专项报告", plan__jurisdiction=world.county_b, unit=world.unit_b
            )
        ],
    ),
}


def raw_id_fields():
    """(model admin's model, inline model or None, field name) for every raw-id foreign key."""
    found = []
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.raw_id_fields:
            found.append((model, None, name))
        for inline in model_admin.inlines:
            found.extend((model, inline.model, name) for name in inline.raw_id_fields)
    return sorted(found, key=lambda row: (row[0]._meta.label, str(row[1]), row[2]))


RAW_ID_FIELDS = raw_id_fields()


def related_label(model, inline_model, name) -> str:
    return (inline_model or model)._meta.get_field(name).related_model._meta.label


def test_every_raw_id_target_has_records_in_and_out_of_scope():
    assert RAW_ID_FIELDS
    assert {related_label(*row) for row in RAW_ID_FIELDS} <= set(RAW_ID_TARGETS)


def post_raw_id(client, model, inline_model, name, value):
    """Post the admin add form with `value` in the raw-id field and nothing else, so the form is
    invalid and shown again with the widget rendered from what was posted."""
    url = admin_url(model, "add")
    data = {}
    for formset in client.get(url).context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
        if formset.formset.model is inline_model:
            data[f"{prefix}-0-{name}"] = value
    if inline_model is None:
        data[name] = value
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def shows(page, record) -> bool:
    if escape(Truncator(record).words(14)) in page:
        return True
    try:
        return admin_url(type(record), "change", record.pk) in page
    except NoReverseMatch:
        return False


@pytest.mark.parametrize(
    ("model", "inline_model", "name"),
    RAW_ID_FIELDS,
    ids=[
        f"{m._meta.label}.{i._meta.model_name + '.' if i else ''}{n}" for m, i, n in RAW_ID_FIELDS
    ],
)
def test_a_raw_id_widget_names_no_record_outside_scope(
    model, inline_model, name, world, county_admin_a
):
    inside, outside = RAW_ID_TARGETS[related_label(model, inline_model, name)]
    client = login(county_admin_a)
    for record in outside(world):
        page = post_raw_id(client, model, inline_model, name, record.pk)
        assert not shows(page, record), record
    # The widget still names a record the field accepts, so the refusal above is about scope.
    record = inside(world)
    assert shows(post_raw_id(client, model, inline_model, name, record.pk), record)


def test_the_reported_deputy_form_no_longer_names_the_superuser(world, county_admin_a, superuser):
    response = login(county_admin_a).post(
        admin_url(Deputy, "add"),
        {"user": superuser.pk, "name": ""},
    )
    assert response.status_code == 200
    assert "超级管理员张三" not in response.content.decode()


# F10: list actions with a malformed id


# Every scoped admin with list actions; the polls' admins are for looking only and have none.
SCOPED_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ScopedAdmin) and not isinstance(model_admin, ServicesOnly)
    ),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda model: model._meta.label)
def test_a_list_action_with_a_malformed_id_is_a_bad_request(model, superuser):
    """`filter(pk__in=...)` on the raw values raised in the database; on PostgreSQL the
    out-of-range integer is the one that matters, so this runs there too."""
    client = login(superuser)
    for value in ["abc", "1.5", "99999999999999999999", "-99999999999999999999"]:
        for step in ({"index": "0"}, {"post": "yes"}):
            data = {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: ["1", value]}
            response = client.post(admin_url(model, "changelist"), {**data, **step})
            assert response.status_code == 400, (value, step)


@pytest.mark.parametrize("version", ["abc", "1.5"])
def test_a_malformed_history_version_is_not_found(version, world, county_admin_a):
    url = admin_url(type(world.unit_a), "simple_history", world.unit_a.pk, version)
    assert login(county_admin_a).get(url).status_code == 404


def test_a_list_action_with_good_ids_still_runs(world, county_admin_a, staff_a):
    data = {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [str(staff_a.pk)]}
    response = login(county_admin_a).post(
        admin_url(type(staff_a), "changelist"), {**data, "index": "0"}
    )
    assert response.status_code == 200
    assert escape(str(staff_a)) in response.content.decode()


# The delete confirmation


def delete_pages(client, user):
    """The confirmation pages for deleting `user`: its delete page and the delete action's."""
    yield client.get(admin_url(type(user), "delete", user.pk))
    data = {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [user.pk], "index": "0"}
    yield client.post(admin_url(type(user), "changelist"), data)


def test_deleting_an_account_names_no_record_outside_scope(world, county_admin_a, staff_a):
    """Django names every record that blocks a deletion. An account that once worked in 辰溪
    imported 辰溪's audit workbook; deleting it from 沅陵 named that workbook."""
    _audit_import_by(staff_a, world.county_b, "辰溪县2024年审计问题清单.xlsx")
    _audit_import_by(staff_a, world.county_a, "沅陵县2024年审计问题清单.xlsx")
    client = login(county_admin_a)
    for response in delete_pages(client, staff_a):
        page = response.content.decode()
        assert response.status_code == 200
        assert "辰溪县2024年审计问题清单.xlsx" not in page
        # The admin's own county's record is still named, and the deletion still refused.
        assert "沅陵县2024年审计问题清单.xlsx" in page
    client.post(admin_url(type(staff_a), "delete", staff_a.pk), {"post": "yes"})
    assert type(staff_a).objects.filter(pk=staff_a.pk).exists()


def _audit_import_by(user, county, file_name):
    return AuditImport.objects.create(
        jurisdiction=county, year=2024, file_name=file_name, row_count=1, imported_by=user
    )


def test_deleting_a_voter_of_a_poll_outside_scope_shows_only_the_kind(
    world, county_admin_a, deputy_a, admin_user
):
    """The review's worry: elector rows in another body's poll, voter and group name. The polls'
    admin deletes nothing, so the page lists the kind of record in the way and no row."""
    poll = polls.poll_create(
        by=admin_user,
        jurisdiction=world.city,
        title="市直部门满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    polls.electorate_add(
        poll=poll, group_name="市人大常委会组成人员", voters=[deputy_a], by=admin_user
    )
    for response in delete_pages(login(county_admin_a), deputy_a):
        page = response.content.decode()
        assert response.status_code == 200
        assert "市人大常委会组成人员" not in page and "市直部门满意度测评" not in page
        assert str(Elector._meta.verbose_name) in page
