import factory
from django.utils import timezone

from deputies.models import Activity, Deputy, Opinion, Station, Suggestion, Visit
from tests.factories import JurisdictionFactory


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    name = factory.Sequence(lambda n: f"代表{n}")
    level = Deputy.Level.COUNTY
    county = factory.SubFactory(JurisdictionFactory)
    gender = Deputy.Gender.FEMALE
    ethnicity = "苗族"
    phone = "13812345678"


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"第{n}代表联络站")
    kind = Station.Kind.TOWNSHIP
    county = factory.SubFactory(JurisdictionFactory)


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
