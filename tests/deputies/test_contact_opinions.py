"""Opinions recorded at a 三联系三走访 contact visit from its page, and the opinion export's
source and campaign columns."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from deputies.exporters import OpinionExporter
from deputies.models import Campaign, ContactVisit, Opinion

from .factories import ContactVisitFactory, DeputyFactory, OpinionFactory, StationFactory


@pytest.fixture
def contact_a(world, station_a):
    deputy = DeputyFactory(name="龙海", county=world.county_a, stations=[station_a])
    return ContactVisitFactory(
        county=world.county_a, deputy=deputy, visitor="龙海", visited="高村村民"
    )


def _opinion_url(contact):
    return reverse("deputies:contact_opinion", args=[contact.pk])


def test_staff_record_an_opinion_on_the_visits_page(client_for, staff_a, contact_a):
    client = client_for(staff_a)
    page = client.get(contact_a.get_absolute_url())
    assert page.status_code == 200 and _opinion_url(contact_a) in page.content.decode()
    response = client.post(
        _opinion_url(contact_a),
        {"content": "村里自来水压力不足", "category": "rural", "raised_by": "杨大伯"},
    )
    assert response.status_code == 302 and response["Location"] == contact_a.get_absolute_url()
    opinion = Opinion.objects.get()
    assert (opinion.source, opinion.contact_visit, opinion.deputy) == (
        Opinion.Source.CONTACT_VISIT,
        contact_a,
        contact_a.deputy,
    )
    # In the normal handling flow: pending, to be transferred like any other.
    assert opinion.status == Opinion.Status.PENDING and opinion.county == contact_a.county
    assert opinion.location == "高村村民" and opinion.raised_on == contact_a.visited_on
    client.post(
        _opinion_url(contact_a),
        {"content": "路灯不亮", "category": "urban", "answer": "已联系电工，当场答复"},
    )
    answered = Opinion.objects.get(content="路灯不亮")
    assert answered.status == Opinion.Status.ANSWERED
    body = client.get(contact_a.get_absolute_url()).content.decode()
    assert "村里自来水压力不足" in body and "路灯不亮" in body
    listing = client.get(reverse("deputies:contact_list"))
    assert listing.context["object_list"][0].opinion_count == 2
    # The figures per person still count visits, not opinions.
    assert listing.context["per_person"] == [("龙海", "代表联系群众", 1)]


def test_invalid_opinion_keeps_what_was_typed_and_saves_nothing(client_for, staff_a, contact_a):
    response = client_for(staff_a).post(
        _opinion_url(contact_a),
        {"content": "村口垃圾无人清运", "category": "", "raised_by_phone": "12345"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "村口垃圾无人清运" in body and 'value="12345"' in body
    form = response.context["opinion_form"]
    assert "category" in form.errors and "raised_by_phone" in form.errors
    assert not Opinion.objects.exists()


def test_a_new_contact_visit_opens_its_page_for_the_opinions(client_for, staff_a, world):
    response = client_for(staff_a).post(
        reverse("deputies:contact_create"),
        {
            "kind": "deputy_to_public",
            "visitor": "龙海",
            "visited": "高村村民",
            "visited_on": timezone.localdate().isoformat(),
        },
    )
    assert response["Location"] == ContactVisit.objects.get().get_absolute_url()


def test_outsider_gets_404(client_for, outsider, contact_a):
    client = client_for(outsider)
    assert client.get(contact_a.get_absolute_url()).status_code == 404
    data = {"content": "x", "category": "rural"}
    assert client.post(_opinion_url(contact_a), data).status_code == 404
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_only_the_office_records_contact_visits(request, client_for, contact_a, persona):
    # Contact visits are the office's record (deputies.record_contact_visits): deputies neither
    # record them nor add opinions to them.
    client = client_for(request.getfixturevalue(persona))
    assert client.get(contact_a.get_absolute_url()).status_code == 403
    data = {"content": "x", "category": "rural"}
    assert client.post(_opinion_url(contact_a), data).status_code == 403
    assert not Opinion.objects.exists()


def test_anonymous_is_sent_to_login(client, contact_a):
    for response in [
        client.get(contact_a.get_absolute_url()),
        client.post(_opinion_url(contact_a)),
    ]:
        assert response.status_code == 302 and "login" in response["Location"]


def test_municipal_admin_opens_a_countys_visit(client_for, admin_user, contact_a):
    assert client_for(admin_user).get(contact_a.get_absolute_url()).status_code == 200


def test_the_opinion_page_is_get_only_on_the_form(client_for, staff_a, contact_a):
    assert client_for(staff_a).get(_opinion_url(contact_a)).status_code == 405


# --- export -------------------------------------------------------------------------------------


def _rows(exporter):
    buffer = io.BytesIO()
    exporter.write(buffer)
    buffer.seek(0)
    return [list(r) for r in load_workbook(buffer).worksheets[0].iter_rows(values_only=True)]


def test_opinion_export_has_source_and_campaign(world, staff_a, contact_a):
    station = StationFactory(county=world.county_a)
    campaign = Campaign.objects.create(
        county=world.county_a,
        name="法治护绿",
        starts_on=date(2024, 3, 1),
        ends_on=date(2024, 11, 30),
    )
    OpinionFactory(station=station, content="河道垃圾", campaign=campaign)
    OpinionFactory(
        station=None,
        county=world.county_a,
        contact_visit=contact_a,
        source=Opinion.Source.CONTACT_VISIT,
        content="水压不足",
    )
    sheet = _rows(OpinionExporter(user=staff_a))
    headers = sheet[1]
    assert headers[-2:] == ["来源", "专项活动"]
    rows = {r[headers.index("内容")]: r[-2:] for r in sheet[2:]}
    assert rows == {"河道垃圾": ["进站履职", "法治护绿"], "水压不足": ["三联系三走访", None]}
