"""The home page's supervision panel counts what the user sees, by the querysets' own rules."""

from datetime import date

import time_machine
from django.urls import reverse

from supervision.selectors.home import home_figures
from supervision.services import lifecycle
from tests.supervision.factories import CommitmentFactory
from tests.supervision.factories_lifecycle import county_item, opinions_sent


@time_machine.travel(date(2025, 12, 1), tick=False)
def test_home_counts_open_items_and_missed_deadlines_in_scope(
    client_for, world, staff_a, deputy_a, liaison_a, outsider
):
    item = county_item(world, staff_a)
    opinions_sent(item, staff_a, on=date(2025, 6, 27))  # the handling report was due 27 Aug
    question = CommitmentFactory(
        question__item=county_item(world, staff_a, kind="inquiry"), due_on=date(2025, 11, 1)
    ).question
    CommitmentFactory(question=question, due_on=date(2025, 11, 1), done_on=date(2025, 10, 30))
    county_item(world, staff_a)  # planned, nothing due

    assert home_figures(user=staff_a) == {
        "open_items": 3,
        "letters_overdue": 0,
        "reports_overdue": 1,
        "commitments_overdue": 1,
    }
    assert home_figures(user=outsider) == {
        "open_items": 0,
        "letters_overdue": 0,
        "reports_overdue": 0,
        "commitments_overdue": 0,
    }
    # Deputies follow what was published only.
    assert home_figures(user=deputy_a)["open_items"] == 0
    lifecycle.item_publish(item=item, by=staff_a)
    assert home_figures(user=deputy_a) == {
        "open_items": 1,
        "letters_overdue": 0,
        "reports_overdue": 1,
        "commitments_overdue": 0,
    }
    body = client_for(staff_a).get(reverse("home")).content.decode()
    assert 'data-testid="home-supervision"' in body and "研究处理情况报告逾期未报 1 件" in body
