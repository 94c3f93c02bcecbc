"""The decision vote and the satisfaction poll run on the secret-ballot polls engine."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livelihood_projects import services
from livelihood_projects.models import Project, VoteRound
from polls import services as poll_services
from polls.models import Poll
from tests.accounts.factories import UserFactory

from .factories import ProjectFactory


@pytest.fixture
def deputies(world, cycle_a):
    """All ten deputies of county A's congress (cycle_a.deputies_total == 10)."""
    return UserFactory.create_batch(10, role="deputy", jurisdiction=world.county_a)


def vote_online(poll, deputies, ballots):
    """Each ballot names the chosen projects; one deputy casts each."""
    poll_services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=None)
    poll_services.poll_open(poll=poll, by=None)
    subjects = {s.object_id: s.pk for s in poll.subjects.all()}
    for deputy, chosen in zip(deputies, ballots, strict=False):
        marks = {subjects[p.pk]: "Y" for p in chosen}
        poll_services.ballot_cast(poll=poll, voter=deputy, marks=marks)
    poll_services.poll_close(poll=poll, by=None)


def test_online_vote_with_a_tie_runs_a_revote_poll_among_the_tied(approved, staff_a, deputies):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    first = services.vote_round_start(cycle=approved, method=VoteRound.Method.POLL, by=staff_a)
    poll = first.poll
    assert poll.kind == Poll.Kind.APPROVAL and poll.max_choices == 2
    assert sorted(s.object_id for s in poll.subjects.all()) == sorted([a.pk, b.pk, c.pk])
    # A 8, B 6, C 6 of 10 deputies: A elected, B and C tie for the last seat.
    vote_online(poll, deputies, [[a, b]] * 4 + [[a, c]] * 4 + [[b, c]] * 2)
    revote = services.vote_poll_record(vote_round=first, by=staff_a)
    assert revote.number == 2 and revote.seats == 1 and revote.poll.max_choices == 1
    assert {s.object_id for s in revote.poll.subjects.all()} == {b.pk, c.pk}
    vote_online(revote.poll, deputies, [[c]] * 6 + [[b]] * 3 + [[]])
    assert services.vote_poll_record(vote_round=revote, by=staff_a) is None
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "elected", b.pk: "not_elected", c.pk: "elected"}
    revote.refresh_from_db()
    assert revote.valid_ballots == 10 and revote.votes[str(c.pk)] == 6


def test_poll_must_be_closed_before_counting(approved, staff_a):
    ProjectFactory.create_batch(3, cycle=approved)
    vote_round = services.vote_round_start(cycle=approved, method="poll", by=staff_a)
    with pytest.raises(ValidationError, match="投票结束后"):
        services.vote_poll_record(vote_round=vote_round, by=staff_a)


def test_majority_is_of_all_deputies_even_when_few_vote_online(approved, staff_a, deputies):
    a, b, c = ProjectFactory.create_batch(3, cycle=approved)
    vote_round = services.vote_round_start(cycle=approved, method="poll", by=staff_a)
    vote_online(vote_round.poll, deputies, [[a, b]] * 5)  # 5 of 10: not more than half
    services.vote_poll_record(vote_round=vote_round, by=staff_a)
    vote_round.refresh_from_db()
    assert vote_round.unfilled_seats == 2
    assert not Project.objects.filter(status="elected").exists()


def test_satisfaction_poll_rates_each_project(cycle_a, elected_project, staff_a, deputies):
    other = ProjectFactory(cycle=cycle_a, status="elected", title="村级养老服务站")
    poll = services.satisfaction_poll_create(cycle=cycle_a, by=staff_a)
    assert poll.kind == Poll.Kind.RATING and poll.scale == Poll.Scale.SATISFACTION
    with pytest.raises(ValidationError, match="已发起"):
        services.satisfaction_poll_create(cycle=cycle_a, by=staff_a)
    poll_services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=None)
    poll_services.poll_open(poll=poll, by=None)
    subjects = {s.object_id: s.pk for s in poll.subjects.all()}
    for index, deputy in enumerate(deputies):
        first = "S" if index < 8 else "B"
        second = "U" if index < 3 else "S"
        marks = {subjects[elected_project.pk]: first, subjects[other.pk]: second}
        poll_services.ballot_cast(poll=poll, voter=deputy, marks=marks)
    poll_services.poll_close(poll=poll, by=None)
    assert services.satisfaction_from_poll(cycle=cycle_a, by=staff_a) == 2
    elected_project.refresh_from_db()
    other.refresh_from_db()
    assert (elected_project.satisfied, elected_project.basically_satisfied) == (8, 2)
    assert elected_project.satisfaction_rate == 100
    assert other.satisfaction_rate == 70


def test_buttons_on_the_pages(client_for, staff_a, approved, deputies):
    ProjectFactory.create_batch(3, cycle=approved)
    client = client_for(staff_a)
    url = reverse("livelihood_projects:vote_start", args=[approved.pk])
    client.post(url, {"method": "poll"})
    vote_round = VoteRound.objects.get()
    assert vote_round.poll is not None
    page = client.get(reverse("livelihood_projects:vote", args=[approved.pk])).content.decode()
    assert vote_round.poll.get_absolute_url() in page  # staff go there to run the poll
    count = reverse("livelihood_projects:vote_poll_count", args=[vote_round.pk])
    response = client.post(count, follow=True)
    assert "投票结束后才能计票" in response.content.decode()
