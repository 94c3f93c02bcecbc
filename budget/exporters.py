"""Excel exports of the budget lists: warnings and problems (with the page's own filters), and
one budget's lines with their execution."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register

from . import rules
from .filters import ProblemFilter, WarningFilter
from .models import Budget
from .selectors import funds, review
from .selectors import pages as selectors


@register
class WarningExporter(ListExporter):
    identifier = "budget_warnings"
    verbose_name = gettext_lazy("预算监督预警")
    permission = "budget.view_warnings"
    filterset_class = WarningFilter

    def base_queryset(self):
        return selectors.warnings_visible(self.user)

    def sheets(self):
        rows = (
            [
                w.jurisdiction.name,
                w.year,
                w.month,
                w.get_rule_display(),
                w.agency,
                str(w.subject) if w.subject_id else "",
                w.budget,
                w.executed,
                w.pace,
                w.detail,
                w.get_status_display(),
                w.reason,
            ]
            for w in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("预警"),
            title=_("预算联网监督预警清单"),
            headers=[
                _("行政区划"),
                _("年度"),
                _("月份"),
                _("预警规则"),
                _("预算单位"),
                _("科目"),
                _("预算数"),
                _("执行数"),
                _("执行进度（%）"),
                _("预警说明"),
                _("状态"),
                _("研判意见"),
            ],
            rows=rows,
            column_widths=(10, 6, 6, 14, 24, 24, 14, 14, 10, 40, 8, 30),
        )


@register
class ProblemExporter(ListExporter):
    identifier = "budget_problems"
    verbose_name = gettext_lazy("预算监督问题")
    permission = "budget.view_problems"
    filterset_class = ProblemFilter

    def base_queryset(self):
        return selectors.problems_visible(self.user)

    def sheets(self):
        rows = (
            [
                p.jurisdiction.name,
                p.year,
                p.title,
                p.unit.name,
                p.assigned_on,
                p.due_on,
                p.get_status_display(),
                p.reply,
                p.replied_on,
                p.closed_on,
                _("是") if p.is_overdue else "",
            ]
            for p in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("问题整改"),
            title=_("预算监督问题整改清单"),
            headers=[
                _("行政区划"),
                _("年度"),
                _("问题"),
                _("责任单位"),
                _("交办日期"),
                _("整改期限"),
                _("状态"),
                _("整改情况"),
                _("反馈日期"),
                _("销号日期"),
                _("逾期"),
            ],
            rows=rows,
            column_widths=(10, 6, 40, 24, 12, 12, 10, 40, 12, 12, 6),
        )


@register
class BudgetExporter(BaseExporter):
    """One budget's lines with execution to the latest month, as the budget page shows them."""

    identifier = "budget_lines"
    verbose_name = gettext_lazy("预算科目及执行")
    permission = "budget.view_budget"

    def budget(self) -> Budget | None:
        """The budget asked for (one the user may not see is not found), or without one the
        latest the user sees; None when the user sees no budget at all."""
        budgets = Budget.objects.visible_to(self.user).select_related("jurisdiction")
        pk = self.query_params().get("budget")
        if pk:
            return budgets.get(pk=pk)
        return budgets.order_by("-year", "jurisdiction__code").first()

    def filename(self) -> str:
        budget = self.budget()
        return f"{budget if budget is not None else self.verbose_name}.xlsx"

    def sheets(self):
        budget = self.budget()
        if budget is None:
            # Nothing to export is said in the file itself: the job finishes, and the person
            # who asked reads why the sheet is empty instead of "export failed".
            yield Sheet(
                name=_("预算科目"),
                title=_("没有可导出的预算：您可查看的范围内还没有预算。"),
                headers=[_("科目编码"), _("科目名称")],
                rows=[],
                column_widths=(12, 30),
            )
            return
        snapshot = selectors.latest_snapshot(budget)
        rows = (
            [
                row.line.subject.code,
                row.line.subject.name,
                row.line.adopted,
                row.line.adjusted,
                row.executed,
                row.share,
                row.pace,
                row.line.final,
            ]
            for row in selectors.budget_tree(budget, snapshot)
        )
        yield Sheet(
            name=_("预算科目"),
            title=str(budget),
            headers=[
                _("科目编码"),
                _("科目名称"),
                _("年初预算数"),
                _("调整预算数"),
                _("累计支出数"),
                _("执行率（%）"),
                _("进度比（%）"),
                _("决算数"),
            ],
            rows=rows,
            column_widths=(12, 30, 16, 16, 16, 10, 10, 16),
        )


@register
class TownshipReviewExporter(BaseExporter):
    """The county's matrix of townships by review steps for a year, as the page shows it."""

    identifier = "budget_township_review"
    verbose_name = gettext_lazy("乡镇预算审查情况")
    permission = "budget.view_township_review"

    def matrix(self):
        params = self.query_params()
        counties = review.counties_for(self.user)
        chosen = params.get("county")
        county = (
            counties.filter(pk=chosen).first()
            if chosen and chosen.isdigit()
            else review.default_county(self.user, counties)
        )
        if county is None:
            return None
        asked = params.get("year")
        year = int(asked) if asked and asked.isdigit() else review.latest_year(self.user, county)
        return review.matrix(self.user, county, year) if year else None

    def sheets(self):
        matrix = self.matrix()
        if matrix is None:
            return
        headers = [_("乡镇")]
        for _step, label in matrix.steps:
            headers += [_("%(step)s日期") % {"step": label}, _("%(step)s文号") % {"step": label}]
        headers.append(_("主席团意见"))
        rows = (
            [
                row.township.name,
                *[
                    v
                    for c in row.cells
                    for v in ((c.held_on, c.document_number) if c else ("", ""))
                ],
                "\n".join(
                    f"{c.get_step_display()}：{c.opinions}" for c in row.cells if c and c.opinions
                ),
            ]
            for row in matrix.rows
        )
        yield Sheet(
            name=_("乡镇预算审查"),
            title=_("%(county)s%(year)s年度乡镇人大预算审查情况")
            % {"county": matrix.county.name, "year": matrix.year},
            headers=headers,
            rows=rows,
            column_widths=(14, 12, 18, 12, 18, 12, 18, 12, 18, 50),
        )


@register
class FundExporter(BaseExporter):
    """Major funds under 两问四评 with their two questions' shares, the four evaluations' scores and
    the weighted result."""

    identifier = "budget_funds"
    verbose_name = gettext_lazy("重大资金两问四评")
    permission = "budget.view_funds"

    def sheets(self):
        def row(fund):
            result = funds.fund_result(fund)
            return [
                fund.county.name,
                fund.year,
                fund.name,
                fund.unit.name,
                fund.amount,
                *[part.shown for part in result.parts],
                result.result,
                fund.result if fund.is_published else None,
                fund.published_on,
            ]

        yield Sheet(
            name=_("两问四评"),
            title=_("重大资金两问四评"),
            headers=[
                _("县市区"),
                _("年度"),
                _("资金名称"),
                _("主管单位"),
                _("资金规模（元）"),
                *[str(funds.PART_LABELS[p]) for p in rules.FUND_PARTS],
                _("综合得分"),
                _("已公布得分"),
                _("公布日期"),
            ],
            rows=(row(f) for f in funds.funds(self.user).order_by("-year", "county__code", "name")),
            column_widths=(10, 6, 24, 24, 16, 10, 10, 10, 10, 10, 10, 10, 10, 12),
        )
