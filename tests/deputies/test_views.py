from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deputies.models import Activity, Opinion, StationMembership, Suggestion, Visit

from .factories import (
    ActivityFactory,
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    SuggestionFactory,
    VisitFactory,
)


def _visit_post(station, **overrides):
    data = {
        "station": station.pk,
        "visited_on": timezone.localdate().isoformat(),
        "kind": Visit.Kind.RECEPTION,
        "people_received": "4",
        "notes": "接待群众反映村道问题",
        "opinions-TOTAL_FORMS": "2",
        "opinions-INITIAL_FORMS": "0",
        "opinions-MIN_NUM_FORMS": "0",
        "opinions-MAX_NUM_FORMS": "1000",
        "opinions-0-content": "村道坑洼需要修补",
        "opinions-0-category": Opinion.Category.ROADS,
        "opinions-0-raised_by": "",
        "opinions-0-raised_by_phone": "",
        "opinions-0-answer": "",
    }
    data.update(overrides)
    return data


# --- every page: login, roles and the outsider ----------------------------------------------------


@pytest.fixture
def records_a(world, station_a, deputy_record_a, staff_a):
    visit = VisitFactory(station=station_a, deputy=deputy_record_a)
    opinion = OpinionFactory(station=station_a, visit=visit, deputy=deputy_record_a)
    suggestion = SuggestionFactory(deputy=deputy_record_a)
    activity = ActivityFactory(station=station_a)
    return {"visit": visit, "opinion": opinion, "suggestion": suggestion, "activity": activity}


DETAIL_PAGES = [
    ("deputies:visit_detail", "visit"),
    ("deputies:visit_edit", "visit"),
    ("deputies:opinion_detail", "opinion"),
    ("deputies:suggestion_detail", "suggestion"),
    ("deputies:activity_detail", "activity"),
]


@pytest.mark.parametrize(("name", "key"), DETAIL_PAGES)
def test_outsider_gets_404_on_county_a_records(client_for, outsider, records_a, name, key):
    response = client_for(outsider).get(reverse(name, args=[records_a[key].pk]))
    assert response.status_code == 404


def test_outsider_gets_404_on_station_and_deputy(client_for, outsider, station_a, deputy_record_a):
    client = client_for(outsider)
    assert client.get(reverse("deputies:station_detail", args=[station_a.pk])).status_code == 404
    url = reverse("deputies:deputy_detail", args=[deputy_record_a.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "deputies:visit_list",
        "deputies:opinion_list",
        "deputies:suggestion_list",
        "deputies:station_list",
        "deputies:deputy_list",
        "deputies:activity_list",
        "deputies:dashboard",
    ],
)
def test_outsider_lists_show_nothing_of_county_a(client_for, outsider, records_a, name):
    body = client_for(outsider).get(reverse(name)).content.decode()
    for text in ["官庄镇代表联络站", "李秀兰", "村道破损", "关于修缮学校路灯", "三官一律进站活动"]:
        assert text not in body


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("deputies:opinion_answer", "opinion"),
        ("deputies:opinion_transfer", "opinion"),
        ("deputies:opinion_rate", "opinion"),
        ("deputies:opinion_reply", "opinion"),
        ("deputies:suggestion_reply", "suggestion"),
        ("deputies:suggestion_assign", "suggestion"),
        ("deputies:suggestion_extend", "suggestion"),
        ("deputies:suggestion_rate", "suggestion"),
        ("deputies:activity_announce", "activity"),
        ("deputies:activity_outcome", "activity"),
        ("deputies:activity_cancel", "activity"),
    ],
)
def test_outsider_cannot_act_on_county_a(client_for, outsider, records_a, name, key):
    response = client_for(outsider).post(reverse(name, args=[records_a[key].pk]), {})
    assert response.status_code == 404


def test_outsider_cannot_record_at_county_a(client_for, outsider, station_a, deputy_record_a):
    data = _visit_post(station_a, deputy=deputy_record_a.pk)
    response = client_for(outsider).post(reverse("deputies:visit_create"), data)
    assert response.status_code == 200 and not Visit.objects.exists()
    url = reverse("deputies:station_detail", args=[station_a.pk])
    assert client_for(outsider).post(url, {"title": "x"}).status_code == 404


def test_deputy_list_masks_phones(client_for, staff_a, deputy_record_a):
    body = client_for(staff_a).get(reverse("deputies:deputy_list")).content.decode()
    assert "138****5678" in body and "13812345678" not in body


def test_pages_need_login_except_the_public_calendar(client, records_a):
    response = client.get(reverse("deputies:visit_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(reverse("deputies:calendar")).status_code == 200


@pytest.mark.parametrize(
    "name", ["deputies:deputy_list", "deputies:activity_list", "deputies:dashboard"]
)
def test_deputies_and_liaisons_cannot_open_staff_pages(client_for, deputy_a, liaison_a, name):
    assert client_for(deputy_a).get(reverse(name)).status_code == 403
    assert client_for(liaison_a).get(reverse(name)).status_code == 403


# --- duty visits ------------------------------------------------------------------------------------


def test_deputy_form_preselects_own_station_and_today(client_for, deputy_a, deputy_record_a):
    form = client_for(deputy_a).get(reverse("deputies:visit_create")).context["form"]
    assert form["station"].value() == deputy_record_a.stations.get().pk
    assert form["visited_on"].value() == timezone.localdate()
    assert "deputy" not in form.fields


def test_deputy_records_a_visit_with_an_opinion(client_for, deputy_a, deputy_record_a, station_a):
    response = client_for(deputy_a).post(
        reverse("deputies:visit_create"),
        _visit_post(
            station_a,
            **{
                "opinions-1-content": "咨询医保",
                "opinions-1-category": Opinion.Category.HEALTH,
                "opinions-1-answer": "已当场解答",
            },
        ),
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    assert visit.deputy == deputy_record_a and visit.recorded_by == deputy_a
    statuses = sorted(visit.opinions.values_list("status", flat=True))
    assert statuses == [Opinion.Status.ANSWERED, Opinion.Status.PENDING]


def test_blank_extra_opinion_form_is_skipped(client_for, deputy_a, deputy_record_a, station_a):
    data = _visit_post(station_a, **{"opinions-0-content": "", "opinions-0-category": ""})
    client_for(deputy_a).post(reverse("deputies:visit_create"), data)
    assert Visit.objects.count() == 1 and not Opinion.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # A callable, so that "tomorrow" is taken when the test runs, not at collection:
        # a run that crosses midnight in Shanghai would otherwise post today's date.
        (
            {"visited_on": lambda: (timezone.localdate() + timedelta(days=1)).isoformat()},
            "不能晚于今天",
        ),
        ({"people_received": "-3"}, "接待人数不能为负数"),
        ({"opinions-0-raised_by_phone": "12345678901"}, "手机号码应为11位"),
    ],
)
def test_bad_visit_input_saves_nothing_and_keeps_input(
    client_for, deputy_a, deputy_record_a, station_a, overrides, message
):
    overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
    response = client_for(deputy_a).post(
        reverse("deputies:visit_create"), _visit_post(station_a, **overrides)
    )
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "接待群众反映村道问题" in body and "村道坑洼需要修补" in body
    assert not Visit.objects.exists() and not Opinion.objects.exists()


def test_deputy_cannot_record_at_a_station_of_another_county(
    client_for, deputy_a, deputy_record_a, station_b
):
    response = client_for(deputy_a).post(reverse("deputies:visit_create"), _visit_post(station_b))
    assert response.status_code == 200 and not Visit.objects.exists()


def test_deputy_without_profile_is_told_so(client_for, deputy_a):
    response = client_for(deputy_a).get(reverse("deputies:visit_create"))
    assert response.status_code == 403 and "尚未关联" in response.content.decode()


def test_staff_record_on_a_deputys_behalf(client_for, staff_a, other_deputy_a, station_a):
    data = _visit_post(station_a, deputy=other_deputy_a.pk)
    response = client_for(staff_a).post(reverse("deputies:visit_create"), data)
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.deputy == other_deputy_a and visit.recorded_by == staff_a


def test_staff_cannot_record_for_a_deputy_of_another_county(
    client_for, staff_a, deputy_record_b, station_a
):
    data = _visit_post(station_a, deputy=deputy_record_b.pk)
    client_for(staff_a).post(reverse("deputies:visit_create"), data)
    assert not Visit.objects.exists()


def test_deputy_cannot_see_or_edit_another_deputys_visit(
    client_for, deputy_a, deputy_record_a, other_deputy_a, station_a
):
    theirs = VisitFactory(station=station_a, deputy=other_deputy_a, notes="他人的记录")
    client = client_for(deputy_a)
    assert client.get(reverse("deputies:visit_detail", args=[theirs.pk])).status_code == 404
    edit = reverse("deputies:visit_edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"people_received": 99}).status_code == 404
    assert "他人的记录" not in client.get(reverse("deputies:visit_list")).content.decode()


def test_deputy_edits_own_visit(client_for, deputy_a, deputy_record_a, station_a):
    visit = VisitFactory(station=station_a, deputy=deputy_record_a, people_received=1)
    url = reverse("deputies:visit_edit", args=[visit.pk])
    data = {
        "station": station_a.pk,
        "visited_on": visit.visited_on.isoformat(),
        "kind": visit.kind,
        "people_received": "8",
        "notes": "补充记录",
    }
    assert client_for(deputy_a).post(url, data).status_code == 302
    visit.refresh_from_db()
    assert visit.people_received == 8 and visit.history.count() == 2


def _count_queries(client, url) -> int:
    client.get(url)  # the first request of a session also fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("deputies:visit_list", lambda s, d: VisitFactory(station=s, deputy=d)),
        (
            "deputies:opinion_list",
            lambda s, d: OpinionFactory(station=s, deputy=d, unit=s.county.units.first()),
        ),
        ("deputies:suggestion_list", lambda s, d: SuggestionFactory(deputy=d)),
        ("deputies:station_list", lambda s, d: StationFactory(county=s.county)),
        ("deputies:deputy_list", lambda s, d: _member(s)),
        ("deputies:activity_list", lambda s, d: ActivityFactory(station=s)),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    client_for, staff_a, station_a, deputy_record_a, django_assert_num_queries, name, make
):
    client = client_for(staff_a)
    url = reverse(name) + "?page=1"
    make(station_a, deputy_record_a)
    few = _count_queries(client, url)
    for _ in range(40):
        make(station_a, deputy_record_a)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["object_list"]) == 25


def _member(station):
    deputy = DeputyFactory(county=station.county)
    StationMembership.objects.create(station=station, deputy=deputy)
    return deputy


def test_visit_list_filters(client_for, staff_a, station_a, deputy_record_a, other_deputy_a):
    VisitFactory(station=station_a, deputy=deputy_record_a, kind=Visit.Kind.MEDIATION)
    VisitFactory(station=station_a, deputy=other_deputy_a, kind=Visit.Kind.RECEPTION)
    client = client_for(staff_a)
    response = client.get(reverse("deputies:visit_list"), {"kind": Visit.Kind.MEDIATION})
    assert [v.deputy for v in response.context["object_list"]] == [deputy_record_a]
    response = client.get(reverse("deputies:visit_list"), {"q": "杨光明"})
    assert [v.deputy for v in response.context["object_list"]] == [other_deputy_a]


def test_filter_rejects_a_station_of_another_county(client_for, staff_a, station_b):
    response = client_for(staff_a).get(reverse("deputies:visit_list"), {"station": station_b.pk})
    assert "station" in response.context["filter"].form.errors


# --- opinions -----------------------------------------------------------------------------------------


def test_staff_transfer_and_liaison_replies(client_for, staff_a, liaison_a, world, station_a):
    opinion = OpinionFactory(station=station_a)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client_for(staff_a).post(
        reverse("deputies:opinion_transfer", args=[opinion.pk]),
        {"unit": world.unit_a.pk, "level": Opinion.Level.COUNTY, "due_on": due},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.TRANSFERRED and opinion.unit == world.unit_a
    client = client_for(liaison_a)
    assert "待办" in client.get(reverse("deputies:todo")).content.decode()
    response = client.post(
        reverse("deputies:opinion_reply", args=[opinion.pk]),
        {"body": "已安排维修队修补", "outcome": "resolved"},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.RESOLVED


def test_transfer_to_another_countys_unit_is_rejected(client_for, staff_a, world, station_a):
    opinion = OpinionFactory(station=station_a)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client_for(staff_a).post(
        reverse("deputies:opinion_transfer", args=[opinion.pk]),
        {"unit": world.unit_b.pk, "level": Opinion.Level.COUNTY, "due_on": due},
    )
    assert response.status_code == 400
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.PENDING


def test_liaison_sees_only_own_units_opinions(client_for, liaison_a, world, station_a):
    other = OpinionFactory(station=station_a, unit=world.township_unit_a, status="transferred")
    client = client_for(liaison_a)
    assert client.get(reverse("deputies:opinion_detail", args=[other.pk])).status_code == 404
    url = reverse("deputies:opinion_reply", args=[other.pk])
    assert client.post(url, {"body": "x", "outcome": "resolved"}).status_code == 404


def test_liaison_does_not_see_full_phone(client_for, liaison_a, world, station_a):
    opinion = OpinionFactory(
        station=station_a, unit=world.unit_a, status="transferred", raised_by_phone="13912345678"
    )
    body = client_for(liaison_a).get(opinion.get_absolute_url()).content.decode()
    assert "139****5678" in body and "13912345678" not in body


# --- suggestions ----------------------------------------------------------------------------------------


def test_suggestion_flow_through_the_pages(
    client_for, deputy_a, deputy_record_a, staff_a, liaison_a, world
):
    client = client_for(deputy_a)
    response = client.post(
        reverse("deputies:suggestion_create"),
        {
            "kind": "micro",
            "title": "学校周边增设路灯",
            "content": "……",
            "submitted_on": timezone.localdate().isoformat(),
        },
    )
    suggestion = Suggestion.objects.get()
    assert response.status_code == 302 and suggestion.deputy == deputy_record_a
    client = client_for(staff_a)
    client.post(
        reverse("deputies:suggestion_assign", args=[suggestion.pk]),
        {"lead_unit": world.unit_a.pk, "assigned_on": timezone.localdate().isoformat()},
    )
    suggestion.refresh_from_db()
    assert suggestion.due_on == timezone.localdate() + timedelta(days=15)
    client = client_for(liaison_a)
    client.post(
        reverse("deputies:suggestion_reply", args=[suggestion.pk]),
        {"reply": "已安装路灯6盏", "result_class": "A"},
    )
    client = client_for(deputy_a)
    client.post(
        reverse("deputies:suggestion_rate", args=[suggestion.pk]), {"satisfaction": "satisfied"}
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.CLOSED and suggestion.replied_on


def test_extension_past_six_months_is_refused(client_for, staff_a, world, deputy_record_a):
    suggestion = SuggestionFactory(
        deputy=deputy_record_a,
        status=Suggestion.Status.ASSIGNED,
        lead_unit=world.unit_a,
        assigned_on=timezone.localdate(),
        due_on=timezone.localdate() + timedelta(days=90),
    )
    response = client_for(staff_a).post(
        reverse("deputies:suggestion_extend", args=[suggestion.pk]),
        {"due_on": (timezone.localdate() + timedelta(days=200)).isoformat(), "reason": "资金"},
    )
    assert response.status_code == 400 and "六个月" in response.content.decode()


# --- activities and the public calendar ------------------------------------------------------------------


def test_activity_announced_too_late_needs_a_reason(client_for, staff_a, station_a):
    starts = timezone.localtime() + timedelta(days=2)
    data = {
        "station": station_a.pk,
        "kind": Activity.Kind.THREE_OFFICIALS,
        "title": "三官一律进站",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "judge": "杨帆",
        "announce": "on",
    }
    client = client_for(staff_a)
    response = client.post(reverse("deputies:activity_create"), data)
    assert response.status_code == 200 and "至少提前5天" in response.content.decode()
    assert not Activity.objects.exists()
    response = client.post(
        reverse("deputies:activity_create"), {**data, "late_reason": "法院排期调整"}
    )
    assert response.status_code == 302
    assert Activity.objects.get().status == Activity.Status.ANNOUNCED


def test_public_calendar_lists_announced_upcoming_activities(client, station_a, deputy_record_a):
    shown = ActivityFactory(
        station=station_a, status=Activity.Status.ANNOUNCED, judge="法官 杨帆", title="公开活动"
    )
    shown.deputies.add(deputy_record_a)
    ActivityFactory(station=station_a, title="草稿活动")
    ActivityFactory(
        station=station_a,
        status=Activity.Status.ANNOUNCED,
        title="已过去的活动",
        starts_at=timezone.now() - timedelta(days=1),
    )
    body = client.get(reverse("deputies:calendar")).content.decode()
    assert "公开活动" in body and "法官 杨帆" in body and "李秀兰" in body
    assert "草稿活动" not in body and "已过去的活动" not in body


# --- dashboards ------------------------------------------------------------------------------------------


def test_county_dashboard_counts(client_for, staff_a, station_a, deputy_record_a, world):
    VisitFactory.create_batch(3, station=station_a, deputy=deputy_record_a)
    OpinionFactory(station=station_a, status=Opinion.Status.RESOLVED)
    OpinionFactory(station=station_a, status=Opinion.Status.IN_PROGRESS)
    response = client_for(staff_a).get(reverse("deputies:dashboard"))
    figures = response.context["figures"]
    assert (figures.visits, figures.opinions, figures.opinions_resolved) == (3, 2, 1)
    assert str(figures.resolution_rate) == "50.0"
    assert response.context["chart"]["visits"][timezone.localdate().month - 1] == 3


def test_municipal_dashboard_has_a_row_per_county(
    client_for, admin_user, station_a, station_b, deputy_record_a, django_assert_max_num_queries
):
    VisitFactory(station=station_a, deputy=deputy_record_a)
    VisitFactory(station=station_b)
    client = client_for(admin_user)
    # Aggregated per county: the count stays the same with 13 counties as with 2.
    with django_assert_max_num_queries(25):
        response = client.get(reverse("deputies:dashboard"))
    rows = {r.label: r.visits for r in response.context["rows"]}
    assert rows == {"沅陵县": 1, "辰溪县": 1}
    assert response.context["total"].visits == 2


def test_every_page_renders_for_its_roles(
    client_for, staff_a, deputy_a, liaison_a, records_a, station_a, deputy_record_a
):
    staff = client_for(staff_a)
    for url in [
        reverse("deputies:station_detail", args=[station_a.pk]),
        reverse("deputies:deputy_detail", args=[deputy_record_a.pk]),
        reverse("deputies:activity_create"),
        reverse("deputies:suggestion_create"),
        reverse("deputies:contact_list"),
        reverse("deputies:contact_create"),
        reverse("deputies:visit_create"),
        reverse("deputies:dashboard") + "?year=2024",
        reverse("home"),
    ]:
        assert staff.get(url).status_code == 200, url
    deputy = client_for(deputy_a)
    for url in [
        reverse("deputies:station_detail", args=[station_a.pk]),
        reverse("deputies:suggestion_create"),
        reverse("deputies:visit_list"),
        reverse("home"),
    ]:
        assert deputy.get(url).status_code == 200, url
    liaison = client_for(liaison_a)
    for url in [reverse("deputies:todo"), reverse("deputies:opinion_list"), reverse("home")]:
        assert liaison.get(url).status_code == 200, url


def test_contact_visits_are_counted_per_person(client_for, staff_a, deputy_record_a):
    client = client_for(staff_a)
    for _ in range(2):
        response = client.post(
            reverse("deputies:contact_create"),
            {
                "kind": "leader_to_deputy",
                "visitor": "县长 王明",
                "visited": "李秀兰",
                "deputy": deputy_record_a.pk,
                "visited_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 302
    response = client.get(reverse("deputies:contact_list"))
    assert ("县长 王明", "领导干部联系代表", 2) in response.context["per_person"]


def test_station_post_by_staff_only(client_for, staff_a, deputy_a, deputy_record_a, station_a):
    url = reverse("deputies:station_detail", args=[station_a.pk])
    assert client_for(deputy_a).post(url, {"title": "x"}).status_code == 403
    assert client_for(staff_a).post(url, {"title": "本周接待安排"}).status_code == 302
    assert station_a.posts.get().title == "本周接待安排"


def test_visit_list_counts_each_visits_opinions(client_for, staff_a, station_a, deputy_record_a):
    busy = VisitFactory(station=station_a, deputy=deputy_record_a)
    quiet = VisitFactory(station=station_a, deputy=deputy_record_a)
    for _ in range(2):
        OpinionFactory(visit=busy, station=station_a, deputy=deputy_record_a)
    response = client_for(staff_a).get(reverse("deputies:visit_list"))
    counts = {v.pk: v.opinion_count for v in response.context["object_list"]}
    assert counts == {busy.pk: 2, quiet.pk: 0}
