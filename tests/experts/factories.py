"""Experts, meetings and the work they join. Links between records (invitations, attendees) go
through the services in the tests, which check them."""

from datetime import date

import factory

from experts.models import Engagement, Expert, Meeting, Opinion
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory


class ExpertFactory(factory.django.DjangoModelFactory):
    """A senior expert appointed from 2024 to 2026."""

    class Meta:
        model = Expert

    county = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"专家{n}")
    field = "财政学"
    title = "高级会计师"
    title_level = Expert.TitleLevel.DEPUTY_SENIOR
    employer = "怀化学院"
    term_start = date(2024, 1, 1)
    term_end = date(2026, 12, 31)
    phone = "0745-2800001"
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..county")
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    county = factory.SubFactory(JurisdictionFactory)
    kind = Meeting.Kind.QUARTERLY
    held_on = date(2024, 3, 28)
    topic = "季度恳谈会"
    recorded_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..county")
    )


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    county = factory.SubFactory(JurisdictionFactory)
    kind = Engagement.Kind.OTHER
    title = factory.Sequence(lambda n: f"优化营商环境视察{n}")
    started_on = date(2024, 5, 1)
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..county")
    )

    @factory.post_generation
    def experts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.experts.set(extracted)


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    engagement = factory.SubFactory(EngagementFactory)
    expert = factory.SubFactory(ExpertFactory, county=factory.SelfAttribute("..engagement.county"))
    kind = Opinion.Kind.PROFESSIONAL
    given_on = date(2024, 5, 20)
    content = "建议建立问题清单，明确整改时限。"
    recorded_by = factory.SelfAttribute("engagement.created_by")
