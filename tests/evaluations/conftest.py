from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook

from core.models import Unit
from evaluations.models import AuditProblem, ProcuratorialSuggestion
from tests.factories import UnitFactory

HEADER = ["序号", "问题领域", "问题描述", "涉及金额（万元）", "责任单位", "整改期限"]


def workbook(rows, header=HEADER) -> BytesIO:
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


@pytest.fixture
def make_problem(world):
    counter = iter(range(1, 10_000))

    def make(unit=None, **fields):
        unit = unit or world.unit_a
        county = unit.jurisdiction.county
        defaults = {
            "jurisdiction": county,
            "year": 2023,
            "number": f"{next(counter):03d}",
            "area": "预算执行",
            "description": "专项资金未及时拨付",
            "deadline": date(2024, 6, 30),
        }
        return AuditProblem.objects.create(unit=unit, **{**defaults, **fields})

    return make


@pytest.fixture
def procuratorate_a(world):
    return UnitFactory(
        name="沅陵县人民检察院", kind=Unit.Kind.PROCURATORATE, jurisdiction=world.county_a
    )


@pytest.fixture
def make_suggestion(world, procuratorate_a):
    counter = iter(range(1, 10_000))

    def make(unit=None, **fields):
        defaults = {
            "number": f"沅检行建〔2024〕{next(counter)}号",
            "procuratorate": procuratorate_a,
            "content": "规范行政处罚程序",
            "issued_on": date(2024, 3, 15),
        }
        return ProcuratorialSuggestion.objects.create(
            unit=unit or world.unit_a, **{**defaults, **fields}
        )

    return make
