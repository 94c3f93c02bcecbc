"""Reads of 两问四评: the public's answers counted with the paper ones, the four evaluations'
scores, the weighted result, the lists, the public page and the managing unit's scorecard."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction
from evaluations.selectors import Tally

from .. import rules
from ..models import (
    Fund,
    FundAnswer,
    FundCriterion,
    FundEvaluation,
    FundEvaluationKind,
    FundSetting,
    FundTally,
)

PART_LABELS = {
    "in_place": FundTally.Question.IN_PLACE.label,
    "satisfied": FundTally.Question.SATISFIED.label,
    **{kind.value: kind.label for kind in FundEvaluationKind},
}


def funds(user: User) -> "QuerySet[Fund]":
    return Fund.objects.visible_to(user).select_related("county", "unit")


def counties_for(user: User) -> "QuerySet[Jurisdiction]":
    return Jurisdiction.objects.visible_to(user).counties()


def criteria(county_id: int, kind: str | None = None) -> "QuerySet[FundCriterion]":
    found = FundCriterion.objects.filter(county_id=county_id, is_active=True)
    return found.filter(kind=kind) if kind else found


def weights(county: Jurisdiction) -> dict[str, int]:
    setting = FundSetting.objects.filter(county=county).first()
    return setting.weights if setting else dict(rules.DEFAULT_FUND_WEIGHTS)


@dataclass
class Answers:
    """One question's answers: online and on paper, by answer, and the favourable share."""

    question: str
    label: str
    online: dict[str, int]
    paper: dict[str, int]

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.online.get(a, 0) + self.paper.get(a, 0) for a in FundAnswer.values}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def share(self) -> Fraction | None:
        counts = self.counts
        return rules.favourable_share(counts["good"] + counts["fair"], self.total)

    @property
    def shown(self) -> Decimal | None:
        """The share in percent to two places (the exact one is `share`)."""
        share = self.share
        return None if share is None else rules.to_score(share)

    @property
    def rows(self) -> list[tuple[str, int, int, int]]:
        return [
            (str(label), self.online.get(a, 0), self.paper.get(a, 0), self.counts[a])
            for a, label in FundAnswer.choices
        ]


def answers(fund: Fund) -> list[Answers]:
    found = []
    paper = {t.question: t for t in fund.tallies.all()}
    for question, label in FundTally.Question.choices:
        online = dict(fund.responses.values_list(question).annotate(n=Count("pk")).order_by())
        tally = paper.get(question)
        counted = {a: getattr(tally, a) for a in FundAnswer.values} if tally else {}
        found.append(Answers(question, str(label), online, counted))
    return found


@dataclass
class Part:
    part: str
    label: str
    weight: int
    score: Fraction | None

    @property
    def shown(self) -> Decimal | None:
        return None if self.score is None else rules.to_score(self.score)


@dataclass
class Result:
    parts: list[Part]
    result: Decimal | None
    weights_ok: bool
    evaluations: dict[str, FundEvaluation] = field(default_factory=dict)

    @property
    def missing(self) -> str:
        return "、".join(p.label for p in self.parts if p.score is None)


def fund_result(fund: Fund) -> Result:
    """The six parts' scores and the weighted result by the county's weights (None while a part
    is missing)."""
    scores: dict[str, Fraction | None] = {a.question: a.share for a in answers(fund)}
    evaluations = {
        e.kind: e for e in fund.evaluations.prefetch_related("scores__criterion").order_by()
    }
    for kind in rules.FUND_EVALUATIONS:
        evaluation = evaluations.get(kind)
        scores[kind] = (
            rules.evaluation_score((s.score, s.max_score) for s in evaluation.scores.all())
            if evaluation
            else None
        )
    county_weights = weights(fund.county)
    weights_ok = rules.fund_weights_error(county_weights) is None
    result = rules.fund_result(scores, county_weights) if weights_ok else None
    parts = [
        Part(p, str(PART_LABELS[p]), county_weights.get(p, 0), scores[p]) for p in rules.FUND_PARTS
    ]
    return Result(parts, result, weights_ok, evaluations)


# --- The public page -----------------------------------------------------------------------------


def public_funds(county: Jurisdiction) -> "QuerySet[Fund]":
    return (
        Fund.objects.filter(county=county)
        .published()
        .select_related("unit")
        .order_by("-year", "name")
    )


def public_counties() -> "QuerySet[Jurisdiction]":
    """Counties with a published result, for the public index."""
    published = Fund.objects.published().values("county_id")
    return Jurisdiction.objects.filter(pk__in=published).order_by("code")


# --- The managing unit's scorecard ---------------------------------------------------------------


def fund_tallies(unit_ids: Sequence[int], year: int, today: date) -> dict[int, Tally]:
    """Funds the unit manages in the year: published or still under evaluation, with the mean
    published result as the headline."""
    rows: dict[int, list[Any]] = {}
    for unit_id, result, published_on in Fund.objects.filter(
        unit_id__in=unit_ids, year=year
    ).values_list("unit_id", "result", "published_on"):
        rows.setdefault(unit_id, []).append(result if published_on else None)
    tallies = {}
    for unit_id, results in rows.items():
        published = [r for r in results if r is not None]
        mean = rules.to_score(sum(published, Decimal(0)) / len(published)) if published else None
        tallies[unit_id] = Tally(
            total=len(results),
            counts={_("已公布"): len(published), _("评价中"): len(results) - len(published)},
            rate=mean,
            rate_label=_("综合得分"),
        )
    return tallies


def fund_counts(user: User) -> dict[str, int]:
    found = Fund.objects.visible_to(user).aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(published_on__isnull=False)),
        surveying=Count("pk", filter=Q(survey_open=True)),
    )
    return found
