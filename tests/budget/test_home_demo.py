"""What budget supervision adds elsewhere: the unit's scorecard, the home panel, the reminders,
the exports; and the demo from the seed article."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.demo import seed_all
from accounts.models import User
from budget import demo
from budget.exporters import ProblemExporter, WarningExporter
from budget.models import Budget, Problem, Warning
from core.models import Jurisdiction
from evaluations.selectors import scorecards
from notifications.registry import sources

from .factories import ProblemFactory, WarningFactory

pytestmark = pytest.mark.django_db


def test_problems_count_on_the_units_scorecard(world):
    today = timezone.localdate()
    ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a, status="closed")
    ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a, due_on=today - timedelta(1))
    ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a, year=2023)
    (card,) = scorecards([world.unit_a], 2024, today)
    # Other budget cards (两问四评) may sit beside it: this test weighs the problems' one.
    (tally,) = [tally for label, tally in card.extra if str(label) == "预算监督问题整改"]
    assert (tally.total, tally.overdue) == (2, 1)
    assert tally.counts["已销号"] == 1
    assert str(tally.rate) == "50.0"


def test_unit_scorecard_page_shows_the_budget_card(client_for, staff_a, world):
    from tests.evaluations.factories import EvaluationRoundFactory

    EvaluationRoundFactory(jurisdiction=world.county_a, year=2024, units=[world.unit_a])
    ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a)
    url = reverse("evaluations:unit_scorecard", args=[world.unit_a.pk]) + "?year=2024"
    assert "预算监督问题整改" in client_for(staff_a).get(url).content.decode()


def test_home_panel_for_staff_and_liaison(client_for, staff_a, liaison_a, outsider, world):
    WarningFactory(jurisdiction=world.county_a)
    ProblemFactory(
        jurisdiction=world.county_a, unit=world.unit_a, due_on=timezone.localdate() - timedelta(1)
    )
    staff_page = client_for(staff_a).get("/").content.decode()
    assert "待研判预警 1 条" in staff_page and "逾期未反馈 1 个" in staff_page
    liaison_page = client_for(liaison_a).get("/").content.decode()
    assert "待研判预警" not in liaison_page and "整改中的问题 1 个" in liaison_page
    assert "整改中的问题 0 个" in client_for(outsider).get("/").content.decode()


def test_reminders_for_problems_awaiting_reply(world, liaison_a):
    today = timezone.localdate()
    waiting = ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a)
    ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a, status="replied")
    dues = list(sources["budget.problem"](today))
    assert [d.object_id for d in dues] == [waiting.pk]
    assert dues[0].recipients == (liaison_a,)


def _rows(exporter):
    stream = io.BytesIO()
    exporter.write(stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).worksheets[0]
    return [row for row in sheet.iter_rows(values_only=True)]


def test_exports_hold_the_users_rows_only(staff_a, outsider, world):
    WarningFactory(jurisdiction=world.county_a, agency="甲单位")
    WarningFactory(jurisdiction=world.county_b, agency="乙单位")
    ProblemFactory(jurisdiction=world.county_a, title="甲问题")
    text = str(_rows(WarningExporter(user=staff_a)))
    assert "甲单位" in text and "乙单位" not in text
    assert "甲问题" in str(_rows(ProblemExporter(user=staff_a)))
    assert "甲问题" not in str(_rows(ProblemExporter(user=outsider)))
    filtered = str(_rows(WarningExporter(user=staff_a, params={"status": "dismissed"})))
    assert "甲单位" not in filtered


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed()


def test_demo_huitong_has_13_problems_all_assigned(seeded):
    huitong = Jurisdiction.objects.get(code="431225")
    problems = Problem.objects.filter(jurisdiction=huitong, year=2024)
    assert problems.count() == 13
    assert all(p.unit_id and p.due_on for p in problems)
    assert set(problems.values_list("status", flat=True)) == {
        "assigned",
        "replied",
        "returned",
        "closed",
    }
    # The rules themselves raised the execution warnings of September and the unapproved
    # adjustment of the housing line.
    rules = set(Warning.objects.filter(jurisdiction=huitong).values_list("rule", flat=True))
    assert {"behind", "ahead", "unbudgeted", "adjustment"} <= rules


def test_demo_is_idempotent_and_gives_the_walk_rows(seeded):
    counts = (Budget.objects.count(), Warning.objects.count(), Problem.objects.count())
    demo.seed()
    assert (Budget.objects.count(), Warning.objects.count(), Problem.objects.count()) == counts
    liaison = User.objects.get(username="yl_liaison")
    assert Problem.objects.visible_to(liaison).exists()
    staff = User.objects.get(username="yl_staff")
    assert Warning.objects.visible_to(staff).filter(status="open").exists()


def test_budget_export_holds_its_lines_and_defaults_to_the_latest(staff_a, outsider, world):
    from budget.exporters import BudgetExporter

    from .factories import BudgetFactory, LineFactory

    budget = BudgetFactory(jurisdiction=world.county_a)
    LineFactory(budget=budget)
    asked = str(_rows(BudgetExporter(user=staff_a, params={"budget": [str(budget.pk)]})))
    assert "2010101" in asked
    assert "2010101" in str(_rows(BudgetExporter(user=staff_a)))
    with pytest.raises(Budget.DoesNotExist):
        BudgetExporter(user=outsider, params={"budget": [str(budget.pk)]}).write(io.BytesIO())


def test_demo_huitong_publishes_its_third_quarter_with_townships_and_debt(seeded):
    from budget.models import Debt, Publication

    huitong = Jurisdiction.objects.get(code="431225")
    publication = Publication.objects.published().get(jurisdiction=huitong, year=2024, quarter=3)
    assert len(publication.figures["problems"]) == 13
    assert {t["name"] for t in publication.figures["townships"]} == {"林城镇", "坪村镇", "若水镇"}
    assert Debt.objects.filter(budget__jurisdiction=huitong).count() == 2
    demo.seed()
    assert Publication.objects.count() == 2  # 会同's and 沅陵's, not published twice
