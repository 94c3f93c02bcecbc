"""Excel exports of the evaluation lists, on the portal's exporter registry.

Each list exports exactly what its page shows: the same FilterSet on the same scoped queryset.
The base class in `core.exchange.exporters` escapes formula-like text in every cell, titles included.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register

from .filters import AuditProblemFilter, SuggestionFilter
from .models import AppraisalRound, AuditProblem, ProcuratorialSuggestion


@register
class AuditProblemExporter(ListExporter):
    identifier = "audit_problems"
    verbose_name = gettext_lazy("审计整改问题")
    # Exactly what the list page shows, to whoever may open it.
    permission = "evaluations.view_evaluations"

    filterset_class = AuditProblemFilter

    def base_queryset(self):
        return AuditProblem.objects.visible_to(self.user).select_related("unit", "jurisdiction")

    def sheets(self):
        rows = (
            [
                p.jurisdiction.name,
                p.year,
                p.number,
                p.area,
                p.description,
                p.amount,
                p.unit.name,
                p.deadline,
                p.get_status_display(),
                p.measures,
                p.closed_on,
            ]
            for p in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("审计整改问题"),
            title=_("审计发现问题整改清单"),
            headers=[
                _("县市区"),
                _("审计年度"),
                _("编号"),
                _("问题领域"),
                _("问题描述"),
                _("涉及金额（万元）"),
                _("责任单位"),
                _("整改期限"),
                _("整改状态"),
                _("整改措施及进展"),
                _("销号日期"),
            ],
            rows=rows,
            column_widths=(12, 10, 8, 14, 40, 14, 22, 12, 12, 40, 12),
        )


@register
class ProcuratorialSuggestionExporter(ListExporter):
    identifier = "procuratorial_suggestions"
    verbose_name = gettext_lazy("行政检察监督建议")
    permission = "evaluations.view_evaluations"

    filterset_class = SuggestionFilter

    def base_queryset(self):
        return ProcuratorialSuggestion.objects.visible_to(self.user).select_related(
            "unit", "procuratorate"
        )

    def sheets(self):
        rows = (
            [
                s.number,
                s.procuratorate.name,
                s.unit.name,
                s.content,
                s.issued_on,
                s.reply_due,
                s.replied_on,
                s.reply,
                s.get_adoption_display(),
            ]
            for s in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("检察建议"),
            title=_("行政检察监督建议办理情况"),
            headers=[
                _("文号"),
                _("检察院"),
                _("被建议单位"),
                _("建议内容"),
                _("发出日期"),
                _("回复期限"),
                _("回复日期"),
                _("书面回复"),
                _("采纳情况"),
            ],
            rows=rows,
            column_widths=(22, 18, 22, 40, 12, 12, 12, 40, 10),
        )


@register
class AppraisalExporter(BaseExporter):
    """Roster, grades, D-top-3 and consequences of one appraisal round."""

    identifier = "appraisal"
    verbose_name = gettext_lazy("履职评议测评结果")
    permission = "evaluations.manage_appraisals"

    def appraisal(self) -> AppraisalRound:
        pk = (self.params.get("appraisal") or [None])[0]
        return AppraisalRound.objects.visible_to(self.user).get(pk=pk)

    def filename(self) -> str:
        return f"{self.appraisal().title}.xlsx"

    def sheets(self):
        appraisal = self.appraisal()
        entries = appraisal.entries.select_related("head__unit", "together_with__head").order_by(
            "head__unit__name", "head__took_office"
        )
        rows = (
            [
                e.head.unit.name,
                e.head.name,
                e.head.post,
                e.head.took_office,
                _("单独测评") if e.assessed_alone else _("与前任一并测评"),
                e.votes_a,
                e.votes_b,
                e.votes_c,
                e.votes_d,
                e.get_grade_display(),
                _("是") if e.in_d_top else "",
                "；".join(str(label) for label in e.consequence_labels),
            ]
            for e in entries
        )
        yield Sheet(
            name=_("测评结果"),
            title=appraisal.title,
            headers=[
                _("单位"),
                _("姓名"),
                _("职务"),
                _("任职日期"),
                _("测评方式"),
                _("A票"),
                _("B票"),
                _("C票"),
                _("D票"),
                _("等次"),
                _("D票前三"),
                _("结果运用"),
            ],
            rows=rows,
            column_widths=(22, 10, 18, 12, 14, 6, 6, 6, 6, 8, 8, 40),
        )
