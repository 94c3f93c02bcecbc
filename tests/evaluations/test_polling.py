"""Satisfaction polls of evaluated units and the grade poll of an appraisal, on the polls engine."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deputies.models import Deputy
from evaluations import polling, selectors, services
from polls import services as poll_services
from tests.accounts.factories import DeputyUserFactory
from tests.core.factories import UnitFactory
from tests.deputies.factories import DeputyFactory


@pytest.fixture
def voters(world):
    """Two county deputies and one standing committee member (also a deputy) of county A."""
    users = []
    for index, committee in enumerate([False, False, True]):
        user = DeputyUserFactory(jurisdiction=world.county_a)
        DeputyFactory(
            name=f"代表{index}",
            county=world.county_a,
            is_standing_committee_member=committee,
            user=user,
        )
        users.append(user)
    return users


def _close(poll, staff, votes):
    """Open the poll, cast each voter's marks (subject label → mark) and close it."""
    poll_services.poll_open(poll=poll, by=staff)
    subjects = {s.label: s.pk for s in poll.subjects.all()}
    for voter, marks in votes:
        poll_services.ballot_cast(
            poll=poll, voter=voter, marks={subjects[k]: v for k, v in marks.items()}
        )
    poll_services.poll_close(poll=poll, by=staff)


def test_two_sided_unit_poll_reports_each_group(client_for, world, staff_a, voters):
    education = UnitFactory(name="沅陵县教育局", jurisdiction=world.county_a)
    evaluation = services.round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="辰溪式两方面测评",
        units=[world.unit_a, education],
        two_sided_poll=True,
        by=staff_a,
    )
    client = client_for(staff_a)
    client.post(reverse("evaluations:round_poll_start", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    poll = evaluation.satisfaction_poll
    assert sorted(poll.groups.values_list("name", flat=True)) == [
        "全体县人大代表",
        "常委会组成人员",
    ]
    with pytest.raises(ValidationError):
        services.round_poll_start(evaluation=evaluation, by=staff_a)
    _close(
        poll,
        staff_a,
        [
            (voters[0], {"沅陵县财政局": "S", "沅陵县教育局": "U"}),
            (voters[1], {"沅陵县财政局": "B", "沅陵县教育局": "U"}),
            (voters[2], {"沅陵县财政局": "U", "沅陵县教育局": "S"}),
        ],
    )
    evaluation.refresh_from_db()
    groups = polling.round_poll_results(evaluation)
    by_name = {g.name: {r.label: r for r in g.rows} for g in groups}
    assert by_name["全体县人大代表"]["沅陵县财政局"].rate == 100.0
    assert by_name["常委会组成人员"]["沅陵县财政局"].dissatisfied == 1
    assert by_name["全体"]["沅陵县教育局"].satisfied == 1
    body = client.get(evaluation.get_absolute_url()).content.decode()
    assert body.count('data-testid="poll-group"') == 3


def test_poll_needs_voters(world, staff_a):
    evaluation = services.round_create(
        jurisdiction=world.county_a, year=2024, title="无投票人", units=[world.unit_a], by=staff_a
    )
    with pytest.raises(ValidationError, match="没有可以网上投票"):
        services.round_poll_start(evaluation=evaluation, by=staff_a)


def test_outsider_cannot_start_polls(client_for, outsider, world, staff_a, voters):
    evaluation = services.round_create(
        jurisdiction=world.county_a, year=2024, title="评议", units=[world.unit_a], by=staff_a
    )
    url = reverse("evaluations:round_poll_start", args=[evaluation.pk])
    assert client_for(outsider).post(url).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.satisfaction_poll is None


def test_grade_poll_feeds_the_appraisal(client_for, world, staff_a, voters):
    services.head_appoint(
        by=staff_a, name="向东", unit=world.unit_a, post="局长", took_office=date(2020, 1, 1)
    )
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="履职评议",
        year=2024,
        appraisal_date=date(2024, 11, 30),
    )
    client = client_for(staff_a)
    client.post(reverse("evaluations:appraisal_roster", args=[appraisal.pk]))
    client.post(reverse("evaluations:appraisal_poll_start", args=[appraisal.pk]))
    appraisal.refresh_from_db()
    poll = appraisal.grade_poll
    assert list(poll.groups.values_list("name", flat=True)) == ["常委会组成人员"]
    response = client.post(
        reverse("evaluations:appraisal_poll_import", args=[appraisal.pk]), follow=True
    )
    assert "投票结束后才能查看结果" in response.content.decode()
    head_label = poll.subjects.get().label
    _close(poll, staff_a, [(voters[2], {head_label: "D"})])
    client.post(reverse("evaluations:appraisal_poll_import", args=[appraisal.pk]))
    entry = appraisal.entries.get()
    assert (entry.votes_a, entry.votes_d) == (0, 1)
    with pytest.raises(ValidationError, match="不能重建名单"):
        services.appraisal_build_roster(appraisal=appraisal, by=staff_a)


def test_scorecard_reads_deputy_suggestions(world, staff_a, deputy_a):
    from deputies.models import Suggestion

    deputy = Deputy.objects.create(
        name="李秀兰", level=Deputy.Level.COUNTY, county=world.county_a, gender="female"
    )
    for index, (satisfaction, replied) in enumerate(
        [("satisfied", True), ("dissatisfied", True), ("", False)]
    ):
        Suggestion.objects.create(
            county=world.county_a,
            kind=Suggestion.Kind.SUGGESTION,
            number=f"2024-{index}",
            title="修路",
            content="修路",
            deputy=deputy,
            submitted_on=date(2024, 1, 10),
            lead_unit=world.unit_a,
            due_on=date(2024, 4, 10),
            replied_on=date(2024, 3, 1) if replied else None,
            satisfaction=satisfaction,
        )
    (card,) = selectors.scorecards([world.unit_a], 2024, date(2024, 12, 1))
    assert card.suggestions.total == 3 and card.suggestions.overdue == 1
    assert str(card.suggestions.rate) == "50.0"


def test_scorecard_reads_voted_projects(world):
    from decimal import Decimal

    from livelihood_projects.models import Cycle, Project

    cycle = Cycle.objects.create(jurisdiction=world.county_a, year=2024)
    for index, (status, progress, due) in enumerate(
        [
            (Project.Status.ELECTED, Decimal(100), date(2024, 10, 1)),
            (Project.Status.ELECTED, Decimal(40), date(2024, 10, 1)),
            (Project.Status.ELECTED, Decimal(0), date(2025, 10, 1)),
            (Project.Status.NOT_ELECTED, Decimal(0), None),
        ]
    ):
        project = Project.objects.create(
            cycle=cycle,
            title=f"项目{index}",
            category="education",
            status=status,
            responsible_unit=world.unit_a,
            due_on=due,
        )
        Project.objects.filter(pk=project.pk).update(progress=progress)
    (card,) = selectors.scorecards([world.unit_a], 2024, date(2024, 12, 1))
    assert card.projects.total == 3 and card.projects.overdue == 1
    assert list(card.projects.counts.values()) == [1, 1, 1]
    assert str(card.projects.rate) == "33.3"
