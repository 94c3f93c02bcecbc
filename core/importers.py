from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.importers import (
    BaseImporter,
    CellError,
    Column,
    parse_bool,
    parse_choice,
    register,
)

from .models import Jurisdiction, Unit
from .services import unit_import


@register
class UnitImporter(BaseImporter):
    """Handling units of the user's jurisdictions; the natural key is (jurisdiction, name)."""

    identifier = "units"
    verbose_name = gettext_lazy("承办单位")
    permission = "core.import_units"
    model = Unit
    columns = (
        Column("name", "单位名称", example="沅陵县自然资源局"),
        Column(
            "kind", "单位类型", parse=parse_choice(Unit.Kind.choices), example="政府及其工作部门"
        ),
        Column("jurisdiction", "所属行政区划", example="沅陵县"),
        Column("contact_person", "联系人", required=False, example="张三"),
        Column("contact_phone", "联系电话", required=False, example="0745-4221234"),
        Column("is_active", "在用", required=False, parse=parse_bool, example="是"),
    )

    def prepare(self) -> None:
        visible = Jurisdiction.objects.visible_to(self.user)
        self.jurisdictions = {j.name: j for j in visible} | {j.code: j for j in visible}
        self.seen: set[tuple[int, str]] = set()

    def validate_row(self, values: dict[str, Any]) -> dict[str, Any]:
        jurisdiction = self.jurisdictions.get(values["jurisdiction"])
        if jurisdiction is None:
            raise CellError(
                "jurisdiction",
                _("找不到行政区划“%(name)s”，或不在您的工作范围内")
                % {"name": values["jurisdiction"]},
            )
        key = (jurisdiction.pk, values["name"])
        if key in self.seen:
            raise CellError("name", _("与前面的行重复"))
        self.seen.add(key)
        values["jurisdiction"] = jurisdiction
        if values["is_active"] is None:
            values["is_active"] = True
        values["contact_person"] = values["contact_person"] or ""
        values["contact_phone"] = values["contact_phone"] or ""
        return values

    def save_row(self, values: dict[str, Any]) -> str:
        return unit_import(
            jurisdiction=values["jurisdiction"], name=values["name"], values=values, by=self.user
        )
