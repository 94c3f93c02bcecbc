"""The public pages: no login, open consultations with their articles and the phone form, closed
ones with their figures, the receipt with its check code; never a phone number, never a
suggestion's text but to its author."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from legislation import rules
from legislation.models import Consultation, Suggestion

from .factories import (
    ArticleFactory,
    ClosedConsultationFactory,
    ConsultationFactory,
    ContactPointFactory,
    InformantFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def open_one(world):
    consultation = ConsultationFactory(point=ContactPointFactory(county=world.county_a))
    ArticleFactory(consultation=consultation, number=1, text="县级人民政府应当组织编制村庄规划。")
    return consultation


def send(client, consultation, **data):
    data = {"content": "建议写明办结时限。", "consent": "on", **data}
    return client.post(reverse("legislation:public_suggest", args=[consultation.pk]), data)


def test_index_lists_open_and_closed_but_not_future_ones(client, world):
    point = ContactPointFactory(county=world.county_a)
    open_one = ConsultationFactory(point=point, title="正在征询的草案")
    closed = ClosedConsultationFactory(point=point, title="已结束的草案")
    SuggestionFactory(consultation=closed, sent_on=closed.closes_on, disposition="adopted")
    ConsultationFactory(
        point=point,
        title="尚未开始的草案",
        opens_on=TODAY() + dt.timedelta(days=3),
        closes_on=TODAY() + dt.timedelta(days=30),
    )
    page = client.get(reverse("legislation:public_index")).content.decode()
    assert open_one.title in page and closed.title in page
    assert "尚未开始的草案" not in page
    future = Consultation.objects.get(title="尚未开始的草案")
    assert (
        client.get(reverse("legislation:public_consultation", args=[future.pk])).status_code == 404
    )
    closed_page = client.get(
        reverse("legislation:public_consultation", args=[closed.pk])
    ).content.decode()
    assert "被采纳" in closed_page and "对草案整体提意见" not in closed_page


def test_a_suggestion_from_the_phone_form_and_its_receipt(client, open_one):
    article = open_one.articles.get()
    form_url = reverse("legislation:public_suggest", args=[open_one.pk]) + f"?article={article.pk}"
    form_page = client.get(form_url).content.decode()
    assert f'value="{article.pk}" selected' in form_page
    quoted = form_page.split('data-testid="chosen-article">')[1].split("</blockquote>")[0]
    assert "县级人民政府应当组织编制村庄规划。" in quoted  # the article is quoted above the form
    response = send(
        client, open_one, article=article.pk, author_name="杨秀英", author_phone="13974510001"
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "legislation:public_done"
    )
    done = client.get(response["Location"]).content.decode()
    suggestion = Suggestion.objects.get()
    assert suggestion.receipt_number in done
    assert suggestion.article == article and suggestion.moderation == "pending"
    # The code is shown once.
    assert client.get(reverse("legislation:public_done")).status_code == 302
    code = done.split('data-testid="receipt-code">')[1].split("<")[0]
    lookup = client.post(
        reverse("legislation:public_receipt"), {"number": suggestion.receipt_number, "code": code}
    )
    page = lookup.content.decode()
    assert "待工作人员审核" in page and "建议写明办结时限。" in page
    assert "13974510001" not in page
    wrong = client.post(
        reverse("legislation:public_receipt"),
        {"number": suggestion.receipt_number, "code": "XXXXXX"},
    )
    assert (
        "回执编号或查询码不正确" in wrong.content.decode()
        and "建议写明办结时限。" not in wrong.content.decode()
    )


def test_the_receipt_shows_the_kept_suggestions_answer_after_a_merge(client, open_one, staff_a):
    from legislation import services

    response = send(client, open_one)
    code = (
        client.get(response["Location"])
        .content.decode()
        .split('data-testid="receipt-code">')[1]
        .split("<")[0]
    )
    mine = Suggestion.objects.get()
    kept = SuggestionFactory(consultation=open_one, article=None)
    services.suggestion_moderate(suggestion=mine, accept=True, by=staff_a)
    services.suggestion_merge(suggestion=mine, into=kept, by=staff_a)
    services.suggestion_rewrite(
        suggestion=kept, suggested_text="写明十五个工作日。", reason="", by=staff_a
    )
    services.report_send(consultation=open_one, sent_on=TODAY(), by=staff_a)
    services.disposition_record(
        suggestion=kept, disposition="partly", note="部分吸收。", answered_on=TODAY(), by=staff_a
    )
    page = client.post(
        reverse("legislation:public_receipt"), {"number": mine.receipt_number, "code": code}
    ).content.decode()
    assert "部分采纳：部分吸收。" in page and "合并报送" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"consent": ""}, "这个字段是必填项"),
        ({"content": ""}, "这个字段是必填项"),
        ({"author_phone": "abc"}, "有效的电话号码"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, open_one, data, message):
    response = send(client, open_one, author_name="吴正军", **data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "吴正军" in page
    assert not Suggestion.objects.exists()


def test_the_honeypot_and_the_hourly_limit(client, open_one):
    response = send(client, open_one, website="http://spam")
    assert "提交失败" in response.content.decode() and not Suggestion.objects.exists()
    for _ in range(rules.PUBLIC_SUGGESTIONS_PER_HOUR):
        assert send(client, open_one).status_code == 302
    response = send(client, open_one)
    assert "提交过于频繁" in response.content.decode()
    assert Suggestion.objects.count() == rules.PUBLIC_SUGGESTIONS_PER_HOUR


def test_a_closed_consultation_takes_no_suggestion(client, world):
    closed = ClosedConsultationFactory(point=ContactPointFactory(county=world.county_a))
    page = client.get(reverse("legislation:public_suggest", args=[closed.pk])).content.decode()
    assert "已结束" in page
    send(client, closed)
    assert not Suggestion.objects.exists()


def test_public_pages_show_no_phone_and_no_unread_text(client, open_one):
    InformantFactory(point=open_one.point, phone="13974519999")
    SuggestionFactory(
        consultation=open_one,
        moderation="pending",
        source="public",
        content="未经审核的文字",
        author_phone="13800000000",
    )
    for url in (
        reverse("legislation:public_index"),
        reverse("legislation:public_consultation", args=[open_one.pk]),
        reverse("legislation:public_suggest", args=[open_one.pk]),
        reverse("legislation:public_poster", args=[open_one.pk]),
    ):
        page = client.get(url).content.decode()
        assert (
            "13974519999" not in page and "13800000000" not in page and "未经审核的文字" not in page
        )


def test_the_qr_code_leads_to_the_phone_form(client, open_one):
    response = client.get(reverse("legislation:public_qr", args=[open_one.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    poster = client.get(reverse("legislation:public_poster", args=[open_one.pk])).content.decode()
    assert f"/legislation/public/{open_one.pk}/suggest/" in poster
