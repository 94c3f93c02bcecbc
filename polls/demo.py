"""Demo polls for 沅陵县 and 辰溪县, built through the services like real ones.

Idempotent: a poll is looked up by jurisdiction and title and left alone when it exists, so
running `seed_demo` again neither adds ballots nor changes results.
"""

import random

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from core.models import Jurisdiction, Unit

from . import rules, services
from .models import Poll

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "秀兰",
    "建国",
    "志强",
    "红梅",
    "海燕",
    "德华",
    "春生",
    "桂英",
    "玉珍",
    "国庆",
    "文军",
    "丽华",
]


def _deputies(county: Jurisdiction, count: int) -> list[User]:
    """The county's demo deputy plus `count` more (c<code>_deputy<N>), created when missing."""
    deputies = list(User.objects.filter(username=f"c{county.code}_deputy"))
    for n in range(1, count + 1):
        name = SURNAMES[(n * 7) % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
        user, created = User.objects.get_or_create(
            username=f"c{county.code}_deputy{n}",
            defaults={"full_name": name, "role": Role.DEPUTY, "jurisdiction": county},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        deputies.append(user)
    return deputies


def _new_poll(county, title, by, **fields) -> Poll | None:
    if Poll.objects.filter(jurisdiction=county, title=title).exists():
        return None
    return services.poll_create(by=by, jurisdiction=county, title=title, **fields)


def _vote_all(poll: Poll, voters, rng: random.Random, weights: list[int]) -> None:
    ids = list(poll.subjects.values_list("pk", flat=True))
    codes = rules.codes(poll.scale)
    for voter in voters:
        marks = {sid: rng.choices([*codes, None], weights=weights)[0] for sid in ids}
        services.ballot_cast(poll=poll, voter=voter, marks=marks)


def seed() -> None:
    rng = random.Random(2024)
    _seed_yuanling(rng)
    _seed_chenxi(rng)


def _seed_yuanling(rng: random.Random) -> None:
    county = Jurisdiction.objects.get(code="431222")
    staff = User.objects.get(username="yl_staff")
    deputies = [User.objects.get(username="yl_deputy"), *_deputies(county, 20)]
    units = Unit.objects.filter(jurisdiction=county, kind=Unit.Kind.GOVERNMENT).exclude(
        name__endswith="办公室"
    )[:6]

    poll = _new_poll(
        county,
        "2024年度县政府工作部门工作评议满意度测评",
        staff,
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
        description="结合“四张清单”评议结果，对被评议单位进行无记名满意度测评。",
    )
    if poll:
        services.subjects_add(poll=poll, targets=units, by=staff)
        services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=staff)
        services.poll_open(poll=poll, by=staff)
        _vote_all(poll, deputies[1:18], rng, weights=[60, 30, 6, 4])
        services.poll_close(poll=poll, by=staff)
        services.poll_publish(poll=poll, by=staff)

    poll = _new_poll(
        county,
        "2025年县级民生实事项目代表票决",
        staff,
        kind=Poll.Kind.APPROVAL,
        max_choices=3,
        description="差额票决：5个候选项目中选3个，获全体代表过半数赞成票方可当选。",
    )
    if poll:
        services.subjects_add(
            poll=poll,
            labels=[
                "城区第二幼儿园迁建",
                "官庄镇农村饮水安全巩固提升",
                "五强溪镇卫生院改扩建",
                "县城老旧小区改造（二期）",
                "乡镇养老服务中心建设",
            ],
            by=staff,
        )
        services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=staff)
        services.poll_open(poll=poll, by=staff)
        ids = list(poll.subjects.values_list("pk", flat=True))
        for voter in deputies[1:12]:  # yl_deputy (the first) has not voted yet
            chosen = rng.sample(ids, 3)
            services.ballot_cast(poll=poll, voter=voter, marks=dict.fromkeys(chosen, "Y"))

    poll = _new_poll(
        county,
        "2023年度审计查出问题整改情况满意度测评",
        staff,
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    if poll:
        audit = Unit.objects.filter(jurisdiction=county, name__endswith="审计局")
        services.subjects_add(poll=poll, targets=audit, by=staff)
        services.subjects_add(poll=poll, labels=["县教育局（审计整改）"], by=staff)
        services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=staff)


def _seed_chenxi(rng: random.Random) -> None:
    county = Jurisdiction.objects.get(code="431223")
    staff = User.objects.get(username="cx_staff")
    second_teller = User.objects.get(username="c431223_staff")
    people = _deputies(county, 18)
    deputies, members = people[:13], people[13:]
    poll = _new_poll(
        county,
        "2024年度“一府一委两院”及部门工作双向测评",
        staff,
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.GRADE,
        description="全体县人大代表和常委会组成人员分两组测评，分别报告结果。",
        tellers=[staff, second_teller],
    )
    if not poll:
        return
    names = ["人民政府办公室", "监察委员会", "人民法院", "人民检察院", "财政局", "民政局"]
    units = [Unit.objects.get(jurisdiction=county, name=f"辰溪县{n}") for n in names]
    services.subjects_add(poll=poll, targets=units, by=staff)
    services.electorate_add(poll=poll, group_name="全体代表", voters=deputies, by=staff)
    services.electorate_add(poll=poll, group_name="常委会组成人员", voters=members, by=staff)
    services.poll_open(poll=poll, by=staff)
    # At the session, eight deputies voted on paper; the others and the members online.
    paper_voters = deputies[5:13]
    services.paper_voters_record(poll=poll, voters=paper_voters, by=staff)
    _vote_all(poll, deputies[:4], rng, weights=[40, 40, 12, 5, 3])
    _vote_all(poll, members, rng, weights=[30, 45, 15, 8, 2])
    services.poll_close(poll=poll, by=staff)
    group = poll.groups.get(name="全体代表")
    counts = {}
    for n, subject in enumerate(poll.subjects.all()):
        a, b, c = 3 - n % 3, 2 + n % 2, 1
        counts[subject.pk] = {"A": a, "B": b, "C": c, "D": 7 - a - b - c, "blank": 0, "invalid": 0}
    sheet = rules.PaperSheet(ballots=8, invalid_ballots=1, counts=counts)
    for teller in (staff, second_teller):
        services.paper_tally_enter(poll=poll, group=group, teller=teller, sheet=sheet)
