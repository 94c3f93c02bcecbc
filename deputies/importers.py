"""Excel imports of liaison stations and of the deputy roster with station assignments.

Natural keys: a station is (county, name); a deputy is (county, name, mobile number), or
(county, name) for a deputy without one. Re-importing a roster updates people in place.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.importers import (
    BaseImporter,
    CellError,
    Column,
    parse_bool,
    parse_choice,
    parse_phone,
    register,
)
from core.models import Jurisdiction

from . import services
from .models import Deputy, Station, StationMembership


class _CountyLookup(BaseImporter):
    """Resolves county and township cells against the user's own jurisdictions."""

    def prepare(self) -> None:
        visible = list(Jurisdiction.objects.visible_to(self.user).select_related("parent"))
        counties = [j for j in visible if j.level == Jurisdiction.Level.COUNTY]
        self.counties = {j.name: j for j in counties} | {j.code: j for j in counties}
        self.townships = {
            (j.parent_id, j.name): j for j in visible if j.level == Jurisdiction.Level.TOWNSHIP
        }
        self.seen: set[tuple] = set()

    def county_and_township(self, values) -> None:
        county = self.counties.get(values["county"])
        if county is None:
            raise CellError(
                "county",
                _("找不到县市区“%(name)s”，或不在您的工作范围内") % {"name": values["county"]},
            )
        values["county"] = county
        if values.get("township"):
            township = self.townships.get((county.pk, values["township"]))
            if township is None:
                raise CellError(
                    "township",
                    _("%(county)s没有乡镇（街道）“%(name)s”")
                    % {"county": county, "name": values["township"]},
                )
            values["township"] = township

    def once(self, key: tuple, column: str) -> None:
        if key in self.seen:
            raise CellError(column, _("与前面的行重复"))
        self.seen.add(key)


@register
class StationImporter(_CountyLookup):
    identifier = "stations"
    verbose_name = gettext_lazy("代表联络站")
    permission = "deputies.import_roster"
    model = Station
    columns = (
        Column("name", "站名", example="官庄镇人大代表联络站"),
        Column(
            "kind",
            "类型",
            parse=parse_choice(Station.Kind.choices),
            example="乡镇（街道）代表联络站",
        ),
        Column("county", "县市区", example="沅陵县"),
        Column("township", "乡镇（街道）", required=False, example="官庄镇"),
        Column("address", "地址", required=False, example="官庄镇人民政府一楼"),
        Column("reception_hours", "接待时间", required=False, example="每月5日、20日上午"),
    )

    def validate_row(self, values):
        self.county_and_township(values)
        self.once((values["county"].pk, values["name"]), "name")
        return values

    def save_row(self, values) -> str:
        return services.station_import(
            county=values["county"],
            name=values["name"],
            fields={
                "kind": values["kind"],
                "township": values["township"] or None,
                "address": values["address"] or "",
                "reception_hours": values["reception_hours"] or "",
            },
            by=self.user,
        )


@register
class DeputyRosterImporter(_CountyLookup):
    identifier = "deputies"
    verbose_name = gettext_lazy("代表名册")
    permission = "deputies.import_roster"
    model = Deputy
    columns = (
        Column("name", "姓名", example="李秀兰"),
        Column("level", "代表层级", parse=parse_choice(Deputy.Level.choices), example="县人大代表"),
        Column("gender", "性别", parse=parse_choice(Deputy.Gender.choices), example="女"),
        Column("ethnicity", "民族", required=False, example="苗族"),
        Column("county", "县市区", example="沅陵县"),
        Column("township", "乡镇（街道）", required=False, example="官庄镇"),
        Column("delegation", "所在代表团", required=False, example="官庄代表团"),
        Column(
            "occupation", "职业（工作单位及职务）", required=False, example="官庄镇中心小学教师"
        ),
        Column("phone", "手机号码", required=False, parse=parse_phone, example="13812345678"),
        Column("standing", "常委会组成人员", required=False, parse=parse_bool, example="否"),
        Column("station", "联络站", required=False, example="官庄镇人大代表联络站"),
        Column(
            "station_role",
            "站内职务",
            required=False,
            parse=parse_choice(StationMembership.Role.choices),
            example="成员",
        ),
    )

    def prepare(self) -> None:
        super().prepare()
        county_ids = {j.pk for j in self.counties.values()}
        self.stations = {
            (s.county_id, s.name): s for s in Station.objects.filter(county_id__in=county_ids)
        }

    def validate_row(self, values):
        self.county_and_township(values)
        county = values["county"]
        self.once((county.pk, values["name"], values["phone"] or ""), "name")
        if values["station"]:
            station = self.stations.get((county.pk, values["station"]))
            if station is None:
                raise CellError(
                    "station",
                    _("%(county)s没有联络站“%(name)s”，请先导入联络站")
                    % {"county": county, "name": values["station"]},
                )
            values["station"] = station
        return values

    def save_row(self, values) -> str:
        return services.deputy_import(
            county=values["county"],
            name=values["name"],
            phone=values["phone"] or "",
            fields={
                "level": values["level"],
                "gender": values["gender"],
                "ethnicity": values["ethnicity"] or "汉族",
                "township": values["township"] or None,
                "delegation": values["delegation"] or "",
                "occupation": values["occupation"] or "",
                "is_standing_committee_member": bool(values["standing"]),
            },
            station=values["station"] or None,
            station_role=values["station_role"] or StationMembership.Role.MEMBER,
            by=self.user,
        )
