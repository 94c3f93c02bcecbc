"""Demo data for deputy work, built so that the dashboards show the seed's figures for 2024.

麻阳 431226: 21 stations, 1,194 deputies, 1,038 visits, 363 replies, 110 opinions (97 resolved,
13 in progress), 51 micro-suggestions all closed and satisfied, 220 + 310 contact visits.
辰溪 431223: 67 stations, 1,612 deputies, 4,355 visits, 1,255 posts, 537 activities.
洪江区 431271: 三官一律 at every station each quarter, and upcoming ones on the public calendar.
新晃 431227: 10 inter-provincial stations with Guizhou. 中方 431221: 2 industry-chain stations.
通道 431230: 23 stations. Every other county gets a small, plausible set.

Rows are written with bulk_create (no per-row history) so `seed_demo` stays fast. A county that
already has stations is left as it is, which makes the seeder idempotent; the demo deputy logins
are linked to Deputy records on every run.
"""

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User
from core.demo import COUNTIES, _short
from core.models import Jurisdiction, Unit

from . import photos, rules
from .models import (
    Activity,
    Campaign,
    ContactVisit,
    CountySetting,
    Deputy,
    Opinion,
    OpinionReply,
    PartnerDeputy,
    Satisfaction,
    Station,
    StationMembership,
    StationPost,
    Suggestion,
    Visit,
)

YEAR = 2024


@dataclass(frozen=True)
class Plan:
    stations: int = 3
    deputies: int = 45
    visits: int = 60
    posts: int = 12
    activities: int = 6
    opinions: int = 12
    opinions_resolved: int = 9
    replies: int = 0
    micro: int = 0
    suggestions: int = 8
    leader_visits: int = 0
    deputy_visits: int = 0
    industry_chain: int = 0
    inter_provincial: int = 0
    legislative: int = 0


PLANS = {
    "431226": Plan(
        stations=21,
        # The demo login c431226_deputy is linked as the 1,194th deputy.
        deputies=1193,
        visits=1038,
        posts=80,
        activities=24,
        opinions=110,
        opinions_resolved=97,
        replies=363,
        micro=51,
        suggestions=12,
        leader_visits=220,
        deputy_visits=310,
    ),
    "431223": Plan(stations=67, deputies=1612, visits=4355, posts=1255, activities=537),
    "431227": Plan(stations=13, deputies=160, inter_provincial=10, activities=12),
    "431221": Plan(stations=5, deputies=90, industry_chain=2),
    "431230": Plan(stations=23, deputies=260, legislative=3, visits=180),
    "431271": Plan(stations=3, deputies=60, activities=0),
}

ETHNIC = {
    "431226": ["苗族"] * 6 + ["汉族"] * 3 + ["侗族"],
    "431227": ["侗族"] * 7 + ["汉族"] * 3,
    "431228": ["侗族"] * 6 + ["汉族"] * 4,
    "431229": ["苗族"] * 4 + ["侗族"] * 3 + ["汉族"] * 3,
    "431230": ["侗族"] * 7 + ["苗族"] + ["汉族"] * 2,
}
SURNAMES = "张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗滕龙石向舒田姚蒋谭粟彭唐"
GIVEN = "建国秀兰海燕志强小红文华明辉春梅德胜玉芳永清桂英光明金凤红军丽娟世平家福"
OCCUPATIONS = [
    "村党支部书记",
    "村委会主任",
    "种植大户",
    "乡村医生",
    "小学教师",
    "合作社理事长",
    "个体工商户",
    "企业负责人",
    "社区书记",
    "乡镇干部",
]
GUIZHOU = ["贵州省天柱县", "贵州省玉屏县", "贵州省万山区", "贵州省三穗县", "贵州省岑巩县"]
OPINION_TEXTS = [
    ("通村公路路面破损，雨天出行困难，希望尽快修复。", Opinion.Category.ROADS),
    ("集镇污水管网老化，经常外溢，希望改造。", Opinion.Category.ENVIRONMENT),
    ("组里垃圾收集点太少，希望增设环卫设施。", Opinion.Category.ENVIRONMENT),
    ("学校周边路灯损坏，学生晚自习回家不安全。", Opinion.Category.URBAN),
    ("村卫生室缺少常用药品，老人看病要跑镇上。", Opinion.Category.HEALTH),
    ("农村饮水工程水压不足，高处农户用水困难。", Opinion.Category.RURAL),
    ("希望解释城乡居民医保缴费标准调整的原因。", Opinion.Category.SOCIAL),
    ("邻里宅基地边界纠纷，希望帮助调解。", Opinion.Category.LEGAL),
    ("黄桃销售渠道少，希望组织产销对接。", Opinion.Category.RURAL),
    ("希望在村里开设老年食堂。", Opinion.Category.SOCIAL),
]
MICRO_TITLES = [
    "修复通村公路塌方路段",
    "改造集镇污水管网",
    "增设农村环卫设施",
    "学校周边增设路灯",
    "修缮村级文化广场",
    "更换破损护栏",
    "疏通灌溉渠道",
    "增设公交候车亭",
]
SUGGESTION_TITLES = [
    "关于加快农村公路提质改造的建议",
    "关于加强乡村学校师资配备的建议",
    "关于完善县域医疗共同体建设的建议",
    "关于加大特色农产品品牌培育力度的建议",
    "关于推进城乡供水一体化的建议",
    "关于加强养老服务设施建设的建议",
]
VISIT_KINDS = [Visit.Kind.RECEPTION] * 5 + [
    Visit.Kind.HOUSEHOLD,
    Visit.Kind.HOUSEHOLD,
    Visit.Kind.RESEARCH,
    Visit.Kind.MEDIATION,
    Visit.Kind.PUBLICITY,
]
ACTIVITY_KINDS = [
    Activity.Kind.FACE_TO_FACE,
    Activity.Kind.TOWNSHIP_HEAD,
    Activity.Kind.LAW_BROADCAST,
    Activity.Kind.COURTYARD,
    Activity.Kind.LEGAL_TALK,
]


def seed() -> None:
    counties = {c.code: c for c in Jurisdiction.objects.counties()}
    for _name, code, _body, _towns in COUNTIES:
        county = counties.get(code)
        if county is None:
            continue
        if not Station.objects.filter(county=county).exists():
            _seed_county(county, PLANS.get(code, Plan()), random.Random(int(code)))
        _link_demo_deputies(county)
    if "431271" in counties:
        _seed_upcoming_three_officials(counties["431271"])
    _seed_online(counties)


def _day(rng: random.Random) -> date:
    return date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def _seed_county(county: Jurisdiction, plan: Plan, rng: random.Random) -> None:
    short = _short(county.name)
    townships = list(county.children.order_by("code"))
    stations = _stations(county, short, townships, plan)
    deputies = _deputies(county, townships, plan, rng)
    members = _memberships(stations, deputies)
    visits = _visits(stations, members, plan, rng)
    _posts(stations, plan, rng)
    _activities(county, stations, members, plan, rng)
    units = list(Unit.objects.filter(jurisdiction__in=[county, *townships]).order_by("pk"))
    if units:
        _opinions(county, stations, members, visits, units, plan, rng)
        _suggestions(county, deputies, units, plan, rng)
    _contacts(county, deputies, plan, rng)
    if plan.micro:
        CountySetting.objects.get_or_create(county=county, defaults={"micro_suggestion_days": 15})


def _stations(county, short, townships, plan: Plan) -> list[Station]:
    rows = []
    for i in range(plan.stations):
        township = townships[i % len(townships)] if townships else None
        if i < plan.inter_provincial:
            partner = GUIZHOU[i % len(GUIZHOU)]
            kind, name = (
                Station.Kind.INTER_PROVINCIAL,
                f"湘黔{short}—{partner[3:]}省际代表联络站{i + 1}",
            )
        elif i < plan.inter_provincial + plan.industry_chain:
            industry = ["刺葡萄", "生物医药"][i - plan.inter_provincial]
            kind, name, partner = (
                Station.Kind.INDUSTRY_CHAIN,
                f"{short}{industry}产业链代表联络站",
                "",
            )
            township = None
        elif i < plan.inter_provincial + plan.industry_chain + plan.legislative:
            kind, name, partner = Station.Kind.LEGISLATIVE, f"{short}立法联系点融合站{i + 1}", ""
        else:
            kind, partner = Station.Kind.TOWNSHIP, ""
            base = township.name if township and i < len(townships) else f"{short}第{i + 1}"
            name = f"{base}代表联络站"
        rows.append(
            Station(
                name=name,
                kind=kind,
                county=county,
                township=township,
                partner_region=partner,
                address=f"{county.name}{township.name if township else ''}便民服务中心二楼",
                reception_hours="每月5日、20日 9:00—12:00",
            )
        )
    Station.objects.bulk_create(rows)
    return list(Station.objects.filter(county=county).order_by("pk"))


def _deputies(county, townships, plan: Plan, rng) -> list[Deputy]:
    ethnic = ETHNIC.get(county.code, ["汉族"] * 8 + ["苗族", "侗族"])
    levels = (
        [Deputy.Level.TOWNSHIP] * 70
        + [Deputy.Level.COUNTY] * 22
        + [Deputy.Level.MUNICIPAL] * 6
        + [Deputy.Level.PROVINCIAL] * 2
    )
    rows = []
    for i in range(plan.deputies):
        level = Deputy.Level.NATIONAL if i == 0 and county.code == "431223" else rng.choice(levels)
        rows.append(
            Deputy(
                name=_name(rng),
                level=level,
                delegation=f"{rng.choice(townships).name}代表团" if townships else "",
                county=county,
                township=rng.choice(townships) if townships else None,
                gender=rng.choice([Deputy.Gender.MALE, Deputy.Gender.FEMALE]),
                ethnicity=rng.choice(ethnic),
                occupation=rng.choice(OCCUPATIONS),
                phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                is_standing_committee_member=level == Deputy.Level.COUNTY and rng.random() < 0.1,
            )
        )
    Deputy.objects.bulk_create(rows, batch_size=500)
    return list(Deputy.objects.filter(county=county).order_by("pk"))


def _memberships(stations, deputies) -> dict[int, list[Deputy]]:
    """Every deputy joins one station (编组进站); the first of each station heads it."""
    members: dict[int, list[Deputy]] = {s.pk: [] for s in stations}
    rows = []
    for i, deputy in enumerate(deputies):
        station = stations[i % len(stations)]
        role = StationMembership.Role.HEAD if i < len(stations) else StationMembership.Role.MEMBER
        rows.append(StationMembership(station=station, deputy=deputy, role=role))
        members[station.pk].append(deputy)
    StationMembership.objects.bulk_create(rows, batch_size=1000)
    return members


def _visits(stations, members, plan: Plan, rng) -> list[Visit]:
    rows = []
    for _ in range(plan.visits):
        station = rng.choice(stations)
        deputy = rng.choice(members[station.pk])
        kind = rng.choice(VISIT_KINDS)
        rows.append(
            Visit(
                station=station,
                deputy=deputy,
                visited_on=_day(rng),
                kind=kind,
                people_received=rng.randrange(0, 16) if kind == Visit.Kind.RECEPTION else 0,
                notes=str(Visit.Kind(kind).label),
            )
        )
    Visit.objects.bulk_create(rows, batch_size=1000)
    return list(Visit.objects.filter(station__in=stations).order_by("pk")[:500])


def _posts(stations, plan: Plan, rng) -> None:
    titles = ["本月代表接待安排", "代表进站履职情况通报", "群众意见办理情况公示", "政策法规宣传"]
    rows = [
        StationPost(
            station=rng.choice(stations),
            title=rng.choice(titles),
            body="",
            published_on=_day(rng),
        )
        for _ in range(plan.posts)
    ]
    StationPost.objects.bulk_create(rows, batch_size=1000)


def _activities(county, stations, members, plan: Plan, rng) -> None:
    rows = []
    for _ in range(plan.activities):
        station = rng.choice(stations)
        day = _day(rng)
        kind = rng.choice(ACTIVITY_KINDS)
        rows.append(
            Activity(
                county=county,
                station=station,
                kind=kind,
                title=f"{station.name}{Activity.Kind(kind).label}",
                starts_at=_aware(day, 9),
                status=Activity.Status.HELD,
                announced_at=_aware(day - timedelta(days=7), 10),
                participants=rng.randrange(15, 60),
                questions_answered=rng.randrange(0, 12),
                disputes_mediated=rng.randrange(0, 3),
            )
        )
    if county.code == "431271":
        rows += _three_officials_quarterly(county, stations)
    Activity.objects.bulk_create(rows, batch_size=1000)


def _three_officials_quarterly(county, stations) -> list[Activity]:
    """洪江区: judge, prosecutor, police officer and lawyer at every station each quarter."""
    rows = []
    for quarter in range(4):
        for n, station in enumerate(stations):
            day = date(YEAR, quarter * 3 + 2, 10 + n)
            rows.append(
                Activity(
                    county=county,
                    station=station,
                    kind=Activity.Kind.THREE_OFFICIALS,
                    title=f"{YEAR}年第{quarter + 1}季度“三官一律”进{station.name}",
                    starts_at=_aware(day, 9),
                    judge="区人民法院 员额法官",
                    prosecutor="区人民检察院 检察官",
                    police_officer="区公安分局 民警",
                    lawyer="律师事务所 执业律师",
                    status=Activity.Status.HELD,
                    announced_at=_aware(day - timedelta(days=6), 9),
                    participants=40,
                    questions_answered=17,
                    disputes_mediated=8,
                )
            )
    for quarter in range(4):
        day = date(YEAR, quarter * 3 + 3, 18)
        rows.append(
            Activity(
                county=county,
                station=stations[quarter % len(stations)],
                kind=Activity.Kind.LEGAL_TALK,
                title=f"法律宣讲进联络站（第{quarter + 1}场）",
                starts_at=_aware(day, 15),
                status=Activity.Status.HELD,
                announced_at=_aware(day - timedelta(days=8), 9),
                participants=80,
                questions_answered=2,
                disputes_mediated=1,
            )
        )
    return rows


def _seed_upcoming_three_officials(county) -> None:
    """Keep the public calendar populated: the next quarter's visits, announced 7+ days ahead."""
    stations = list(Station.objects.filter(county=county).order_by("pk"))
    if not stations:
        return
    latest = Activity.objects.filter(county=county, status=Activity.Status.ANNOUNCED).aggregate(
        last=Max("starts_at")
    )["last"]
    if latest and latest > timezone.now():
        return
    today = timezone.localdate()
    rows = [
        Activity(
            county=county,
            station=station,
            kind=Activity.Kind.THREE_OFFICIALS,
            title=f"“三官一律”进{station.name}接待群众",
            starts_at=_aware(today + timedelta(days=8 + 7 * n), 9),
            description="现场提供法律咨询、法律援助和司法救助，能当场答复的当场答复。",
            judge="区人民法院 员额法官 杨帆",
            prosecutor="区人民检察院 检察官 舒敏",
            police_officer="区公安分局 民警 龙海",
            lawyer="湘西南律师事务所 律师 向东",
            status=Activity.Status.ANNOUNCED,
            announced_at=timezone.now(),
        )
        for n, station in enumerate(stations)
    ]
    Activity.objects.bulk_create(rows)
    for activity in Activity.objects.filter(county=county, status=Activity.Status.ANNOUNCED):
        heads = Deputy.objects.filter(
            memberships__station=activity.station, memberships__role=StationMembership.Role.HEAD
        )
        activity.deputies.set(heads)


def _opinions(county, stations, members, visits, units, plan: Plan, rng) -> None:
    """Opinions transferred to units; the replies (件次) are spread over them, the last settles it."""
    rows = []
    for i in range(plan.opinions):
        station = rng.choice(stations)
        raised_on = date(YEAR, 1, 1) + timedelta(days=rng.randrange(300))
        text, category = rng.choice(OPINION_TEXTS)
        resolved = i < plan.opinions_resolved
        rows.append(
            Opinion(
                county=county,
                station=station,
                deputy=rng.choice(members[station.pk]),
                content=text,
                category=category,
                raised_by="" if rng.random() < 0.3 else _name(rng),
                location=station.name,
                raised_on=raised_on,
                status=Opinion.Status.RESOLVED if resolved else Opinion.Status.IN_PROGRESS,
                level=Opinion.Level.COUNTY,
                unit=rng.choice(units),
                transferred_on=raised_on + timedelta(days=2),
                due_on=raised_on + timedelta(days=32),
                resolved_on=raised_on + timedelta(days=25) if resolved else None,
                satisfaction=Satisfaction.SATISFIED if resolved else "",
            )
        )
    Opinion.objects.bulk_create(rows)
    opinions = list(Opinion.objects.filter(county=county).order_by("pk"))
    replies = plan.replies or len(opinions)
    base, extra = divmod(replies, len(opinions)) if opinions else (0, 0)
    reply_rows = []
    for i, opinion in enumerate(opinions):
        count = base + (1 if i < extra else 0)
        for n in range(count):
            last = n == count - 1
            done = last and opinion.status == Opinion.Status.RESOLVED
            reply_rows.append(
                OpinionReply(
                    opinion=opinion,
                    unit=opinion.unit,
                    body="已办结，问题已解决。" if done else "已现场查看，正在协调办理。",
                    outcome=OpinionReply.Outcome.RESOLVED
                    if done
                    else OpinionReply.Outcome.IN_PROGRESS,
                    replied_on=opinion.transferred_on + timedelta(days=5 + 7 * n),
                )
            )
    OpinionReply.objects.bulk_create(reply_rows, batch_size=1000)


def _suggestions(county, deputies, units, plan: Plan, rng) -> None:
    county_units = [u for u in units if u.jurisdiction_id == county.pk] or units
    rows = []
    for i in range(plan.micro):
        assigned = date(YEAR, 1, 10) + timedelta(days=6 * i)
        due = rules.micro_suggestion_due_on(assigned, 15)
        rows.append(
            Suggestion(
                county=county,
                kind=Suggestion.Kind.MICRO,
                number=rules.suggestion_number(year=YEAR, micro=True, sequence=i + 1),
                title=MICRO_TITLES[i % len(MICRO_TITLES)],
                content="群众反映强烈，涉及金额较小，请尽快办理。",
                deputy=rng.choice(deputies),
                submitted_on=assigned - timedelta(days=2),
                status=Suggestion.Status.CLOSED,
                lead_unit=rng.choice(county_units),
                assigned_on=assigned,
                due_on=due,
                reply="已办理完毕。",
                replied_on=due - timedelta(days=rng.randrange(1, 6)),
                result_class=Suggestion.ResultClass.A,
                satisfaction=Satisfaction.SATISFIED,
                rated_on=due,
            )
        )
    for i in range(plan.suggestions):
        assigned = date(YEAR, 3, 5)
        due = rules.reply_due_on(assigned)
        replied = i < plan.suggestions - 2
        late = i == 0
        rows.append(
            Suggestion(
                county=county,
                kind=Suggestion.Kind.SUGGESTION,
                number=rules.suggestion_number(year=YEAR, micro=False, sequence=i + 1),
                title=SUGGESTION_TITLES[i % len(SUGGESTION_TITLES)],
                content="建议有关部门统筹资金、加快推进。",
                deputy=rng.choice(deputies),
                submitted_on=date(YEAR, 1, 20),
                status=Suggestion.Status.CLOSED if replied else Suggestion.Status.ASSIGNED,
                lead_unit=county_units[i % len(county_units)],
                assigned_on=assigned,
                due_on=due,
                reply="已研究办理，详见书面答复。" if replied else "",
                replied_on=(due + timedelta(days=9) if late else due - timedelta(days=20))
                if replied
                else None,
                result_class=rng.choice("AAB") if replied else "",
                satisfaction=rng.choice([Satisfaction.SATISFIED, Satisfaction.BASICALLY])
                if replied
                else "",
            )
        )
    Suggestion.objects.bulk_create(rows)


def _contacts(county, deputies, plan: Plan, rng) -> None:
    leaders = ["县委书记", "县长", "县人大常委会主任", "县政协主席", "县法院院长", "县检察院检察长"]
    rows = [
        ContactVisit(
            county=county,
            kind=ContactVisit.Kind.LEADER_TO_DEPUTY,
            visitor=rng.choice(leaders),
            visited=(deputy := rng.choice(deputies)).name,
            deputy=deputy,
            visited_on=_day(rng),
        )
        for _ in range(plan.leader_visits)
    ]
    rows += [
        ContactVisit(
            county=county,
            kind=ContactVisit.Kind.DEPUTY_TO_PUBLIC,
            visitor=(deputy := rng.choice(deputies)).name,
            visited=f"{rng.choice(SURNAMES)}姓农户",
            deputy=deputy,
            visited_on=_day(rng),
        )
        for _ in range(plan.deputy_visits)
    ]
    ContactVisit.objects.bulk_create(rows, batch_size=1000)


def _link_demo_deputies(county) -> None:
    """Give the demo deputy logins a Deputy record at their county's first station."""
    usernames = [f"c{county.code}_deputy"] + (["yl_deputy"] if county.code == "431222" else [])
    station = Station.objects.filter(county=county).order_by("pk").first()
    for user in User.objects.filter(username__in=usernames):
        deputy, _ = Deputy.objects.update_or_create(
            user=user,
            defaults={
                "name": user.full_name or user.username,
                "level": Deputy.Level.COUNTY,
                "county": county,
                "township": station.township if station else None,
                "gender": Deputy.Gender.FEMALE,
                "ethnicity": ETHNIC.get(county.code, ["汉族"])[0],
                "occupation": "村党支部书记",
                "phone": "13800000000",
            },
        )
        if station:
            StationMembership.objects.get_or_create(station=station, deputy=deputy)
            _credit_demo_visits(station, deputy)


DEMO_DEPUTY_VISITS = 6


def _credit_demo_visits(station, deputy) -> None:
    """Put a few of the station's visits of the seed year on the demo deputy's record, so their
    home page and "my visits" show work; the county's totals stay the seed's."""
    if Visit.objects.filter(deputy=deputy).exists():
        return
    # Only visits of deputies without a login: another demo deputy keeps theirs.
    taken = Visit.objects.filter(
        station=station, visited_on__year=YEAR, deputy__user__isnull=True
    ).order_by("pk")
    ids = list(taken.values_list("pk", flat=True)[:DEMO_DEPUTY_VISITS])
    Visit.objects.filter(pk__in=ids).update(deputy=deputy)


# --- Deputies online (issue 18) -------------------------------------------------------------------
# Run on every seed; each part checks what is already there, so a second run adds nothing.

CAMPAIGNS = [
    # name, activities tagged, opinions, of which answered on the spot
    ("法治护绿", 30, 389, 350),
    ("法治护安", 36, 527, 480),
]
BORDER_ACTIVITIES, BORDER_OPINIONS, BORDER_SOLVED = 56, 120, 58
PARTNER_NAMES = ["杨正龙", "吴秀英", "龙德海", "姚春花", "潘志刚", "杨秀梅", "石光华", "吴建军"]


def _seed_online(counties: dict[str, Jurisdiction]) -> None:
    for code in ("431223", "431227", "431222"):
        if code in counties:
            _put_online(counties[code])
    if "431226" in counties:
        _contact_visit_opinions(counties["431226"])
    if "431223" in counties:
        _campaigns(counties["431223"])
        _photos(counties["431223"])
    if "431227" in counties:
        _border(counties["431227"])
    if "431222" in counties:
        _online_opinion(counties["431222"])


def _put_online(county: Jurisdiction) -> None:
    """The county's stations online, and the latest posts of each on its public page."""
    stations = Station.objects.filter(county=county, is_active=True)
    stations.filter(is_public=False).update(is_public=True)
    if StationPost.objects.filter(station__county=county, is_public=True).exists():
        return
    latest = StationPost.objects.filter(station__county=county).order_by("-published_on", "-pk")
    StationPost.objects.filter(pk__in=list(latest.values_list("pk", flat=True)[:300])).update(
        is_public=True
    )


def _contact_visit_opinions(county: Jurisdiction) -> None:
    """麻阳's 110 opinions were gathered on its 三联系三走访 visits to the public."""
    loose = list(
        Opinion.objects.filter(
            county=county, source=Opinion.Source.VISIT, visit=None, contact_visit=None
        ).order_by("pk")
    )
    visits = list(
        ContactVisit.objects.filter(
            county=county, kind=ContactVisit.Kind.DEPUTY_TO_PUBLIC
        ).order_by("pk")
    )
    if not loose or not visits:
        return
    for i, opinion in enumerate(loose):
        contact = visits[i % len(visits)]
        opinion.source = Opinion.Source.CONTACT_VISIT
        opinion.contact_visit = contact
        opinion.deputy = contact.deputy
        opinion.location = contact.visited
    Opinion.objects.bulk_update(loose, ["source", "contact_visit", "deputy", "location"])


def _campaigns(county: Jurisdiction) -> None:
    """辰溪's 法治护绿 and 法治护安: the year's activities tagged, and the opinions taken at them."""
    free = Activity.objects.filter(county=county, campaign=None, starts_at__year=YEAR).order_by(
        "pk"
    )
    for name, n_activities, n_opinions, n_answered in CAMPAIGNS:
        if Campaign.objects.filter(county=county, name=name).exists():
            continue
        campaign = Campaign.objects.create(
            county=county,
            name=name,
            starts_on=date(YEAR, 3, 1),
            ends_on=date(YEAR, 11, 30),
            description=f"{name}专项行动：代表进站、进村开展法治宣传，收集群众意见建议。",
        )
        ids = list(free.values_list("pk", flat=True)[:n_activities])
        Activity.objects.filter(pk__in=ids).update(campaign=campaign)
        activities = list(Activity.objects.filter(pk__in=ids).order_by("pk"))
        if not activities:
            continue
        rows = []
        for i in range(n_opinions):
            activity = activities[i % len(activities)]
            text, category = OPINION_TEXTS[i % len(OPINION_TEXTS)]
            day = timezone.localtime(activity.starts_at).date()
            answered = i < n_answered
            rows.append(
                Opinion(
                    county=county,
                    station_id=activity.station_id,
                    activity=activity,
                    campaign=campaign,
                    source=Opinion.Source.ACTIVITY,
                    content=text,
                    category=category,
                    location=activity.title[:64],
                    raised_on=day,
                    status=Opinion.Status.ANSWERED if answered else Opinion.Status.PENDING,
                    answer="代表和有关部门现场作了解答。" if answered else "",
                    resolved_on=day if answered else None,
                )
            )
        Opinion.objects.bulk_create(rows, batch_size=1000)


def _border(county: Jurisdiction) -> None:
    """新晃's 10 inter-provincial stations with Guizhou: partner deputies recorded at each, 56
    joint activities, 120 opinions and 58 problems solved across the border."""
    stations = list(
        Station.objects.filter(county=county, kind=Station.Kind.INTER_PROVINCIAL).order_by("pk")
    )
    if not stations or PartnerDeputy.objects.filter(station__in=stations).exists():
        return
    PartnerDeputy.objects.bulk_create(
        PartnerDeputy(
            station=station,
            name=PARTNER_NAMES[(2 * n + k) % len(PARTNER_NAMES)],
            region=station.partner_region,
            title="县人大代表" if k else "乡镇人大代表",
        )
        for n, station in enumerate(stations)
        for k in range(2)
    )
    by_station: dict[int, list[PartnerDeputy]] = {}
    for partner in PartnerDeputy.objects.filter(station__in=stations).order_by("pk"):
        by_station.setdefault(partner.station_id, []).append(partner)
    activity_rows = []
    for i in range(BORDER_ACTIVITIES):
        station = stations[i % len(stations)]
        day = date(YEAR, 1 + i % 11, 8 + i % 15)
        activity_rows.append(
            Activity(
                county=county,
                station=station,
                kind=Activity.Kind.FACE_TO_FACE if i % 2 else Activity.Kind.COURTYARD,
                title=f"湘黔两地代表联合接待群众（{station.partner_region}）",
                starts_at=_aware(day, 9),
                status=Activity.Status.HELD,
                announced_at=_aware(day - timedelta(days=7), 9),
                participants=30 + i % 20,
                questions_answered=4,
                disputes_mediated=1,
            )
        )
    activities = Activity.objects.bulk_create(activity_rows)
    links = Activity.partner_deputies.through
    links.objects.bulk_create(
        links(activity_id=a.pk, partnerdeputy_id=p.pk)
        for a in activities
        for p in by_station[a.station_id]
    )
    _border_opinions(county, stations, activities)


def _border_opinions(county, stations, activities) -> None:
    counted = Opinion.objects.counted().filter(station__in=stations, raised_on__year=YEAR)
    to_add = BORDER_OPINIONS - counted.count()
    to_solve = BORDER_SOLVED - counted.settled().count()
    rows = []
    for i in range(max(to_add, 0)):
        activity = activities[i % len(activities)]
        text, category = OPINION_TEXTS[i % len(OPINION_TEXTS)]
        day = timezone.localtime(activity.starts_at).date()
        solved = i < to_solve
        rows.append(
            Opinion(
                county=county,
                station_id=activity.station_id,
                activity=activity,
                source=Opinion.Source.ACTIVITY,
                content=f"（跨省）{text}",
                category=category,
                location=activity.title[:64],
                raised_on=day,
                status=Opinion.Status.RESOLVED if solved else Opinion.Status.IN_PROGRESS,
                partner_unit=f"{activity.station.partner_region}人民政府",
                transferred_on=day,
                due_on=day + timedelta(days=30),
                resolved_on=day + timedelta(days=20) if solved else None,
            )
        )
    opinions = Opinion.objects.bulk_create(rows)
    OpinionReply.objects.bulk_create(
        OpinionReply(
            opinion=o,
            body="两地协调解决，问题已办结。"
            if o.status == Opinion.Status.RESOLVED
            else "两地正在协调办理。",
            outcome=OpinionReply.Outcome.RESOLVED
            if o.status == Opinion.Status.RESOLVED
            else OpinionReply.Outcome.IN_PROGRESS,
            replied_on=o.raised_on + timedelta(days=20 if o.resolved_on else 10),
        )
        for o in opinions
    )


def _online_opinion(county: Jurisdiction) -> None:
    """沅陵: one opinion sent through a station's QR code, waiting for staff to read it."""
    station = Station.objects.filter(county=county, is_public=True).order_by("pk").first()
    if station is None or Opinion.objects.filter(station=station, source="online").exists():
        return
    Opinion.objects.create(
        county=county,
        station=station,
        source=Opinion.Source.ONLINE,
        content="村口小桥护栏松动，孩子上学经过很危险，希望尽快加固。",
        category=Opinion.Category.ROADS,
        raised_on=timezone.localdate(),
        status=Opinion.Status.UNREVIEWED,
        receipt="DEMO2345YL",
        consented_at=timezone.now(),
    )


# --- Photos: drawn here, so the demo needs no picture files and is the same on every run -----------

PHOTO_STATIONS = 3  # 辰溪's first stations online get a photo, and their deputies too
SKIN = (241, 203, 170)
BACKGROUNDS = [(196, 220, 240), (214, 234, 210), (240, 226, 200), (226, 214, 236)]
CLOTHES = [(40, 60, 90), (90, 40, 40), (50, 80, 60), (70, 70, 70)]


def _station_picture(i: int) -> bytes:
    """A station's front: sky, hills, the building with its red roof and the flag."""
    image = Image.new("RGB", (800, 450), (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 300), (220, 180 + 20 * i), (480, 290), (800, 200), (800, 450), (0, 450)],
        fill=(96, 150, 90),
    )
    draw.rectangle((0, 380, 800, 450), fill=(150, 150, 140))
    left = 220 + 40 * i
    draw.rectangle((left, 220, left + 360, 390), fill=(236, 232, 222))
    draw.polygon([(left - 20, 225), (left + 180, 150), (left + 380, 225)], fill=(178, 40, 40))
    for col in range(4):
        for row in range(2):
            x, y = left + 30 + col * 85, 245 + row * 60
            draw.rectangle((x, y, x + 45, y + 35), fill=(120, 160, 200))
    draw.rectangle((left + 150, 320, left + 210, 390), fill=(120, 80, 50))
    draw.line((left + 380, 390, left + 380, 120), fill=(90, 90, 90), width=4)
    draw.rectangle((left + 382, 120, left + 440, 160), fill=(222, 41, 16))
    return _jpeg(image)


def _deputy_picture(i: int) -> bytes:
    """A portrait's outline: head and shoulders on a plain background."""
    image = Image.new("RGB", (400, 400), BACKGROUNDS[i % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 250, 340, 520), fill=CLOTHES[i % len(CLOTHES)])
    draw.ellipse((130, 80, 270, 240), fill=SKIN)
    draw.chord((125, 70, 275, 200), 180, 360, fill=(30, 30, 30))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _store(record: Station | Deputy, data: bytes) -> None:
    # Through the same check and redrawing as an upload.
    jpeg = photos.shrink_to_jpeg(io.BytesIO(data), len(data))
    record.photo.save("photo.jpg", ContentFile(jpeg), save=False)


def _photos(county: Jurisdiction) -> None:
    """Photos of a few of 辰溪's stations and their deputies; one in four deputies' unpublished."""
    stations = Station.objects.filter(county=county, is_public=True).order_by("pk")
    for i, station in enumerate(stations[:PHOTO_STATIONS]):
        if station.photo:
            continue
        _store(station, _station_picture(i))
        station.save(update_fields=["photo"])
        members = Deputy.objects.filter(stations=station, is_active=True).order_by("pk")[:6]
        for j, deputy in enumerate(members):
            if deputy.photo:
                continue
            _store(deputy, _deputy_picture(i * 6 + j))
            deputy.photo_public = j % 4 != 3
            deputy.save(update_fields=["photo", "photo_public"])
