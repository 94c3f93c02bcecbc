"""The deputy's performance record (代表履职档案) adds up to the dashboards' figures.

One deputy's year is built in its edge cases (a draft and a cancelled activity, an opinion
transferred and one replied to, a suggestion rated 不满意, a poll voted in and one not, records of
another year and of other deputies); every figure of the record must equal its own query by the
domain's rule, and what the dashboard and the home page count for that deputy where they count it.
"""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deputies import records, rules, selectors, services
from deputies.exporters import DeputyRecordExporter
from deputies.models import Activity, ContactVisit, Opinion, Satisfaction, Suggestion, Visit
from polls import services as poll_services
from polls.models import Participation, Poll
from tests.accounts.factories import DeputyUserFactory

from .factories import (
    ActivityFactory,
    ContactVisitFactory,
    CountySettingFactory,
    OpinionFactory,
    SuggestionFactory,
    VisitFactory,
)

YEAR = timezone.localdate().year
TODAY = timezone.localdate()
LAST_YEAR = dt.date(YEAR - 1, 6, 1)
# A choice nobody else could print: the page must never show how the deputy voted.
SECRET_CHOICE = "城区幼儿园迁建"


def _poll(world, staff, voters, title):
    poll = poll_services.poll_create(
        by=staff,
        jurisdiction=world.county_a,
        title=title,
        kind=Poll.Kind.APPROVAL,
        max_choices=1,
    )
    poll_services.subjects_add(poll=poll, labels=[SECRET_CHOICE, "乡镇卫生院改造"], by=staff)
    poll_services.electorate_add(poll=poll, group_name="全体代表", voters=voters, by=staff)
    return poll


def _edge_cases(world, staff, deputy, station, other):
    """The deputy's year: every figure has a case that counts and one that must not."""
    visit = VisitFactory(station=station, deputy=deputy, people_received=4)
    VisitFactory(station=station, deputy=deputy, people_received=2)
    VisitFactory(station=station, deputy=deputy, visited_on=LAST_YEAR)  # another year
    answered = services.opinion_record(
        visit=visit, content="路灯坏了", category="roads", answer="已联系电工", by=staff
    )
    services.opinion_rate(opinion=answered, satisfaction=Satisfaction.SATISFIED, by=staff)
    transferred, replied = (
        services.opinion_record(visit=visit, content=text, category="roads", by=staff)
        for text in ("村道破损", "校门口积水")
    )
    for opinion in (transferred, replied):
        services.opinion_transfer(
            opinion=opinion, unit=world.unit_a, level="county", due_on=TODAY, by=staff
        )
    services.opinion_reply(opinion=replied, body="已修复", outcome="resolved", by=staff)
    services.opinion_record(visit=visit, content="想了解医保", category="health", by=staff)
    OpinionFactory(station=station, deputy=deputy, raised_on=LAST_YEAR)
    SuggestionFactory(
        deputy=deputy,
        status=Suggestion.Status.REOPENED,
        replied_on=TODAY,
        satisfaction=Satisfaction.DISSATISFIED,
    )
    SuggestionFactory(deputy=deputy)
    SuggestionFactory(
        deputy=deputy,
        kind=Suggestion.Kind.MICRO,
        status=Suggestion.Status.CLOSED,
        replied_on=TODAY,
        satisfaction=Satisfaction.SATISFIED,
    )
    SuggestionFactory(deputy=deputy, submitted_on=LAST_YEAR)
    now = timezone.now()
    for status in Activity.Status.values:  # a draft and a cancelled one are not counted
        activity = ActivityFactory(station=station, status=status, starts_at=now)
        activity.deputies.add(deputy, other)  # shared with another deputy: counted for both
    ContactVisitFactory(county=world.county_a, deputy=deputy)
    ContactVisitFactory(
        county=world.county_a, deputy=deputy, kind=ContactVisit.Kind.LEADER_TO_DEPUTY
    )
    ContactVisitFactory(county=world.county_a, deputy=deputy, visited_on=LAST_YEAR)
    voters = [deputy.user, *DeputyUserFactory.create_batch(2, jurisdiction=world.county_a)]
    voted = poll_services.poll_open(poll=_poll(world, staff, voters, "测评一"), by=staff)
    poll_services.poll_open(poll=_poll(world, staff, voters, "测评二"), by=staff)
    _poll(world, staff, voters, "草稿，不计")
    marks = {voted.subjects.get(label=SECRET_CHOICE).pk: "Y"}
    poll_services.ballot_cast(poll=voted, voter=deputy.user, marks=marks)


@pytest.fixture
def year_of_work(world, staff_a, deputy_record_a, station_a, other_deputy_a):
    _edge_cases(world, staff_a, deputy_record_a, station_a, other_deputy_a)
    return deputy_record_a


EXPECTED = {
    "visits": 2,
    "people": 6,
    "opinions": 4,
    "opinions_answered": 1,
    "opinions_transferred": 2,
    "opinions_replied": 1,
    "opinions_open": 1,
    "opinions_settled": 2,
    "opinions_rated": 1,
    "suggestions": 2,
    "suggestions_replied": 1,
    "micro": 1,
    "micro_closed": 1,
    "rated_satisfied": 1,
    "rated_basically": 0,
    "rated_dissatisfied": 1,
    "activities": 2,
    "contact_visits": 2,
    "polls_entitled": 2,
    "polls_voted": 1,
}


def test_every_figure_equals_its_own_query(staff_a, year_of_work):
    deputy = year_of_work
    record = records.record(user=staff_a, deputy=deputy, year=YEAR)
    assert {name: getattr(record, name) for name in EXPECTED} == EXPECTED
    # Each figure by the domain's own rule, written out here rather than read from the module.
    opinions = Opinion.objects.filter(deputy=deputy).in_year(YEAR)
    suggestions = Suggestion.objects.filter(deputy=deputy, submitted_on__year=YEAR)
    own = {
        "visits": Visit.objects.filter(deputy=deputy).in_year(YEAR).count(),
        "opinions": opinions.count(),
        "opinions_answered": opinions.filter(status=Opinion.Status.ANSWERED).count(),
        "opinions_transferred": opinions.exclude(transferred_on=None).count(),
        "opinions_replied": opinions.filter(replies__isnull=False).distinct().count(),
        "opinions_open": opinions.open_for_answer().count(),
        "opinions_settled": opinions.settled().count(),
        "opinions_rated": opinions.exclude(satisfaction="").count(),
        "suggestions": suggestions.exclude(kind=Suggestion.Kind.MICRO).count(),
        "micro": suggestions.micro().count(),
        "rated_dissatisfied": suggestions.filter(satisfaction=Satisfaction.DISSATISFIED).count(),
        "activities": Activity.objects.counted()
        .filter(deputies=deputy, starts_at__year=YEAR)
        .count(),
        "contact_visits": ContactVisit.objects.filter(deputy=deputy, visited_on__year=YEAR).count(),
        "polls_entitled": Poll.objects.votable_by(deputy.user).filter(opened_at__year=YEAR).count(),
        "polls_voted": Participation.objects.filter(
            voter=deputy.user, poll__opened_at__year=YEAR
        ).count(),
    }
    assert {name: getattr(record, name) for name in own} == own
    # And each figure the module counts is its queryset counted for this deputy alone.
    for name, (queryset, lookup) in records.figure_querysets(user=staff_a, year=YEAR).items():
        assert getattr(record, name) == queryset.filter(**{lookup: deputy}).count(), name


def test_the_record_agrees_with_the_dashboard_and_the_home_page(staff_a, deputy_a, year_of_work):
    """County A's work is this deputy's alone, so the county's row of the dashboard is theirs."""
    record = records.record(user=staff_a, deputy=year_of_work, year=YEAR)
    (county,) = selectors.county_figures(user=staff_a, year=YEAR, counties=[year_of_work.county])
    assert (record.visits, record.people) == (county.visits, county.people)
    assert record.activities == county.activities
    assert record.opinions == county.opinions
    assert record.opinions_settled == county.opinions_resolved
    assert record.opinions_replied == county.replies
    assert (record.suggestions, record.suggestions_replied) == (
        county.suggestions,
        county.suggestions_replied,
    )
    assert (record.micro, record.micro_closed) == (county.micro, county.micro_closed)
    assert record.contacts == county.contacts
    home = selectors.home_figures(user=deputy_a)
    assert (home["year"], home["visits"], home["people"]) == (YEAR, record.visits, record.people)
    # The deputy reads the same record of themselves as the office does.
    assert records.record(user=deputy_a, deputy=year_of_work, year=YEAR) == record


def test_polls_list_whether_the_deputy_voted(staff_a, year_of_work):
    record = records.record(user=staff_a, deputy=year_of_work, year=YEAR)
    polls = records.poll_participation(user=staff_a, deputy=year_of_work, year=YEAR)
    assert [(p.title, p.voted) for p in polls] == [("测评一", True), ("测评二", False)]
    assert (len(polls), sum(p.voted for p in polls)) == (record.polls_entitled, record.polls_voted)


def test_the_page_shows_every_figure_and_never_a_vote(client_for, staff_a, year_of_work):
    response = client_for(staff_a).get(reverse("deputies:record", args=[year_of_work.pk]))
    assert response.status_code == 200
    assert response.context["year"] == YEAR  # the latest year with data
    html = response.content.decode()
    shown = dict(re.findall(r'data-figure="(\w+)">(\d+)<', html))
    record = response.context["record"]
    assert shown.pop("score") == str(record.score)
    assert shown == {name: str(getattr(record, name)) for name in shown}
    assert set(shown) >= set(EXPECTED) - {"polls_entitled", "polls_voted"}
    assert "已参加" in html and "未参加" in html
    assert SECRET_CHOICE not in html


def test_the_record_module_cannot_reach_a_ballot():
    import inspect

    source = inspect.getsource(records)
    assert "Ballot" not in source and "ballot" not in source.replace("a ballot", "")


def test_an_earlier_year_is_its_own(client_for, staff_a, year_of_work):
    url = reverse("deputies:record", args=[year_of_work.pk])
    record = client_for(staff_a).get(url, {"year": YEAR - 1}).context["record"]
    assert (record.visits, record.opinions, record.suggestions, record.contact_visits) == (
        1,
        1,
        1,
        1,
    )
    assert client_for(staff_a).get(url, {"year": "abc"}).status_code == 404


def test_the_score_uses_the_county_weights(staff_a, year_of_work):
    CountySettingFactory(
        county=year_of_work.county,
        points_per_visit=5,
        points_per_opinion_answered=3,
        points_per_suggestion=0,
        points_per_activity=1,
        points_per_contact_visit=2,
        points_per_poll=10,
    )
    record = records.record(user=staff_a, deputy=year_of_work, year=YEAR)
    # 2 visits, 2 opinions answered (1 on the spot, 1 by the unit), 3 suggestions, 2 activities,
    # 2 contact visits, 1 poll voted in.
    assert record.score == 2 * 5 + 2 * 3 + 3 * 0 + 2 * 1 + 2 * 2 + 1 * 10


def test_the_score_has_the_documented_defaults(staff_a, year_of_work):
    record = records.record(user=staff_a, deputy=year_of_work, year=YEAR)
    assert record.weights == {
        "visit": 2,
        "opinion_answered": 1,
        "suggestion": 3,
        "activity": 2,
        "contact_visit": 1,
        "poll": 1,
    }
    assert record.score == rules.performance_score(record.score_counts, record.weights) == 22


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_more_data(
    client_for, world, staff_a, year_of_work, station_a, other_deputy_a
):
    client = client_for(staff_a)
    url = reverse("deputies:record", args=[year_of_work.pk])
    client.get(url)  # the first request of a process also fills Django's own caches
    before = _queries(client, url)
    assert before <= 35
    _edge_cases(world, staff_a, year_of_work, station_a, other_deputy_a)
    assert _queries(client, url) == before
    print_url = reverse("deputies:record_print", args=[year_of_work.pk])
    assert _queries(client, print_url) == before


def test_a_deputy_reads_their_own_record(client_for, deputy_a, year_of_work, other_deputy_a):
    client = client_for(deputy_a)
    response = client.get(reverse("deputies:my_record"))
    assert response.status_code == 200
    assert response.context["deputy"] == year_of_work
    own = client.get(reverse("deputies:record", args=[year_of_work.pk]))
    assert own.status_code == 200
    colleague = client.get(reverse("deputies:record", args=[other_deputy_a.pk]))
    assert colleague.status_code == 404


def test_outsiders_do_not_see_a_record(client_for, outsider, liaison_a, staff_a, year_of_work):
    for name in ("deputies:record", "deputies:record_print"):
        url = reverse(name, args=[year_of_work.pk])
        assert client_for(outsider).get(url).status_code == 404
        assert client_for(liaison_a).get(url).status_code == 403
    assert client_for(staff_a).get(reverse("deputies:my_record")).status_code == 403


def test_a_deputy_without_a_profile_is_told_so(client_for, deputy_a):
    response = client_for(deputy_a).get(reverse("deputies:my_record"))
    assert response.status_code == 403
    assert "尚未关联代表信息" in response.content.decode()


def test_the_menu_offers_the_deputy_their_record(client_for, deputy_a, deputy_record_a):
    html = client_for(deputy_a).get(reverse("home")).content.decode()
    assert reverse("deputies:my_record") in html


def test_the_roster_export_has_every_deputy_row_with_the_record(
    staff_a, deputy_a, outsider, year_of_work, other_deputy_a, deputy_record_b
):
    exporter = DeputyRecordExporter(user=staff_a, params={"year": [str(YEAR)]})
    (sheet,) = exporter.sheets()
    rows = {row[0]: row for row in sheet.rows}
    assert set(rows) == {year_of_work.name, other_deputy_a.name}  # not county B's deputy
    record = records.record(user=staff_a, deputy=year_of_work, year=YEAR)
    headers = [str(h) for h in sheet.headers]
    row = dict(zip(headers, rows[year_of_work.name], strict=True))
    assert row["进站履职"] == record.visits
    assert row["参加活动"] == record.activities
    assert row["已参加投票"] == record.polls_voted
    assert row["测评不满意"] == record.rated_dissatisfied
    assert row["履职积分"] == record.score
    # The colleague shares the activities only.
    other = dict(zip(headers, rows[other_deputy_a.name], strict=True))
    assert (other["参加活动"], other["进站履职"], other["履职积分"]) == (2, 0, 4)
    assert DeputyRecordExporter(user=staff_a, params={"year": [str(YEAR)]}).write(BytesIO()) == 2
    assert DeputyRecordExporter.allowed_for(staff_a)
    assert not DeputyRecordExporter.allowed_for(deputy_a)
