"""Items taken through their lifecycle by the services, so that their stored state follows the
steps as it does in the portal; and the voters of a county's satisfaction polls."""

from datetime import date

from polls import services as poll_services
from supervision.models import HandlingReport, Item, Plan
from supervision.services import lifecycle
from tests.accounts.factories import DeputyUserFactory
from tests.deputies.factories import DeputyFactory

from .factories import AdoptedPlanFactory, ItemFactory


def county_item(world, staff, **fields) -> Item:
    """An item of county A's adopted 2025 plan, on the county's finance bureau."""
    plan = (
        fields.pop("plan", None)
        or Plan.objects.filter(jurisdiction=world.county_a, year=2025).first()
        or AdoptedPlanFactory(jurisdiction=world.county_a, created_by=staff)
    )
    return ItemFactory(plan=plan, unit=world.unit_a, created_by=staff, **fields)


def heard(item: Item, by, on: date = date(2025, 6, 20)) -> Item:
    if item.kind == Item.Kind.RESOLUTION:
        return lifecycle.hearing_record(
            item=item,
            heard_on=on,
            resolution_text="关于加强饮用水水源保护的决议",
            execution_due=date(on.year, 12, 31),
            by=by,
        )
    return lifecycle.hearing_record(item=item, heard_on=on, reporter="王副县长", by=by)


def opinions_sent(item: Item, by, on: date = date(2025, 6, 27)) -> HandlingReport:
    """Hear the item (if not yet), draft and send its opinions; the first handling report."""
    if item.heard_on is None:
        heard(item, by)
    letter = lifecycle.opinions_draft(item=item, content="一、加大投入；二、完善机制。", by=by)
    lifecycle.opinions_send(letter=letter, sent_on=on, letter_number="常办函〔2025〕1号", by=by)
    return item.handling_reports.get(round=1)


def received(report: HandlingReport, by, on: date = date(2025, 8, 20)) -> HandlingReport:
    return lifecycle.handling_report_receive(
        report=report, received_on=on, content="已逐条研究落实。", by=by
    )


def county_voters(county, *, members: int = 3, deputies: int = 0):
    """Standing committee members (and plain county deputies) with portal accounts."""
    users = []
    for index in range(members + deputies):
        user = DeputyUserFactory(jurisdiction=county)
        DeputyFactory(county=county, is_standing_committee_member=index < members, user=user)
        users.append(user)
    return users


def poll_run(poll, staff, marks_by_voter) -> None:
    """Open the poll, let each voter mark the one subject, and close it."""
    poll_services.poll_open(poll=poll, by=staff)
    subject = poll.subjects.get()
    for voter, mark in marks_by_voter:
        poll_services.ballot_cast(poll=poll, voter=voter, marks={subject.pk: mark})
    poll_services.poll_close(poll=poll, by=staff)
