from django.utils.translation import gettext_lazy as _

from core.exchange.exporters import ListExporter, Sheet, register

from .filters import UnitFilter
from .models import Unit


@register
class UnitExporter(ListExporter):
    """The handling-unit list, with the filters the user applied on the page."""

    identifier = "units"
    verbose_name = _("承办单位")
    permission = "core.export_units"

    filterset_class = UnitFilter

    def base_queryset(self):
        return Unit.objects.visible_to(self.user).select_related("jurisdiction")

    def sheets(self):
        rows = (
            [
                unit.name,
                unit.get_kind_display(),
                unit.jurisdiction.name,
                unit.contact_person,
                unit.contact_phone,
                unit.is_active,
            ]
            for unit in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=str(_("承办单位")),
            title=str(_("承办单位名录")),
            headers=[
                str(h)
                for h in (
                    _("单位名称"),
                    _("单位类型"),
                    _("所属行政区划"),
                    _("联系人"),
                    _("联系电话"),
                    _("在用"),
                )
            ],
            rows=rows,
            column_widths=(32, 20, 16, 12, 16, 8),
        )
