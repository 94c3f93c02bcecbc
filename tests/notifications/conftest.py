import datetime as dt

import pytest

from notifications.registry import Due, sources


@pytest.fixture
def deadline_source(world, liaison_a, staff_a):
    """A source with one item due on 2026-03-31 for unit A's liaison, escalated to county A staff."""
    items = [
        Due(
            source="test.item",
            object_id=1,
            deadline=dt.date(2026, 3, 31),
            title="代表建议 2026-001 答复",
            url=f"/units/{world.unit_a.pk}/",
            jurisdiction_id=world.county_a.pk,
            recipients=(liaison_a,),
            escalate_to=(staff_a,),
        )
    ]
    sources["test.item"] = lambda today: items
    yield items
    del sources["test.item"]
