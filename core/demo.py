"""Demo data for 怀化市: the 13 county-level jurisdictions of the seed, townships, units, users.

Every function here is idempotent: records are looked up by their natural keys (division code,
unit name within a jurisdiction, username) and updated in place, so `seed_demo` can run again.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Role, User

from .models import Jurisdiction, Unit

DEMO_PASSWORD = "Demo@2024!"

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


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


def _short(county_name: str) -> str:
    """县 → 县 name without suffix: 沅陵县 → 沅陵, 麻阳苗族自治县 → 麻阳."""
    for suffix in ("苗族侗族自治县", "苗族自治县", "侗族自治县", "县", "区", "市"):
        if county_name.endswith(suffix):
            return county_name[: -len(suffix)]
    return county_name


def _unit_prefix(county_name: str) -> str:
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
                jurisdiction=county, name=f"{_unit_prefix(name)}{suffix}", defaults={"kind": kind}
            )
    return city


# The demo deputy login of each county, by division code.
DEPUTY_NAMES = {
    "431202": "周建国",
    "431221": "谭玉梅",
    "431222": "向春华",
    "431223": "米秀英",
    "431224": "舒光明",
    "431225": "粟红霞",
    "431226": "滕志强",
    "431227": "姚金凤",
    "431228": "杨德华",
    "431229": "龙小燕",
    "431230": "吴正清",
    "431271": "蒋丽君",
    "431281": "陈立新",
}


def _user(
    username: str, *, full_name: str, role: str, jurisdiction, unit=None, superuser=False
) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "role": role,
            "jurisdiction": jurisdiction,
            "unit": unit,
            "is_superuser": superuser,
            "is_active": True,
        },
    )
    # Demo logins must always work as printed, so the password is reset on every run.
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_users() -> list[DemoLogin]:
    city = Jurisdiction.objects.get(code=MUNICIPALITY[1])
    logins = [DemoLogin("admin", Role.ADMIN, "怀化市 平台管理员（超级用户，全部县市区）")]
    _user("admin", full_name="平台管理员", role=Role.ADMIN, jurisdiction=city, superuser=True)
    _user("hh_admin", full_name="市人大管理员", role=Role.ADMIN, jurisdiction=city)
    logins.append(DemoLogin("hh_admin", Role.ADMIN, "怀化市人大常委会 管理员（查看全部县市区）"))
    for name, code, _body, _towns in COUNTIES:
        county = Jurisdiction.objects.get(code=code)
        prefix = f"c{code}"
        short = _short(name)
        _user(f"{prefix}_admin", full_name=f"{short}管理员", role=Role.ADMIN, jurisdiction=county)
        _user(f"{prefix}_staff", full_name=f"{short}工作人员", role=Role.STAFF, jurisdiction=county)
        # A deputy is a person: pages write "<name>代表", so a name ending in 代表 reads twice.
        deputy_name = DEPUTY_NAMES[code]
        _user(f"{prefix}_deputy", full_name=deputy_name, role=Role.DEPUTY, jurisdiction=county)
        finance = Unit.objects.get(jurisdiction=county, name=f"{_unit_prefix(name)}财政局")
        _user(
            f"{prefix}_liaison",
            full_name=f"{short}财政局联络员",
            role=Role.LIAISON,
            jurisdiction=county,
            unit=finance,
        )
    # Memorable aliases for the county most of the seed's figures come from.
    yuanling = Jurisdiction.objects.get(code="431222")
    chenxi = Jurisdiction.objects.get(code="431223")
    _user("yl_staff", full_name="沅陵县人大常委会 张敏", role=Role.STAFF, jurisdiction=yuanling)
    _user("yl_deputy", full_name="李秀兰", role=Role.DEPUTY, jurisdiction=yuanling)
    _user(
        "yl_liaison",
        full_name="沅陵县财政局 王强",
        role=Role.LIAISON,
        jurisdiction=yuanling,
        unit=Unit.objects.get(jurisdiction=yuanling, name="沅陵县财政局"),
    )
    _user("cx_staff", full_name="辰溪县人大常委会 刘洋", role=Role.STAFF, jurisdiction=chenxi)
    logins += [
        DemoLogin("yl_staff", Role.STAFF, "沅陵县人大常委会 工作人员"),
        DemoLogin("yl_deputy", Role.DEPUTY, "沅陵县 人大代表"),
        DemoLogin("yl_liaison", Role.LIAISON, "沅陵县财政局 承办单位联络员"),
        DemoLogin("cx_staff", Role.STAFF, "辰溪县人大常委会 工作人员（看不到沅陵的记录）"),
        DemoLogin(
            "c<代码>_admin / _staff / _deputy / _liaison", "", "每个县市区各一套，如 c431223_staff"
        ),
    ]
    return logins


def seed_all() -> list[DemoLogin]:
    seed_jurisdictions()
    return seed_users()
