"""Polls in county A: a satisfaction poll of two units with five deputies in one group."""

import pytest

from polls import services
from polls.models import Poll
from tests.accounts.factories import DeputyUserFactory, StaffUserFactory


@pytest.fixture
def teller_b(world):
    """The poll's second teller, beside staff A."""
    return StaffUserFactory(username="teller_b", jurisdiction=world.county_a)


@pytest.fixture
def draft_poll(world, staff_a, deputy_a, teller_b):
    poll = services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="2024年度部门工作满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
        tellers=[staff_a, teller_b],
    )
    services.subjects_add(poll=poll, targets=[world.unit_a, world.township_unit_a], by=staff_a)
    services.electorate_add(
        poll=poll,
        group_name="全体代表",
        voters=[deputy_a, *DeputyUserFactory.create_batch(4, jurisdiction=world.county_a)],
        by=staff_a,
    )
    return poll


@pytest.fixture
def open_poll(draft_poll, staff_a):
    return services.poll_open(poll=draft_poll, by=staff_a)


@pytest.fixture
def approval_poll(world, staff_a, deputy_a):
    poll = services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="2025年县级民生实事项目票决",
        kind=Poll.Kind.APPROVAL,
        max_choices=2,
    )
    services.subjects_add(
        poll=poll, labels=["城区幼儿园迁建", "农村饮水安全巩固", "乡镇卫生院改造"], by=staff_a
    )
    services.electorate_add(
        poll=poll,
        group_name="全体代表",
        voters=[deputy_a, *DeputyUserFactory.create_batch(4, jurisdiction=world.county_a)],
        by=staff_a,
    )
    return services.poll_open(poll=poll, by=staff_a)


def subject_ids(poll):
    return list(poll.subjects.values_list("pk", flat=True))
