"""Rows of budget review that the page walk opens, by name in `Records.extra`: the demo's 2024
budget of 沅陵, a warning still open, a problem assigned to the liaison's unit (财政局) and the
third quarter of 2024 published for the public."""

from budget.models import Budget, Problem, Publication, Warning
from core.models import Jurisdiction, Unit


def records(county: Jurisdiction, unit: Unit) -> dict:
    return {
        "budget": Budget.objects.filter(jurisdiction=county).order_by("-year").first(),
        "budget_warning": Warning.objects.filter(jurisdiction=county, status="open")
        .order_by("pk")
        .first(),
        "budget_problem": Problem.objects.filter(jurisdiction=county, unit=unit)
        .order_by("pk")
        .first(),
        "budget_publication": Publication.objects.published()
        .filter(jurisdiction=county)
        .order_by("-year", "-quarter")
        .first(),
    }
