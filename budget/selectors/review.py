"""Reads of township budget review: the county's matrix of townships by steps for a year, and a
township's page."""

from dataclasses import dataclass

from django.db.models import Max, QuerySet

from accounts.models import User
from core.models import Jurisdiction

from .. import rules
from ..models import TownshipReview

Step = TownshipReview.Step


def counties_for(user: User) -> "QuerySet[Jurisdiction]":
    """Counties whose townships the user sees: their own, or every county for the municipality."""
    visible = Jurisdiction.objects.visible_to(user)
    return visible.counties() | Jurisdiction.objects.filter(
        pk__in=visible.townships().values("parent_id")
    )


def townships_for(user: User, county: Jurisdiction) -> "QuerySet[Jurisdiction]":
    return Jurisdiction.objects.visible_to(user).townships().filter(parent=county)


def reviews(user: User) -> "QuerySet[TownshipReview]":
    return TownshipReview.objects.visible_to(user).select_related("township")


def default_county(user: User, counties: "QuerySet[Jurisdiction]") -> Jurisdiction | None:
    """The user's own county, or the first with steps recorded, or the first."""
    with_data = counties.filter(pk__in=reviews(user).values("township__parent_id")).order_by("code")
    return with_data.first() or counties.order_by("code").first()


def latest_year(user: User, county: Jurisdiction) -> int | None:
    found = reviews(user).filter(township__parent=county).aggregate(year=Max("year"))
    year: int | None = found["year"]
    return year


def years(user: User, county: Jurisdiction) -> list[int]:
    found = reviews(user).filter(township__parent=county).values_list("year", flat=True)
    return sorted(set(found), reverse=True)


@dataclass
class MatrixRow:
    township: Jurisdiction
    cells: list[TownshipReview | None]

    @property
    def done(self) -> int:
        return sum(1 for c in self.cells if c is not None)


@dataclass
class Matrix:
    county: Jurisdiction
    year: int
    steps: list[tuple[str, str]]
    rows: list[MatrixRow]

    @property
    def step_counts(self) -> list[int]:
        return [sum(1 for r in self.rows if r.cells[i]) for i in range(len(self.steps))]


def matrix(user: User, county: Jurisdiction, year: int) -> Matrix:
    """Every township of the county (those with nothing recorded too) by the four steps."""
    townships = list(townships_for(user, county).order_by("code"))
    found = {
        (r.township_id, r.step): r
        for r in reviews(user).filter(township__in=[t.pk for t in townships], year=year)
    }
    rows = [
        MatrixRow(t, [found.get((t.pk, step)) for step in rules.REVIEW_STEPS]) for t in townships
    ]
    steps = [(step, str(Step(step).label)) for step in rules.REVIEW_STEPS]
    return Matrix(county, year, steps, rows)


def township_years(
    user: User, township: Jurisdiction
) -> list[tuple[int, list[tuple[str, TownshipReview | None]]]]:
    """A township's steps by year, newest first, each year's four steps in order."""
    found: dict[int, dict[str, TownshipReview]] = {}
    for r in reviews(user).filter(township=township):
        found.setdefault(r.year, {})[r.step] = r
    return [
        (year, [(str(Step(s).label), found[year].get(s)) for s in rules.REVIEW_STEPS])
        for year in sorted(found, reverse=True)
    ]
