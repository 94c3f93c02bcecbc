"""Appraisal consequences followed through (洪江市's 结果运用): grading turns each consequence of a
head into an action the office records as carried out; one rule says which are overdue."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluations import reminders, selectors, services
from evaluations.models import ConsequenceAction, UnitHead
from evaluations.querysets import CONSEQUENCE_DUE_DAYS
from notifications.rules import OVERDUE, reminder_stage
from tests.core.factories import UnitFactory

from .factories import AppraisalEntryFactory, AppraisalRoundFactory, ConsequenceActionFactory

Status = ConsequenceAction.Status


def _heads(world, staff, names):
    return [
        services.head_appoint(
            by=staff,
            name=name,
            unit=UnitFactory(name=f"沅陵县{name}局", jurisdiction=world.county_a),
            post="局长",
            took_office=date(2019, 1, 1),
            kind=UnitHead.Kind.HEAD,
        )
        for name in names
    ]


def _graded(world, staff, day, votes, **policy):
    """A round of county A on `day`, graded from `votes`: head name → (A, B, C, D)."""
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff,
        title=f"履职评议{day}",
        year=day.year,
        appraisal_date=day,
    )
    services.appraisal_build_roster(appraisal=appraisal, by=staff)
    tallies = {
        e.pk: dict(zip("ABCD", votes.get(e.head.name, (60, 20, 0, 0)), strict=True))
        for e in appraisal.entries.select_related("head")
    }
    services.appraisal_record_votes(appraisal=appraisal, tallies=tallies, by=staff)
    services.appraisal_grade(appraisal=appraisal, by=staff, **policy)
    return appraisal


def _kinds(appraisal):
    """Head name → the kinds of their actions in the ladder's order, with their status."""
    result: dict[str, list[tuple[str, str]]] = {}
    actions = ConsequenceAction.objects.filter(entry__round=appraisal).select_related("entry__head")
    for action in actions.order_by("pk"):
        result.setdefault(action.entry.head.name, []).append((action.kind, action.status))
    return result


POOR_AND_TOP = (30, 10, 0, 40)  # D votes over a third: rated poor, and among the most D votes
TOP_ONLY = (60, 15, 0, 5)  # a few D votes: in the D-top-3, not poor


def test_grading_creates_the_actions_each_streak_length_gives(world, staff_a):
    _heads(world, staff_a, ["甲", "乙", "丙", "丁"])
    first = _graded(world, staff_a, date(2022, 12, 1), {"甲": POOR_AND_TOP, "乙": TOP_ONLY})
    assert _kinds(first) == {
        "甲": [("government_talk", "pending")],
        "乙": [("government_talk", "pending")],
    }
    second = _graded(world, staff_a, date(2023, 12, 1), {"甲": POOR_AND_TOP, "乙": TOP_ONLY})
    assert _kinds(second) == {"甲": [("party_talk", "pending")], "乙": [("party_talk", "pending")]}
    third = _graded(
        world, staff_a, date(2024, 12, 1), {"甲": POOR_AND_TOP, "乙": TOP_ONLY, "丁": TOP_ONLY}
    )
    assert _kinds(third) == {
        # Poor and in the D-top-3 three times running: the whole ladder's top.
        "甲": [("post_adjustment", "pending"), ("removal_motion", "pending")],
        # Only in the D-top-3: the post adjustment, no removal motion.
        "乙": [("post_adjustment", "pending")],
        "丁": [("government_talk", "pending")],
    }
    # The actions are exactly the consequences the entries show.
    for entry in third.entries.prefetch_related("actions"):
        assert [a.kind for a in entry.actions.all()] == entry.consequences


def test_regrading_neither_duplicates_nor_keeps_what_no_longer_follows(world, staff_a, today):
    _heads(world, staff_a, ["甲", "乙", "丙", "丁", "戊"])
    # 丁 and 戊 are not in the D-top-3 but rated poor under the default third; not under half.
    votes = {
        "甲": (10, 10, 0, 50),
        "乙": (10, 10, 0, 45),
        "丙": (10, 10, 0, 40),
        "丁": (20, 15, 0, 25),
        "戊": (20, 15, 0, 25),
    }
    appraisal = _graded(world, staff_a, today - timedelta(days=5), votes)
    before = _kinds(appraisal)
    assert set(before) == {"甲", "乙", "丙", "丁", "戊"}
    pks = set(ConsequenceAction.objects.values_list("pk", flat=True))

    services.appraisal_grade(appraisal=appraisal, by=staff_a)
    assert set(ConsequenceAction.objects.values_list("pk", flat=True)) == pks

    ding = ConsequenceAction.objects.get(entry__head__name="丁")
    services.consequence_record(
        action=ding, done_on=today, by_whom="市政府副市长", note="", document="", by=staff_a
    )
    services.appraisal_grade(appraisal=appraisal, by=staff_a, poor_d_share=Decimal("0.5"))
    after = _kinds(appraisal)
    # 戊's pending talk no longer follows and goes; 丁's talk was held and stays on record.
    assert "戊" not in after
    assert after["丁"] == [("government_talk", "done")]
    assert after["甲"] == before["甲"]

    services.appraisal_grade(appraisal=appraisal, by=staff_a, poor_d_share=Decimal("0.333"))
    assert _kinds(appraisal) == {**before, "丁": [("government_talk", "done")]}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def action(world, today):
    appraisal = AppraisalRoundFactory(
        jurisdiction=world.county_a, appraisal_date=today - timedelta(days=10)
    )
    return ConsequenceActionFactory(entry=AppraisalEntryFactory(round=appraisal))


def test_recording_a_consequence(action, staff_a, today):
    services.consequence_record(
        action=action,
        done_on=today - timedelta(days=2),
        by_whom=" 市政府市长 ",
        note="约谈时指出履职不足，限期整改。",
        document="洪政办函〔2025〕2号 约谈通知",
        by=staff_a,
    )
    action.refresh_from_db()
    assert action.status == Status.DONE and action.is_done
    assert action.done_on == today - timedelta(days=2)
    assert action.by_whom == "市政府市长"
    assert action.document.startswith("洪政办函")
    assert action.recorded_by == staff_a
    assert action.status_label == "已约谈"
    assert action.history.count() == 2


@pytest.mark.parametrize(
    ("days_after_appraisal", "by_whom", "message"),
    [
        (11, "市政府市长", "落实日期不能晚于今天。"),
        (-1, "市政府市长", "落实日期不能早于测评日期"),
        (0, "  ", "请填写落实人或机关。"),
    ],
)
def test_recording_refusals(action, staff_a, days_after_appraisal, by_whom, message):
    done_on = action.entry.round.appraisal_date + timedelta(days=days_after_appraisal)
    with pytest.raises(ValidationError) as refused:
        services.consequence_record(
            action=action, done_on=done_on, by_whom=by_whom, note="", document="", by=staff_a
        )
    assert message in " ".join(refused.value.messages)
    action.refresh_from_db()
    assert action.status == Status.PENDING and action.done_on is None


def test_recording_twice_is_refused(action, staff_a, today):
    services.consequence_record(
        action=action, done_on=today, by_whom="市政府市长", note="", document="", by=staff_a
    )
    with pytest.raises(ValidationError, match="不能重复记录"):
        services.consequence_record(
            action=action, done_on=today, by_whom="另一人", note="", document="", by=staff_a
        )
    action.refresh_from_db()
    assert action.by_whom == "市政府市长"


def test_every_consumer_agrees_on_overdue_consequences(world, staff_a, outsider, today):
    def pending(days_ago):
        appraisal = AppraisalRoundFactory(
            jurisdiction=world.county_a, appraisal_date=today - timedelta(days=days_ago)
        )
        return ConsequenceActionFactory(entry=AppraisalEntryFactory(round=appraisal))

    last = CONSEQUENCE_DUE_DAYS
    cases = {
        "a day late": (pending(last + 1), True),
        "due today": (pending(last), False),
        "due tomorrow": (pending(last - 1), False),
        "long past": (pending(400), True),
    }
    done_late = pending(400)
    done_late.status, done_late.done_on = Status.DONE, today
    done_late.save()
    cases["carried out late"] = (done_late, False)
    actions = {name: a for name, (a, _late) in cases.items()}
    expected = {name for name, (_a, late) in cases.items() if late}

    def names(pks):
        pks = set(pks)
        return {name for name, a in actions.items() if a.pk in pks}

    overdue = ConsequenceAction.objects.overdue(today).values_list("pk", flat=True)
    assert names(overdue) == expected
    assert {name for name, a in actions.items() if a.overdue_on(today)} == expected
    assert {name for name, a in actions.items() if a.is_overdue} == expected

    dues = list(reminders.consequences_awaiting_action(today))
    late = [d.object_id for d in dues if reminder_stage(d.deadline, today) == OVERDUE]
    assert names(late) == expected
    assert names(d.object_id for d in dues) == set(cases) - {"carried out late"}
    assert all(staff_a in d.recipients for d in dues)

    assert selectors.home_figures(user=staff_a)["consequences_overdue"] == len(expected)
    assert selectors.home_figures(user=outsider)["consequences_overdue"] == 0


def test_home_figure_only_for_the_office(liaison_a, action):
    assert selectors.home_figures(user=liaison_a)["consequences_overdue"] is None


# --- The appraisal page -------------------------------------------------------------------------


@pytest.fixture
def graded(world, staff_a):
    _heads(world, staff_a, ["甲", "乙"])
    return _graded(world, staff_a, date(2024, 12, 1), {"甲": POOR_AND_TOP})


def _form_data(action, **fields):
    data = {"done_on": "2024-12-20", "by_whom": "市政府市长", "document": "", "note": ""}
    data.update(fields)
    return {f"consequence-{action.pk}-{name}": value for name, value in data.items()}


def test_the_office_sees_and_records_the_consequences(client_for, staff_a, graded):
    client = client_for(staff_a)
    url = reverse("evaluations:appraisal_detail", args=[graded.pk])
    action = ConsequenceAction.objects.get(entry__round=graded)
    response = client.get(url)
    body = response.content.decode()
    assert 'data-testid="consequence-form"' in body
    assert "由政府负责人约谈" in body and "待落实" in body
    assert 'data-testid="consequence-overdue"' in body  # 2024-12-01 is long past

    record = reverse("evaluations:consequence_record", args=[action.pk])
    refused = client.post(record, _form_data(action, done_on="2024-11-30", by_whom="张市长"))
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "落实日期不能早于测评日期" in body and 'value="张市长"' in body

    done = client.post(record, _form_data(action, document="洪政办函〔2024〕9号"))
    assert done.status_code == 302 and done.url.endswith(f"#consequence-{action.pk}")
    action.refresh_from_db()
    assert action.is_done and action.recorded_by == staff_a
    body = client.get(url).content.decode()
    assert "已约谈" in body and "洪政办函〔2024〕9号" in body
    assert 'data-testid="consequence-form"' not in body
    assert 'data-testid="consequence-overdue"' not in body


def test_a_liaison_has_neither_the_page_nor_the_form(client_for, liaison_a, deputy_a, graded):
    action = ConsequenceAction.objects.get(entry__round=graded)
    for user in (liaison_a, deputy_a):
        client = client_for(user)
        page = client.get(reverse("evaluations:appraisal_detail", args=[graded.pk]))
        assert page.status_code == 403
        assert "consequence-form" not in page.content.decode()
        posted = client.post(
            reverse("evaluations:consequence_record", args=[action.pk]), _form_data(action)
        )
        assert posted.status_code == 403
    action.refresh_from_db()
    assert not action.is_done


def test_an_outsider_gets_404(client_for, outsider, graded):
    action = ConsequenceAction.objects.get(entry__round=graded)
    client = client_for(outsider)
    assert client.get(reverse("evaluations:appraisal_detail", args=[graded.pk])).status_code == 404
    posted = client.post(
        reverse("evaluations:consequence_record", args=[action.pk]), _form_data(action)
    )
    assert posted.status_code == 404
    action.refresh_from_db()
    assert not action.is_done
    assert not ConsequenceAction.objects.visible_to(outsider).exists()


def test_the_page_does_not_query_per_head(
    client_for, staff_a, world, django_assert_max_num_queries
):
    heads = _heads(world, staff_a, ["甲", "乙", "丙", "丁", "戊", "己"])
    appraisal = _graded(
        world,
        staff_a,
        date(2024, 12, 1),
        {h.name: POOR_AND_TOP for h in heads[:3]} | {h.name: TOP_ONLY for h in heads[3:]},
    )
    for action in ConsequenceAction.objects.filter(entry__head__name__in=["甲", "乙"]):
        services.consequence_record(
            action=action,
            done_on=date(2024, 12, 9),
            by_whom="市长",
            note="",
            document="",
            by=staff_a,
        )
    assert ConsequenceAction.objects.filter(entry__round=appraisal).count() >= 3
    client = client_for(staff_a)
    url = reverse("evaluations:appraisal_detail", args=[appraisal.pk])
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count('data-testid="consequence-action"') >= 3

    # The same number of queries with one head's consequences as with many.
    small = _graded(world, staff_a, date(2025, 12, 1), {"甲": POOR_AND_TOP})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("evaluations:appraisal_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_demo_follows_one_hongjiang_head_through_the_ladder(db):
    from accounts.demo import seed_all
    from evaluations import demo

    seed_all()
    demo.seed()
    demo.seed()  # idempotent: recorded once, nothing duplicated
    actions = ConsequenceAction.objects.filter(
        entry__round__jurisdiction__code="431281", entry__head__name="唐丽"
    ).order_by("entry__round__appraisal_date", "pk")
    assert [(a.kind, a.status) for a in actions] == [
        ("government_talk", "done"),
        ("party_talk", "done"),
        ("post_adjustment", "done"),
        ("removal_motion", "pending"),
    ]
    assert all(a.document and a.by_whom for a in actions if a.is_done)
