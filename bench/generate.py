"""A municipal-size data set for the benchmark, reproducible from a seed.

At scale 1.0: 13 counties, 250 townships, 2,000 stations, 20,000 deputies, 1,000,000 duty visits
over four years (2022-10-01 to 2026-09-30, sixteen full quarters), 200,000 public opinions, 20,000
suggestions, 5,000 audit problems, 2,000 livelihood projects and 1,600 deputy logins for the
voting benchmark. Smaller scales keep the shape and shrink every count, which is what the tests use.

One county is held small: 洪江区 (HELD_COUNTY) gets a quarter of an average county's stations,
deputies, visits and suggestions at scale 1, and no more at larger scales, while the rest of the
city grows. Its pages at scale 1 and 3 show whether one county's cost depends on its neighbours'
data (the isolation figures in RESULTS.md).

Rows are bulk-inserted without history records: the benchmark reads, it does not audit. The same
seed and scale give the same rows (primary keys aside, which the database hands out).
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import Role, User
from core.demo import COUNTIES, COUNTY_UNITS, MUNICIPALITY
from core.models import Jurisdiction, Unit
from deputies import rules as deputy_rules
from deputies.models import Activity, Deputy, Opinion, Station, StationMembership, Suggestion, Visit
from evaluations.models import AuditProblem
from livelihood_projects.models import Category, Cycle, Project

FIRST_DAY = dt.date(2022, 10, 1)
LAST_DAY = dt.date(2026, 9, 30)
BATCH = 5000
# Raised whenever the same seed and scale would give other rows, so a stored data set is rebuilt.
VERSION = 2
HELD_COUNTY = "431271"
HELD_SHARE = 0.25
PASSWORD = "Bench@2024!"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌辉林燕飞鹏春"
TOPICS = [
    "村道硬化",
    "饮水安全",
    "小学校舍维修",
    "卫生院设备",
    "路灯安装",
    "河道清淤",
    "农贸市场改造",
    "养老服务",
    "停车难",
    "垃圾清运",
]


@dataclass(frozen=True)
class Sizes:
    townships: int
    stations: int
    deputies: int
    visits: int
    opinions: int
    suggestions: int
    audit_problems: int
    projects: int
    voters: int
    activities: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        def n(full: int, least: int) -> int:
            return max(least, round(full * scale))

        counties = len(COUNTIES)
        return cls(
            townships=n(250, counties),
            stations=n(2_000, counties * 2),
            deputies=n(20_000, counties * 4),
            visits=n(1_000_000, 100),
            opinions=n(200_000, 20),
            suggestions=n(20_000, 20),
            audit_problems=n(5_000, 20),
            projects=n(2_000, counties * 4 * 3),
            voters=n(1_600, 10),
            activities=n(10_000, 20),
        )

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal integers, larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _chunks(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Generator:
    def __init__(self, *, scale: float = 1.0, seed: int = 2024, out=None):
        self.sizes = Sizes.at(scale)
        self.scale = scale
        self.rng = random.Random(seed)
        self.out = out

    def per_county(self, total: int, full: int) -> list[int]:
        """`total` rows split over the counties in COUNTIES order: the held county gets its fixed
        share of `full` (the count at scale 1), the others split the rest evenly."""
        counties = len(COUNTIES)
        held_index = [code for _n, code, _b, _t in COUNTIES].index(HELD_COUNTY)
        held = round(full / counties * HELD_SHARE * min(self.scale, 1.0))
        held = max(1, min(held, total // counties))
        others = _spread(total - held, counties - 1)
        return [*others[:held_index], held, *others[held_index:]]

    def log(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")
            self.out.flush()

    def run(self) -> Sizes:
        with transaction.atomic():
            self.jurisdictions()
            self.units()
            self.stations_and_deputies()
            self.users()
        self.visits_and_opinions()
        with transaction.atomic():
            self.suggestions()
            self.audit_problems()
            self.projects()
            self.activities()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                # Statistics for the planner, and the visibility map that lets counts use
                # index-only scans, as autovacuum would provide some time after a bulk load.
                cursor.execute("VACUUM ANALYZE")
        return self.sizes

    # --- Places and units -----------------------------------------------------------------------
    def jurisdictions(self) -> None:
        name, code = MUNICIPALITY
        self.city = Jurisdiction.objects.create(
            name=name, code=code, level=Jurisdiction.Level.MUNICIPAL
        )
        self.counties = Jurisdiction.objects.bulk_create(
            Jurisdiction(
                name=county,
                code=c,
                level=Jurisdiction.Level.COUNTY,
                parent=self.city,
                congress_body=body,
            )
            for county, c, body, _t in COUNTIES
        )
        townships = []
        for county, count in zip(
            self.counties, self.per_county(self.sizes.townships, 250), strict=True
        ):
            for i in range(count):
                townships.append(
                    Jurisdiction(
                        name=f"{county.name[:2]}第{i + 1}镇",
                        code=f"{county.code}{i + 1:03d}",
                        level=Jurisdiction.Level.TOWNSHIP,
                        parent=county,
                    )
                )
        self.townships = Jurisdiction.objects.bulk_create(townships)
        self.townships_of = {c.pk: [] for c in self.counties}
        for township in self.townships:
            self.townships_of[township.parent_id].append(township)
        self.log(f"行政区划：{len(self.counties)} 个县市区，{len(self.townships)} 个乡镇")

    def units(self) -> None:
        units = [
            Unit(name=name, kind=kind, jurisdiction=county)
            for county in self.counties
            for name, kind in COUNTY_UNITS
        ]
        units += [
            Unit(name="人民政府", kind=Unit.Kind.TOWNSHIP, jurisdiction=township)
            for township in self.townships
        ]
        Unit.objects.bulk_create(units)
        self.units_of = {c.pk: [] for c in self.counties}
        for unit in Unit.objects.select_related("jurisdiction"):
            county_id = (
                unit.jurisdiction.parent_id
                if unit.jurisdiction.parent_id != self.city.pk
                else unit.jurisdiction_id
            )
            self.units_of[county_id].append(unit.pk)
        self.log(f"承办单位：{len(units)} 个")

    # --- Stations, deputies, logins -------------------------------------------------------------
    def stations_and_deputies(self) -> None:
        rng, sizes = self.rng, self.sizes
        stations = []
        for county, count in zip(
            self.counties, self.per_county(sizes.stations, 2_000), strict=True
        ):
            towns = self.townships_of[county.pk]
            for i in range(count):
                township = towns[i % len(towns)]
                stations.append(
                    Station(
                        name=f"{township.name}第{i // len(towns) + 1}代表联络站",
                        kind=Station.Kind.TOWNSHIP if i % 10 else Station.Kind.INDUSTRY_CHAIN,
                        county=county,
                        township=township,
                        address=f"{township.name}人民路{i + 1}号",
                        reception_hours="每月5日、15日、25日",
                    )
                )
        self.stations = Station.objects.bulk_create(stations)
        stations_of = {c.pk: [] for c in self.counties}
        for station in self.stations:
            stations_of[station.county_id].append(station)

        deputies, station_of_deputy = [], []
        # Suggestions and audit findings fall on a county in proportion to its deputies.
        self.county_weights = self.per_county(sizes.deputies, 20_000)
        for county, count in zip(self.counties, self.county_weights, strict=True):
            for i in range(count):
                station = stations_of[county.pk][i % len(stations_of[county.pk])]
                station_of_deputy.append(station)
                deputies.append(
                    Deputy(
                        name=_name(rng),
                        level=Deputy.Level.TOWNSHIP if i % 3 else Deputy.Level.COUNTY,
                        county=county,
                        township=station.township,
                        gender=rng.choice(Deputy.Gender.values),
                        occupation=rng.choice(
                            ["农民", "教师", "村党支部书记", "医生", "企业负责人"]
                        ),
                        phone=f"1{rng.randrange(3, 10)}{rng.randrange(10**9):09d}",
                    )
                )
        self.deputies = []
        for batch in _chunks(iter(deputies)):
            self.deputies += Deputy.objects.bulk_create(batch)
        # (deputy pk, station pk, county pk): what a visit needs to stay consistent.
        self.placement = [
            (d.pk, s.pk, s.county_id) for d, s in zip(self.deputies, station_of_deputy, strict=True)
        ]
        for batch in _chunks(
            StationMembership(station=s, deputy=d, role=StationMembership.Role.MEMBER)
            for d, s in zip(self.deputies, station_of_deputy, strict=True)
        ):
            StationMembership.objects.bulk_create(batch)
        self.log(f"联络站：{len(self.stations)} 个；代表：{len(self.deputies)} 名")

    def users(self) -> None:
        # One hash for every bench login: hashing 1,600 passwords with argon2 would take minutes.
        password = make_password(PASSWORD)
        users = [
            User(
                username="bench_admin", role=Role.ADMIN, jurisdiction=self.city, password=password
            ),
        ]
        users += [
            User(
                username=f"bench_staff_{county.code}",
                role=Role.STAFF,
                jurisdiction=county,
                password=password,
            )
            for county in self.counties
        ]
        # The first deputies of every county get logins: the electorate of the voting benchmark.
        per_county = _spread(self.sizes.voters, len(self.counties))
        voters = []
        for county, count in zip(self.counties, per_county, strict=True):
            in_county = [d for d in self.deputies if d.county_id == county.pk][:count]
            voters += in_county
        users += [
            User(
                username=f"bench_deputy_{i:04d}",
                full_name=deputy.name,
                role=Role.DEPUTY,
                jurisdiction_id=deputy.county_id,
                password=password,
            )
            for i, deputy in enumerate(voters)
        ]
        created = User.objects.bulk_create(users)
        for deputy, user in zip(voters, created[-len(voters) :], strict=True):
            deputy.user = user
        Deputy.objects.bulk_update(voters, ["user"], batch_size=BATCH)
        self.staff = {u.jurisdiction_id: u for u in created if u.role == Role.STAFF}
        self.log(f"登录账户：{len(created)} 个（其中投票代表 {len(voters)} 名）")

    # --- Visits and the opinions collected on them ----------------------------------------------
    def visits_and_opinions(self) -> None:
        rng, sizes = self.rng, self.sizes
        days = (LAST_DAY - FIRST_DAY).days + 1
        with_opinion = set(rng.sample(range(sizes.visits), sizes.opinions))
        kinds = Visit.Kind.values
        categories = Opinion.Category.values
        held_index = [c.code for c in self.counties].index(HELD_COUNTY)
        held_id = self.counties[held_index].pk
        pools = {
            True: [p for p in self.placement if p[2] == held_id],
            False: [p for p in self.placement if p[2] != held_id],
        }
        held_share = self.per_county(sizes.visits, 1_000_000)[held_index]
        held_visits = set(rng.sample(range(sizes.visits), held_share))

        def visits() -> Iterator[tuple[int, Visit]]:
            index = 0
            # Day by day, so that ids follow the visit dates as they do when deputies record them.
            for offset, count in enumerate(_spread(sizes.visits, days)):
                day = FIRST_DAY + dt.timedelta(days=offset)
                for _ in range(count):
                    pool = pools[index in held_visits]
                    deputy_id, station_id, _c = pool[rng.randrange(len(pool))]
                    yield (
                        index,
                        Visit(
                            station_id=station_id,
                            deputy_id=deputy_id,
                            visited_on=day,
                            kind=rng.choice(kinds),
                            people_received=rng.randrange(0, 30),
                            notes="接待群众，听取意见建议。",
                        ),
                    )
                    index += 1

        county_of_station = {s.pk: s.county_id for s in self.stations}
        done_visits = done_opinions = 0
        for batch in _chunks(visits(), 10_000):
            with transaction.atomic():
                created = Visit.objects.bulk_create([visit for _i, visit in batch])
                opinions = [
                    self.opinion(visit, county_of_station[visit.station_id], rng.choice(categories))
                    for (index, _v), visit in zip(batch, created, strict=True)
                    if index in with_opinion
                ]
                Opinion.objects.bulk_create(opinions)
            done_visits += len(created)
            done_opinions += len(opinions)
            if done_visits % 100_000 < len(created):
                self.log(f"进站履职：{done_visits:,} 次；群众意见：{done_opinions:,} 条")
        self.log(f"进站履职：{done_visits:,} 次；群众意见：{done_opinions:,} 条")

    def opinion(self, visit: Visit, county_id: int, category: str) -> Opinion:
        rng = self.rng
        roll = rng.random()
        opinion = Opinion(
            county_id=county_id,
            station_id=visit.station_id,
            visit=visit,
            deputy_id=visit.deputy_id,
            content=f"{rng.choice(TOPICS)}问题，希望尽快解决。",
            category=category,
            raised_on=visit.visited_on,
        )
        if roll < 0.4:
            opinion.status = Opinion.Status.ANSWERED
            opinion.answer = "已当场解释政策。"
            return opinion
        if roll < 0.42:
            return opinion  # still pending
        opinion.level = Opinion.Level.COUNTY
        opinion.unit_id = rng.choice(self.units_of[county_id])
        opinion.transferred_on = visit.visited_on + dt.timedelta(days=rng.randrange(1, 5))
        opinion.due_on = opinion.transferred_on + dt.timedelta(days=30)
        if roll < 0.52:
            opinion.status = Opinion.Status.TRANSFERRED
        elif roll < 0.62:
            opinion.status = Opinion.Status.IN_PROGRESS
        else:
            opinion.status = Opinion.Status.RESOLVED
            opinion.resolved_on = opinion.transferred_on + dt.timedelta(days=rng.randrange(3, 45))
            opinion.satisfaction = rng.choice(
                ("satisfied", "satisfied", "basically", "dissatisfied")
            )
        return opinion

    # --- Suggestions, audit problems, projects, activities --------------------------------------
    def suggestions(self) -> None:
        rng = self.rng
        by_county = {c.pk: [] for c in self.counties}
        for deputy_id, _s, county_id in self.placement:
            by_county[county_id].append(deputy_id)
        years = range(FIRST_DAY.year + 1, LAST_DAY.year + 1)
        rows = []
        sequence = {}
        for _ in range(self.sizes.suggestions):
            county = rng.choices(self.counties, weights=self.county_weights)[0]
            year = rng.choice(years)
            micro = rng.random() < 0.3
            key = (county.pk, year, micro)
            sequence[key] = sequence.get(key, 0) + 1
            submitted = _day(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), LAST_DAY))
            suggestion = Suggestion(
                county=county,
                kind=Suggestion.Kind.MICRO if micro else Suggestion.Kind.SUGGESTION,
                number=deputy_rules.suggestion_number(
                    year=year, micro=micro, sequence=sequence[key]
                ),
                title=f"关于{rng.choice(TOPICS)}的建议",
                content="建议有关部门统筹资金，加快推进。",
                deputy_id=rng.choice(by_county[county.pk]),
                submitted_on=submitted,
            )
            roll = rng.random()
            if roll > 0.05:
                suggestion.status = Suggestion.Status.ASSIGNED
                suggestion.lead_unit_id = rng.choice(self.units_of[county.pk])
                suggestion.assigned_on = submitted + dt.timedelta(days=rng.randrange(1, 10))
                suggestion.due_on = suggestion.assigned_on + dt.timedelta(days=90)
            if roll > 0.25:
                suggestion.status = Suggestion.Status.REPLIED
                suggestion.replied_on = suggestion.assigned_on + dt.timedelta(
                    days=rng.randrange(10, 110)
                )
                suggestion.reply = "已研究办理。"
                suggestion.result_class = rng.choice("AABC")
            if roll > 0.45:
                suggestion.status = Suggestion.Status.CLOSED
                suggestion.satisfaction = rng.choice(
                    ("satisfied", "satisfied", "basically", "dissatisfied")
                )
                suggestion.rated_on = suggestion.replied_on + dt.timedelta(days=7)
            rows.append(suggestion)
        for batch in _chunks(iter(rows)):
            Suggestion.objects.bulk_create(batch)
        self.log(f"代表建议：{len(rows):,} 件")

    def audit_problems(self) -> None:
        rng = self.rng
        sequence = {}
        rows = []
        for _ in range(self.sizes.audit_problems):
            county = rng.choices(self.counties, weights=self.county_weights)[0]
            year = rng.randrange(FIRST_DAY.year + 1, LAST_DAY.year + 1)
            sequence[(county.pk, year)] = sequence.get((county.pk, year), 0) + 1
            status = rng.choice(AuditProblem.Status.values)
            deadline = dt.date(year, 12, 31)
            rows.append(
                AuditProblem(
                    jurisdiction=county,
                    year=year,
                    number=f"{year}-{sequence[(county.pk, year)]:03d}",
                    area=rng.choice(["预算执行", "专项资金", "国有资产", "政府债务"]),
                    description="资金未按规定用途使用。",
                    amount=Decimal(rng.randrange(1, 50_000)) / 10,
                    unit_id=rng.choice(self.units_of[county.pk]),
                    deadline=deadline,
                    status=status,
                    closed_on=deadline if status == AuditProblem.Status.RECTIFIED else None,
                )
            )
        AuditProblem.objects.bulk_create(rows, batch_size=BATCH)
        self.log(f"审计问题：{len(rows):,} 个")

    def projects(self) -> None:
        rng = self.rng
        years = list(range(FIRST_DAY.year + 1, LAST_DAY.year + 1))
        cycles = Cycle.objects.bulk_create(
            Cycle(
                jurisdiction=county,
                year=year,
                seats=10,
                deputies_total=200,
                budget_envelope=Decimal(20_000),
                decide_on=dt.date(year, 1, 15),
            )
            for county in self.counties
            for year in years
        )
        rows = []
        for cycle, count in zip(cycles, _spread(self.sizes.projects, len(cycles)), strict=True):
            county_id = cycle.jurisdiction_id
            for position in range(count):
                elected = position < cycle.seats
                budget = Decimal(rng.randrange(100, 3000))
                progress = Decimal(min(100, rng.randrange(0, 140)))
                rows.append(
                    Project(
                        cycle=cycle,
                        title=f"{rng.choice(TOPICS)}工程（{position + 1}）",
                        category=rng.choice(Category.values),
                        township=rng.choice(self.townships_of[county_id]),
                        estimated_cost=budget,
                        position=position + 1,
                        status=Project.Status.ELECTED if elected else Project.Status.NOT_ELECTED,
                        votes=rng.randrange(60, 200),
                        responsible_unit_id=rng.choice(self.units_of[county_id])
                        if elected
                        else None,
                        start_on=dt.date(cycle.year, 3, 1) if elected else None,
                        due_on=dt.date(cycle.year, 12, 31) if elected else None,
                        progress=progress if elected else Decimal(0),
                        budget_total=budget if elected else Decimal(0),
                        allocated_total=budget if elected else Decimal(0),
                        spent_total=(budget * progress / 100).quantize(Decimal("0.01"))
                        if elected
                        else Decimal(0),
                    )
                )
        Project.objects.bulk_create(rows, batch_size=BATCH)
        self.log(f"民生实事：{len(cycles)} 个年度，{len(rows):,} 个项目")

    def activities(self) -> None:
        rng = self.rng
        tz = dt.timezone(dt.timedelta(hours=8))
        rows = []
        for _ in range(self.sizes.activities):
            station = rng.choice(self.stations)
            day = _day(rng)
            starts = dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz)
            rows.append(
                Activity(
                    county_id=station.county_id,
                    station=station,
                    kind=rng.choice(Activity.Kind.values),
                    title="代表进站接待群众",
                    starts_at=starts,
                    status=Activity.Status.HELD,
                    announced_at=starts - dt.timedelta(days=7),
                    participants=rng.randrange(5, 80),
                )
            )
        Activity.objects.bulk_create(rows, batch_size=BATCH)
        self.log(f"联络站活动：{len(rows):,} 场")
