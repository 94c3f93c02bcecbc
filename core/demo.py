"""Demo data for 怀化市: the 13 county-level jurisdictions of the seed, townships and units (the
demo's users are seeded by accounts/demo.py).

Every function here is idempotent: records are looked up by their natural keys (division code,
unit name within a jurisdiction) and updated in place, so `seed_demo` can run again.
"""

from django.db import transaction

from .models import Jurisdiction, Unit

MUNICIPALITY = ("怀化市", "431200")

# County-level jurisdictions named in the seed, with their division codes and three townships each.
COUNTIES = [
    ("鹤城区", "431202", "常委会", ["城中街道", "坨院街道", "黄金坳镇"]),
    ("中方县", "431221", "常委会", ["中方镇", "铜湾镇", "桐木镇"]),
    ("沅陵县", "431222", "常委会", ["沅陵镇", "官庄镇", "五强溪镇"]),
    ("辰溪县", "431223", "常委会", ["辰阳镇", "孝坪镇", "火马冲镇"]),
    ("溆浦县", "431224", "常委会", ["卢峰镇", "低庄镇", "龙潭镇"]),
    ("会同县", "431225", "常委会", ["林城镇", "坪村镇", "若水镇"]),
    ("麻阳苗族自治县", "431226", "常委会", ["高村镇", "锦和镇", "吕家坪镇"]),
    ("新晃侗族自治县", "431227", "常委会", ["新晃镇", "波洲镇", "鱼市镇"]),
    ("芷江侗族自治县", "431228", "常委会", ["芷江镇", "罗旧镇", "新店坪镇"]),
    ("靖州苗族侗族自治县", "431229", "常委会", ["渠阳镇", "甘棠镇", "坳上镇"]),
    ("通道侗族自治县", "431230", "常委会", ["双江镇", "县溪镇", "播阳镇"]),
    ("洪江区", "431271", "工委", ["新街街道", "河滨路街道", "沅江路街道"]),
    ("洪江市", "431281", "常委会", ["黔城镇", "安江镇", "托口镇"]),
]

COUNTY_UNITS = [
    ("人民政府办公室", Unit.Kind.GOVERNMENT),
    ("财政局", Unit.Kind.GOVERNMENT),
    ("教育局", Unit.Kind.GOVERNMENT),
    ("卫生健康局", Unit.Kind.GOVERNMENT),
    ("交通运输局", Unit.Kind.GOVERNMENT),
    ("水利局", Unit.Kind.GOVERNMENT),
    ("民政局", Unit.Kind.GOVERNMENT),
    ("审计局", Unit.Kind.GOVERNMENT),
    ("监察委员会", Unit.Kind.SUPERVISION),
    ("人民法院", Unit.Kind.COURT),
    ("人民检察院", Unit.Kind.PROCURATORATE),
]


def _short(county_name: str) -> str:
    """县 → 县 name without suffix: 沅陵县 → 沅陵, 麻阳苗族自治县 → 麻阳."""
    for suffix in ("苗族侗族自治县", "苗族自治县", "侗族自治县", "县", "区", "市"):
        if county_name.endswith(suffix):
            return county_name[: -len(suffix)]
    return county_name


def unit_prefix(county_name: str) -> str:
    # Units are named after the county's own kind: 沅陵县财政局, 洪江市财政局, 鹤城区财政局.
    return county_name


@transaction.atomic
def seed_jurisdictions() -> Jurisdiction:
    city, _ = Jurisdiction.objects.update_or_create(
        code=MUNICIPALITY[1],
        defaults={"name": MUNICIPALITY[0], "level": Jurisdiction.Level.MUNICIPAL, "parent": None},
    )
    for name, code, body, townships in COUNTIES:
        congress_body = f"{name}人大常委会" if body == "常委会" else f"{name}人大工委"
        county, _ = Jurisdiction.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": Jurisdiction.Level.COUNTY,
                "parent": city,
                "congress_body": congress_body,
            },
        )
        for index, township in enumerate(townships):
            town, _ = Jurisdiction.objects.update_or_create(
                code=f"{code}{100 + index}",
                defaults={
                    "name": township,
                    "level": Jurisdiction.Level.TOWNSHIP,
                    "parent": county,
                    "congress_body": f"{township}人大主席团" if township.endswith("镇") else "",
                },
            )
            Unit.objects.update_or_create(
                jurisdiction=town,
                name=f"{township}人民政府" if township.endswith("镇") else f"{township}办事处",
                defaults={"kind": Unit.Kind.TOWNSHIP},
            )
        for suffix, kind in COUNTY_UNITS:
            Unit.objects.update_or_create(
                jurisdiction=county, name=f"{unit_prefix(name)}{suffix}", defaults={"kind": kind}
            )
    return city


def seed() -> None:
    seed_jurisdictions()
