"""Demo users for 怀化市: an admin, a staff member, a deputy and a liaison in every county, and
memorable aliases for the county most of the seed's figures come from.

Idempotent: accounts are looked up by username and updated in place, and their passwords reset,
so `seed_demo` can run again and the printed logins always work.
"""

from dataclasses import dataclass

from django.db import transaction

from core.demo import COUNTIES, MUNICIPALITY, _short, seed_jurisdictions, unit_prefix
from core.models import Jurisdiction, Unit

from .models import Role, User

DEMO_PASSWORD = "Demo@2024!"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


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
    username: str,
    *,
    full_name: str,
    role: str,
    jurisdiction: Jurisdiction,
    unit: Unit | None = None,
    superuser: bool = False,
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


def logins() -> list[DemoLogin]:
    """The logins `seed_demo` prints, with what each shows."""
    return [
        DemoLogin("admin", Role.ADMIN, "怀化市 平台管理员（超级用户，全部县市区）"),
        DemoLogin("hh_admin", Role.ADMIN, "怀化市人大常委会 管理员（查看全部县市区）"),
        DemoLogin("yl_staff", Role.STAFF, "沅陵县人大常委会 工作人员"),
        DemoLogin("yl_deputy", Role.DEPUTY, "沅陵县 人大代表"),
        DemoLogin("yl_liaison", Role.LIAISON, "沅陵县财政局 承办单位联络员"),
        DemoLogin("cx_staff", Role.STAFF, "辰溪县人大常委会 工作人员（看不到沅陵的记录）"),
        DemoLogin(
            "c<代码>_admin / _staff / _deputy / _liaison", "", "每个县市区各一套，如 c431223_staff"
        ),
    ]


@transaction.atomic
def seed() -> None:
    """The demo's users, on the jurisdictions and units of core/demo.py."""
    city = Jurisdiction.objects.get(code=MUNICIPALITY[1])
    _user("admin", full_name="平台管理员", role=Role.ADMIN, jurisdiction=city, superuser=True)
    _user("hh_admin", full_name="市人大管理员", role=Role.ADMIN, jurisdiction=city)
    for name, code, _body, _towns in COUNTIES:
        county = Jurisdiction.objects.get(code=code)
        prefix = f"c{code}"
        short = _short(name)
        _user(f"{prefix}_admin", full_name=f"{short}管理员", role=Role.ADMIN, jurisdiction=county)
        _user(f"{prefix}_staff", full_name=f"{short}工作人员", role=Role.STAFF, jurisdiction=county)
        # A deputy is a person: pages write "<name>代表", so a name ending in 代表 reads twice.
        deputy_name = DEPUTY_NAMES[code]
        _user(f"{prefix}_deputy", full_name=deputy_name, role=Role.DEPUTY, jurisdiction=county)
        finance = Unit.objects.get(jurisdiction=county, name=f"{unit_prefix(name)}财政局")
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


def seed_all() -> None:
    """The jurisdictions, units and users every other app's demo data builds on."""
    seed_jurisdictions()
    seed()
