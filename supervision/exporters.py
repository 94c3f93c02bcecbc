"""Excel exports of the supervision pages, on the portal's exporter registry: a plan with its
items, the item list (the page's own FilterSet, so the workbook holds what the page shows), and
the commitments made at special inquiries with their overdue flag."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register

from .filters import ItemFilter
from .models import Plan
from .selectors import plan as selectors
from .selectors.dossier import commitments_for

READ = "supervision.view_supervision"


def _month(month: int) -> str:
    return _("%(m)s月") % {"m": month}


@register
class PlanExporter(BaseExporter):
    """One plan's items, as the plan is printed."""

    identifier = "supervision_plan"
    verbose_name = gettext_lazy("年度监督工作计划")
    permission = READ

    def plan(self) -> Plan:
        pk = self.query_params().get("plan")
        plans = Plan.objects.visible_to(self.user).select_related("jurisdiction")
        return plans.get(pk=pk)

    def filename(self) -> str:
        return f"{self.plan().title}.xlsx"

    def sheets(self):
        plan = self.plan()
        items = selectors.plan_items(plan, self.user).prefetch_related(None)
        rows = (
            [
                number,
                item.get_kind_display(),
                item.title,
                item.unit.name,
                item.office,
                _month(item.planned_month),
                item.get_source_display(),
                item.state_label,
            ]
            for number, item in enumerate(items, start=1)
        )
        subtitle = f"（{plan.document_number}）" if plan.document_number else ""
        yield Sheet(
            name=_("监督工作计划"),
            title=f"{selectors.congress_body_name(plan.jurisdiction)}{plan.title}{subtitle}",
            headers=[
                _("序号"),
                _("监督形式"),
                _("事项名称"),
                _("被监督单位"),
                _("承办工委"),
                _("计划审议月份"),
                _("选题来源"),
                _("进展"),
            ],
            rows=rows,
            column_widths=(6, 22, 40, 22, 14, 12, 16, 16),
        )


@register
class ItemExporter(ListExporter):
    identifier = "supervision_items"
    verbose_name = gettext_lazy("监督事项")
    permission = READ

    filterset_class = ItemFilter

    def base_queryset(self):
        return selectors.items_visible(self.user)

    def sheets(self):
        rows = (
            [
                item.plan.year,
                item.plan.jurisdiction.name,
                item.get_kind_display(),
                item.title,
                item.unit.name,
                item.office,
                _month(item.planned_month),
                item.get_source_display(),
                item.state_label,
                item.heard_on,
                item.published_on,
            ]
            for item in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("监督事项"),
            title=_("监督事项清单"),
            headers=[
                _("年度"),
                _("制定机关"),
                _("监督形式"),
                _("事项名称"),
                _("被监督单位"),
                _("承办工委"),
                _("计划审议月份"),
                _("选题来源"),
                _("进展"),
                _("审议日期"),
                _("公开日期"),
            ],
            rows=rows,
            column_widths=(8, 12, 22, 40, 22, 14, 12, 16, 16, 12, 12),
        )


@register
class CommitmentExporter(ListExporter):
    """The commitments made in answers at special inquiries, tracked to completion."""

    identifier = "supervision_commitments"
    verbose_name = gettext_lazy("应询承诺")
    permission = READ

    def base_queryset(self):
        # The page's own read: the same rows, the same `show` filter, the overdue flag from the
        # queryset's rule.
        return commitments_for(self.user, show=self.query_params().get("show", ""))

    def sheets(self):
        rows = (
            [
                c.question.item.title,
                c.question.question,
                c.content,
                c.unit.name,
                c.owner,
                c.due_on,
                c.done_on,
                _("是") if c.overdue else "",
            ]
            for c in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("应询承诺"),
            title=_("专题询问应询承诺落实情况"),
            headers=[
                _("监督事项"),
                _("询问内容"),
                _("承诺事项"),
                _("责任单位"),
                _("责任人"),
                _("承诺完成期限"),
                _("完成日期"),
                _("逾期"),
            ],
            rows=rows,
            column_widths=(30, 40, 40, 22, 10, 12, 12, 6),
        )
