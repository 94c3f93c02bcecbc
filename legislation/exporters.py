"""Excel exports of the contact points: the consolidated report to the upper body, in the layout
a legislative working committee expects (条款 / 原文 / 修改建议 / 理由 / 来源), as printed; without
a consultation named, the reports of every consultation the user sees, each row under its draft."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, Sheet, register

from . import selectors
from .models import Consultation


@register
class ReportExporter(BaseExporter):
    identifier = "legislation_report"
    verbose_name = gettext_lazy("立法意见建议汇总")
    permission = "legislation.view_legislation"

    def consultation(self) -> Consultation | None:
        pk = self.query_params().get("consultation")
        if not pk:
            return None
        consultations = Consultation.objects.visible_to(self.user).select_related("point__county")
        found: Consultation = consultations.get(pk=pk)
        return found

    def filename(self) -> str:
        consultation = self.consultation()
        if consultation is None:
            return super().filename()
        return f"{consultation.title}-意见建议汇总.xlsx"

    def sheets(self):
        consultation = self.consultation()
        headers = [_("序号"), _("条款"), _("原文"), _("修改建议"), _("理由"), _("来源")]
        if consultation is None:
            rows = selectors.every_report_rows(self.user)
            yield Sheet(
                name=_("意见建议汇总"),
                title=_("立法意见建议汇总"),
                headers=[_("草案"), *headers],
                rows=(
                    [row.suggestion.consultation.title, *_row(n, row)] for n, row in _numbered(rows)
                ),
                column_widths=(30, 6, 10, 40, 40, 30, 20),
            )
            return
        rows = selectors.report_rows(consultation)
        yield Sheet(
            name=_("意见建议汇总"),
            title=_("关于《%(t)s》的意见建议汇总") % {"t": consultation.title},
            headers=headers,
            rows=(_row(n, row) for n, row in _numbered(rows)),
            column_widths=(6, 10, 40, 40, 30, 20),
        )


def _numbered(rows: list[selectors.ReportRow]):
    return enumerate(rows, start=1)


def _row(number: int, row: selectors.ReportRow) -> list:
    suggestion = row.suggestion
    return [
        number,
        suggestion.article_label,
        suggestion.article.text if suggestion.article is not None else "",
        suggestion.suggested_text,
        suggestion.reason,
        selectors.source_text(row),
    ]
