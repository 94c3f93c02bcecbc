"""Reads of the dashboard and of a quarter's publication: execution against the time elapsed by
budget unit and by township, the warnings by rule and by month, the problems by status.

One `Figures` serves both pages. The dashboard reads it live from each jurisdiction's latest
month; a publication reads it at the quarter's last month and keeps it as JSON (`to_json`), so
the public page shows what was published whatever is imported later. Each read runs a fixed
number of queries, whatever the number of units, townships or rows.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from .. import rules
from ..models import Budget, Execution, Problem, Publication, Snapshot, Warning

ZERO = Decimal("0")


@dataclass(frozen=True)
class ExecutionRow:
    """A budget unit's or a township's execution to a month's end; shares in percent."""

    name: str
    budget: Decimal
    executed: Decimal
    as_of: date
    share: Decimal | None  # executed over budget
    time_share: Decimal  # the year elapsed at `as_of`
    pace: Decimal | None  # share over time share: the number the pace rule weighs


@dataclass(frozen=True)
class WarningRow:
    key: str  # a rule's value, or a month's number ("" for warnings of no month)
    label: str
    open: int
    confirmed: int
    dismissed: int

    @property
    def total(self) -> int:
        return self.open + self.confirmed + self.dismissed

    @property
    def decided(self) -> int:
        return self.confirmed + self.dismissed


@dataclass(frozen=True)
class StatusRow:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ProblemRow:
    """What the public may read of a problem: its title, unit and how far it got."""

    title: str
    unit: str
    status: str
    label: str
    closed_on: date | None


@dataclass
class Figures:
    month: int | None  # the month of the jurisdiction's own figures
    agencies: list[ExecutionRow] = field(default_factory=list)
    townships: list[ExecutionRow] = field(default_factory=list)
    by_rule: list[WarningRow] = field(default_factory=list)
    by_month: list[WarningRow] = field(default_factory=list)
    problems_by_status: list[StatusRow] = field(default_factory=list)
    problems: list[ProblemRow] = field(default_factory=list)

    @property
    def warnings_total(self) -> WarningRow:
        return WarningRow(
            "",
            _("合计"),
            sum(r.open for r in self.by_rule),
            sum(r.confirmed for r in self.by_rule),
            sum(r.dismissed for r in self.by_rule),
        )

    @property
    def problems_total(self) -> int:
        return sum(r.count for r in self.problems_by_status)

    def chart(self) -> dict[str, Any]:
        """What the charts draw (static/js/budget.js); the tables beside them show the same."""

        def bars(rows: list[ExecutionRow]) -> dict[str, list[Any]]:
            return {
                "labels": [r.name for r in rows],
                "share": [float(r.share) if r.share is not None else None for r in rows],
                "time": [float(r.time_share) for r in rows],
            }

        return {
            "agencies": bars(self.agencies),
            "townships": bars(self.townships),
            "rules": {
                "labels": [r.label for r in self.by_rule],
                "open": [r.open for r in self.by_rule],
                "confirmed": [r.confirmed for r in self.by_rule],
                "dismissed": [r.dismissed for r in self.by_rule],
            },
            "months": {
                "labels": [r.label for r in self.by_month],
                "open": [r.open for r in self.by_month],
                "closed": [r.decided for r in self.by_month],
            },
            "problems": [{"name": r.label, "value": r.count} for r in self.problems_by_status],
        }

    def to_json(self) -> dict[str, Any]:
        """Plain JSON: amounts and shares as exact strings, dates as ISO days, codes not labels
        (a label is looked up when shown, so the page reads in the reader's language)."""

        def row(r: ExecutionRow) -> dict[str, Any]:
            return {
                "name": r.name,
                "budget": str(r.budget),
                "executed": str(r.executed),
                "as_of": r.as_of.isoformat(),
            }

        return {
            "month": self.month,
            "agencies": [row(r) for r in self.agencies],
            "townships": [row(r) for r in self.townships],
            "by_rule": [_counts(r) for r in self.by_rule],
            "by_month": [_counts(r) for r in self.by_month],
            "problems": [
                {
                    "title": p.title,
                    "unit": p.unit,
                    "status": p.status,
                    "closed_on": p.closed_on.isoformat() if p.closed_on else None,
                }
                for p in self.problems
            ],
        }


def _counts(row: WarningRow) -> dict[str, Any]:
    return {k: v for k, v in asdict(row).items() if k != "label"}


def figures_from_json(data: dict[str, Any]) -> Figures:
    """A publication's frozen figures, with the shares worked out again by the same rules."""

    def row(r: dict[str, Any]) -> ExecutionRow:
        return execution_row(
            r["name"], Decimal(r["budget"]), Decimal(r["executed"]), date.fromisoformat(r["as_of"])
        )

    problems = [
        ProblemRow(
            p["title"],
            p["unit"],
            p["status"],
            _label(Problem.Status, p["status"]),
            date.fromisoformat(p["closed_on"]) if p["closed_on"] else None,
        )
        for p in data.get("problems", [])
    ]
    by_status: dict[str, int] = defaultdict(int)
    for p in problems:
        by_status[p.status] += 1
    return Figures(
        month=data.get("month"),
        agencies=[row(r) for r in data.get("agencies", [])],
        townships=[row(r) for r in data.get("townships", [])],
        by_rule=[
            WarningRow(label=_label(Warning.Rule, r["key"]), **_counts_of(r))
            for r in data.get("by_rule", [])
        ],
        by_month=[
            WarningRow(label=_month_label(r["key"]), **_counts_of(r))
            for r in data.get("by_month", [])
        ],
        problems_by_status=_status_rows(by_status),
        problems=problems,
    )


def _counts_of(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in ("key", "open", "confirmed", "dismissed")}


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def _month_label(key: str) -> str:
    return _("%(m)s月") % {"m": key} if key else _("不分月")


def execution_row(name: str, budget: Decimal, executed: Decimal, as_of: date) -> ExecutionRow:
    """A row's shares, by the pace rule's own arithmetic (rules.pace)."""
    pace = rules.pace(budget, executed, as_of)
    return ExecutionRow(
        name=name,
        budget=budget,
        executed=executed,
        as_of=as_of,
        share=rules.percent(max(executed, ZERO), budget),
        time_share=rules.fraction_to_decimal(rules.time_share(as_of) * 100),
        pace=rules.fraction_to_decimal(pace) if pace is not None else None,
    )


def _leaf_totals(snapshots: list[Snapshot]) -> dict[int, dict[str, tuple[Decimal, Decimal]]]:
    """Per snapshot, per budget unit: budget and spent over the unit's leaf codes, so a unit that
    reports a 款 and its 项 counts each yuan once. One query for all the snapshots."""
    rows = (
        Execution.objects.filter(snapshot__in=snapshots)
        .values_list("snapshot_id", "agency", "subject_id")
        .annotate(budget=Sum("budget"), executed=Sum("executed"))
        .order_by()
    )
    codes: dict[tuple[int, str], dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for snapshot_id, agency, code, budget, executed in rows:
        codes[(snapshot_id, agency)][str(code)] = (budget, executed)
    result: dict[int, dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for (snapshot_id, agency), amounts in codes.items():
        result[snapshot_id][agency] = (
            rules.leaf_total({code: pair[0] for code, pair in amounts.items()}),
            rules.leaf_total({code: pair[1] for code, pair in amounts.items()}),
        )
    return result


def _snapshots(places: list[Jurisdiction], year: int, month: int | None) -> dict[int, Snapshot]:
    """Each place's snapshot of `month`, or without one its latest of the year."""
    found = Snapshot.objects.filter(jurisdiction__in=places, year=year)
    if month is not None:
        found = found.filter(month=month)
    latest: dict[int, Snapshot] = {}
    for snapshot in found.order_by("jurisdiction_id", "month"):
        latest[snapshot.jurisdiction_id] = snapshot
    return latest


def _execution(
    place: Jurisdiction, townships: list[Jurisdiction], year: int, month: int | None
) -> tuple[int | None, list[ExecutionRow], list[ExecutionRow]]:
    snapshots = _snapshots([place, *townships], year, month)
    totals = _leaf_totals(list(snapshots.values()))
    own = snapshots.get(place.pk)
    agencies = []
    if own is not None:
        agencies = [
            execution_row(agency, budget, executed, own.as_of)
            for agency, (budget, executed) in sorted(totals[own.pk].items())
        ]
    by_township = []
    for township in townships:
        snapshot = snapshots.get(township.pk)
        if snapshot is None:
            continue
        units = totals[snapshot.pk].values()
        by_township.append(
            execution_row(
                township.name,
                sum((b for b, _e in units), ZERO),
                sum((e for _b, e in units), ZERO),
                snapshot.as_of,
            )
        )
    return (own.month if own else None), agencies, by_township


def _warnings(
    places: list[Jurisdiction], year: int, month: int | None
) -> tuple[list[WarningRow], list[WarningRow]]:
    found = Warning.objects.filter(jurisdiction__in=places, year=year)
    if month is not None:
        found = found.filter(Q(month__lte=month) | Q(month__isnull=True))
    counts = found.values_list("rule", "month", "status").annotate(n=Count("pk")).order_by()
    rule_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    month_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rule, in_month, status, n in counts:
        rule_counts[rule][status] += n
        month_counts[str(in_month or "")][status] += n

    def row(key: str, label: str, c: dict[str, int]) -> WarningRow:
        return WarningRow(key, label, c["open"], c["confirmed"], c["dismissed"])

    by_rule = [
        row(value, str(label), rule_counts[value])
        for value, label in Warning.Rule.choices
        if value in rule_counts
    ]
    months = sorted(month_counts, key=lambda k: (k == "", int(k or 0)))
    by_month = [row(k, _month_label(k), month_counts[k]) for k in months]
    return by_rule, by_month


def _status_rows(counts: dict[str, int]) -> list[StatusRow]:
    return [
        StatusRow(value, str(label), counts.get(value, 0))
        for value, label in Problem.Status.choices
    ]


def _problems(places: list[Jurisdiction], year: int, month: int | None) -> "QuerySet[Problem]":
    found = Problem.objects.filter(jurisdiction__in=places, year=year)
    if month is not None:
        found = found.filter(Q(warning__month__lte=month) | Q(warning__month__isnull=True))
    return found


def figures(
    place: Jurisdiction, year: int, *, month: int | None = None, problem_list: bool = False
) -> Figures:
    """The figures of a place and, for a county, its townships: at `month` when given (a
    publication), else at each one's latest month of the year (the dashboard)."""
    townships = (
        list(Jurisdiction.objects.filter(parent=place).order_by("code"))
        if place.level == Jurisdiction.Level.COUNTY
        else []
    )
    places = [place, *townships]
    own_month, agencies, by_township = _execution(place, townships, year, month)
    by_rule, by_month = _warnings(places, year, month)
    problems = _problems(places, year, month)
    counts = dict(problems.values_list("status").annotate(n=Count("pk")).order_by())
    rows = []
    if problem_list:
        rows = [
            ProblemRow(p.title, p.unit.name, p.status, p.get_status_display(), p.closed_on)
            for p in problems.select_related("unit").order_by("unit__name", "pk")
        ]
    return Figures(
        month=own_month,
        agencies=agencies,
        townships=by_township,
        by_rule=by_rule,
        by_month=by_month,
        problems_by_status=_status_rows(counts),
        problems=rows,
    )


def dashboard_counties(user: User) -> "QuerySet[Jurisdiction]":
    counties: QuerySet[Jurisdiction] = Jurisdiction.objects.visible_to(user).counties()
    return counties.order_by("code")


def dashboard_years(county: Jurisdiction) -> list[int]:
    """Years with a budget or a month's execution in the county or its townships, latest first."""
    scope = Q(jurisdiction=county) | Q(jurisdiction__parent=county)
    years = set(Budget.objects.filter(scope).values_list("year", flat=True))
    years |= set(Snapshot.objects.filter(scope).values_list("year", flat=True))
    return sorted(years, reverse=True)


# --- Publications -------------------------------------------------------------------------------


def publications(user: User) -> "QuerySet[Publication]":
    visible: QuerySet[Publication] = Publication.objects.visible_to(user)
    return visible.select_related("jurisdiction", "published_by", "withdrawn_by")


def publishable_places(user: User) -> "QuerySet[Jurisdiction]":
    places: QuerySet[Jurisdiction] = Jurisdiction.objects.visible_to(user)
    return places.exclude(level=Jurisdiction.Level.MUNICIPAL).order_by("code")


def public_counties() -> list[Jurisdiction]:
    """Counties with a quarter published, for themselves or a township."""
    published = Publication.objects.published().values("jurisdiction")
    return list(
        Jurisdiction.objects.counties()
        .filter(Q(pk__in=published) | Q(children__in=published))
        .distinct()
        .order_by("code")
    )


def public_quarters(county: Jurisdiction) -> "QuerySet[Publication]":
    return (
        Publication.objects.published()
        .filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county))
        .select_related("jurisdiction")
        .order_by("-year", "-quarter", "jurisdiction__code")
    )


def public_publication(pk: int) -> Publication | None:
    return Publication.objects.published().select_related("jurisdiction").filter(pk=pk).first()
