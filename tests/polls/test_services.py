"""Casting, closing, paper tallies and results through the services."""

import logging
import random
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.utils import timezone

from polls import rules, sealing, selectors, services
from polls.models import (
    Ballot,
    BallotMark,
    Elector,
    PaperTally,
    Participation,
    Poll,
    SealedBallot,
)
from polls.rules import BallotRejected, PaperSheet
from tests.accounts.factories import DeputyUserFactory, UserFactory

from .conftest import subject_ids


def voters(poll):
    return [
        e.voter for e in Elector.objects.filter(poll=poll).select_related("voter").order_by("pk")
    ]


def cast(poll, voter, *marks):
    services.ballot_cast(
        poll=poll, voter=voter, marks=dict(zip(subject_ids(poll), marks, strict=True))
    )


def assert_nothing_stored(poll):
    assert Participation.objects.filter(poll=poll).count() == 0
    assert SealedBallot.objects.filter(poll=poll).count() == 0
    assert Ballot.objects.filter(poll=poll).count() == 0
    assert BallotMark.objects.count() == 0


def test_a_vote_stores_participation_and_only_a_sealed_ballot(open_poll, deputy_a, staff_a):
    cast(open_poll, deputy_a, "S", None)
    participation = Participation.objects.get(poll=open_poll)
    assert (participation.voter, participation.channel) == (deputy_a, "online")
    assert not Ballot.objects.exists() and not BallotMark.objects.exists()
    sealed = SealedBallot.objects.get(poll=open_poll)
    plaintext = sealing.encode(
        participation.group_id, [(subject_ids(open_poll)[0], "S")], size=sealing.ballot_size(2)
    )
    assert plaintext not in bytes(sealed.box)

    services.poll_close(poll=open_poll, by=staff_a)
    ballot = Ballot.objects.get(poll=open_poll)
    assert ballot.group == participation.group
    assert list(ballot.marks.values_list("mark", flat=True)) == ["S"]
    assert not SealedBallot.objects.exists()


def test_ballots_have_no_voter_time_sequence_history_or_admin():
    for model in (Ballot, BallotMark, SealedBallot):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"voter", "user", "created", "created_at", "cast_at", "history"}
        assert model._meta.pk.get_internal_type() == "UUIDField"
        assert model not in admin.site._registry
        assert not hasattr(model, "history")


def test_a_second_vote_is_refused_and_the_first_stands(open_poll, deputy_a):
    cast(open_poll, deputy_a, "S", "S")
    with pytest.raises(BallotRejected, match="您已投过票"):
        cast(open_poll, deputy_a, "U", "U")
    assert SealedBallot.objects.filter(poll=open_poll).count() == 1
    services.poll_close(poll=open_poll, by=deputy_a)
    assert Ballot.objects.filter(poll=open_poll).count() == 1
    assert set(BallotMark.objects.values_list("mark", flat=True)) == {"S"}


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        (("X", "S"), "无效的评价选项"),
        (("A", "S"), "无效的评价选项"),
        (("S",), "请对每一个测评对象作出选择"),
    ],
)
def test_bad_marks_store_nothing(open_poll, deputy_a, marks, message):
    ids = subject_ids(open_poll)
    with pytest.raises(BallotRejected, match=message):
        services.ballot_cast(
            poll=open_poll, voter=deputy_a, marks=dict(zip(ids, marks, strict=False))
        )
    assert_nothing_stored(open_poll)


def test_a_tampered_subject_stores_nothing(open_poll, deputy_a, approval_poll):
    foreign = subject_ids(approval_poll)[0]
    marks = {**dict.fromkeys(subject_ids(open_poll), "S"), foreign: "S"}
    with pytest.raises(BallotRejected, match="选票内容与本次投票不符"):
        services.ballot_cast(poll=open_poll, voter=deputy_a, marks=marks)
    assert_nothing_stored(open_poll)


def test_an_ineligible_voter_stores_nothing(open_poll, world, outsider):
    stranger = UserFactory(role="deputy", jurisdiction=world.county_a)
    for user in (stranger, outsider):
        with pytest.raises(BallotRejected, match="不在本次投票的投票人名单中"):
            cast(open_poll, user, "S", "S")
    assert_nothing_stored(open_poll)


def test_voting_on_a_draft_or_closed_poll_stores_nothing(draft_poll, deputy_a, staff_a):
    with pytest.raises(BallotRejected, match="未在进行中"):
        cast(draft_poll, deputy_a, "S", "S")
    services.poll_open(poll=draft_poll, by=staff_a)
    services.poll_close(poll=draft_poll, by=staff_a)
    with pytest.raises(BallotRejected, match="未在进行中"):
        cast(draft_poll, deputy_a, "S", "S")
    assert_nothing_stored(draft_poll)


def test_voting_after_the_deadline_stores_nothing(open_poll, deputy_a):
    Poll.objects.filter(pk=open_poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(BallotRejected, match="已截止"):
        cast(open_poll, deputy_a, "S", "S")
    assert_nothing_stored(open_poll)


def test_approval_ballots_allow_at_most_k_marks(approval_poll, deputy_a):
    a, b, c = subject_ids(approval_poll)
    with pytest.raises(BallotRejected, match="最多只能选择 2 项"):
        services.ballot_cast(poll=approval_poll, voter=deputy_a, marks={a: "Y", b: "Y", c: "Y"})
    with pytest.raises(BallotRejected, match="无效的选项"):
        services.ballot_cast(poll=approval_poll, voter=deputy_a, marks={a: "S"})
    assert_nothing_stored(approval_poll)
    services.ballot_cast(poll=approval_poll, voter=deputy_a, marks={a: "Y", c: "Y"})
    assert SealedBallot.objects.count() == 1


def test_logs_never_name_a_voter(open_poll, staff_a, caplog):
    caplog.set_level(logging.DEBUG)
    for voter in voters(open_poll):
        cast(open_poll, voter, "U", "B")
    # Casting a ballot logs nothing at all, not even at debug level.
    assert not [r for r in caplog.records if r.name.startswith("polls")]
    services.poll_close(poll=open_poll, by=staff_a)
    text = "\n".join(r.getMessage() for r in caplog.records)
    for voter in voters(open_poll):
        assert voter.username not in text and voter.full_name not in text
    assert "不满意" not in text and "'U'" not in text


def _physical_order(poll) -> list[str]:
    column = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT b.id FROM polls_ballot b WHERE b.poll_id = %s ORDER BY b.{column}", [poll.pk]
        )
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]


def _ballot_pattern(ballot_id, ids) -> tuple:
    marks = dict(BallotMark.objects.filter(ballot_id=ballot_id).values_list("subject_id", "mark"))
    return tuple(marks.get(sid) for sid in ids)


PATTERNS = [("S", "S"), ("S", "B"), ("S", "U"), ("B", "S"), ("U", None)]


def test_closing_writes_the_ballots_in_random_order_and_only_then(open_poll, staff_a, monkeypatch):
    ids = subject_ids(open_poll)
    for voter, pattern in zip(voters(open_poll), PATTERNS, strict=True):
        cast(open_poll, voter, *pattern)
    # While people vote, nothing but ciphertext says what they voted.
    assert not Ballot.objects.exists() and not BallotMark.objects.exists()

    monkeypatch.setattr(services, "_rng", random.Random(7))
    services.poll_close(poll=open_poll, by=staff_a)

    after_order = [_ballot_pattern(b, ids) for b in _physical_order(open_poll)]
    assert sorted(after_order, key=str) == sorted(PATTERNS, key=str)
    # The seeded shuffle is what decided the order: not the order of voting.
    assert after_order != PATTERNS
    for model in (Ballot, BallotMark, SealedBallot):
        assert not [f for f in model._meta.fields if f.get_internal_type().endswith("TimeField")]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT xmin::text FROM polls_ballot WHERE poll_id = %s", [open_poll.pk]
            )
            ballot_xids = {r[0] for r in cursor.fetchall()}
            cursor.execute(
                "SELECT DISTINCT xmin::text FROM polls_participation WHERE poll_id = %s",
                [open_poll.pk],
            )
            participation_xids = {r[0] for r in cursor.fetchall()}
        # Every ballot carries the closing transaction's id, shared with no participation.
        assert len(ballot_xids) == 1 and not ballot_xids & participation_xids


def test_closing_keeps_every_ballot_and_mark(open_poll, staff_a):
    ids = subject_ids(open_poll)
    for voter, pattern in zip(voters(open_poll), PATTERNS, strict=True):
        cast(open_poll, voter, *pattern)
    services.poll_close(poll=open_poll, by=staff_a)
    cast_marks = [(sid, m) for p in PATTERNS for sid, m in zip(ids, p, strict=True) if m]
    assert sorted(BallotMark.objects.values_list("subject_id", "mark")) == sorted(cast_marks)
    assert Ballot.objects.filter(poll=open_poll).count() == 5


def test_results_are_hidden_until_close(open_poll):
    with pytest.raises(services.PollStateError, match="投票结束后"):
        selectors.poll_results(poll=open_poll)


def test_results_equal_a_hand_count(open_poll, staff_a):
    for voter, pattern in zip(voters(open_poll), PATTERNS, strict=True):
        cast(open_poll, voter, *pattern)
    services.poll_close(poll=open_poll, by=staff_a)
    results = selectors.poll_results(poll=open_poll)
    assert len(results.groups) == 1
    group = results.overall
    assert (group.entitled, group.voted, group.ballots.cast) == (5, 5, 5)
    first, second = group.subjects
    # Subject 1: S S S B U → 3 satisfied of 5 entitled: more than half → 满意.
    assert first.tally == rules.Tally({"S": 3, "B": 1, "U": 1}, blank=0, invalid=0)
    assert (first.verdict, first.rate) == ("S", rules.Fraction(4, 5))
    # Subject 2: S B U S blank → S 2, B 1: 满意+基本满意 3 > 2.5 → 基本满意.
    assert second.tally == rules.Tally({"S": 2, "B": 1, "U": 1}, blank=1, invalid=0)
    assert (second.verdict, second.rate) == ("B", rules.Fraction(3, 4))


def test_paper_tallies_must_agree_and_then_add_to_online_ballots(open_poll, staff_a, teller_b):
    ids = subject_ids(open_poll)
    group = open_poll.groups.get()
    online, paper = voters(open_poll)[:2], voters(open_poll)[2:]
    cast(open_poll, online[0], "S", "U")
    cast(open_poll, online[1], "B", "U")
    assert services.paper_voters_record(poll=open_poll, voters=paper, by=staff_a) == 3
    with pytest.raises(BallotRejected, match="您已投过票"):
        cast(open_poll, paper[0], "S", "S")
    services.poll_close(poll=open_poll, by=staff_a)

    first = PaperSheet(
        ballots=3, invalid_ballots=1, counts={ids[0]: {"S": 2}, ids[1]: {"B": 1, "blank": 1}}
    )
    typo = PaperSheet(
        ballots=3,
        invalid_ballots=1,
        counts={ids[0]: {"S": 1, "U": 1}, ids[1]: {"B": 1, "blank": 1}},
    )
    services.paper_tally_enter(poll=open_poll, group=group, teller=staff_a, sheet=first)
    services.paper_tally_enter(poll=open_poll, group=group, teller=teller_b, sheet=typo)
    (status,) = selectors.paper_status(poll=open_poll)
    assert not status.agreed
    assert [(d.subject_id, d.key) for d in status.differences] == [(ids[0], "S"), (ids[0], "U")]
    with pytest.raises(services.PollStateError, match="纸质选票计票尚未"):
        services.poll_publish(poll=open_poll, by=staff_a)
    assert selectors.poll_results(poll=open_poll).paper_pending == ["全体代表"]

    # The second teller corrects the entry; both entries are kept.
    services.paper_tally_enter(poll=open_poll, group=group, teller=teller_b, sheet=first)
    assert PaperTally.objects.filter(poll=open_poll).count() == 3
    (status,) = selectors.paper_status(poll=open_poll)
    assert status.agreed

    overall = selectors.poll_results(poll=open_poll).overall
    assert (overall.ballots.cast, overall.ballots.invalid, overall.voted) == (5, 1, 5)
    a, b = overall.subjects
    assert a.tally == rules.Tally({"S": 3, "B": 1, "U": 0}, blank=0, invalid=1)
    assert b.tally == rules.Tally({"S": 0, "B": 1, "U": 2}, blank=1, invalid=1)
    assert (a.verdict, b.verdict) == ("S", "U")
    services.poll_publish(poll=open_poll, by=staff_a)
    assert Poll.objects.get(pk=open_poll.pk).status == Poll.Status.PUBLISHED


def test_only_tellers_enter_paper_totals_and_not_more_than_were_handed_out(
    open_poll, deputy_a, staff_a
):
    ids = subject_ids(open_poll)
    group = open_poll.groups.get()
    sheet = PaperSheet(ballots=1, counts={ids[0]: {"S": 1}, ids[1]: {"S": 1}})
    with pytest.raises(BallotRejected, match="不是本次投票的计票人"):
        services.paper_tally_enter(poll=open_poll, group=group, teller=deputy_a, sheet=sheet)
    with pytest.raises(BallotRejected, match="超过了登记领取纸质选票的人数"):
        services.paper_tally_enter(poll=open_poll, group=group, teller=staff_a, sheet=sheet)
    assert not PaperTally.objects.exists()


def test_two_sided_assessment_reports_each_group_and_overall(world, staff_a):
    poll = services.poll_create(
        by=staff_a,
        jurisdiction=world.county_a,
        title="双向测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.GRADE,
    )
    services.subjects_add(poll=poll, labels=["县财政局", "县教育局"], by=staff_a)
    deputies = DeputyUserFactory.create_batch(3, jurisdiction=world.county_a)
    members = DeputyUserFactory.create_batch(2, jurisdiction=world.county_a)
    services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=staff_a)
    services.electorate_add(poll=poll, group_name="常委会组成人员", voters=members, by=staff_a)
    services.poll_open(poll=poll, by=staff_a)
    for voter in deputies:
        cast(poll, voter, "A", "D")
    cast(poll, members[0], "D", "D")
    services.poll_close(poll=poll, by=staff_a)
    deputies_result, members_result, overall = selectors.poll_results(poll=poll).groups
    assert [g.name for g in (deputies_result, members_result)] == ["全体代表", "常委会组成人员"]
    assert deputies_result.subjects[0].verdict_label == "优秀"
    assert (members_result.entitled, members_result.voted) == (2, 1)
    assert members_result.subjects[0].verdict_label == "较差"  # 0 of 2 above D
    assert overall.subjects[1].poor == 4 and overall.subjects[1].poor_top
    assert overall.subjects[0].tally.count("A") == 3


def test_approval_results_elect_by_majority_of_all_electors(approval_poll, staff_a):
    a, b, c = subject_ids(approval_poll)
    for voter, marks in zip(
        voters(approval_poll),
        [{a: "Y", b: "Y"}, {a: "Y", b: "Y"}, {a: "Y", c: "Y"}, {c: "Y"}, {}],
        strict=True,
    ):
        services.ballot_cast(poll=approval_poll, voter=voter, marks=marks)
    services.poll_close(poll=approval_poll, by=staff_a)
    group = selectors.poll_results(poll=approval_poll).overall
    assert [r.tally.count("Y") for r in group.subjects] == [3, 2, 2]
    assert group.ballots == rules.BallotCounts(cast=5, invalid=0, blank=1)
    assert group.outcome == rules.ApprovalOutcome([a], [], 0, 1)  # 2 of 5 is not a majority


def test_lifecycle_guards(draft_poll, staff_a):
    with pytest.raises(services.PollStateError, match="只有投票中的投票可以结束"):
        services.poll_close(poll=draft_poll, by=staff_a)
    with pytest.raises(services.PollStateError, match="只有已结束的投票可以公布"):
        services.poll_publish(poll=draft_poll, by=staff_a)
    services.poll_open(poll=draft_poll, by=staff_a)
    with pytest.raises(services.PollStateError, match="只有草稿状态"):
        services.subjects_add(poll=draft_poll, labels=["新对象"], by=staff_a)
    with pytest.raises(services.PollStateError, match="只有草稿状态"):
        services.electorate_add(poll=draft_poll, group_name="x", voters=[staff_a], by=staff_a)


def test_a_poll_needs_subjects_and_electors_to_open(world, staff_a):
    poll = services.poll_create(
        by=staff_a, jurisdiction=world.county_a, title="空", kind="rating", scale="satisfaction"
    )
    with pytest.raises(services.PollStateError, match="请先添加测评对象"):
        services.poll_open(poll=poll, by=staff_a)
    services.subjects_add(poll=poll, labels=["甲"], by=staff_a)
    with pytest.raises(services.PollStateError, match="请先确定投票人"):
        services.poll_open(poll=poll, by=staff_a)


def test_turnout_and_who_has_not_voted(open_poll, staff_a, deputy_a):
    cast(open_poll, deputy_a, "S", "S")
    (turnout,) = selectors.poll_turnout(poll=open_poll)
    assert (turnout.entitled, turnout.voted, turnout.online) == (5, 1, 1)
    missing = selectors.electors_not_voted(poll=open_poll)
    assert deputy_a not in [e.voter for e in missing] and len(missing) == 4


def test_paper_voters_need_two_tellers(open_poll, staff_a, deputy_a):
    open_poll.tellers.clear()
    with pytest.raises(services.PollStateError, match="两名计票人"):
        services.paper_voters_record(poll=open_poll, voters=[deputy_a], by=staff_a)
    assert not Participation.objects.exists()


def test_no_history_model_exists_for_ballots_or_participation():
    from django.apps import apps

    names = {m.__name__ for m in apps.get_app_config("polls").get_models()}
    assert "HistoricalPoll" in names
    assert not names & {"HistoricalBallot", "HistoricalBallotMark", "HistoricalParticipation"}
