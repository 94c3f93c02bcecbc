"""What deputies and the supervised body's liaison are made known of an item: the report as
finally made, the opinions once sent, the handling reports and the inquiry, never the office's
working records (research notes, the draft for comments, opinions being drafted, the hearing
notes, who changed what); and the commitments a liaison's own unit made, which it reports
whichever unit's item they were made on."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision.models import Commitment, Item, ReportVersion, Research
from supervision.services import lifecycle

from .factories import (
    AdoptedPlanFactory,
    CommitmentFactory,
    ItemFactory,
    QuestionFactory,
    ResearchFactory,
)
from .factories_lifecycle import county_item

DRAFT_SUMMARY = "征求意见稿：尚待修改的初稿"
FINAL_SUMMARY = "正式报告：全县义务教育均衡发展"
FINDINGS = "调研发现：三所学校校舍老旧"
NOTES = "审议情况：常委会组成人员意见分歧较大"
OPINIONS = "审议意见：加大薄弱学校投入"
HIDDEN = [DRAFT_SUMMARY, FINDINGS, NOTES, OPINIONS, "修改记录"]


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


@pytest.fixture
def drafted(world, staff_a):
    """An item heard and published while its opinions are still a draft, with research, the
    draft for comments and the final report on record."""
    item = county_item(world, staff_a, title="义务教育均衡发展")
    lifecycle.session_set(item=item, session_on=date(2025, 6, 20), by=staff_a)
    for stage, summary in [
        (ReportVersion.Stage.DRAFT, DRAFT_SUMMARY),
        (ReportVersion.Stage.FINAL, FINAL_SUMMARY),
    ]:
        lifecycle.version_record(
            item=item, stage=stage, received_on=date(2025, 6, 1), summary=summary, by=staff_a
        )
    lifecycle.research_record(
        item=item,
        kind=Research.Kind.VISIT,
        held_on=date(2025, 5, 10),
        findings=FINDINGS,
        by=staff_a,
    )
    lifecycle.hearing_record(
        item=item, heard_on=date(2025, 6, 20), reporter="王副县长", hearing_notes=NOTES, by=staff_a
    )
    lifecycle.opinions_draft(item=item, content=OPINIONS, by=staff_a)
    return lifecycle.item_publish(item=item, by=staff_a)


def _get(client, name, item, status=200):
    response = client.get(url(name, item.pk))
    assert response.status_code == status
    return response.content.decode()


@pytest.mark.parametrize("reader", ["deputy_a", "liaison_a"])
def test_readers_see_the_final_report_and_none_of_the_office_drafts(
    request, client_for, reader, drafted
):
    client = client_for(request.getfixturevalue(reader))
    for name in ["item_detail", "dossier_print"]:
        html = _get(client, name, drafted)
        assert FINAL_SUMMARY in html, name
        for text in HIDDEN:
            assert text not in html, (name, text)
        assert url("letter_print", drafted.pk) not in html
    _get(client, "letter_print", drafted, status=404)


def test_the_office_sees_its_working_records(client_for, staff_a, drafted):
    client = client_for(staff_a)
    for text in HIDDEN:
        assert text in _get(client, "item_detail", drafted), text
    dossier = _get(client, "dossier_print", drafted)
    for text in [DRAFT_SUMMARY, FINDINGS, NOTES, OPINIONS]:
        assert text in dossier, text
    assert OPINIONS in _get(client, "letter_print", drafted)


def test_opinions_are_made_known_once_sent(client_for, deputy_a, staff_a, drafted):
    lifecycle.opinions_send(letter=drafted.opinion_letter, sent_on=date(2025, 6, 27), by=staff_a)
    client = client_for(deputy_a)
    assert OPINIONS in _get(client, "item_detail", drafted)
    assert OPINIONS in _get(client, "dossier_print", drafted)
    assert OPINIONS in _get(client, "letter_print", drafted)
    assert DRAFT_SUMMARY not in _get(client, "item_detail", drafted)


# --- Commitments follow the unit that made them ---------------------------------------------------


@pytest.fixture
def others_inquiry(world, staff_a):
    """An inquiry on the township's government, where the county finance bureau (liaison_a's
    unit) also answered and made a commitment, beside the township's own."""
    item = county_item(world, staff_a, title="乡镇财政专题询问", kind=Item.Kind.INQUIRY)
    Item.objects.filter(pk=item.pk).update(unit=world.township_unit_a)
    question = QuestionFactory(item=item, unit=world.unit_a)
    mine = CommitmentFactory(question=question, unit=world.unit_a, content="县财政局承诺")
    theirs = CommitmentFactory(question=question, unit=world.township_unit_a, content="镇政府承诺")
    return item, mine, theirs


def _report(client, commitment, **extra):
    prefix = f"c{commitment.pk}"
    data = {f"{prefix}-done_on": "2025-11-30", f"{prefix}-result": "已落实", **extra}
    return client.post(url("commitment_report", commitment.pk), data)


def test_liaison_reports_their_units_commitment_on_another_units_item(
    client_for, liaison_a, others_inquiry
):
    item, mine, theirs = others_inquiry
    client = client_for(liaison_a)
    assert client.get(url("item_detail", item.pk)).status_code == 404
    html = client.get(url("commitment_list")).content.decode()
    assert "县财政局承诺" in html and "镇政府承诺" not in html
    assert url("commitment_report", mine.pk) in html
    # The item's dossier is not theirs to open: its title is not a link.
    assert url("item_detail", item.pk) not in html
    response = _report(client, mine)
    assert response.status_code == 302
    assert response.url == url("commitment_list")
    mine.refresh_from_db()
    assert mine.done_on == date(2025, 11, 30)
    refused = _report(client, Commitment.objects.get(pk=mine.pk), **{f"c{mine.pk}-done_on": ""})
    assert refused.status_code == 400


def test_liaison_does_not_report_another_units_commitment(client_for, liaison_a, staff_a, world):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    question = QuestionFactory(item=item, unit=world.unit_a)
    theirs = CommitmentFactory(question=question, unit=world.township_unit_a, content="镇承诺")
    mine = CommitmentFactory(question=question, unit=world.unit_a)
    client = client_for(liaison_a)
    html = client.get(url("item_detail", item.pk)).content.decode()
    assert "镇承诺" in html
    assert url("commitment_report", theirs.pk) not in html
    assert url("commitment_report", mine.pk) in html
    assert _report(client, theirs).status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.done_on is None
    assert "镇承诺" not in client.get(url("commitment_list")).content.decode()


def test_liaison_reaches_no_commitment_beyond_their_jurisdiction(
    client_for, liaison_a, staff_a, world
):
    plan = AdoptedPlanFactory(jurisdiction=world.county_b, created_by=staff_a)
    item = ItemFactory(plan=plan, unit=world.unit_b, kind=Item.Kind.INQUIRY)
    # Made in county B's name by unit A (a unit is one county's, but the record allows it).
    elsewhere = CommitmentFactory(question=QuestionFactory(item=item), unit=world.unit_a)
    client = client_for(liaison_a)
    assert _report(client, elsewhere).status_code == 404
    assert Commitment.objects.visible_to(liaison_a).filter(pk=elsewhere.pk).count() == 0


def test_the_office_still_reports_any_commitment_of_its_items(client_for, staff_a, others_inquiry):
    item, mine, theirs = others_inquiry
    response = _report(client_for(staff_a), theirs)
    assert response.status_code == 302
    assert response.url == item.get_absolute_url()


def test_a_readers_dossier_costs_a_fixed_number_of_queries(
    client_for, deputy_a, staff_a, drafted, django_assert_max_num_queries
):
    """The reader's page reads the report made known in one query, whatever the records."""
    client = client_for(deputy_a)
    address = url("item_detail", drafted.pk)
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for _ in range(3):
        ResearchFactory(item=drafted)
        ReportVersion.objects.create(
            item=drafted,
            stage=ReportVersion.Stage.FINAL,
            received_on=date(2025, 6, 2),
            summary="再次报送的正式报告",
            recorded_by=staff_a,
        )
    with django_assert_max_num_queries(len(few)):
        html = client.get(address).content.decode()
    assert html.count("再次报送的正式报告") == 3
