"""The pages: staff set up and run polls, deputies vote; outsiders see nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from polls import services
from polls.models import Ballot, BallotMark, PaperTally, Participation, Poll, SealedBallot
from tests.accounts.factories import UserFactory

from .conftest import subject_ids


def url(name, poll, *args):
    return reverse(f"polls:{name}", args=[poll.pk, *args])


def ballot_data(poll, *marks):
    return {f"s{sid}": mark for sid, mark in zip(subject_ids(poll), marks, strict=True)}


def body(response) -> str:
    return response.content.decode()


STAFF_GET = ["detail", "edit", "not_voted", "paper", "results"]
STAFF_POST = ["subjects_add", "electorate_add", "open", "close", "publish"]


@pytest.mark.parametrize("name", STAFF_GET + STAFF_POST)
def test_outsider_gets_404_on_every_page_of_another_countys_poll(
    client_for, outsider, open_poll, name
):
    client = client_for(outsider)
    method = client.post if name in STAFF_POST else client.get
    assert method(url(name, open_poll)).status_code == 404


def test_outsider_cannot_vote_or_see_the_poll_anywhere(client_for, outsider, open_poll):
    client = client_for(outsider)
    assert client.get(url("vote", open_poll)).status_code == 404
    assert client.post(url("vote", open_poll), ballot_data(open_poll, "S", "S")).status_code == 404
    assert client.get(url("voted", open_poll)).status_code == 404
    subject = open_poll.subjects.first()
    elector = open_poll.electors.first()
    assert client.post(url("subject_remove", open_poll, subject.pk)).status_code == 404
    assert client.post(url("elector_remove", open_poll, elector.pk)).status_code == 404
    assert open_poll.title not in body(client.get(reverse("polls:list")))
    assert open_poll.title not in body(client.get(reverse("polls:mine")))
    assert not Participation.objects.exists()


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_staff_pages_are_forbidden_to_deputies_and_liaisons(
    request, client_for, persona, open_poll
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("polls:list")).status_code == 403
    assert client.get(reverse("polls:create")).status_code == 403
    assert client.get(url("detail", open_poll)).status_code == 403
    assert client.post(url("close", open_poll)).status_code == 403


def test_staff_set_up_and_open_a_poll_through_the_pages(client_for, staff_a, world, deputy_a):
    client = client_for(staff_a)
    response = client.post(
        reverse("polls:create"),
        {
            "title": "2024年度政府组成部门满意度测评",
            "jurisdiction": world.county_a.pk,
            "kind": "rating",
            "scale": "satisfaction",
            "max_choices": 1,
            "verdict_basis": "entitled",
            "verdict_threshold": 50,
        },
    )
    poll = Poll.objects.get()
    assert response.url == url("detail", poll)
    assert poll.created_by == staff_a and poll.status == Poll.Status.DRAFT
    client.post(
        url("subjects_add", poll), {"units": [world.unit_a.pk], "labels": "县教育局局长 王某"}
    )
    assert list(poll.subjects.values_list("label", flat=True)) == [
        "沅陵县财政局",
        "县教育局局长 王某",
    ]
    client.post(url("electorate_add", poll), {"group_name": "全体代表", "all_deputies": "on"})
    assert list(poll.electors.values_list("voter", flat=True)) == [deputy_a.pk]
    client.post(url("open", poll))
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN
    page = body(client.get(url("detail", poll)))
    assert "结束投票" in page and url("subjects_add", poll) not in page


def test_staff_cannot_add_subjects_from_another_county(client_for, staff_a, draft_poll, world):
    client_for(staff_a).post(url("subjects_add", draft_poll), {"units": [world.unit_b.pk]})
    assert "辰溪县财政局" not in list(draft_poll.subjects.values_list("label", flat=True))


def test_approval_kind_forces_the_approval_scale(client_for, staff_a, world):
    client_for(staff_a).post(
        reverse("polls:create"),
        {
            "title": "民生实事项目票决",
            "jurisdiction": world.county_a.pk,
            "kind": "approval",
            "max_choices": 3,
            "verdict_basis": "entitled",
            "verdict_threshold": 50,
        },
    )
    assert Poll.objects.get().scale == Poll.Scale.APPROVAL


def test_a_deputy_sees_the_poll_votes_once_and_the_confirmation_echoes_nothing(
    client_for, deputy_a, open_poll
):
    client = client_for(deputy_a)
    home = body(client.get(reverse("home")))
    assert open_poll.title in home and "我的投票" in home
    page = body(client.get(url("vote", open_poll)))
    assert "沅陵县财政局" in page and "基本满意" in page and "弃权" in page
    response = client.post(
        url("vote", open_poll), {**ballot_data(open_poll, "B", "-"), "step": "cast"}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("voted", open_poll)
    confirmation = body(response)
    assert "您的选票已提交" in confirmation
    assert "基本满意" not in confirmation and "弃权" not in confirmation
    assert SealedBallot.objects.count() == 1
    again = client.post(url("vote", open_poll), ballot_data(open_poll, "U", "U"), follow=True)
    assert "您已投过票" in body(again)
    assert SealedBallot.objects.count() == 1
    services.poll_close(poll=open_poll, by=deputy_a)
    assert Ballot.objects.count() == 1
    assert list(BallotMark.objects.values_list("mark", flat=True)) == ["B"]


@pytest.mark.parametrize(
    "data",
    [
        {"s999": "S"},  # a subject of no poll, every real subject missing
        "unknown-mark",
        "one-missing",
    ],
)
def test_tampered_or_incomplete_ballots_are_refused_in_chinese(
    client_for, deputy_a, open_poll, data
):
    ids = subject_ids(open_poll)
    if data == "unknown-mark":
        data = {f"s{ids[0]}": "S", f"s{ids[1]}": "EXCELLENT"}
    elif data == "one-missing":
        data = {f"s{ids[0]}": "S"}
    response = client_for(deputy_a).post(url("vote", open_poll), data)
    assert response.status_code == 200
    assert "选票未提交" in body(response)
    assert not Participation.objects.exists() and not SealedBallot.objects.exists()


def test_too_many_approval_marks_are_refused(client_for, deputy_a, approval_poll):
    response = client_for(deputy_a).post(
        url("vote", approval_poll), {"chosen": subject_ids(approval_poll)}
    )
    assert "最多只能选择 2 项，您选择了 3 项" in body(response)
    assert not SealedBallot.objects.exists()
    ok = client_for(deputy_a).post(
        url("vote", approval_poll), {"chosen": subject_ids(approval_poll)[:2], "step": "cast"}
    )
    assert ok.url == url("voted", approval_poll)


def test_voting_on_a_closed_poll_is_refused(client_for, deputy_a, staff_a, open_poll):
    services.poll_close(poll=open_poll, by=staff_a)
    response = client_for(deputy_a).post(
        url("vote", open_poll), ballot_data(open_poll, "S", "S"), follow=True
    )
    assert "本次投票未在进行中" in body(response)
    assert not Ballot.objects.exists() and not SealedBallot.objects.exists()


def test_an_ineligible_deputy_gets_404(client_for, world, open_poll):
    stranger = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_a)
    client = client_for(stranger)
    assert client.get(url("vote", open_poll)).status_code == 404
    assert client.post(url("vote", open_poll), ballot_data(open_poll, "S", "S")).status_code == 404
    assert not SealedBallot.objects.exists()


def test_deputies_do_not_see_draft_polls(client_for, deputy_a, draft_poll):
    assert client_for(deputy_a).get(url("vote", draft_poll)).status_code == 404


def test_staff_see_turnout_and_who_has_not_voted_but_never_a_choice(
    client_for, staff_a, deputy_a, open_poll
):
    services.ballot_cast(
        poll=open_poll, voter=deputy_a, marks=dict.fromkeys(subject_ids(open_poll), "U")
    )
    client = client_for(staff_a)
    detail = body(client.get(url("detail", open_poll)))
    assert ">不满意<" not in detail and "已投" in detail
    missing = body(client.get(url("not_voted", open_poll)))
    assert "李秀兰" not in missing
    waiting = [e.voter for e in open_poll.electors.exclude(voter=deputy_a)]
    # Full names are shown, not usernames.
    assert all(v.full_name in missing and v.username not in missing for v in waiting)
    assert missing.count("<tr>") == 1 + 4
    response = client.get(url("results", open_poll), follow=True)
    assert "投票结束后才能查看结果" in body(response)


def test_results_page_shows_the_table_and_chart_data(client_for, staff_a, deputy_a, open_poll):
    services.ballot_cast(
        poll=open_poll,
        voter=deputy_a,
        marks=dict(zip(subject_ids(open_poll), ["S", None], strict=True)),
    )
    services.poll_close(poll=open_poll, by=staff_a)
    response = client_for(staff_a).get(url("results", open_poll))
    page = body(response)
    assert "结果尚未公布" in page and 'id="polls-chart-data"' in page
    assert "echarts.min.js" in page
    chart = response.context["chart"]
    assert chart["subjects"] == ["沅陵县财政局", "官庄镇人民政府"]
    assert chart["series"][0] == {"name": "满意", "data": [1, 0]}
    group = response.context["results"].overall
    assert (group.entitled, group.voted) == (5, 1)
    assert "20%" in page  # turnout 1 of 5


def test_deputies_see_results_only_once_published(client_for, staff_a, deputy_a, open_poll):
    services.poll_close(poll=open_poll, by=staff_a)
    client = client_for(deputy_a)
    assert client.get(url("results", open_poll)).status_code == 404
    services.poll_publish(poll=open_poll, by=staff_a)
    assert client.get(url("results", open_poll)).status_code == 200
    assert open_poll.title in body(client.get(reverse("polls:mine")))


def test_staff_close_and_publish_through_the_pages(client_for, staff_a, open_poll):
    client = client_for(staff_a)
    client.post(url("publish", open_poll), follow=True)
    open_poll.refresh_from_db()
    assert open_poll.status == Poll.Status.OPEN
    client.post(url("close", open_poll))
    client.post(url("publish", open_poll))
    open_poll.refresh_from_db()
    assert open_poll.status == Poll.Status.PUBLISHED


def _tally_post(poll, group, ballots, first_s):
    ids = subject_ids(poll)
    data = {"form": "tally", "group": group.pk, "ballots": ballots, "invalid_ballots": 0}
    for sid, s in zip(ids, [first_s, ballots], strict=True):
        data |= {f"c{sid}_S": s, f"c{sid}_B": ballots - s, f"c{sid}_U": 0}
        data |= {f"c{sid}_blank": 0, f"c{sid}_invalid": 0}
    return data


def test_tellers_enter_paper_totals_and_see_differences(
    client_for, staff_a, teller_b, deputy_a, open_poll
):
    group = open_poll.groups.get()
    client = client_for(staff_a)
    elector = open_poll.electors.get(voter=deputy_a)
    client.post(url("paper", open_poll), {"form": "voters", "voters": [elector.pk]})
    assert Participation.objects.get().channel == "paper"
    client.post(url("paper", open_poll), _tally_post(open_poll, group, 1, 1))
    client_for(teller_b).post(url("paper", open_poll), _tally_post(open_poll, group, 1, 0))
    page = body(client_for(teller_b).get(url("paper", open_poll)))
    assert "两名计票人的录入不一致" in page and "沅陵县财政局 满意" in page
    client_for(teller_b).post(url("paper", open_poll), _tally_post(open_poll, group, 1, 1))
    assert "两名计票人录入一致" in body(client_for(teller_b).get(url("paper", open_poll)))
    assert PaperTally.objects.count() == 3


def test_a_sheet_that_does_not_add_up_is_refused(client_for, staff_a, deputy_a, open_poll):
    group = open_poll.groups.get()
    client = client_for(staff_a)
    elector = open_poll.electors.get(voter=deputy_a)
    client.post(url("paper", open_poll), {"form": "voters", "voters": [elector.pk]})
    data = _tally_post(open_poll, group, 1, 1) | {"ballots": 3}
    response = client.post(url("paper", open_poll), data, follow=True)
    assert "应等于有效选票数" in body(response) or "超过了登记领取" in body(response)
    assert not PaperTally.objects.exists()


def test_non_tellers_cannot_enter_paper_totals(client_for, world, open_poll):
    colleague = UserFactory(role=Role.STAFF, jurisdiction=world.county_a)
    response = client_for(colleague).post(
        url("paper", open_poll), _tally_post(open_poll, open_poll.groups.get(), 0, 0), follow=True
    )
    assert "您不是本次投票的计票人" in body(response)
    assert not PaperTally.objects.exists()


def _polls(n, world, staff_a, deputy_a):
    for i in range(n):
        poll = services.poll_create(
            by=staff_a, jurisdiction=world.county_a, title=f"测评{i}", kind="rating", scale="grade"
        )
        services.subjects_add(poll=poll, labels=["甲", "乙"], by=staff_a)
        services.electorate_add(poll=poll, group_name="全体代表", voters=[deputy_a], by=staff_a)
        services.poll_open(poll=poll, by=staff_a)


@pytest.mark.parametrize(
    ("persona", "page", "poll_queries"),
    [("staff_a", "polls:list", 2), ("deputy_a", "polls:mine", 1)],
)
def test_list_pages_make_the_same_number_of_queries_for_1_and_30_polls(
    request,
    client_for,
    world,
    staff_a,
    deputy_a,
    django_assert_num_queries,
    persona,
    page,
    poll_queries,
):
    client = client_for(request.getfixturevalue(persona))
    _polls(1, world, staff_a, deputy_a)
    client.get(reverse(page))  # warm the session
    # The page's own queries (the list page: count and page; "mine": one query with the
    # voted flag) plus whatever every page costs (session, user, navigation, session save).
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(page))
    own = [q for q in one.captured_queries if '"polls_' in q["sql"]]
    assert len(own) == poll_queries
    _polls(29, world, staff_a, deputy_a)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse(page))
    assert body(response).count("测评") >= 30


def test_staff_pages_never_read_the_ballots_while_voting(client_for, staff_a, deputy_a, open_poll):
    services.ballot_cast(
        poll=open_poll, voter=deputy_a, marks=dict.fromkeys(subject_ids(open_poll), "U")
    )
    client = client_for(staff_a)
    for page in ["detail", "not_voted", "paper", "results"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(page, open_poll))
        assert not [q for q in queries.captured_queries if "polls_ballot" in q["sql"]], page


def test_after_opening_only_title_deadline_and_tellers_can_change(
    client_for, staff_a, open_poll, teller_b
):
    client = client_for(staff_a)
    form = client.get(url("edit", open_poll)).context["form"]
    assert set(form.fields) == {"title", "description", "closes_at", "tellers"}
    response = client.post(url("edit", open_poll), {"title": "新名称", "tellers": [teller_b.pk]})
    assert "请选择两名计票人" in body(response)
    tellers = [staff_a.pk, teller_b.pk]
    client.post(url("edit", open_poll), {"title": "新名称", "kind": "approval", "tellers": tellers})
    open_poll.refresh_from_db()
    assert open_poll.title == "新名称" and open_poll.kind == "rating"
    client.post(url("edit", open_poll), {"title": "新名称", "tellers": []})
    assert open_poll.tellers.count() == 0
