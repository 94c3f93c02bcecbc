"""Work evaluations, audit problems, procuratorial suggestions, and the audit-list workbook an
import uploads."""

from datetime import date
from io import BytesIO

import factory
from openpyxl import Workbook

from core.models import Unit
from evaluations.models import (
    AppraisalEntry,
    AppraisalRound,
    AuditProblem,
    ConsequenceAction,
    EvaluationRound,
    JointReview,
    ProcuratorialSuggestion,
    UnitHead,
)
from tests.accounts.factories import StaffUserFactory
from tests.core.factories import JurisdictionFactory, UnitFactory


class ProcuratorateFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"测试县人民检察院{n}")
    kind = Unit.Kind.PROCURATORATE


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    """A round created by a staff member of its county; `units=[...]` are the units evaluated."""

    class Meta:
        model = EvaluationRound
        skip_postgeneration_save = True

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    year = 2024
    title = factory.Sequence(lambda n: f"工作评议{n}")
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..jurisdiction")
    )

    @factory.post_generation
    def units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.units.set(extracted)


class AuditProblemFactory(factory.django.DjangoModelFactory):
    """A problem of the 2023 audit, due mid-2024, in the county of its unit."""

    class Meta:
        model = AuditProblem

    unit = factory.SubFactory(UnitFactory)
    jurisdiction = factory.LazyAttribute(lambda problem: problem.unit.jurisdiction.county)
    year = 2023
    # Zero-padded so that ordering by number follows creation within a test.
    number = factory.Sequence(lambda n: f"{n + 1:05d}")
    area = "预算执行"
    description = "专项资金未及时拨付"
    deadline = date(2024, 6, 30)


class ProcuratorialSuggestionFactory(factory.django.DjangoModelFactory):
    """A suggestion issued in March 2024 by a procuratorate of the unit's jurisdiction."""

    class Meta:
        model = ProcuratorialSuggestion

    unit = factory.SubFactory(UnitFactory)
    procuratorate = factory.SubFactory(
        ProcuratorateFactory, jurisdiction=factory.SelfAttribute("..unit.jurisdiction")
    )
    number = factory.Sequence(lambda n: f"沅检行建〔2024〕{n + 1}号")
    content = "规范行政处罚程序"
    issued_on = date(2024, 3, 15)


class JointReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointReview

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    month = date(2025, 5, 1)
    held_on = date(2025, 5, 20)
    attendees = "县审计局"
    findings = "按期整改"
    recorded_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..jurisdiction")
    )


class UnitHeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitHead

    name = factory.Sequence(lambda n: f"负责人{n}")
    unit = factory.SubFactory(UnitFactory)
    post = "局长"
    took_office = date(2023, 1, 1)


class AppraisalRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalRound

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    title = factory.Sequence(lambda n: f"任后履职评议{n}")
    year = 2025
    appraisal_date = date(2025, 6, 1)
    created_by = factory.SubFactory(
        StaffUserFactory, jurisdiction=factory.SelfAttribute("..jurisdiction")
    )


class AppraisalEntryFactory(factory.django.DjangoModelFactory):
    """A head on a graded round's roster: poor and in the D-top-3, so talked to by the
    government's head."""

    class Meta:
        model = AppraisalEntry

    round = factory.SubFactory(AppraisalRoundFactory)
    head = factory.SubFactory(
        UnitHeadFactory,
        unit=factory.SubFactory(
            UnitFactory, jurisdiction=factory.SelfAttribute("...round.jurisdiction")
        ),
    )
    votes_a, votes_b, votes_c, votes_d = 40, 10, 5, 40
    grade = AppraisalEntry.Grade.D
    in_d_top = True
    consequences = factory.LazyFunction(lambda: ["government_talk"])


class ConsequenceActionFactory(factory.django.DjangoModelFactory):
    """A pending consequence of an entry (a talk with the government's head)."""

    class Meta:
        model = ConsequenceAction

    entry = factory.SubFactory(AppraisalEntryFactory)
    kind = "government_talk"


# The audit list as the audit office sends it (the importer's template).
HEADER = ["序号", "问题领域", "问题描述", "涉及金额（万元）", "责任单位", "整改期限"]


def workbook(rows, header=HEADER) -> BytesIO:
    """An uploaded audit list: `header`, then `rows`."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "审计问题清单.xlsx"
    return buffer
