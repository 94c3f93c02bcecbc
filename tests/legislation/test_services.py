"""The services at their edges: articles imported once, the window for the public and deputies,
the hourly limit, moderation with a reason, merging, the rewrite, the report and the answer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from legislation import rules, selectors, services
from legislation.models import Article, Channel, Suggestion

from .factories import (
    ArticleFactory,
    ClosedConsultationFactory,
    CollectionPointFactory,
    ConsultationFactory,
    ContactPointFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def consultation(world):
    return ConsultationFactory(point=ContactPointFactory(county=world.county_a))


def submit(consultation, client="client-1", **fields):
    fields.setdefault("content", "建议写明办结时限。")
    return services.public_suggestion_submit(consultation=consultation, client_key=client, **fields)


def test_import_splits_the_text_and_replaces_earlier_articles(consultation, staff_a):
    ArticleFactory(consultation=consultation, number=1)
    count = services.articles_import(
        consultation=consultation,
        text="标题\n第一章　总则\n第一条　甲。\n第二条　乙。",
        by=staff_a,
    )
    assert count == 2
    assert list(consultation.articles.values_list("label", "chapter", "text")) == [
        ("第一条", "第一章 总则", "甲。"),
        ("第二条", "第一章 总则", "乙。"),
    ]
    consultation.refresh_from_db()
    assert consultation.preamble == "标题"


def test_import_refuses_text_without_articles_and_keeps_the_old_ones(consultation, staff_a):
    ArticleFactory(consultation=consultation, number=1, text="旧条文")
    with pytest.raises(ValidationError) as error:
        services.articles_import(consultation=consultation, text="没有条文", by=staff_a)
    assert "第一条" in error.value.message_dict["text"][0]
    assert list(consultation.articles.values_list("text", flat=True)) == ["旧条文"]


def test_import_refuses_once_an_article_has_a_suggestion(consultation, staff_a):
    SuggestionFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="不能再替换"):
        services.articles_import(consultation=consultation, text="第一条　新。", by=staff_a)


def test_public_suggestion_gets_a_receipt_and_waits_for_moderation(consultation):
    article = ArticleFactory(consultation=consultation)
    suggestion, code = submit(consultation, article=article, author_phone="13974510001")
    assert suggestion.receipt_number.startswith(f"LF{TODAY().year}-")
    assert len(code) == services.CHECK_CODE_LENGTH
    assert suggestion.moderation == Suggestion.Moderation.PENDING
    assert code not in suggestion.check_hash
    assert selectors.suggestion_by_receipt(suggestion.receipt_number, code) == suggestion
    assert selectors.suggestion_by_receipt(suggestion.receipt_number.lower(), code.lower())
    assert selectors.suggestion_by_receipt(suggestion.receipt_number, "AAAAAA") is None


def test_an_article_of_another_draft_is_refused(consultation, world):
    other = ArticleFactory()
    with pytest.raises(ValidationError) as error:
        submit(consultation, article=other)
    assert "article" in error.value.message_dict
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("days", [-31, 1])
def test_outside_the_window_the_public_and_deputies_are_refused(world, deputy_a, days):
    point = ContactPointFactory(county=world.county_a)
    if days < 0:
        consultation = ClosedConsultationFactory(point=point)
    else:
        consultation = ConsultationFactory(
            point=point,
            opens_on=TODAY() + dt.timedelta(days=1),
            closes_on=TODAY() + dt.timedelta(days=9),
        )
    with pytest.raises(ValidationError, match="不在征询期内"):
        submit(consultation)
    with pytest.raises(ValidationError, match="不在征询期内"):
        services.deputy_suggestion_submit(consultation=consultation, by=deputy_a, content="意见")
    assert not Suggestion.objects.exists()


def test_the_last_day_of_the_window_still_takes_suggestions(world):
    consultation = ConsultationFactory(
        point=ContactPointFactory(county=world.county_a), closes_on=TODAY()
    )
    assert submit(consultation)[0].pk


def test_the_hourly_limit_per_client(consultation):
    for _ in range(rules.PUBLIC_SUGGESTIONS_PER_HOUR):
        submit(consultation)
    with pytest.raises(ValidationError, match="提交过于频繁"):
        submit(consultation)
    # Another client is not held back.
    assert submit(consultation, client="client-2")[0].pk
    assert Suggestion.objects.count() == rules.PUBLIC_SUGGESTIONS_PER_HOUR + 1


def test_an_hour_later_the_client_may_send_again_and_its_key_is_wiped(consultation):
    for _ in range(rules.PUBLIC_SUGGESTIONS_PER_HOUR):
        submit(consultation)
    Suggestion.objects.update(created_at=timezone.now() - dt.timedelta(hours=1, minutes=1))
    submit(consultation)
    assert Suggestion.objects.filter(client_key="client-1").count() == 1


def test_deputy_suggestion_is_accepted_in_their_name(consultation, deputy_a):
    suggestion, _code = services.deputy_suggestion_submit(
        consultation=consultation, by=deputy_a, content="建议增加民族语言宣传。", article=None
    )
    assert suggestion.moderation == Suggestion.Moderation.ACCEPTED
    assert suggestion.author_name == "李秀兰"
    assert suggestion.source == Suggestion.Source.DEPUTY


def test_staff_record_a_symposium_suggestion_after_the_window(world, staff_a):
    consultation = ClosedConsultationFactory(point=ContactPointFactory(county=world.county_a))
    channel = Channel.objects.create(
        consultation=consultation,
        kind=Channel.Kind.SYMPOSIUM,
        place="鼓楼",
        attendees=30,
        held_on=consultation.closes_on,
    )
    suggestion, _ = services.suggestion_record(
        consultation=consultation,
        by=staff_a,
        source=Suggestion.Source.SYMPOSIUM,
        channel=channel,
        content="座谈会意见",
        article=None,
        author_name="龙德胜",
    )
    assert suggestion.moderation == Suggestion.Moderation.ACCEPTED
    other = ClosedConsultationFactory(point=consultation.point)
    with pytest.raises(ValidationError) as error:
        services.suggestion_record(
            consultation=other,
            by=staff_a,
            source=Suggestion.Source.SYMPOSIUM,
            channel=channel,
            content="x",
            article=None,
            author_name="",
        )
    assert "channel" in error.value.message_dict


def test_moderation_refusal_needs_a_reason_and_happens_once(consultation, staff_a):
    suggestion, _ = submit(consultation)
    with pytest.raises(ValidationError) as error:
        services.suggestion_moderate(suggestion=suggestion, accept=False, note=" ", by=staff_a)
    assert "moderation_note" in error.value.message_dict
    services.suggestion_moderate(suggestion=suggestion, accept=False, note="广告", by=staff_a)
    suggestion.refresh_from_db()
    assert suggestion.moderation == Suggestion.Moderation.REJECTED
    with pytest.raises(ValidationError, match="已审核"):
        services.suggestion_moderate(suggestion=suggestion, accept=True, by=staff_a)


def test_merge_points_duplicates_and_their_own_merged_at_the_kept_one(consultation, staff_a):
    kept, duplicate, third = SuggestionFactory.create_batch(3, consultation=consultation)
    services.suggestion_merge(suggestion=third, into=duplicate, by=staff_a)
    services.suggestion_merge(suggestion=duplicate, into=kept, by=staff_a)
    third.refresh_from_db()
    duplicate.refresh_from_db()
    assert third.merged_into == kept and duplicate.merged_into == kept
    with pytest.raises(ValidationError, match="已合并"):
        services.suggestion_merge(suggestion=kept, into=duplicate, by=staff_a)
    with pytest.raises(ValidationError):
        services.suggestion_merge(suggestion=kept, into=kept, by=staff_a)
    foreign = SuggestionFactory()
    with pytest.raises(ValidationError, match="同一草案"):
        services.suggestion_merge(suggestion=foreign, into=kept, by=staff_a)


def test_a_pending_suggestion_cannot_be_merged_or_rewritten(consultation, staff_a):
    pending, _ = submit(consultation)
    kept = SuggestionFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="尚未受理"):
        services.suggestion_merge(suggestion=pending, into=kept, by=staff_a)
    with pytest.raises(ValidationError, match="尚未受理"):
        services.suggestion_rewrite(suggestion=pending, suggested_text="x", reason="", by=staff_a)


def test_send_takes_only_the_rewritten_kept_ones_then_answers_reach_merged(consultation, staff_a):
    kept, duplicate, unwritten = SuggestionFactory.create_batch(3, consultation=consultation)
    pending, code = submit(consultation)
    services.suggestion_merge(suggestion=duplicate, into=kept, by=staff_a)
    with pytest.raises(ValidationError) as error:
        services.suggestion_rewrite(suggestion=kept, suggested_text=" ", reason="", by=staff_a)
    assert "suggested_text" in error.value.message_dict
    services.suggestion_rewrite(
        suggestion=kept,
        suggested_text="将“及时”修改为“十五个工作日内”。",
        reason="便于监督。",
        by=staff_a,
    )
    with pytest.raises(ValidationError) as error:
        services.report_send(
            consultation=consultation, sent_on=TODAY() + dt.timedelta(days=1), by=staff_a
        )
    assert "sent_on" in error.value.message_dict
    assert services.report_send(consultation=consultation, sent_on=TODAY(), by=staff_a) == 1
    assert list(Suggestion.objects.sent()) == [kept]
    with pytest.raises(ValidationError, match="没有可报送"):
        services.report_send(consultation=consultation, sent_on=TODAY(), by=staff_a)
    with pytest.raises(ValidationError, match="已报送"):
        services.suggestion_rewrite(suggestion=kept, suggested_text="改", reason="", by=staff_a)
    with pytest.raises(ValidationError, match="尚未报送"):
        services.disposition_record(
            suggestion=unwritten, disposition="adopted", answered_on=TODAY(), by=staff_a
        )
    services.disposition_record(
        suggestion=kept, disposition="adopted", answered_on=TODAY(), by=staff_a
    )
    duplicate.refresh_from_db()
    assert duplicate.kept.get_disposition_display() == "采纳"
    pending.refresh_from_db()
    assert pending.sent_on is None


def test_not_adopted_needs_a_reason_and_the_answer_cannot_precede_the_sending(
    consultation, staff_a
):
    suggestion = SuggestionFactory(
        consultation=consultation, suggested_text="改", sent_on=TODAY() - dt.timedelta(days=3)
    )
    with pytest.raises(ValidationError) as error:
        services.disposition_record(
            suggestion=suggestion,
            disposition="not_adopted",
            note="",
            answered_on=TODAY(),
            by=staff_a,
        )
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.disposition_record(
            suggestion=suggestion,
            disposition="adopted",
            answered_on=TODAY() - dt.timedelta(days=4),
            by=staff_a,
        )
    assert "answered_on" in error.value.message_dict
    suggestion.refresh_from_db()
    assert suggestion.disposition == ""


def test_channels_carry_what_their_kind_needs(consultation, staff_a):
    with pytest.raises(ValidationError) as error:
        services.channel_add(consultation=consultation, by=staff_a, kind=Channel.Kind.SYMPOSIUM)
    assert set(error.value.message_dict) == {"held_on", "place", "attendees"}
    with pytest.raises(ValidationError) as error:
        services.channel_add(consultation=consultation, by=staff_a, kind=Channel.Kind.SMS)
    assert set(error.value.message_dict) == {"messages_sent"}
    services.channel_add(
        consultation=consultation, by=staff_a, kind=Channel.Kind.SMS, messages_sent=1200
    )
    assert consultation.channels.count() == 1


def test_an_informant_belongs_to_a_collection_point_of_its_own_point(world, staff_a):
    point = ContactPointFactory(county=world.county_a)
    foreign = CollectionPointFactory()
    with pytest.raises(ValidationError) as error:
        services.informant_add(point=point, by=staff_a, name="石光明", collection_point=foreign)
    assert "collection_point" in error.value.message_dict
    assert not point.informants.exists()


def test_consultation_window_must_end_after_it_starts(world, staff_a):
    point = ContactPointFactory(county=world.county_a)
    with pytest.raises(ValidationError, match="截止日期不能早于开始日期"):
        services.consultation_create(
            by=staff_a,
            point=point,
            title="草案",
            kind="law",
            asked_by="npc",
            opens_on=dt.date(2025, 3, 2),
            closes_on=dt.date(2025, 3, 1),
        )


def test_articles_order_in_the_report_with_merged_sources(consultation, staff_a):
    second = ArticleFactory(consultation=consultation, number=2)
    first = ArticleFactory(consultation=consultation, number=1)
    late = SuggestionFactory(consultation=consultation, article=second, suggested_text="乙")
    early = SuggestionFactory(consultation=consultation, article=first, suggested_text="甲")
    public, _ = submit(consultation, article=first)
    services.suggestion_moderate(suggestion=public, accept=True, by=staff_a)
    services.suggestion_merge(suggestion=public, into=early, by=staff_a)
    rows = selectors.report_rows(consultation)
    assert [r.suggestion for r in rows] == [early, late]
    assert selectors.source_text(rows[0]) == "座谈会1条、群众网上提交1条"
    assert Article.objects.count() == 2
