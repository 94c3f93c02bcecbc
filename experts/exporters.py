"""Excel exports of the expert pool: the experts of a county's pool (with contacts, for the office
only) and the pool's yearly report, read through the pages' own selectors."""

from collections.abc import Iterable
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, Sheet, register
from core.selectors import year_shown

from . import selectors
from .models import Expert


def _county(exporter: BaseExporter):
    county = selectors.county_shown(exporter.user, exporter.query_params().get("county"))
    if county is None:
        raise Expert.DoesNotExist
    return county


@register
class ExpertExporter(BaseExporter):
    identifier = "experts_list"
    verbose_name = gettext_lazy("咨询专家名单")
    # The contacts are in the workbook, so the office's permission, not the deputies'.
    permission = "experts.view_work"

    def sheets(self):
        county = _county(self)
        page = selectors.pool_page(self.user, county, timezone.localdate())
        rows = (
            [
                e.name,
                e.field,
                e.title,
                e.get_title_level_display(),
                e.employer,
                e.term_start,
                e.term_end,
                _("是") if e.in_term else _("否"),
                e.rules_document,
                e.rules_signed_on,
                e.phone,
                e.email,
                e.visits_joined,
                e.opinions_given,
            ]
            for e in cast(Iterable[Any], page.experts)
        )
        yield Sheet(
            name=_("咨询专家"),
            title=page.pool.name,
            headers=[
                _("姓名"),
                _("专业领域"),
                _("职称"),
                _("职称级别"),
                _("工作单位"),
                _("聘期开始"),
                _("聘期结束"),
                _("在聘"),
                _("签署的管理办法"),
                _("签署日期"),
                _("联系电话"),
                _("电子邮箱"),
                _("走访次数"),
                _("提出意见"),
            ],
            rows=rows,
            column_widths=(10, 16, 16, 10, 24, 12, 12, 6, 28, 12, 14, 20, 8, 8),
        )


@register
class YearReportExporter(BaseExporter):
    identifier = "experts_report"
    verbose_name = gettext_lazy("专家库年度报告")
    permission = "experts.view_pool"

    def report(self) -> selectors.YearReport:
        county = _county(self)
        years = selectors.years_with_data(county)
        year = year_shown(self.query_params().get("year"), years[0] if years else None)
        return selectors.year_report(county, year)

    def sheets(self):
        report = self.report()
        title = _("%(name)s %(year)s 年度履职情况") % {
            "name": report.pool.name,
            "year": report.year,
        }
        figures = [
            (_("专家库专家（人）"), report.experts),
            (_("其中高级职称（人）"), report.senior),
            (_("高级职称占比（%）"), report.share.percent),
            (_("高级职称占比目标（%）"), report.pool.senior_target),
            (_("年度座谈会（次）"), report.symposiums),
            (_("季度恳谈会（次）"), report.quarterly_meetings),
            (_("深入基层走访（次）"), report.visits),
            (_("参与重点工作视察调研（场次）"), report.inspections),
            (_("提出专业意见（条）"), report.professional_opinions),
            (_("提供决策参考意见（条）"), report.reference_opinions),
            (_("意见被采纳（条）"), report.adopted),
        ]
        yield Sheet(
            name=_("年度汇总"),
            title=title,
            headers=[_("项目"), _("数量")],
            rows=([label, value] for label, value in figures),
            column_widths=(32, 12),
        )
        yield Sheet(
            name=_("专家履职情况"),
            title=title,
            headers=[_("姓名"), _("职称"), _("走访"), _("视察调研"), _("意见"), _("采纳")],
            rows=(
                [
                    e.name,
                    e.title,
                    e.visits_joined,
                    e.inspections_joined,
                    e.opinions_given,
                    e.opinions_adopted,
                ]
                for e in cast(Iterable[Any], report.rows)
            ),
            column_widths=(10, 16, 8, 10, 8, 8),
        )
