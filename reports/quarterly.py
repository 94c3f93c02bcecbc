"""The quarterly report (季度报告): one workbook, a sheet per area of supervision work.

Every figure is an aggregate query over the user's scope, so the report costs a handful of
queries per sheet whatever the size of the county; rows stream into a write-only workbook.
Dates are local: the quarter runs from its first to its last day in Asia/Shanghai, and
timestamps (activity start times, poll closing times) are compared against local midnights.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, F, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.selectors.report import quarter_rows
from core.exchange.exporters import BaseExporter, Sheet, register
from core.models import Jurisdiction
from deputies.models import Activity, Opinion, Satisfaction, Station, Suggestion, Visit
from evaluations.models import AuditProblem, ProcuratorialSuggestion
from livelihood_projects.models import Project
from polls.models import Poll
from polls.selectors import poll_results
from supervision.models import Commitment, HandlingReport, Item, OpinionLetter

from .rules import quarter_dates


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


@register
class QuarterlyReport(BaseExporter):
    identifier = "quarterly"
    verbose_name = gettext_lazy("季度报告")
    permission = "reports.view_quarterly_report"

    def __init__(self, *, user, params=None):
        super().__init__(user=user, params=params)
        first = lambda key, default: (self.params.get(key) or [default])[0]  # noqa: E731
        self.year = int(first("year", timezone.localdate().year))
        self.quarter = int(first("quarter", 1))
        self.start, self.end = quarter_dates(self.year, self.quarter)
        self.scope_name = (
            str(user.jurisdiction) if getattr(user, "jurisdiction", None) else _("全部")
        )

    def filename(self) -> str:
        return f"{self.scope_name}{self.year}年第{self.quarter}季度人大监督工作报表.xlsx"

    def title(self, area: str) -> str:
        return _("%(scope)s %(year)s年第%(quarter)s季度 %(area)s") % {
            "scope": self.scope_name,
            "year": self.year,
            "quarter": self.quarter,
            "area": area,
        }

    def sheets(self):
        yield self.station_sheet()
        yield self.suggestion_sheet()
        yield self.audit_sheet()
        yield self.procuratorial_sheet()
        yield self.project_sheet()
        yield self.poll_sheet()
        yield self.supervision_sheet()
        yield self.budget_sheet()

    # --- 联络站工作 ------------------------------------------------------------------------------
    def station_sheet(self) -> Sheet:
        stations = list(
            Station.objects.visible_to(self.user)
            .select_related("county", "township")
            .order_by("county__code", "name")
        )
        in_quarter = {"visited_on__gte": self.start, "visited_on__lt": self.end}
        visits = {
            row["station_id"]: row
            for row in Visit.objects.filter(station__in=stations, **in_quarter)
            .values("station_id")
            .annotate(n=Count("pk"), people=Sum("people_received"))
        }
        opinions = {
            row["station_id"]: row
            for row in Opinion.objects.counted()
            .filter(station__in=stations, raised_on__gte=self.start, raised_on__lt=self.end)
            .values("station_id")
            .annotate(
                n=Count("pk"),
                # `Opinion.objects.settled()`, counted within each station's group.
                done=Count("pk", filter=Q(status__in=Opinion.SETTLED)),
            )
        }
        activities = dict(
            Activity.objects.counted()
            .filter(
                station__in=stations,
                starts_at__gte=_local_midnight(self.start),
                starts_at__lt=_local_midnight(self.end),
            )
            .values("station_id")
            .annotate(n=Count("pk"))
            .values_list("station_id", "n")
        )
        totals = [0, 0, 0, 0, 0]
        rows = []
        for station in stations:
            v: Mapping[str, Any] = visits.get(station.pk, {})
            o: Mapping[str, Any] = opinions.get(station.pk, {})
            figures = [
                v.get("n", 0),
                v.get("people") or 0,
                o.get("n", 0),
                o.get("done", 0),
                activities.get(station.pk, 0),
            ]
            totals = [a + b for a, b in zip(totals, figures, strict=True)]
            rows.append(
                [
                    station.county.name,
                    station.township.name if station.township else "",
                    station.name,
                    *figures,
                ]
            )
        return Sheet(
            name=_("联络站工作"),
            title=self.title(_("代表联络站工作情况")),
            headers=[
                _("县市区"),
                _("乡镇（街道）"),
                _("联络站"),
                _("进站履职（次）"),
                _("接待群众（人）"),
                _("收集意见建议（条）"),
                _("已答复或解决（条）"),
                _("开展活动（次）"),
            ],
            rows=rows,
            column_widths=(16, 14, 26, 14, 14, 16, 16, 14),
            totals=lambda: [_("合计"), "", "", *totals],
        )

    # --- 代表建议 -------------------------------------------------------------------------------
    def suggestion_sheet(self) -> Sheet:
        assigned = Suggestion.objects.visible_to(self.user).filter(
            assigned_on__gte=self.start, assigned_on__lt=self.end, lead_unit__isnull=False
        )
        per_unit = (
            assigned.values("lead_unit__name", "county__name")
            .annotate(
                received=Count("pk"),
                replied=Count("pk", filter=Q(replied_on__isnull=False)),
                on_time=Count(
                    "pk", filter=Q(replied_on__isnull=False, replied_on__lte=F("due_on"))
                ),
                a=Count("pk", filter=Q(result_class="A")),
                b=Count("pk", filter=Q(result_class="B")),
                c=Count("pk", filter=Q(result_class="C")),
                satisfied=Count("pk", filter=Q(satisfaction=Satisfaction.SATISFIED)),
                basic=Count("pk", filter=Q(satisfaction=Satisfaction.BASICALLY)),
                dissatisfied=Count("pk", filter=Q(satisfaction=Satisfaction.DISSATISFIED)),
            )
            .order_by("county__name", "lead_unit__name")
        )
        keys = [
            "received",
            "replied",
            "on_time",
            "a",
            "b",
            "c",
            "satisfied",
            "basic",
            "dissatisfied",
        ]
        totals: defaultdict[str, int] = defaultdict(int)

        def rows():
            for row in per_unit:
                for key in keys:
                    totals[key] += row[key]
                yield [
                    row["county__name"],
                    row["lead_unit__name"],
                    *(row[k] for k in keys),
                    _percent(row["on_time"], row["received"]),
                ]

        return Sheet(
            name=_("代表建议"),
            title=self.title(_("代表建议办理情况（按主办单位）")),
            headers=[
                _("县市区"),
                _("主办单位"),
                _("交办（件）"),
                _("已答复"),
                _("按期答复"),
                _("A类"),
                _("B类"),
                _("C类"),
                _("满意"),
                _("基本满意"),
                _("不满意"),
                _("按期答复率"),
            ],
            rows=rows(),
            column_widths=(16, 26, 10, 10, 10, 8, 8, 8, 8, 10, 8, 12),
            totals=lambda: [
                _("合计"),
                "",
                *(totals[k] for k in keys),
                _percent(totals["on_time"], totals["received"]),
            ],
        )

    # --- 审计整改 -------------------------------------------------------------------------------
    def audit_sheet(self) -> Sheet:
        status = AuditProblem.Status
        per_unit = (
            AuditProblem.objects.visible_to(self.user)
            .filter(year__in=[self.year - 1, self.year])
            .values("jurisdiction__name", "unit__name")
            .annotate(
                total=Count("pk"),
                **{value: Count("pk", filter=Q(status=value)) for value in status.values},
                closed=Count("pk", filter=Q(closed_on__isnull=False, closed_on__lt=self.end)),
            )
            .order_by("jurisdiction__name", "unit__name")
        )
        keys = ["total", *status.values, "closed"]
        totals: defaultdict[str, int] = defaultdict(int)

        def rows():
            for row in per_unit:
                for key in keys:
                    totals[key] += row[key]
                yield [row["jurisdiction__name"], row["unit__name"], *(row[k] for k in keys)]

        return Sheet(
            name=_("审计整改"),
            title=self.title(
                _("审计发现问题整改情况（%(a)s—%(b)s年度审计）")
                % {"a": self.year - 1, "b": self.year}
            ),
            headers=[
                _("县市区"),
                _("责任单位"),
                _("问题数"),
                *(str(label) for label in status.labels),
                _("已销号"),
            ],
            rows=rows(),
            column_widths=(16, 26, 10, 10, 10, 10, 10, 10),
            totals=lambda: [_("合计"), "", *(totals[k] for k in keys)],
        )

    # --- 检察建议 -------------------------------------------------------------------------------
    def procuratorial_sheet(self) -> Sheet:
        issued = ProcuratorialSuggestion.objects.visible_to(self.user).filter(
            issued_on__gte=self.start, issued_on__lt=self.end
        )
        per_unit = (
            issued.values("unit__jurisdiction__name", "unit__name")
            .annotate(
                received=Count("pk"),
                replied=Count("pk", filter=Q(replied_on__isnull=False)),
                on_time=Count(
                    "pk", filter=Q(replied_on__isnull=False, replied_on__lte=F("reply_due"))
                ),
                adopted=Count("pk", filter=Q(adoption=ProcuratorialSuggestion.Adoption.ADOPTED)),
            )
            .order_by("unit__jurisdiction__name", "unit__name")
        )
        keys = ["received", "replied", "on_time", "adopted"]
        totals: defaultdict[str, int] = defaultdict(int)

        def rows():
            for row in per_unit:
                for key in keys:
                    totals[key] += row[key]
                yield [row["unit__jurisdiction__name"], row["unit__name"], *(row[k] for k in keys)]

        return Sheet(
            name=_("检察建议"),
            title=self.title(_("行政检察监督建议办理情况")),
            headers=[
                _("县市区"),
                _("被建议单位"),
                _("收到（件）"),
                _("已回复"),
                _("按期回复"),
                _("采纳"),
            ],
            rows=rows(),
            column_widths=(16, 26, 10, 10, 10, 10),
            totals=lambda: [_("合计"), "", *(totals[k] for k in keys)],
        )

    # --- 民生实事 -------------------------------------------------------------------------------
    def project_sheet(self) -> Sheet:
        projects = (
            Project.objects.visible_to(self.user)
            .elected()
            .filter(cycle__year=self.year)
            .select_related("cycle__jurisdiction", "responsible_unit")
            .order_by("cycle__jurisdiction__code", "position")
        )
        today = min(self.end - dt.timedelta(days=1), timezone.localdate())
        totals = {"budget": 0, "allocated": 0, "spent": 0}

        def rows():
            for project in projects:
                totals["budget"] += project.budget_total or 0
                totals["allocated"] += project.allocated_total or 0
                totals["spent"] += project.spent_total or 0
                yield [
                    project.cycle.jurisdiction.name,
                    project.title,
                    project.responsible_unit.name if project.responsible_unit else "",
                    project.budget_total,
                    project.allocated_total,
                    project.spent_total,
                    f"{project.progress or 0}%",
                    _("滞后") if project.is_lagging(today) else "",
                ]

        return Sheet(
            name=_("民生实事"),
            title=self.title(_("%(year)s年人大代表票决民生实事项目推进情况") % {"year": self.year}),
            headers=[
                _("县市区/乡镇"),
                _("项目"),
                _("责任单位"),
                _("预算（万元）"),
                _("已拨付（万元）"),
                _("已支出（万元）"),
                _("进度"),
                _("预警"),
            ],
            rows=rows(),
            column_widths=(16, 32, 22, 14, 14, 14, 10, 8),
            totals=lambda: [
                _("合计"),
                "",
                "",
                totals["budget"],
                totals["allocated"],
                totals["spent"],
                "",
                "",
            ],
        )

    # --- 测评结果 -------------------------------------------------------------------------------
    def poll_sheet(self) -> Sheet:
        polls = (
            Poll.objects.filter(jurisdiction__in=Jurisdiction.objects.visible_to(self.user))
            .filter(
                status=Poll.Status.PUBLISHED,
                closed_at__gte=_local_midnight(self.start),
                closed_at__lt=_local_midnight(self.end),
            )
            .order_by("closed_at")
        )

        def rows():
            for poll in polls:
                results = poll_results(poll=poll)
                for group in results.groups:
                    for subject in group.subjects:
                        tally = subject.tally
                        yield [
                            poll.title,
                            group.name,
                            subject.subject.label,
                            " ".join(f"{code}:{n}" for code, n in tally.marks.items()),
                            tally.valid,
                            tally.blank,
                            tally.invalid,
                            f"{float(subject.rate) * 100:.1f}%"
                            if subject.rate is not None
                            else "—",
                            subject.verdict_label,
                        ]

        return Sheet(
            name=_("测评结果"),
            title=self.title(_("满意度测评结果（已公布）")),
            headers=[
                _("测评名称"),
                _("投票人组别"),
                _("测评对象"),
                _("各项票数"),
                _("有效票"),
                _("弃权"),
                _("无效"),
                _("满意率"),
                _("结论"),
            ],
            rows=rows(),
            column_widths=(28, 14, 24, 30, 8, 8, 8, 10, 12),
        )

    # --- 监督事项 -------------------------------------------------------------------------------
    def supervision_sheet(self) -> Sheet:
        """The standing committee's supervision items by county: what was heard, the opinions
        sent, the handling reports and the inquiry commitments. "Overdue" is each queryset's
        one rule asked at the quarter's close (today for the running quarter)."""
        as_of = min(self.end, timezone.localdate())
        in_quarter = lambda name: {f"{name}__gte": self.start, f"{name}__lt": self.end}  # noqa: E731
        figures: defaultdict[tuple[str, str], defaultdict[str, int]] = defaultdict(
            lambda: defaultdict(int)
        )

        def count(queryset: Any, to_item: str, **annotations: Any) -> None:
            for row in (
                queryset.annotate(**_county_of(f"{to_item}plan__jurisdiction__"))
                .values("county_code", "county_name")
                .annotate(**annotations)
                .order_by()
            ):
                key = (row["county_code"], row["county_name"])
                for name in annotations:
                    figures[key][name] += row[name]

        count(
            Item.objects.visible_to(self.user).filter(**in_quarter("heard_on")),
            "",
            heard=Count("pk"),
        )
        count(
            OpinionLetter.objects.visible_to(self.user).filter(
                Q(**in_quarter("sent_on")) | OpinionLetter.objects.overdue_condition(as_of)
            ),
            "item__",
            sent=Count("pk", filter=Q(**in_quarter("sent_on"))),
            sent_late=Count("pk", filter=Q(**in_quarter("sent_on"), sent_on__gt=F("due_on"))),
            letters_overdue=Count("pk", filter=OpinionLetter.objects.overdue_condition(as_of)),
        )
        count(
            HandlingReport.objects.visible_to(self.user).filter(
                Q(**in_quarter("received_on")) | HandlingReport.objects.overdue_condition(as_of)
            ),
            "item__",
            received=Count("pk", filter=Q(**in_quarter("received_on"))),
            reports_overdue=Count("pk", filter=HandlingReport.objects.overdue_condition(as_of)),
        )
        count(
            Commitment.objects.visible_to(self.user).filter(
                Q(**in_quarter("due_on")) | Commitment.objects.overdue_condition(as_of)
            ),
            "question__item__",
            due=Count("pk", filter=Q(**in_quarter("due_on"))),
            done=Count("pk", filter=Q(**in_quarter("due_on"), done_on__isnull=False)),
            commitments_overdue=Count("pk", filter=Commitment.objects.overdue_condition(as_of)),
        )
        keys = [
            "heard",
            "sent",
            "sent_late",
            "letters_overdue",
            "received",
            "reports_overdue",
            "due",
            "done",
            "commitments_overdue",
        ]
        totals = [sum(row[k] for row in figures.values()) for k in keys]
        rows = [[name, *(figures[(code, name)][k] for k in keys)] for code, name in sorted(figures)]
        return Sheet(
            name=_("监督事项"),
            title=self.title(_("常委会监督事项办理情况")),
            headers=[
                _("县市区"),
                _("审议监督事项（项）"),
                _("交办审议意见（件）"),
                _("其中超期交办"),
                _("审议意见逾期未交办"),
                _("收到研究处理情况报告"),
                _("研究处理情况报告逾期未报"),
                _("到期应询承诺"),
                _("其中已落实"),
                _("承诺逾期未落实"),
            ],
            rows=rows,
            column_widths=(16, 14, 14, 12, 14, 16, 18, 12, 10, 14),
            totals=lambda: [_("合计"), *totals],
        )

    # --- 预算审查监督 ---------------------------------------------------------------------------
    def budget_sheet(self) -> Sheet:
        """Each budget of the year the user sees (county and township): its totals, execution at
        the last month imported by the quarter's end against the year elapsed, and the quarter's
        warnings and problems."""
        rows = quarter_rows(self.user, self.year, self.start, self.end)
        totals = [0, 0, 0, 0, 0]

        def percent(value) -> str:
            return f"{value}%" if value is not None else "—"

        def lines():
            for row in rows:
                figures = [row.warnings, row.confirmed, row.assigned, row.closed, row.overdue]
                totals[:] = [a + b for a, b in zip(totals, figures, strict=True)]
                yield [
                    row.budget.jurisdiction.name,
                    row.budget.jurisdiction.get_level_display(),
                    row.adopted,
                    row.current,
                    _("1-%(month)s月") % {"month": row.month} if row.month else "—",
                    row.executed if row.executed is not None else "—",
                    percent(row.share),
                    percent(row.time_share),
                    *figures,
                ]

        return Sheet(
            name=_("预算执行监督"),
            title=self.title(_("预算执行与联网监督情况")),
            headers=[
                _("行政区划"),
                _("层级"),
                _("年初预算（元）"),
                _("调整后预算（元）"),
                _("执行数据截至"),
                _("累计支出（元）"),
                _("执行进度"),
                _("时间进度"),
                _("本季度预警"),
                _("其中确认为问题"),
                _("本季度交办问题"),
                _("本季度销号"),
                _("逾期未反馈"),
            ],
            rows=lines(),
            column_widths=(16, 8, 18, 18, 12, 18, 10, 10, 10, 14, 14, 10, 12),
            totals=lambda: [_("合计"), "", "", "", "", "", "", "", *totals],
        )


def _county_of(prefix: str) -> dict[str, Any]:
    """The county (code and name) of a plan's body: itself, or a township's parent county."""
    township = Q(**{f"{prefix}level": Jurisdiction.Level.TOWNSHIP})
    return {
        name: Case(
            When(township, then=F(f"{prefix}parent__{field}")), default=F(f"{prefix}{field}")
        )
        for name, field in (("county_code", "code"), ("county_name", "name"))
    }
