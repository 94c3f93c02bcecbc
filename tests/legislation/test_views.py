"""Every page of the office and the deputies: the county's staff and the municipal admin work on
it, the county's deputies read it and send suggestions, a unit's liaison and another county's
staff get nothing, the anonymous visitor is sent to log in. Lists run a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from legislation.models import Channel, Consultation, ContactPoint, Suggestion

from .factories import (
    ArticleFactory,
    ConsultationFactory,
    ContactPointFactory,
    InformantFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def rec(world):
    point = ContactPointFactory(county=world.county_a)
    consultation = ConsultationFactory(point=point)
    article = ArticleFactory(consultation=consultation, number=1)
    suggestion = SuggestionFactory(consultation=consultation, article=article)
    InformantFactory(point=point, phone="13974519999")
    return {
        "point": point,
        "consultation": consultation,
        "article": article,
        "suggestion": suggestion,
    }


def urls(rec):
    p, c, s = rec["point"].pk, rec["consultation"].pk, rec["suggestion"].pk
    return {
        "point_list": reverse("legislation:point_list"),
        "point_detail": reverse("legislation:point_detail", args=[p]),
        "consultation_list": reverse("legislation:consultation_list"),
        "consultation_detail": reverse("legislation:consultation_detail", args=[c]),
        "report_print": reverse("legislation:report_print", args=[c]),
        "suggestion_detail": reverse("legislation:suggestion_detail", args=[s]),
        "statistics": reverse("legislation:statistics"),
        "suggestion_create": reverse("legislation:suggestion_create", args=[c]),
    }


MANAGE_GET = [
    ("legislation:point_create", None),
    ("legislation:point_edit", "point"),
    ("legislation:collection_point_create", "point"),
    ("legislation:informant_create", "point"),
    ("legislation:consultation_create", None),
    ("legislation:consultation_edit", "consultation"),
    ("legislation:articles_import", "consultation"),
    ("legislation:channel_create", "consultation"),
]
MANAGE_POST = [
    ("legislation:report_send", "consultation"),
    ("legislation:suggestion_accept", "suggestion"),
    ("legislation:suggestion_reject", "suggestion"),
    ("legislation:suggestion_merge", "suggestion"),
    ("legislation:suggestion_rewrite", "suggestion"),
    ("legislation:suggestion_disposition", "suggestion"),
]


def _url(name, key, rec):
    return reverse(name, args=[rec[key].pk] if key else [])


@pytest.mark.parametrize("persona", ["staff_a", "admin_user"])
def test_the_office_and_the_municipal_admin_open_every_page(request, client_for, rec, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in [*urls(rec).values(), *(_url(n, k, rec) for n, k in MANAGE_GET)]:
        assert client.get(url).status_code == 200, url


def test_the_deputy_reads_and_suggests_but_manages_nothing(client_for, deputy_a, rec):
    client = client_for(deputy_a)
    for url in urls(rec).values():
        assert client.get(url).status_code == 200, url
    page = client.get(urls(rec)["point_detail"]).content.decode()
    assert "13974519999" not in page  # informants' phones are for staff
    for name, key in MANAGE_GET:
        assert client.get(_url(name, key, rec)).status_code == 403
    for name, key in MANAGE_POST:
        assert client.post(_url(name, key, rec)).status_code == 403
    response = client.post(
        urls(rec)["suggestion_create"], {"article": rec["article"].pk, "content": "建议写明时限。"}
    )
    assert response.status_code == 302
    made = Suggestion.objects.get(source=Suggestion.Source.DEPUTY)
    assert made.submitted_by == deputy_a and made.moderation == "accepted"


def test_staff_see_informant_phones(client_for, staff_a, rec):
    page = client_for(staff_a).get(urls(rec)["point_detail"]).content.decode()
    assert "13974519999" in page


@pytest.mark.parametrize("persona", ["outsider", "liaison_a"])
def test_another_countys_staff_and_a_units_liaison_get_nothing(request, client_for, rec, persona):
    client = client_for(request.getfixturevalue(persona))
    listed = urls(rec)
    for url in [
        listed["point_detail"],
        listed["consultation_detail"],
        listed["report_print"],
        listed["suggestion_detail"],
        listed["suggestion_create"],
    ]:
        assert client.get(url).status_code in (403, 404), url
    for name, key in [*MANAGE_GET, *MANAGE_POST]:
        if key:
            method = client.post if (name, key) in MANAGE_POST else client.get
            assert method(_url(name, key, rec)).status_code in (403, 404), name
    if persona == "outsider":
        for url in (listed["point_list"], listed["consultation_list"], listed["statistics"]):
            page = client.get(url).content.decode()
            assert rec["point"].name not in page and rec["consultation"].title not in page
    else:
        assert client.get(listed["point_list"]).status_code == 403
    assert Suggestion.objects.count() == 1
    rec["suggestion"].refresh_from_db()
    assert rec["suggestion"].moderation == "accepted" and rec["suggestion"].suggested_text == ""


def test_anonymous_is_sent_to_log_in(client, rec):
    for url in urls(rec).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_create_a_point_and_a_consultation_in_their_county(client_for, staff_a, world):
    client = client_for(staff_a)
    response = client.post(
        reverse("legislation:point_create"),
        {"county": world.county_a.pk, "name": "官庄镇基层立法联系点", "set_up_by": "city"},
    )
    point = ContactPoint.objects.get()
    assert response.status_code == 302 and point.county == world.county_a
    response = client.post(
        reverse("legislation:point_create"),
        {"county": world.county_b.pk, "name": "外县联系点", "set_up_by": "city"},
    )
    assert response.status_code == 400 and ContactPoint.objects.count() == 1
    data = {
        "point": point.pk,
        "title": "湖南省乡村建设条例（草案）",
        "kind": "regulation",
        "asked_by": "province",
        "opens_on": "2025-03-01",
        "closes_on": "2025-02-01",
    }
    response = client.post(reverse("legislation:consultation_create"), data)
    assert response.status_code == 400
    assert "截止日期不能早于开始日期" in response.content.decode()
    assert "湖南省乡村建设条例（草案）" in response.content.decode()  # what was typed is kept
    data["closes_on"] = "2025-03-31"
    assert client.post(reverse("legislation:consultation_create"), data).status_code == 302
    assert Consultation.objects.get().created_by == staff_a


def test_articles_from_pasted_text_and_from_a_docx(client_for, staff_a, world, tmp_path):
    from docx import Document

    consultation = ConsultationFactory(point=ContactPointFactory(county=world.county_a))
    client = client_for(staff_a)
    url = reverse("legislation:articles_import", args=[consultation.pk])
    response = client.post(url, {"text": "没有条文的通知"})
    assert response.status_code == 400 and "第一条" in response.content.decode()
    document = Document()
    for line in (
        "某某条例（草案）",
        "第一章　总则",
        "第一条　甲。",
        "第二条　乙。",
        "第三条　丙。",
    ):
        document.add_paragraph(line)
    path = tmp_path / "draft.docx"
    document.save(path)
    with path.open("rb") as upload:
        assert client.post(url, {"document": upload}).status_code == 302
    assert list(consultation.articles.values_list("label", flat=True)) == [
        "第一条",
        "第二条",
        "第三条",
    ]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with broken.open("rb") as upload:
        response = client.post(url, {"document": upload})
    assert response.status_code == 400 and "不是有效的 Word 文档" in response.content.decode()
    assert consultation.articles.count() == 3


def test_rewrite_send_and_answer_through_the_pages(client_for, staff_a, rec):
    client = client_for(staff_a)
    s = rec["suggestion"]
    response = client.post(
        reverse("legislation:suggestion_rewrite", args=[s.pk]), {"suggested_text": ""}
    )
    assert response.status_code == 400 and "请填写规范表述" in response.content.decode()
    client.post(
        reverse("legislation:suggestion_rewrite", args=[s.pk]),
        {"suggested_text": "将“及时”修改为“十五个工作日内”。", "reason": "便于监督。"},
    )
    client.post(
        reverse("legislation:report_send", args=[rec["consultation"].pk]),
        {"sent_on": TODAY().isoformat()},
    )
    s.refresh_from_db()
    assert s.sent_on == TODAY()
    response = client.post(
        reverse("legislation:suggestion_disposition", args=[s.pk]),
        {"disposition": "not_adopted", "note": "", "answered_on": TODAY().isoformat()},
    )
    assert response.status_code == 400 and "未采纳的须填写理由" in response.content.decode()
    client.post(
        reverse("legislation:suggestion_disposition", args=[s.pk]),
        {"disposition": "adopted", "note": "", "answered_on": TODAY().isoformat()},
    )
    s.refresh_from_db()
    assert s.disposition == "adopted"
    report = client.get(urls(rec)["report_print"]).content.decode()
    assert "将“及时”修改为“十五个工作日内”。" in report and "座谈会1条" in report


def test_merge_through_the_page(client_for, staff_a, rec):
    duplicate = SuggestionFactory(consultation=rec["consultation"], article=rec["article"])
    client = client_for(staff_a)
    response = client.post(
        reverse("legislation:suggestion_merge", args=[duplicate.pk]), {"into": rec["suggestion"].pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == rec["suggestion"]
    # A foreign suggestion is no choice at all.
    foreign = SuggestionFactory()
    response = client.post(
        reverse("legislation:suggestion_merge", args=[rec["suggestion"].pk]), {"into": foreign.pk}
    )
    assert response.status_code == 302
    rec["suggestion"].refresh_from_db()
    assert rec["suggestion"].merged_into is None


def _grow(world, n):
    for i in range(n):
        point = ContactPointFactory(county=world.county_a)
        consultation = ConsultationFactory(point=point)
        InformantFactory(point=point)
        SuggestionFactory(
            consultation=consultation,
            sent_on=TODAY() - dt.timedelta(days=1),
            disposition="adopted" if i % 2 else "",
        )
        Channel.objects.create(consultation=consultation, kind="sms", messages_sent=100)


@pytest.mark.parametrize(
    "name", ["legislation:point_list", "legislation:consultation_list", "legislation:statistics"]
)
def test_lists_run_a_fixed_number_of_queries(
    client_for, staff_a, world, django_assert_num_queries, name
):
    client = client_for(staff_a)
    url = reverse(name)
    _grow(world, 1)
    client.get(url)  # warm the session and the user
    with django_assert_num_queries(_count(client, url)) as small:
        client.get(url)
    _grow(world, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def test_consultation_page_queries_do_not_grow_with_suggestions(
    client_for, staff_a, rec, django_assert_max_num_queries
):
    client = client_for(staff_a)
    url = urls(rec)["consultation_detail"]
    client.get(url)
    before = _count(client, url)
    for _ in range(8):
        SuggestionFactory(
            consultation=rec["consultation"],
            article=ArticleFactory(consultation=rec["consultation"]),
        )
    with django_assert_max_num_queries(before):
        client.get(url)
