"""The pool's pages for every persona: the office keeps its county's pool, deputies read it
without contacts, the liaison and the anonymous get nothing, and another county's staff never see
a row of county A. Lists run a fixed number of queries however many rows there are."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts import services
from experts.models import Activity, Engagement, Expert, Meeting, Opinion, Pool

from .factories import EngagementFactory, ExpertFactory, MeetingFactory, OpinionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(world):
    return ExpertFactory(county=world.county_a, name="向志军", phone="0745-2811111")


@pytest.fixture
def engagement(world, expert):
    return EngagementFactory(county=world.county_a, title="营商环境视察", experts=[expert])


@pytest.fixture
def opinion(engagement, expert):
    return OpinionFactory(engagement=engagement, expert=expert, content="建议建立问题清单")


def _detail_urls(expert, engagement, opinion):
    return [
        reverse("experts:expert_detail", args=[expert.pk]),
        reverse("experts:expert_edit", args=[expert.pk]),
        reverse("experts:engagement_detail", args=[engagement.pk]),
    ]


def _post_urls(engagement, opinion):
    return [
        reverse("experts:engagement_invite", args=[engagement.pk]),
        reverse("experts:activity_create", args=[engagement.pk]),
        reverse("experts:opinion_create", args=[engagement.pk]),
        reverse("experts:opinion_decide", args=[opinion.pk]),
    ]


LISTS = ["pool", "meeting_list", "engagement_list", "report", "report_print", "expert_create"]


def test_anonymous_users_are_sent_to_log_in(client, expert, engagement, opinion):
    urls = [reverse(f"experts:{name}") for name in LISTS + ["settings_edit"]]
    for url in urls + _detail_urls(expert, engagement, opinion):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url, url


def test_the_outsider_never_opens_county_as_records(
    client_for, outsider, expert, engagement, opinion
):
    client = client_for(outsider)
    for url in _detail_urls(expert, engagement, opinion):
        assert client.get(url).status_code == 404, url
    for url in _post_urls(engagement, opinion):
        assert client.post(url, {"experts": [expert.pk]}).status_code == 404, url
    assert not Opinion.objects.exclude(status="pending").exists()
    assert Activity.objects.count() == 0


def test_the_outsider_asking_for_county_a_gets_their_own_pool(
    client_for, outsider, world, expert, opinion
):
    client = client_for(outsider)
    for name in ("pool", "report", "report_print"):
        response = client.get(reverse(f"experts:{name}"), {"county": world.county_a.pk})
        assert response.status_code == 200
        assert "向志军" not in response.content.decode()
        assert world.county_b.name in response.content.decode()
    for name in ("meeting_list", "engagement_list"):
        assert "营商环境视察" not in client.get(reverse(f"experts:{name}")).content.decode()


def test_the_liaison_sees_nothing_of_the_pool(client_for, liaison_a, expert, engagement, opinion):
    client = client_for(liaison_a)
    for url in [reverse(f"experts:{name}") for name in LISTS] + _detail_urls(
        expert, engagement, opinion
    ):
        assert client.get(url).status_code == 403, url


def test_deputies_read_the_pool_without_contacts(client_for, deputy_a, expert, engagement):
    client = client_for(deputy_a)
    pool = client.get(reverse("experts:pool")).content.decode()
    assert "向志军" in pool and "导出 Excel" not in pool
    page = client.get(reverse("experts:expert_detail", args=[expert.pk])).content.decode()
    assert "财政学" in page and "0745-2811111" not in page
    assert client.get(reverse("experts:report")).status_code == 200
    for url in (
        reverse("experts:meeting_list"),
        reverse("experts:engagement_list"),
        reverse("experts:engagement_detail", args=[engagement.pk]),
        reverse("experts:expert_create"),
        reverse("experts:expert_edit", args=[expert.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_staff_see_the_contact(client_for, staff_a, expert):
    page = client_for(staff_a).get(reverse("experts:expert_detail", args=[expert.pk]))
    assert "0745-2811111" in page.content.decode()


def test_the_municipal_admin_opens_any_county(client_for, admin_user, world, expert):
    client = client_for(admin_user)
    response = client.get(reverse("experts:pool"), {"county": world.county_a.pk})
    assert "向志军" in response.content.decode()
    assert client.get(reverse("experts:expert_detail", args=[expert.pk])).status_code == 200


def test_the_pool_shows_the_share_and_warns_below_target(client_for, staff_a, world):
    ExpertFactory(county=world.county_a, title_level=Expert.TitleLevel.FULL_SENIOR)
    ExpertFactory(county=world.county_a, title_level=Expert.TitleLevel.INTERMEDIATE)
    # Out of term: not counted in today's share.
    ExpertFactory(county=world.county_a, term_start=date(2020, 1, 1), term_end=date(2021, 1, 1))
    page = client_for(staff_a).get(reverse("experts:pool")).content.decode()
    assert "高级职称 1 / 2 人，占 50%" in page
    assert 'data-testid="share-warning"' in page


def test_the_pool_warns_of_a_quarter_without_meeting(client_for, staff_a, world):
    from django.utils import timezone

    today = timezone.localdate()
    ExpertFactory(county=world.county_a, term_start=date(today.year - 1, 1, 1), term_end=None)
    page = client_for(staff_a).get(reverse("experts:pool")).content.decode()
    assert ('data-testid="quarter-warning"' in page) is (today.month > 3)


def test_staff_add_an_expert_and_bad_input_keeps_what_was_typed(client_for, staff_a, world):
    client = client_for(staff_a)
    data = {
        "county": world.county_a.pk,
        "name": "舒丽华",
        "field": "民商法",
        "title": "副教授",
        "title_level": "deputy_senior",
        "employer": "怀化学院",
        "term_start": "2024-01-18",
        "term_end": "2023-12-31",
    }
    response = client.post(reverse("experts:expert_create"), data)
    assert response.status_code == 400
    assert "聘期结束不能早于聘期开始" in response.content.decode()
    assert 'value="舒丽华"' in response.content.decode()
    assert not Expert.objects.exists()
    response = client.post(reverse("experts:expert_create"), {**data, "term_end": "2026-12-31"})
    expert = Expert.objects.get()
    assert response.status_code == 302 and response.url == expert.get_absolute_url()
    assert expert.county == world.county_a and expert.created_by == staff_a


def test_staff_cannot_put_an_expert_in_another_county(client_for, staff_a, world):
    data = {
        "county": world.county_b.pk,
        "name": "舒丽华",
        "field": "民商法",
        "title": "副教授",
        "title_level": "deputy_senior",
        "employer": "怀化学院",
        "term_start": "2024-01-18",
    }
    response = client_for(staff_a).post(reverse("experts:expert_create"), data)
    assert response.status_code == 400
    assert not Expert.objects.exists()


def test_the_engagement_page_records_work_and_refusals(client_for, staff_a, engagement, expert):
    client = client_for(staff_a)
    url = reverse("experts:opinion_create", args=[engagement.pk])
    response = client.post(url, {"expert": expert.pk, "kind": "professional", "given_on": ""})
    assert response.status_code == 400
    assert not Opinion.objects.exists()
    response = client.post(
        url,
        {"expert": expert.pk, "kind": "professional", "given_on": "2024-05-20", "content": "意见"},
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    decide = reverse("experts:opinion_decide", args=[opinion.pk])
    response = client.post(decide, {"status": "not_adopted", "decided_on": "2024-06-01"})
    assert response.status_code == 400 and "未采纳的意见请说明理由" in response.content.decode()
    response = client.post(decide, {"status": "adopted", "decided_on": "2024-06-01"})
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == "adopted"


def test_only_admins_set_the_target(client_for, staff_a, world):
    from tests.accounts.factories import AdminUserFactory

    assert client_for(staff_a).get(reverse("experts:settings_edit")).status_code == 403
    county_admin = AdminUserFactory(jurisdiction=world.county_a)
    client = client_for(county_admin)
    response = client.post(
        reverse("experts:settings_edit"), {"name": "沅陵县咨询专家库", "senior_target": 75}
    )
    assert response.status_code == 302
    assert Pool.objects.get(county=world.county_a).senior_target == 75


def _pool_rows(county, n):
    for _ in range(n):
        expert = ExpertFactory(county=county)
        engagement = EngagementFactory(county=county, experts=[expert])
        OpinionFactory(engagement=engagement, expert=expert)
        MeetingFactory(county=county).attendees.add(expert)
        activity = Activity.objects.create(
            engagement=engagement, kind=Activity.Kind.VISIT, held_on=date(2024, 5, 2)
        )
        activity.experts.add(expert)


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("pool", 11),
        ("meeting_list", 4),
        ("engagement_list", 4),
        ("report", 14),
        ("report_print", 13),
    ],
)
def test_lists_run_the_same_queries_at_any_size(
    client_for, staff_a, world, django_assert_num_queries, name, queries
):
    client = client_for(staff_a)
    url = reverse(f"experts:{name}")
    # The first request of a session loads what later ones find cached.
    client.get(url)
    _pool_rows(world.county_a, 2)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _pool_rows(world.county_a, 6)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_expert_page_runs_the_same_queries_at_any_size(client_for, staff_a, world, expert):
    client = client_for(staff_a)
    url = reverse("experts:expert_detail", args=[expert.pk])
    client.get(url)
    counts = []
    for _ in range(2):
        engagement = EngagementFactory(county=world.county_a, experts=[expert])
        OpinionFactory(engagement=engagement, expert=expert)
        services.meeting_record(
            county=world.county_a,
            kind=Meeting.Kind.QUARTERLY,
            held_on=date(2024, 3, 1),
            topic="恳谈会",
            attendees=[expert],
            by=staff_a,
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert Engagement.objects.count() == 2
