"""The report's workbook with formula-like text in every text column of the contact points (the
portal's hostile-text walk over this app's records): every cell stays text."""

import io

import pytest
from openpyxl import load_workbook

from accounts.demo import seed_all
from accounts.models import User
from core.exchange.exporters import FORMULA_PREFIXES
from legislation import demo
from legislation.exporters import ReportExporter
from legislation.models import Consultation
from tests.reports import test_exporters as shared

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("one_draft", [False, True])
def test_no_cell_of_the_report_is_a_formula(monkeypatch, one_draft):
    seed_all()
    demo.seed()
    monkeypatch.setattr(shared, "POISONED_APPS", ("legislation",))
    assert shared._poison_every_text_column() > 10
    admin = User.objects.get(username="hh_admin")
    params = {}
    if one_draft:
        params = {
            "consultation": str(Consultation.objects.filter(point__county__code="431222").get().pk)
        }
    buffer = io.BytesIO()
    ReportExporter(user=admin, params=params).write(buffer)
    buffer.seek(0)
    cells = [c for row in load_workbook(buffer).worksheets[0].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not any(t.startswith(FORMULA_PREFIXES) for t in texts)
    assert sum(t.startswith("'") for t in texts) > 3
