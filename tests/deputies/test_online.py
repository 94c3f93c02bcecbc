"""Deputies online: public station pages, QR codes, opinions from the public through review into
the same handling flow, sources, campaigns and partner deputies of inter-provincial stations."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deputies import rules, selectors, services
from deputies.models import Activity, Campaign, Opinion, OpinionReply, PartnerDeputy, Station

from .factories import (
    ActivityFactory,
    ContactVisitFactory,
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    StationPostFactory,
)

PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def online_a(station_a):
    station_a.is_public = True
    station_a.reception_hours = "每月5日 9:00—12:00"
    station_a.save()
    return station_a


def _submit(station, key="client-1", **extra):
    data = {
        "content": "村口小桥护栏松动，希望加固。",
        "category": Opinion.Category.ROADS,
        "consent": True,
        "client_key": key,
        **extra,
    }
    return services.public_opinion_submit(station=station, **data)


# --- services ------------------------------------------------------------------------------------


def test_public_opinion_waits_for_review_and_counts_only_once_taken_up(online_a, staff_a, world):
    opinion = _submit(online_a, raised_by_phone="13912345678")
    assert opinion.status == Opinion.Status.UNREVIEWED
    assert len(opinion.receipt) == rules.RECEIPT_LENGTH
    assert set(opinion.receipt) <= set(rules.RECEIPT_ALPHABET)
    year = timezone.localdate().year
    (row,) = selectors.county_figures(user=staff_a, year=year, counties=[world.county_a])
    assert row.opinions == 0
    services.opinion_review(opinion=opinion, accept=True, by=staff_a)
    (row,) = selectors.county_figures(user=staff_a, year=year, counties=[world.county_a])
    assert (row.opinions, Opinion.objects.get().status) == (1, Opinion.Status.PENDING)


def test_rejecting_needs_a_reason_and_a_rejected_opinion_never_counts(online_a, staff_a, world):
    opinion = _submit(online_a)
    with pytest.raises(ValidationError) as err:
        services.opinion_review(opinion=opinion, accept=False, note=" ", by=staff_a)
    assert "理由" in str(err.value)
    services.opinion_review(opinion=opinion, accept=False, note="内容与人大工作无关", by=staff_a)
    assert Opinion.objects.counted().count() == 0
    with pytest.raises(ValidationError):
        services.opinion_answer(opinion=opinion, answer="答复", by=staff_a)


def test_unreviewed_opinion_cannot_be_transferred(online_a, staff_a, world):
    opinion = _submit(online_a)
    with pytest.raises(ValidationError):
        services.opinion_transfer(
            opinion=opinion,
            unit=world.unit_a,
            level=Opinion.Level.COUNTY,
            due_on=timezone.localdate() + timedelta(days=10),
            by=staff_a,
        )


def test_rate_limit_per_client_per_hour(online_a):
    for _ in range(rules.PUBLIC_OPINIONS_PER_HOUR):
        _submit(online_a)
    with pytest.raises(ValidationError) as err:
        _submit(online_a)
    assert "频繁" in str(err.value)
    assert Opinion.objects.count() == rules.PUBLIC_OPINIONS_PER_HOUR
    _submit(online_a, key="another-client")  # another client is not held back
    assert Opinion.objects.count() == rules.PUBLIC_OPINIONS_PER_HOUR + 1


def test_client_key_is_wiped_after_the_window(online_a):
    old = _submit(online_a)
    Opinion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    _submit(online_a, key="client-2")
    assert Opinion.objects.get(pk=old.pk).client_key == ""


def test_consent_and_content_are_required_and_nothing_is_saved(online_a):
    with pytest.raises(ValidationError):
        _submit(online_a, consent=False)
    with pytest.raises(ValidationError):
        _submit(online_a, content="  ")
    with pytest.raises(ValidationError):
        _submit(online_a, raised_by_phone="12345")
    assert not Opinion.objects.exists()


def test_opinions_at_contact_visits_and_activities_count_by_source(world, staff_a, station_a):
    deputy = DeputyFactory(county=world.county_a, stations=[station_a])
    contact = ContactVisitFactory(county=world.county_a, deputy=deputy)
    services.opinion_record_at_contact(
        contact_visit=contact, content="路灯坏了", category="urban", answer="已解答", by=staff_a
    )
    services.opinion_record_at_contact(
        contact_visit=contact, content="水压不足", category="rural", by=staff_a
    )
    held = ActivityFactory(
        station=station_a,
        status=Activity.Status.HELD,
        starts_at=timezone.now() - timedelta(days=1),
    )
    services.opinion_record_at_activity(
        activity=held, content="学校门口缺少减速带", category="roads", by=staff_a
    )
    upcoming = ActivityFactory(station=station_a, status=Activity.Status.ANNOUNCED)
    with pytest.raises(ValidationError):
        services.opinion_record_at_activity(
            activity=upcoming, content="x", category="roads", by=staff_a
        )
    year = timezone.localdate().year
    rows = {r.source: r for r in selectors.opinions_by_source(user=staff_a, year=year)}
    assert (rows["contact_visit"].opinions, rows["contact_visit"].settled) == (2, 1)
    assert (rows["activity"].opinions, rows["activity"].open) == (1, 1)
    assert Opinion.objects.filter(deputy=deputy).count() == 2


def test_campaign_sums_its_opinions_and_activities(world, staff_a, station_a):
    campaign = services.campaign_create(
        county=world.county_a,
        name="法治护绿",
        starts_on=date(2024, 3, 1),
        ends_on=date(2024, 11, 30),
        by=staff_a,
    )
    activity = ActivityFactory(station=station_a, status=Activity.Status.HELD, participants=30)
    services.activity_tag(activity=activity, campaign=campaign, by=staff_a)
    for status in (Opinion.Status.ANSWERED, Opinion.Status.PENDING, Opinion.Status.UNREVIEWED):
        services.opinion_tag(
            opinion=OpinionFactory(station=station_a, status=status), campaign=campaign, by=staff_a
        )
    figures = selectors.campaign_figures(campaign)
    assert (figures["opinions"], figures["settled"]) == (2, 1)
    assert (figures["activities"], figures["participants"]) == (1, 30)


def test_campaign_rules(world, staff_a, station_b):
    services.campaign_create(
        county=world.county_a,
        name="法治护安",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 2, 1),
        by=staff_a,
    )
    with pytest.raises(ValidationError):
        services.campaign_create(
            county=world.county_a,
            name="法治护安",
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 2, 1),
            by=staff_a,
        )
    with pytest.raises(ValidationError):
        services.campaign_create(
            county=world.county_a,
            name="倒序",
            starts_on=date(2024, 3, 1),
            ends_on=date(2024, 2, 1),
            by=staff_a,
        )
    campaign = Campaign.objects.get()
    with pytest.raises(ValidationError):
        services.opinion_tag(
            opinion=OpinionFactory(station=station_b), campaign=campaign, by=staff_a
        )
    assert Campaign.objects.count() == 1


def test_partner_deputies_joint_activities_and_problems_solved_across_the_border(world, staff_a):
    station = StationFactory(
        county=world.county_a, kind=Station.Kind.INTER_PROVINCIAL, partner_region="贵州省天柱县"
    )
    partner = services.partner_deputy_add(
        station=station, name="杨正龙", region="贵州省天柱县", by=staff_a
    )
    assert partner.pk and not hasattr(partner, "user")
    township = StationFactory(county=world.county_a)
    with pytest.raises(ValidationError):
        services.partner_deputy_add(station=township, name="吴秀英", region="贵州", by=staff_a)
    joint = ActivityFactory(station=station, status=Activity.Status.HELD)
    ActivityFactory(station=station, status=Activity.Status.HELD)  # without partners
    services.activity_set_partners(activity=joint, partners=[partner], by=staff_a)
    with pytest.raises(ValidationError):
        services.activity_set_partners(
            activity=ActivityFactory(station=township), partners=[partner], by=staff_a
        )
    opinion = OpinionFactory(station=station, status=Opinion.Status.PENDING)
    services.opinion_refer_across(
        opinion=opinion,
        partner_unit="天柱县交通运输局",
        due_on=timezone.localdate() + timedelta(days=20),
        by=staff_a,
    )
    services.opinion_reply(
        opinion=opinion,
        body="两地协调，已修复。",
        outcome=OpinionReply.Outcome.RESOLVED,
        by=staff_a,
    )
    OpinionFactory(station=station, status=Opinion.Status.PENDING)
    with pytest.raises(ValidationError):
        services.opinion_refer_across(
            opinion=OpinionFactory(station=township, status=Opinion.Status.PENDING),
            partner_unit="x",
            due_on=timezone.localdate(),
            by=staff_a,
        )
    (row,) = selectors.inter_provincial_figures(user=staff_a, year=timezone.localdate().year)
    assert (row.partners, row.joint_activities, row.opinions, row.solved, row.referred) == (
        1,
        1,
        2,
        1,
        1,
    )
    assert PartnerDeputy.objects.count() == 1


# --- public pages ---------------------------------------------------------------------------------


def test_station_page_is_public_and_shows_only_what_staff_published(client, online_a, world):
    DeputyFactory(name="向秀梅", county=world.county_a, stations=[online_a], phone="13712345678")
    StationPostFactory(station=online_a, title="公开的接待安排", is_public=True)
    StationPostFactory(station=online_a, title="内部工作通知", is_public=False)
    OpinionFactory(station=online_a, content="未经审核的群众原话", status=Opinion.Status.UNREVIEWED)
    ActivityFactory(station=online_a, title="下周代表接待日", status=Activity.Status.ANNOUNCED)
    ActivityFactory(station=online_a, title="草稿活动", status=Activity.Status.DRAFT)
    body = client.get(reverse("deputies:public_station", args=[online_a.pk])).content.decode()
    assert "向秀梅" in body and "公开的接待安排" in body and "下周代表接待日" in body
    assert "每月5日" in body
    for hidden in ("内部工作通知", "未经审核的群众原话", "草稿活动"):
        assert hidden not in body
    assert not PHONE.search(body)


def test_station_not_online_is_404_everywhere(client, station_a, station_b):
    station_b.is_public = True
    station_b.is_active = False
    station_b.save()
    for station in (station_a, station_b):
        for name in ("public_station", "public_station_opinion", "station_qr", "station_poster"):
            assert client.get(reverse(f"deputies:{name}", args=[station.pk])).status_code == 404


def test_directory_searches_and_lists_only_online_stations(client, online_a, station_b, world):
    StationFactory(name="杜家坪代表联络站", county=world.county_a, is_public=True)
    url = reverse("deputies:public_directory")
    body = client.get(url, {"county": world.county_a.code}).content.decode()
    assert online_a.name in body and "杜家坪" in body and station_b.name not in body
    body = client.get(url, {"q": "杜家"}).content.decode()
    assert "杜家坪" in body and online_a.name not in body
    assert client.get(url, {"county": "999999"}).status_code == 404


def test_directory_front_lists_counties_with_their_station_counts(client, online_a, world):
    StationFactory(county=world.county_a, is_public=True)
    StationFactory(county=world.county_b, is_public=True)
    StationFactory(county=world.county_b)  # not online: not counted
    response = client.get(reverse("deputies:public_directory"))
    assert [(r["county__code"], r["n"]) for r in response.context["summary"]] == [
        (world.county_a.code, 2),
        (world.county_b.code, 1),
    ]
    body = response.content.decode()
    assert f'href="?county={world.county_a.code}"' in body
    assert online_a.name not in body  # stations only once a county is chosen


def test_directory_pages_keep_the_county_and_the_search(client, world):
    for n in range(45):
        StationFactory(county=world.county_a, is_public=True, name=f"网上站{n:02d}")
    StationFactory(county=world.county_b, is_public=True, name="网上站B")
    url = reverse("deputies:public_directory")
    first = client.get(url, {"county": world.county_a.code, "q": "网上"})
    assert len(first.context["stations"]) == 20
    assert first.context["page_obj"].paginator.num_pages == 3
    body = first.content.decode()
    assert f"?county={world.county_a.code}&amp;q=%E7%BD%91%E4%B8%8A&amp;page=2" in body
    last = client.get(url, {"county": world.county_a.code, "q": "网上", "page": "3"})
    assert [s.name for s in last.context["stations"]] == [f"网上站{n:02d}" for n in range(40, 45)]
    # Out of range or not a number: the nearest page, never an error.
    assert client.get(url, {"county": world.county_a.code, "page": "99"}).status_code == 200
    assert client.get(url, {"county": world.county_a.code, "page": "x"}).status_code == 200
    # A search without a county searches every county.
    every = client.get(url, {"q": "网上"}).context["page_obj"].paginator.count
    assert every == 46


def test_directory_query_count_is_fixed(client, world, django_assert_num_queries):
    url = reverse("deputies:public_directory")
    StationFactory(county=world.county_a, is_public=True)
    # The counties for the select, and the summary.
    with django_assert_num_queries(2):
        client.get(url)
    # The counties, the count of stations and the page of them.
    with django_assert_num_queries(3):
        client.get(url, {"county": world.county_a.code})
    for _ in range(30):
        StationFactory(county=world.county_a, township=world.township_a, is_public=True)
        StationFactory(county=world.county_b, is_public=True)
    with django_assert_num_queries(2):
        client.get(url)
    with django_assert_num_queries(3):
        client.get(url, {"county": world.county_a.code, "page": "2"})


def test_qr_code_and_poster(client, online_a, world):
    deputy = DeputyFactory(county=world.county_a, stations=[online_a])
    response = client.get(reverse("deputies:station_qr", args=[online_a.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") or b"<svg" in response.content[:200]
    poster = client.get(reverse("deputies:station_poster", args=[online_a.pk])).content.decode()
    target = reverse("deputies:public_station_opinion", args=[online_a.pk])
    assert online_a.name in poster and "<svg" in poster and target in poster
    assert client.get(reverse("deputies:deputy_qr", args=[deputy.pk])).status_code == 200
    assert client.get(reverse("deputies:deputy_poster", args=[deputy.pk])).status_code == 200
    offline = DeputyFactory(county=world.county_a)
    assert client.get(reverse("deputies:deputy_qr", args=[offline.pk])).status_code == 404
    assert (
        client.get(reverse("deputies:public_deputy_opinion", args=[offline.pk])).status_code == 404
    )


def test_phone_form_gives_a_receipt(client, online_a):
    url = reverse("deputies:public_station_opinion", args=[online_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"content": "希望增设路灯", "category": "urban", "consent": "on", "website": ""}
    )
    opinion = Opinion.objects.get()
    assert response.status_code == 302 and opinion.receipt in response.url
    assert opinion.source == Opinion.Source.ONLINE and opinion.station == online_a
    body = client.get(response.url).content.decode()
    assert opinion.receipt in body and "待审核" in body


def test_deputy_form_addresses_the_deputy(client, online_a, world):
    deputy = DeputyFactory(county=world.county_a, stations=[online_a])
    url = reverse("deputies:public_deputy_opinion", args=[deputy.pk])
    client.post(url, {"content": "希望增设路灯", "category": "urban", "consent": "on"})
    opinion = Opinion.objects.get()
    assert (opinion.deputy, opinion.station, opinion.county) == (deputy, None, world.county_a)


def test_phone_form_keeps_input_and_refuses_without_consent_or_with_honeypot(client, online_a):
    url = reverse("deputies:public_station_opinion", args=[online_a.pk])
    response = client.post(url, {"content": "希望增设路灯", "category": "urban"})
    body = response.content.decode()
    assert "请阅读并同意" in body and "希望增设路灯" in body
    response = client.post(
        url,
        {"content": "buy now", "category": "urban", "consent": "on", "website": "http://spam"},
    )
    assert "提交失败" in response.content.decode()
    assert not Opinion.objects.exists()


def test_receipt_shows_status_and_reply_never_the_text(client, online_a, staff_a, world):
    opinion = _submit(online_a, raised_by="赵大妈", raised_by_phone="13912345678")
    services.opinion_review(opinion=opinion, accept=True, by=staff_a)
    services.opinion_transfer(
        opinion=opinion,
        unit=world.unit_a,
        level="county",
        due_on=timezone.localdate() + timedelta(days=5),
        by=staff_a,
    )
    services.opinion_reply(
        opinion=opinion, body="护栏已加固完毕。", outcome=OpinionReply.Outcome.RESOLVED, by=staff_a
    )
    url = reverse("deputies:public_receipt")
    body = client.get(url, {"receipt": opinion.receipt.lower()}).content.decode()
    assert "护栏已加固完毕" in body and "已解决" in body
    for private in ("村口小桥护栏松动", "赵大妈", "13912345678"):
        assert private not in body
    other = OpinionFactory(station=online_a, receipt="ZZZZZZZZZZ")  # not sent online
    body = client.get(url, {"receipt": other.receipt}).content.decode()
    assert "没有找到" in body
    assert "没有找到" in client.get(url, {"receipt": "ABCDEFGHJK"}).content.decode()


# --- staff pages: roles and the outsider ------------------------------------------------------------


def test_staff_put_a_station_and_a_post_online(client_for, staff_a, station_a):
    client = client_for(staff_a)
    response = client.post(
        reverse("deputies:station_online", args=[station_a.pk]), {"is_public": "1"}
    )
    assert response.status_code == 302
    station_a.refresh_from_db()
    assert station_a.is_public
    post = StationPostFactory(station=station_a)
    client.post(reverse("deputies:post_public", args=[post.pk]), {"is_public": "1"})
    post.refresh_from_db()
    assert post.is_public
    body = client.get(reverse("deputies:station_detail", args=[station_a.pk])).content.decode()
    assert reverse("deputies:station_poster", args=[station_a.pk]) in body


@pytest.mark.parametrize("persona", ["outsider", "deputy_a", "liaison_a"])
def test_others_cannot_put_online(request, client_for, station_a, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    post = StationPostFactory(station=station_a)
    for name, pk in (("station_online", station_a.pk), ("post_public", post.pk)):
        response = client.post(reverse(f"deputies:{name}", args=[pk]), {"is_public": "1"})
        assert response.status_code == (404 if persona == "outsider" else 403)
    station_a.refresh_from_db()
    post.refresh_from_db()
    assert not station_a.is_public and not post.is_public


def test_anonymous_is_sent_to_login_from_staff_pages(client, station_a):
    opinion = OpinionFactory(station=station_a)
    campaign = Campaign.objects.create(
        county=station_a.county, name="c", starts_on=date(2024, 1, 1), ends_on=date(2024, 2, 1)
    )
    for url in (
        reverse("deputies:station_online", args=[station_a.pk]),
        reverse("deputies:partner_add", args=[station_a.pk]),
        reverse("deputies:opinion_review", args=[opinion.pk]),
        reverse("deputies:opinion_tag", args=[opinion.pk]),
        reverse("deputies:opinion_refer", args=[opinion.pk]),
        reverse("deputies:campaign_list"),
        reverse("deputies:campaign_detail", args=[campaign.pk]),
    ):
        response = client.post(url) if "campaign" not in url else client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_staff_review_an_opinion_on_its_page(client_for, staff_a, outsider, online_a):
    opinion = _submit(online_a)
    url = reverse("deputies:opinion_review", args=[opinion.pk])
    assert client_for(outsider).post(url, {"accept": "1"}).status_code == 404
    client = client_for(staff_a)
    detail = client.get(reverse("deputies:opinion_detail", args=[opinion.pk])).content.decode()
    assert url in detail
    response = client.post(url, {"accept": "0", "note": ""})
    assert response.status_code == 400 and "不予受理须说明理由" in response.content.decode()
    client.post(url, {"accept": "1"})
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.PENDING


def test_campaign_pages(client_for, staff_a, outsider, deputy_a, admin_user, station_a):
    client = client_for(staff_a)
    url = reverse("deputies:campaign_list")
    response = client.post(
        url, {"name": "法治护绿", "starts_on": "2024-03-01", "ends_on": "2024-02-01"}
    )
    assert response.status_code == 400 and "法治护绿" in response.content.decode()
    assert not Campaign.objects.exists()
    client.post(url, {"name": "法治护绿", "starts_on": "2024-03-01", "ends_on": "2024-11-30"})
    campaign = Campaign.objects.get()
    opinion = OpinionFactory(station=station_a, status=Opinion.Status.ANSWERED)
    client.post(reverse("deputies:opinion_tag", args=[opinion.pk]), {"campaign": campaign.pk})
    detail = reverse("deputies:campaign_detail", args=[campaign.pk])
    body = client.get(detail).content.decode()
    assert 'data-testid="campaign-opinions">1<' in body
    assert client_for(admin_user).get(detail).status_code == 200
    assert "法治护绿" not in client_for(outsider).get(url).content.decode()
    assert client_for(outsider).get(detail).status_code == 404
    assert client_for(deputy_a).get(detail).status_code == 403


def test_campaign_list_query_count(client_for, staff_a, world, django_assert_num_queries):
    client = client_for(staff_a)
    url = reverse("deputies:campaign_list")

    def add(n):
        for i in range(n):
            Campaign.objects.create(
                county=world.county_a,
                name=f"c{Campaign.objects.count()}{i}",
                starts_on=date(2024, 1, 1),
                ends_on=date(2024, 2, 1),
            )

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add(4)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('data-testid="campaign-row"') == 5


def test_partner_add_view(client_for, staff_a, outsider, world):
    station = StationFactory(
        county=world.county_a, kind=Station.Kind.INTER_PROVINCIAL, partner_region="贵州省玉屏县"
    )
    url = reverse("deputies:partner_add", args=[station.pk])
    assert client_for(outsider).post(url, {"name": "x", "region": "y"}).status_code == 404
    client_for(staff_a).post(url, {"name": "杨正龙", "region": "贵州省玉屏县"})
    body = client_for(staff_a).get(reverse("deputies:station_detail", args=[station.pk]))
    assert "杨正龙" in body.content.decode()


def test_dashboard_counts_by_source(client_for, staff_a, station_a, world):
    contact = ContactVisitFactory(county=world.county_a)
    services.opinion_record_at_contact(
        contact_visit=contact, content="路灯", category="urban", answer="已答", by=staff_a
    )
    year = timezone.localdate().year
    body = (
        client_for(staff_a)
        .get(reverse("deputies:dashboard"), {"year": year, "county": world.county_a.pk})
        .content.decode()
    )
    assert 'data-testid="source-table"' in body
    assert re.search(r'data-source="contact_visit">.*?<td class="text-end">1</td>', body)


def test_activity_side_forms(client_for, staff_a, outsider, deputy_a, world):
    station = StationFactory(
        county=world.county_a, kind=Station.Kind.INTER_PROVINCIAL, partner_region="贵州省天柱县"
    )
    partner = PartnerDeputy.objects.create(station=station, name="杨正龙", region="贵州省天柱县")
    activity = ActivityFactory(
        station=station,
        status=Activity.Status.HELD,
        starts_at=timezone.now() - timedelta(days=1),
    )
    campaign = Campaign.objects.create(
        county=world.county_a,
        name="法治护安",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 1),
    )
    urls = {
        "activity_partners": {"partners": [partner.pk]},
        "activity_tag": {"campaign": campaign.pk},
        "activity_opinion": {"content": "渡口缺少救生设备", "category": "roads"},
    }
    for name, data in urls.items():
        url = reverse(f"deputies:{name}", args=[activity.pk])
        assert client_for(outsider).post(url, data).status_code == 404
        assert client_for(deputy_a).post(url, data).status_code == 403
    assert not Opinion.objects.exists() and not activity.partner_deputies.exists()
    client = client_for(staff_a)
    for name, data in urls.items():
        response = client.post(reverse(f"deputies:{name}", args=[activity.pk]), data)
        assert response.status_code == 302, name
    activity.refresh_from_db()
    assert activity.campaign == campaign and list(activity.partner_deputies.all()) == [partner]
    opinion = Opinion.objects.get()
    assert (opinion.source, opinion.activity, opinion.station) == ("activity", activity, station)
    response = client.post(
        reverse("deputies:activity_opinion", args=[activity.pk]), {"content": "", "category": ""}
    )
    assert response.status_code == 400 and Opinion.objects.count() == 1
