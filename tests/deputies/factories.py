"""Deputies, their liaison stations and what they record there."""

import factory
from django.utils import timezone

from deputies.models import (
    Activity,
    ContactVisit,
    CountySetting,
    Deputy,
    Opinion,
    Station,
    StationMembership,
    StationPost,
    Suggestion,
    Visit,
)
from tests.core.factories import JurisdictionFactory


class DeputyFactory(factory.django.DjangoModelFactory):
    """A deputy's record; `stations=[...]` makes them a member of each station given."""

    class Meta:
        model = Deputy
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"代表{n}")
    level = Deputy.Level.COUNTY
    county = factory.SubFactory(JurisdictionFactory)
    gender = Deputy.Gender.FEMALE
    ethnicity = "苗族"
    phone = "13812345678"

    @factory.post_generation
    def stations(obj, create, extracted, **kwargs):
        for station in extracted or ():
            StationMembershipFactory(station=station, deputy=obj)


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"第{n}代表联络站")
    kind = Station.Kind.TOWNSHIP
    county = factory.SubFactory(JurisdictionFactory)


class StationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationMembership

    station = factory.SubFactory(StationFactory)
    deputy = factory.SubFactory(DeputyFactory, county=factory.SelfAttribute("..station.county"))


class StationPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationPost

    station = factory.SubFactory(StationFactory)
    title = factory.Sequence(lambda n: f"联络站开放日{n}")
    published_on = factory.LazyFunction(timezone.localdate)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    station = factory.SubFactory(StationFactory)
    deputy = factory.SubFactory(DeputyFactory, county=factory.SelfAttribute("..station.county"))
    visited_on = factory.LazyFunction(timezone.localdate)
    kind = Visit.Kind.RECEPTION
    people_received = 3
    notes = "接待群众"


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    station = factory.SubFactory(StationFactory)
    county = factory.SelfAttribute("station.county")
    content = factory.Sequence(lambda n: f"村道破损需要修复{n}")
    category = Opinion.Category.ROADS
    raised_on = factory.LazyFunction(timezone.localdate)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    deputy = factory.SubFactory(DeputyFactory)
    county = factory.SelfAttribute("deputy.county")
    kind = Suggestion.Kind.SUGGESTION
    number = factory.Sequence(lambda n: f"2024-建{n:03d}")
    title = factory.Sequence(lambda n: f"关于修缮学校路灯的建议{n}")
    content = "学校周边路灯损坏，夜间出行不便。"
    submitted_on = factory.LazyFunction(timezone.localdate)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    station = factory.SubFactory(StationFactory)
    county = factory.SelfAttribute("station.county")
    kind = Activity.Kind.THREE_OFFICIALS
    title = factory.Sequence(lambda n: f"三官一律进站活动{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=10))


class ContactVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactVisit

    county = factory.SubFactory(JurisdictionFactory)
    kind = ContactVisit.Kind.DEPUTY_TO_PUBLIC
    visitor = "向东"
    visited = "村民"
    visited_on = factory.LazyFunction(timezone.localdate)


class CountySettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountySetting

    county = factory.SubFactory(JurisdictionFactory)
