"""Contact points, consultations and suggestions. A consultation is open today by default, so
the public may send suggestions on it; suggestions past their first step are made through the
services in the tests, so that what a step checks is what the pages do."""

import datetime as dt

import factory
from django.utils import timezone

from legislation.models import (
    Article,
    Channel,
    CollectionPoint,
    Consultation,
    ContactPoint,
    Informant,
    Suggestion,
    UpperBody,
)
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint

    county = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"岩脚侗寨基层立法联系点{n}")
    set_up_by = UpperBody.PROVINCE
    set_up_on = dt.date(2021, 6, 18)


class CollectionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionPoint

    point = factory.SubFactory(ContactPointFactory)
    name = factory.Sequence(lambda n: f"坪坦村信息采集点{n}")
    place = "坪坦村"


class InformantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Informant

    point = factory.SubFactory(ContactPointFactory)
    name = "杨秀英"
    place = "坪坦村"
    phone = "13974510001"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    point = factory.SubFactory(ContactPointFactory)
    title = factory.Sequence(lambda n: f"湖南省乡村建设条例（草案）{n}")
    kind = Consultation.Kind.REGULATION
    asked_by = UpperBody.PROVINCE
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=15))
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..point.county")
    )


class ClosedConsultationFactory(ConsultationFactory):
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    consultation = factory.SubFactory(ConsultationFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda a: f"第{a.number}条")
    chapter = "第一章 总则"
    text = "县级人民政府应当组织编制村庄规划，广泛听取村民意见。"


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    consultation = factory.SubFactory(ConsultationFactory)
    kind = Channel.Kind.SYMPOSIUM
    held_on = factory.LazyFunction(timezone.localdate)
    place = "官庄镇人大代表联络站"
    attendees = 20


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A symposium's suggestion, accepted as staff enter it."""

    class Meta:
        model = Suggestion

    consultation = factory.SubFactory(ConsultationFactory)
    article = factory.SubFactory(
        ArticleFactory, consultation=factory.SelfAttribute("..consultation")
    )
    source = Suggestion.Source.SYMPOSIUM
    author_name = "吴正军"
    content = "建议把“及时”写成具体的天数。"
    moderation = Suggestion.Moderation.ACCEPTED
    receipt_number = factory.Sequence(lambda n: f"LF2025-T{n:05d}")
