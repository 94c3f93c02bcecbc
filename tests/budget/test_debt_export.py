"""Government debt entered on the budget page, amounts written with thousands separators, and
the budget-lines export for a user who sees no budget."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from budget.exporters import BudgetExporter
from budget.models import Debt
from budget.services.budgets import debt_save
from core.formatting import money_text

from .factories import BudgetFactory, LineFactory

pytestmark = pytest.mark.django_db


def test_debt_saved_and_corrected_by_kind(world, staff_a):
    budget = BudgetFactory(jurisdiction=world.county_a)
    debt_save(budget=budget, kind="general", limit=Decimal(100), balance=Decimal(90), by=staff_a)
    debt_save(
        budget=budget,
        kind="general",
        limit=Decimal(100),
        balance=Decimal(95),
        issued=Decimal(5),
        by=staff_a,
    )
    (debt,) = Debt.objects.all()
    assert (debt.balance, debt.issued) == (Decimal(95), Decimal(5))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "other"}, "债务类型"),
        ({"balance": Decimal(-1)}, "不能为负数"),
        ({"issued": Decimal(200)}, "不能超过债务余额"),
    ],
)
def test_debt_refused_with_a_reason(world, staff_a, values, message):
    budget = BudgetFactory(jurisdiction=world.county_a)
    data = {"kind": "special", "limit": Decimal(100), "balance": Decimal(100), **values}
    with pytest.raises(ValidationError, match=message):
        debt_save(budget=budget, by=staff_a, **data)
    assert not Debt.objects.exists()


def test_debt_form_on_the_budget_page(client_for, staff_a, deputy_a, outsider, world):
    budget = BudgetFactory(jurisdiction=world.county_a)
    url = reverse("budget:debt_add", args=[budget.pk])
    data = {"kind": "special", "limit": "500000000", "balance": "620000000", "issued": "1"}
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(deputy_a).post(url, data).status_code == 403
    staff = client_for(staff_a)
    refused = staff.post(url, {**data, "issued": "700000000"})
    assert refused.status_code == 400
    assert "不能超过债务余额" in refused.content.decode()
    assert 'value="620000000"' in refused.content.decode()
    assert staff.post(url, data)["Location"] == budget.get_absolute_url()
    page = staff.get(budget.get_absolute_url()).content.decode()
    assert "620,000,000.00" in page and "超过限额" in page
    assert 'data-testid="debt-form"' in page
    assert (
        'data-testid="debt-form"'
        not in client_for(deputy_a).get(budget.get_absolute_url()).content.decode()
    )


def test_amounts_read_with_thousands_separators(client_for, staff_a, world):
    assert money_text(Decimal("1234567.5")) == "1,234,567.50"
    budget = BudgetFactory(jurisdiction=world.county_a)
    LineFactory(budget=budget, adopted=Decimal("12345678.00"))
    body = client_for(staff_a).get(budget.get_absolute_url()).content.decode()
    assert "12,345,678.00" in body


def test_budget_lines_export_without_any_budget_says_so(deputy_a, outsider, world):
    BudgetFactory(jurisdiction=world.county_a)
    exporter = BudgetExporter(user=outsider)
    stream = io.BytesIO()
    assert exporter.write(stream) == 0
    assert exporter.filename() == "预算科目及执行.xlsx"
    (sheet,) = load_workbook(stream).worksheets
    assert "没有可导出的预算" in sheet["A1"].value
