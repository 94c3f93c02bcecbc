"""A poll's turnout reads the same on its own page as on its results (it read 33% and 33.33%)."""

from django.urls import reverse

from polls import services
from polls.models import Poll
from tests.accounts.factories import DeputyUserFactory


def test_poll_page_writes_turnout_like_the_results(client_for, world, staff_a, deputy_a):
    poll = services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="2024年度部门工作满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    services.subjects_add(poll=poll, targets=[world.unit_a], by=staff_a)
    services.electorate_add(
        poll=poll,
        group_name="全体代表",
        voters=[deputy_a, *DeputyUserFactory.create_batch(2, jurisdiction=world.county_a)],
        by=staff_a,
    )
    services.poll_open(poll=poll, by=staff_a)
    subject = poll.subjects.get()
    services.ballot_cast(poll=poll, voter=deputy_a, marks={subject.pk: "S"})

    body = client_for(staff_a).get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert "33.33%" in body
