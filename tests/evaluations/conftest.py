"""Evaluation fixtures on top of the shared personas: county A's procuratorate, and audit problems
and procuratorial suggestions of unit A unless a test names another unit."""

from functools import partial

import pytest

from .factories import (
    AuditProblemFactory,
    ProcuratorateFactory,
    ProcuratorialSuggestionFactory,
)


@pytest.fixture
def make_problem(world):
    """`AuditProblemFactory` for unit A: most tests are about county A's own problems."""
    return partial(AuditProblemFactory, unit=world.unit_a)


@pytest.fixture
def procuratorate_a(world):
    return ProcuratorateFactory(name="沅陵县人民检察院", jurisdiction=world.county_a)


@pytest.fixture
def make_suggestion(world, procuratorate_a):
    """`ProcuratorialSuggestionFactory` for unit A, issued by county A's procuratorate."""
    return partial(ProcuratorialSuggestionFactory, unit=world.unit_a, procuratorate=procuratorate_a)
