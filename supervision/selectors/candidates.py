"""Topic candidates for next year's supervision plan, drawn from what the portal already knows
(issue 16, "findings become topics"): audit problems long overdue, deputies' suggestions rated
不满意 twice, units whose heads were among an appraisal's D-top-3, a satisfaction poll's 不满意
verdict, and commitments missed. Each candidate is one unit and one kind of finding, with every
record it rests on as evidence; only records the user sees are read (`visible_to`), and each
state is asked of the queryset that is its one home (`overdue(today)` and the like).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.models import Unit
from core.selectors import latest_year
from deputies.models import Suggestion
from evaluations import polling
from evaluations.models import AppraisalEntry, AppraisalRound, AuditProblem, EvaluationRound

from ..models import Commitment, Evidence, HandlingReport, Item, Plan, Verdict

# An audit problem becomes a topic once it is this many days past its rectification deadline.
AUDIT_OVERDUE_DAYS = 90
# A suggestion becomes a topic once its deputy has rated the replies 不满意 this many times.
DISSATISFIED_TIMES = 2
# Appraisals, polls and handling reports older than last year have had their plan already.
RECENT_YEARS = 2
# The satisfaction scale's 不满意 mark (polls.rules.SCALES["satisfaction"]).
POLL_UNSATISFIED = "U"


class Source(StrEnum):
    AUDIT = "audit"
    SUGGESTIONS = "suggestions"
    APPRAISAL = "appraisal"
    POLL = "poll"
    COMMITMENTS = "commitments"


SOURCE_LABELS = {
    Source.AUDIT: gettext_lazy("审计查出问题整改逾期"),
    Source.SUGGESTIONS: gettext_lazy("代表建议办理两次测评不满意"),
    Source.APPRAISAL: gettext_lazy("单位负责人履职评议D票前三"),
    Source.POLL: gettext_lazy("满意度测评不满意"),
    Source.COMMITMENTS: gettext_lazy("专题询问承诺逾期未落实"),
}

# What to propose for each kind of finding: the form of supervision and the title.
PROPOSALS: dict[Source, tuple[str, Any]] = {
    Source.AUDIT: (
        Item.Kind.FISCAL_REPORT,
        gettext_lazy("听取和审议%(unit)s审计查出问题整改情况的报告"),
    ),
    Source.SUGGESTIONS: (
        Item.Kind.WORK_REPORT,
        gettext_lazy("听取和审议%(unit)s代表建议办理工作情况的报告"),
    ),
    Source.APPRAISAL: (Item.Kind.WORK_REPORT, gettext_lazy("听取和审议%(unit)s专项工作情况的报告")),
    Source.POLL: (
        Item.Kind.WORK_REPORT,
        gettext_lazy("听取和审议%(unit)s满意度测评意见整改情况的报告"),
    ),
    Source.COMMITMENTS: (
        Item.Kind.WORK_REPORT,
        gettext_lazy("听取和审议%(unit)s专题询问承诺事项落实情况的报告"),
    ),
}


@dataclass(frozen=True)
class Clue:
    """One record a candidate rests on: what it says, the record, and its page."""

    label: str
    target: Model
    url: str


@dataclass
class Candidate:
    unit: Unit
    source: Source
    clues: list[Clue] = field(default_factory=list)
    # Items already taken from any of these records, so staff do not take it twice.
    taken: list[Item] = field(default_factory=list)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])

    @property
    def kind(self) -> str:
        return PROPOSALS[self.source][0]

    @property
    def kind_label(self) -> str:
        return str(Item.Kind(self.kind).label)

    @property
    def title(self) -> str:
        return str(PROPOSALS[self.source][1]) % {"unit": self.unit.name}

    @property
    def evidence(self) -> list[tuple[str, Model]]:
        """The (label, record) pairs `services.candidates.candidate_take` links to the item."""
        return [(clue.label, clue.target) for clue in self.clues]


@dataclass
class UnitCandidates:
    unit: Unit
    candidates: list[Candidate]
    # The plans a candidate of the unit may be taken into (the unit's body's or its county's).
    plans: list[Plan] = field(default_factory=list)


def plan_year(*, user: User, today: dt.date) -> int:
    """The year the candidates are for: the one after the latest plan the user sees (that
    year's plan is made, the next one is being prepared), or next year where there is none."""
    latest = latest_year(Plan.objects.visible_to(user), "year")
    return (latest if latest is not None else today.year) + 1


def plans_for_taking(*, user: User, today: dt.date, year: int | None = None) -> QuerySet[Plan]:
    """The plans a candidate may go into: the candidates' year's and the one before, the
    candidates' year first."""
    year = year or plan_year(user=user, today=today)
    return (
        Plan.objects.visible_to(user)
        .filter(year__in=[year - 1, year])
        .select_related("jurisdiction")
        .order_by("-year", "jurisdiction__code")
    )


def candidate_page(*, user: User, today: dt.date, year: int | None = None) -> list[UnitCandidates]:
    """`candidates`, each unit with the plans its candidates may be taken into."""
    year = year or plan_year(user=user, today=today)
    groups = candidates(user=user, today=today, year=year)
    plans = list(plans_for_taking(user=user, today=today, year=year))
    for group in groups:
        bodies = {group.unit.jurisdiction_id, group.unit.jurisdiction.parent_id}
        group.plans = [plan for plan in plans if plan.jurisdiction_id in bodies]
    return groups


def candidates(*, user: User, today: dt.date, year: int | None = None) -> list[UnitCandidates]:
    """Every candidate the user's records suggest, grouped by unit (by jurisdiction and name)."""
    found: dict[tuple[int, Source], Candidate] = {}
    since = (year or plan_year(user=user, today=today)) - RECENT_YEARS
    for source, clues in (
        (Source.AUDIT, _audit_clues(user, today)),
        (Source.SUGGESTIONS, _suggestion_clues(user, since)),
        (Source.APPRAISAL, _appraisal_clues(user, since)),
        (Source.POLL, _poll_clues(user, since)),
        (Source.COMMITMENTS, _commitment_clues(user, today)),
    ):
        for unit, clue in clues:
            key = (unit.pk, source)
            found.setdefault(key, Candidate(unit=unit, source=source)).clues.append(clue)
    _mark_taken(user, found.values())
    by_unit: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in found.values():
        by_unit[candidate.unit.pk].append(candidate)
    groups = [UnitCandidates(unit=c[0].unit, candidates=c) for c in by_unit.values()]
    order = list(Source)
    for group in groups:
        group.candidates.sort(key=lambda c: order.index(c.source))
    return sorted(groups, key=lambda g: (g.unit.jurisdiction.code, g.unit.name))


def candidate(*, user: User, today: dt.date, unit_id: Any, source: Any) -> Candidate | None:
    """One candidate, as the list shows it to `user`: what a "列入计划" form may take."""
    for group in candidates(user=user, today=today):
        if str(group.unit.pk) == str(unit_id):
            for found in group.candidates:
                if found.source == source:
                    return found
    return None


# --- The sources ---------------------------------------------------------------------------------

Found = Iterable[tuple[Unit, Clue]]


def _audit_clues(user: User, today: dt.date) -> Found:
    # "Overdue by more than N days" is the one overdue rule asked N days ago.
    problems = (
        AuditProblem.objects.visible_to(user)
        .overdue(today - dt.timedelta(days=AUDIT_OVERDUE_DAYS))
        .select_related("unit__jurisdiction")
        .order_by("deadline", "pk")
    )
    for problem in problems:
        label = _("审计问题%(number)s整改逾期%(days)s天：%(text)s") % {
            "number": f"{problem.year}-{problem.number}",
            "days": (today - problem.deadline).days,
            "text": problem.description[:40],
        }
        yield problem.unit, Clue(label, problem, problem.get_absolute_url())


def _suggestion_clues(user: User, since: int) -> Found:
    suggestions = (
        Suggestion.objects.visible_to(user)
        .filter(lead_unit__isnull=False, submitted_on__year__gte=since)
        .rated_dissatisfied(DISSATISFIED_TIMES)
        .select_related("lead_unit__jurisdiction")
    )
    for suggestion in suggestions.order_by("submitted_on", "pk"):
        label = _("代表建议%(number)s《%(title)s》两次测评不满意") % {
            "number": suggestion.number,
            "title": suggestion.title,
        }
        assert suggestion.lead_unit is not None
        yield suggestion.lead_unit, Clue(label, suggestion, suggestion.get_absolute_url())


def _appraisal_clues(user: User, since: int) -> Found:
    entries = (
        AppraisalEntry.objects.filter(
            round__in=AppraisalRound.objects.visible_to(user).filter(year__gte=since),
            in_d_top=True,
        )
        .select_related("round", "head__unit__jurisdiction")
        .order_by("round__appraisal_date", "pk")
    )
    for entry in entries:
        label = _("%(round)s：%(name)s（%(post)s）D票%(votes)s张，列D票前三") % {
            "round": entry.round.title,
            "name": entry.head.name,
            "post": entry.head.post,
            "votes": entry.votes_d,
        }
        yield entry.head.unit, Clue(label, entry, entry.round.get_absolute_url())


def _poll_clues(user: User, since: int) -> Found:
    # The evaluation rounds' unit polls: a unit any voter group judged 不满意.
    rounds = (
        EvaluationRound.objects.visible_to(user)
        .filter(year__gte=since, satisfaction_poll__isnull=False)
        .select_related("satisfaction_poll")
        .prefetch_related("units__jurisdiction")
        .order_by("year", "pk")
    )
    for evaluation in rounds:
        poll = evaluation.satisfaction_poll
        if poll is None or not poll.results_ready:
            continue
        units = {unit.pk: unit for unit in evaluation.units.all()}
        # The poll's subject (the unit on the ballot) is the evidence: one record per unit.
        judged: dict[int, tuple[Model, list[str]]] = {}
        for group in polling.results(poll).groups:
            for row in group.subjects:
                unit_id = row.subject.object_id
                if row.verdict == POLL_UNSATISFIED and unit_id is not None and unit_id in units:
                    judged.setdefault(unit_id, (row.subject, []))[1].append(group.name)
        for unit_id, (subject, names) in judged.items():
            label = _("%(round)s满意度测评结果为不满意（%(groups)s）") % {
                "round": evaluation.title,
                "groups": "、".join(dict.fromkeys(names)),
            }
            yield units[unit_id], Clue(label, subject, evaluation.get_absolute_url())
    # The supervision items' reports heard, and their handling reports, judged 不满意.
    items = (
        Item.objects.visible_to(user)
        .filter(report_verdict=Verdict.UNSATISFIED, plan__year__gte=since)
        .select_related("unit__jurisdiction")
        .order_by("plan__year", "pk")
    )
    for item in items:
        label = _("《%(item)s》满意度测评不满意") % {"item": item.title}
        yield item.unit, Clue(label, item, item.get_absolute_url())
    reports = (
        HandlingReport.objects.visible_to(user)
        .filter(verdict=Verdict.UNSATISFIED, item__plan__year__gte=since)
        .select_related("item__unit__jurisdiction")
        .order_by("item__plan__year", "item_id", "round")
    )
    for report in reports:
        label = _("《%(item)s》第%(round)s次研究处理情况报告测评不满意") % {
            "item": report.item.title,
            "round": report.round,
        }
        yield report.item.unit, Clue(label, report, report.item.get_absolute_url())


def _commitment_clues(user: User, today: dt.date) -> Found:
    commitments = (
        Commitment.objects.visible_to(user)
        .overdue(today)
        .select_related("unit__jurisdiction", "question__item")
        .order_by("due_on", "pk")
    )
    for commitment in commitments:
        label = _("《%(item)s》询问承诺“%(content)s”%(due)s到期未落实") % {
            "item": commitment.question.item.title,
            "content": commitment.content[:40],
            "due": f"{commitment.due_on:%Y-%m-%d}",
        }
        url = commitment.question.item.get_absolute_url()
        yield commitment.unit, Clue(label, commitment, url)


def _mark_taken(user: User, found: Iterable[Candidate]) -> None:
    """Note the items already taken from a candidate's records (one query for all)."""
    by_record: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for candidate in found:
        for clue in candidate.clues:
            content_type = ContentType.objects.get_for_model(clue.target)
            by_record[(content_type.pk, clue.target.pk)].append(candidate)
    if not by_record:
        return
    types = {key[0] for key in by_record}
    records = {key[1] for key in by_record}
    # Narrowed by both halves of the key in the query; the pairs are matched below.
    links = (
        Evidence.objects.visible_to(user)
        .filter(content_type_id__in=types, object_id__in=records)
        .select_related("item")
        .order_by("item_id")
    )
    for link in links:
        for candidate in by_record.get((link.content_type_id or 0, link.object_id or 0), []):
            if link.item not in candidate.taken:
                candidate.taken.append(link.item)
