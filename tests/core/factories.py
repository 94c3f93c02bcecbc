"""The jurisdiction tree and the handling units every other factory hangs its records on."""

import factory

from core.models import Jurisdiction, Unit


class JurisdictionFactory(factory.django.DjangoModelFactory):
    """A county unless told otherwise; pass `parent=` to place it in a tree."""

    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"测试县{n}")
    code = factory.Sequence(lambda n: f"{439000 + n:06d}")
    level = Jurisdiction.Level.COUNTY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = Unit.Kind.GOVERNMENT
    jurisdiction = factory.SubFactory(JurisdictionFactory)
