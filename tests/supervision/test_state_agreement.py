"""The stored `Item.state` is a cache of `rules.item_state`: after every step of every kind it
equals the state computed from the item's records, and the item list's state filter, which reads
the stored column, finds exactly the items in each computed state."""

from datetime import date

from supervision import rules
from supervision.filters import ItemFilter
from supervision.models import Item, Research
from supervision.selectors.steps import item_steps
from supervision.services import lifecycle

from .factories import PlanFactory
from .factories_lifecycle import county_item, heard, received


def _agrees(item: Item) -> rules.ItemState:
    fresh = Item.objects.get(pk=item.pk)
    computed = rules.item_state(item_steps(fresh))
    assert fresh.state == computed, f"{fresh.title}: stored {fresh.state}, computed {computed}"
    return computed


def _run(item: Item, staff, steps: int) -> list[rules.ItemState]:
    """Take `item` through its first `steps` steps, checking the agreement after each."""
    seen = [_agrees(item)]
    done = 0

    def step(call):
        nonlocal done
        if done < steps:
            call()
            done += 1
            seen.append(_agrees(item))

    step(
        lambda: lifecycle.research_record(
            item=item,
            kind=Research.Kind.SURVEY,
            held_on=date(2025, 5, 6),
            findings="资金到位慢",
            by=staff,
        )
    )
    step(lambda: lifecycle.session_set(item=item, session_on=date(2025, 6, 20), by=staff))
    step(lambda: heard(item, staff, on=date(2025, 6, 20)))
    if item.kind != Item.Kind.RESOLUTION:
        step(lambda: lifecycle.opinions_draft(item=item, content="意见", by=staff))
        step(
            lambda: lifecycle.opinions_send(
                letter=Item.objects.get(pk=item.pk).opinion_letter,
                sent_on=date(2025, 6, 27),
                by=staff,
            )
        )
    step(lambda: received(item.handling_reports.get(round=1), staff, on=date(2025, 8, 20)))
    step(
        lambda: lifecycle.verdict_record(
            report=item.handling_reports.get(round=1),
            verdict=rules.Verdict.UNSATISFIED,
            decided_on=date(2025, 8, 25),
            by=staff,
        )
    )
    step(lambda: received(item.handling_reports.get(round=2), staff, on=date(2025, 10, 20)))
    step(
        lambda: lifecycle.verdict_record(
            report=item.handling_reports.get(round=2),
            verdict=rules.Verdict.BASICALLY_SATISFIED,
            by=staff,
        )
    )
    step(lambda: lifecycle.item_close(item=item, closed_on=date(2025, 11, 1), by=staff))
    step(lambda: lifecycle.item_publish(item=item, by=staff))
    return seen


def test_stored_state_follows_every_step_of_every_kind(world, staff_a):
    for kind in Item.Kind.values:
        item = county_item(world, staff_a, kind=kind, title=f"全程 {kind}")
        seen = _run(item, staff_a, steps=99)
        # Every state is passed through, in the lifecycle's order (a resolution is "sent" to the
        # body on its adoption, so it goes from the hearing straight to awaiting its report).
        passed = [state for i, state in enumerate(seen) if i == 0 or seen[i - 1] != state]
        assert passed == [
            rules.ItemState.PLANNED,
            rules.ItemState.PREPARING,
            *([] if kind == Item.Kind.RESOLUTION else [rules.ItemState.HEARD]),
            rules.ItemState.OPINIONS_SENT,
            rules.ItemState.HANDLED,
            rules.ItemState.RE_REPORT,
            rules.ItemState.HANDLED,
            rules.ItemState.CLOSED,
        ]
        assert seen[-1] == rules.ItemState.CLOSED


def test_inquiry_steps_and_follow_up_keep_the_state(world, staff_a):
    item = county_item(world, staff_a, kind=Item.Kind.INQUIRY)
    question = lifecycle.question_record(
        item=item,
        asked_by="张委员",
        question="？",
        unit=world.unit_a,
        answered_by="李局长",
        by=staff_a,
    )
    _agrees(item)
    commitment = lifecycle.commitment_record(
        question=question, content="整改", unit=world.unit_a, due_on=date(2025, 12, 31), by=staff_a
    )
    _agrees(item)
    lifecycle.commitment_report(
        commitment=commitment, done_on=date(2025, 12, 1), result="已完成", by=staff_a
    )
    _agrees(item)
    version = lifecycle.version_record(
        item=item, stage="draft", received_on=date(2025, 5, 1), summary="稿", by=staff_a
    )
    assert _agrees(version.item) == rules.ItemState.PREPARING
    later = PlanFactory(jurisdiction=world.county_a, year=2026, created_by=staff_a)
    follow_up = lifecycle.item_follow_up(item=item, plan=later, planned_month=3, by=staff_a)
    assert _agrees(follow_up) == rules.ItemState.PLANNED


def test_state_filter_finds_the_items_in_each_state(world, staff_a):
    # One item stopped after each number of steps: every state is held by some item.
    items = [
        county_item(world, staff_a, title=f"第{steps}步", planned_month=1 + steps % 12)
        for steps in range(12)
    ]
    for steps, item in enumerate(items):
        _run(item, staff_a, steps=steps)
    computed = {item.pk: _agrees(item) for item in items}
    assert set(computed.values()) == set(rules.ItemState)
    for state in rules.ItemState:
        found = ItemFilter(
            data={"state": state.value, "year": ""}, queryset=Item.objects.all(), user=staff_a
        ).qs
        assert set(found.values_list("pk", flat=True)) == {
            pk for pk, value in computed.items() if value == state
        }
    assert set(Item.objects.open().values_list("pk", flat=True)) == {
        pk for pk, value in computed.items() if value != rules.ItemState.CLOSED
    }
