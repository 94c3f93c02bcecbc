"""Excel exports of the livelihood-project lists, as their pages show them."""

from typing import cast

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register

from . import selectors
from .filters import ProposalFilter


@register
class ProposalExporter(ListExporter):
    identifier = "proposals"
    verbose_name = cast(str, gettext_lazy("民生实事项目建议"))
    permission = "livelihood_projects.follow_cycles"  # as the proposals list

    filterset_class = ProposalFilter

    def base_queryset(self):
        return selectors.proposal_list(user=self.user)

    def sheets(self):
        # Contact details of the public stay out of the export, as they stay off the list.
        rows = (
            [
                p.receipt_number,
                p.cycle.jurisdiction.name,
                p.cycle.year,
                p.title,
                p.get_category_display(),
                p.township.name if p.township else "",
                p.estimated_cost,
                p.get_source_display(),
                p.get_status_display(),
                p.screening_reason,
                p.created_at,
            ]
            for p in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("项目建议"),
            title=_("民生实事项目建议汇总"),
            headers=[
                _("回执编号"),
                _("人大"),
                _("年度"),
                _("项目名称"),
                _("类别"),
                _("乡镇（街道）"),
                _("估算金额（万元）"),
                _("来源"),
                _("状态"),
                _("筛选意见"),
                _("提交时间"),
            ],
            rows=rows,
            column_widths=(16, 14, 8, 30, 12, 14, 14, 14, 16, 30, 18),
        )


@register
class ProjectExporter(BaseExporter):
    identifier = "projects"
    verbose_name = cast(str, gettext_lazy("票决民生实事项目"))
    permission = "livelihood_projects.see_projects"  # as the projects list

    def sheets(self):
        today = timezone.localdate()
        projects = selectors.elected_projects(user=self.user)
        rows = (
            [
                p.cycle.year,
                p.cycle.jurisdiction.name,
                p.title,
                p.get_category_display(),
                p.responsible_unit.name if p.responsible_unit else "",
                p.due_on,
                p.budget_total,
                p.allocated_total,
                p.spent_total,
                float(p.progress or 0) / 100,
                _("滞后") if p.is_lagging(today) else "",
                p.satisfaction_rate,
            ]
            for p in projects.iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("票决项目"),
            title=_("人大代表票决民生实事项目推进情况"),
            headers=[
                _("年度"),
                _("人大"),
                _("项目名称"),
                _("类别"),
                _("责任单位"),
                _("计划完成"),
                _("预算（万元）"),
                _("已下达（万元）"),
                _("已支付（万元）"),
                _("进度"),
                _("预警"),
                _("满意率"),
            ],
            rows=rows,
            column_widths=(8, 14, 30, 12, 22, 12, 12, 12, 12, 8, 8, 8),
        )
