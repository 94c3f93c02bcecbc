"""The demo data reproduce the seed article's figures through the portal's own statistics."""

from decimal import Decimal

import pytest

from accounts.demo import seed_all
from core.models import Jurisdiction
from livelihood_projects import demo
from livelihood_projects.models import Project, Proposal
from livelihood_projects.selectors import county_year


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed()


def figures(code, year):
    return county_year(Jurisdiction.objects.get(code=code), year)


def check_xupu_34_projects_10_million_all_completed():
    total = figures("431224", 2024).total
    assert total.elected == 34 and total.budget == Decimal(1000)
    assert total.completion_rate == 100


def check_zhijiang_383_proposals_32_voted_and_100_percent_satisfied():
    year = figures("431228", 2024)
    assert (year.county_figures.proposals, year.township_figures.proposals) == (87, 296)
    assert year.total.proposals == 383 and year.total.elected == 32
    assert year.total.budget > 70000  # 县乡共投资7亿多元
    evaluated = figures("431228", 2023)
    assert evaluated.county_figures.fully_satisfied == 5
    assert evaluated.township_figures.fully_satisfied == 28
    assert evaluated.total.satisfaction_rate == 100


def check_zhijiang_kindergarten_move():
    project = Project.objects.get(title="芷江第一幼儿园搬迁扩容")
    assert project.budget_total == Decimal("6403") and project.is_completed


def check_yuanling_12_township_projects_235_wan():
    year = figures("431222", 2024)
    assert year.township_figures.elected == 12 and year.county_figures.elected == 0
    assert year.total.allocated == Decimal(235)


def check_xinhuang_inspected_twice_and_looked_back():
    cycle = figures("431227", 2024).cycles[0]
    kinds = sorted(cycle.inspections.values_list("kind", flat=True))
    assert kinds == ["look_back", "pre_session", "routine"]
    look_back = cycle.inspections.get(kind="look_back")
    assert {p.cycle.year for p in look_back.projects.all()} == {2023}


def test_demo_shows_the_seed_figures_and_seeds_once(seeded):
    # One test, because seeding the whole municipality takes a while.
    check_xupu_34_projects_10_million_all_completed()
    check_zhijiang_383_proposals_32_voted_and_100_percent_satisfied()
    check_zhijiang_kindergarten_move()
    check_yuanling_12_township_projects_235_wan()
    check_xinhuang_inspected_twice_and_looked_back()
    before = (Proposal.objects.count(), Project.objects.count())
    demo.seed()
    assert (Proposal.objects.count(), Project.objects.count()) == before
