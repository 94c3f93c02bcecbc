"""Excel exports of the budget lists: warnings and problems (with the page's own filters), and
one budget's lines with their execution."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register

from .filters import ProblemFilter, WarningFilter
from .models import Budget
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

    def budget(self) -> Budget:
        """The budget asked for, or without one the latest the user sees."""
        budgets = Budget.objects.visible_to(self.user).select_related("jurisdiction")
        pk = self.query_params().get("budget")
        if pk:
            return budgets.get(pk=pk)
        return budgets.order_by("-year", "jurisdiction__code").first() or budgets.get(pk=None)

    def filename(self) -> str:
        return f"{self.budget()}.xlsx"

    def sheets(self):
        budget = self.budget()
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
