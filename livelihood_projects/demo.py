"""Demo data from the seed article: 溆浦, 芷江, 沅陵 and 新晃's voted livelihood projects.

Each demo cycle is filled once: a cycle that already has proposals or projects is left as it is,
so `seed_demo` can run again without duplicating anything. Rows are written with bulk_create.

The figures the portal's own statistics then show:
- 溆浦 2024: 34 voted projects (county and township), 1,000万元 budgeted, 100% completed.
- 芷江 2024: 383 proposals (87 county-level, 296 township-level), 32 projects voted, among them
  the move of 芷江第一幼儿园 (6,403万元); 2023's 5 county and 28 township projects, evaluated at
  the 2024 sessions, 100% satisfied.
- 沅陵 2024: 12 township projects with 235万元 secured.
- 新晃 2024: two inspections of the year's projects and a look-back (回头看) at 2023's.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.models import Jurisdiction, Unit

from .models import (
    Approval,
    Category,
    Cycle,
    Inspection,
    Milestone,
    MoneyEntry,
    Project,
    Proposal,
    VoteRound,
)
from .services import RECEIPT_ALPHABET

CATEGORIES = list(Category.values)
UNIT_BY_CATEGORY = {
    Category.EDUCATION: "教育局",
    Category.HEALTH: "卫生健康局",
    Category.TRANSPORT: "交通运输局",
    Category.WATER: "水利局",
    Category.ELDERLY: "民政局",
    Category.SOCIAL: "民政局",
}
COUNTY_TITLES = [
    ("城区学校扩容提质", Category.EDUCATION),
    ("县人民医院急诊能力提升", Category.HEALTH),
    ("城乡客运一体化", Category.TRANSPORT),
    ("农村集中供水提标改造", Category.WATER),
    ("社区居家养老服务中心建设", Category.ELDERLY),
    ("困难群众救助服务提质", Category.SOCIAL),
    ("乡镇卫生院设备更新", Category.HEALTH),
    ("城区背街小巷改造", Category.ENVIRONMENT),
    ("公共文化场馆免费开放提质", Category.EDUCATION),
    ("零工市场建设", Category.EMPLOYMENT),
    ("农村公路安全生命防护工程", Category.TRANSPORT),
    ("城区停车场建设", Category.TRANSPORT),
]
TOWNSHIP_TITLES = [
    ("村级养老服务站建设", Category.ELDERLY),
    ("集镇饮水管网改造", Category.WATER),
    ("村组道路硬化", Category.TRANSPORT),
    ("村卫生室标准化建设", Category.HEALTH),
    ("中心小学食堂改造", Category.EDUCATION),
    ("集镇路灯安装", Category.ENVIRONMENT),
    ("农村公厕改造", Category.ENVIRONMENT),
    ("村级文化广场建设", Category.EDUCATION),
    ("山塘水库清淤", Category.WATER),
    ("便民服务中心提质", Category.SOCIAL),
]
NOT_TAKEN_REASONS = [
    "已纳入相关部门年度工作计划，不再列入票决。",
    "投资规模超出当年财力，建议列入以后年度。",
    "属于个人诉求，不属于民生实事项目范围。",
    "与其他建议内容相同，已合并办理。",
]
INELIGIBLE_REASON = "上级已有政策性专项资金支持，按规定不列入票决范畴。"


def seed() -> None:
    rng = random.Random(20241227)  # the seed article's date: the same demo every time
    receipts: set[str] = set(Proposal.objects.values_list("receipt_number", flat=True))
    _xupu(rng, receipts)
    _zhijiang(rng, receipts)
    _yuanling(rng, receipts)
    _xinhuang(rng, receipts)
    _open_collection()


# --- The counties ------------------------------------------------------------------------------


def _xupu(rng, receipts) -> None:
    county = Jurisdiction.objects.get(code="431224")
    # 1,000万元 for county and township voted projects: 10 county projects of 50万元 and 24
    # township projects sharing the other 500万元; every one completed.
    cycle = _cycle(county, 2024, envelope=1000, seats=10, deputies=268)
    if cycle:
        _fill(cycle, rng, receipts, proposals=(40, 0), candidates=12, elected=[50] * 10)
    amounts = [[21] * 8, [21] * 8, [21] * 4 + [20] * 4]
    for town, town_amounts in zip(county.children.order_by("code"), amounts, strict=True):
        cycle = _cycle(town, 2024, envelope=sum(town_amounts), seats=8, deputies=62)
        if cycle:
            _fill(cycle, rng, receipts, proposals=(18, 0), candidates=10, elected=town_amounts)


def _zhijiang(rng, receipts) -> None:
    county = Jurisdiction.objects.get(code="431228")
    towns = list(county.children.order_by("code"))
    # 2023: evaluated at the 2024 sessions, every project 100% satisfied.
    cycle = _cycle(county, 2023, envelope=20000, seats=5, deputies=215)
    if cycle:
        _fill(cycle, rng, receipts, proposals=(0, 0), candidates=6, elected=[3000] * 5, rated=215)
    for town, n in zip(towns, [10, 9, 9], strict=True):
        cycle = _cycle(town, 2023, envelope=n * 400, seats=n, deputies=58)
        if cycle:
            _fill(cycle, rng, receipts, (0, 0), candidates=n + 2, elected=[400] * n, rated=58)
    # 2024: 87 county-level and 296 township-level proposals; 5 + 27 = 32 voted projects, the
    # 9th congress's 3rd session voting the kindergarten move; over 7亿元 invested in all.
    cycle = _cycle(county, 2024, envelope=70603, seats=5, deputies=215)
    if cycle:
        _fill(
            cycle,
            rng,
            receipts,
            proposals=(87, 30),
            candidates=7,
            elected=[6403, 12000, 12000, 12000, 12000],
            first_title=("芷江第一幼儿园搬迁扩容", Category.EDUCATION),
        )
    for town, n in zip(towns, [99, 99, 98], strict=True):
        cycle = _cycle(town, 2024, envelope=5400, seats=9, deputies=58)
        if cycle:
            _fill(cycle, rng, receipts, proposals=(n, 40), candidates=11, elected=[600] * 9)


def _yuanling(rng, receipts) -> None:
    county = Jurisdiction.objects.get(code="431222")
    # 12 township projects; the county's finance secured 235万元 for them. Half done by the
    # year's end, so the dashboard shows them lagging.
    amounts = [[25, 20, 20, 15], [25, 20, 20, 15], [25, 20, 20, 10]]
    for town, town_amounts in zip(county.children.order_by("code"), amounts, strict=True):
        cycle = _cycle(town, 2024, envelope=sum(town_amounts), seats=4, deputies=55)
        if cycle:
            _fill(
                cycle,
                rng,
                receipts,
                proposals=(15, 5),
                candidates=6,
                elected=town_amounts,
                progress=[100, 100, 50, 30],
            )


def _xinhuang(rng, receipts) -> None:
    county = Jurisdiction.objects.get(code="431227")
    last = _cycle(county, 2023, envelope=3000, seats=5, deputies=196)
    if last:
        _fill(last, rng, receipts, proposals=(0, 0), candidates=6, elected=[600] * 5, rated=196)
    cycle = _cycle(county, 2024, envelope=3600, seats=6, deputies=196)
    if not cycle:
        return
    _fill(cycle, rng, receipts, proposals=(30, 10), candidates=8, elected=[600] * 6)
    this_year = list(cycle.projects.elected())
    last_year = list(Project.objects.elected().filter(cycle__jurisdiction=county, cycle__year=2023))
    visits = [
        (
            Inspection.Kind.PRE_SESSION,
            date(2024, 6, 18),
            this_year,
            "项目总体按计划推进，两个项目征地滞后。",
        ),
        (
            Inspection.Kind.ROUTINE,
            date(2024, 11, 26),
            this_year,
            "五个项目完工，一个项目年底前完工。",
        ),
        (
            Inspection.Kind.LOOK_BACK,
            date(2024, 11, 27),
            last_year,
            "2023年项目运行良好，一处供水点需加强管护。",
        ),
    ]
    for kind, held_on, projects, findings in visits:
        inspection = Inspection.objects.create(
            cycle=cycle,
            kind=kind,
            held_on=held_on,
            participants="省、市、县三级人大代表 18 人",
            findings=findings,
        )
        inspection.projects.set(projects)


def _open_collection() -> None:
    """沅陵's collection of this year's proposals, open to the public now.

    The story's cycles keep their years (2023, 2024); this one follows the clock, so a newcomer's
    `make run` always finds a public proposal form that accepts a proposal.
    """
    county = Jurisdiction.objects.get(code="431222")
    today = timezone.localdate()
    Cycle.objects.update_or_create(
        jurisdiction=county,
        year=today.year,
        defaults={
            "budget_envelope": Decimal(500),
            "seats": 8,
            "deputies_total": 230,
            "accepts_public_proposals": True,
            "notice": (
                f"沅陵县人大常委会面向社会公开征集{today.year}年度民生实事项目建议。"
                "请写明项目名称、所在乡镇和理由，提交后凭回执编号查询办理情况。"
            ),
            "solicit_on": today - timedelta(days=14),
            "propose_on": today + timedelta(days=30),
            "deliberate_on": today + timedelta(days=45),
            "decide_on": today + timedelta(days=60),
            "assign_on": today + timedelta(days=70),
            "handle_on": today + timedelta(days=330),
            "supervise_on": today + timedelta(days=300),
            "evaluate_on": today + timedelta(days=365),
        },
    )


# --- Building blocks ---------------------------------------------------------------------------


def _cycle(place, year, *, envelope, seats, deputies) -> Cycle | None:
    """The cycle, created or updated; None when it already holds records (left untouched)."""
    cycle, _created = Cycle.objects.update_or_create(
        jurisdiction=place,
        year=year,
        defaults={
            "budget_envelope": Decimal(envelope),
            "seats": seats,
            "deputies_total": deputies,
            "solicit_on": date(year - 1, 10, 8),
            "propose_on": date(year - 1, 11, 30),
            "deliberate_on": date(year - 1, 12, 20),
            "decide_on": date(year, 1, 12),
            "assign_on": date(year, 1, 20),
            "handle_on": date(year, 12, 31),
            "supervise_on": date(year, 12, 10),
            "evaluate_on": date(year + 1, 1, 15),
        },
    )
    if cycle.projects.exists() or cycle.proposals.exists():
        return None
    for kind, body in [
        (Approval.Kind.PRELIMINARY_REVIEW, place.congress_body or f"{place.name}人大"),
        (Approval.Kind.PARTY_AGREEMENT, f"中共{place.name}委员会"),
    ]:
        Approval.objects.create(
            cycle=cycle,
            kind=kind,
            body=body,
            decided_on=date(year - 1, 12, 20 if kind == Approval.Kind.PRELIMINARY_REVIEW else 28),
            document_number=f"{place.name[:2]}发〔{year - 1}〕{40 + cycle.pk % 50}号",
        )
    return cycle


def _fill(
    cycle,
    rng,
    receipts,
    proposals,
    *,
    candidates,
    elected,
    first_title=None,
    progress=None,
    rated=None,
):
    """Proposals (n, of which public), candidates, the vote, the elected projects' records."""
    titles = COUNTY_TITLES if not cycle.is_township else TOWNSHIP_TITLES
    titles = ([first_title] if first_title else []) + titles
    town = cycle.jurisdiction if cycle.is_township else None
    projects = Project.objects.bulk_create(
        Project(
            cycle=cycle,
            title=_title(cycle, titles, i),
            category=titles[i % len(titles)][1],
            township=town,
            position=i + 1,
            estimated_cost=Decimal(elected[i] if i < len(elected) else 80),
            status=Project.Status.ELECTED if i < len(elected) else Project.Status.NOT_ELECTED,
            votes=cycle.deputies_total * (90 - 3 * i) // 100,
        )
        for i in range(candidates)
    )
    _vote_round(cycle, projects, len(elected))
    _proposals(cycle, rng, receipts, projects, *proposals)
    _implementation(cycle, projects[: len(elected)], elected, progress, rated)


def _title(cycle, titles, i) -> str:
    title = titles[i % len(titles)][0]
    prefix = cycle.jurisdiction.name if cycle.is_township else ""
    return f"{prefix}{title}" if i < len(titles) else f"{prefix}{title}（二期）"


def _vote_round(cycle, projects, seats) -> None:
    vote_round = VoteRound.objects.create(
        cycle=cycle,
        seats=seats,
        method=VoteRound.Method.PAPER,
        valid_ballots=cycle.deputies_total * 95 // 100,
        invalid_ballots=cycle.deputies_total * 2 // 100,
        votes={str(p.pk): p.votes for p in projects},
        counted_at=timezone.make_aware(datetime.combine(cycle.decide_on, time(12))),
    )
    vote_round.candidates.set(projects)


def _proposals(cycle, rng, receipts, projects, count, public) -> None:
    rows = []
    published_at = timezone.make_aware(
        datetime.combine(cycle.deliberate_on or date(cycle.year, 1, 1), time(9))
    )
    for i in range(count):
        project = projects[i % len(projects)] if i < len(projects) * 2 else None
        kind = i % 7
        if project is not None:
            status, reason = Proposal.Status.CANDIDATE, ""
        elif kind == 0:
            status, reason = Proposal.Status.INELIGIBLE, INELIGIBLE_REASON
        else:
            status, reason = Proposal.Status.NOT_TAKEN, NOT_TAKEN_REASONS[i % 4]
        source = (
            Proposal.Source.PUBLIC
            if i < public
            else rng.choice(
                [Proposal.Source.DEPUTY, Proposal.Source.TOWNSHIP, Proposal.Source.STAFF]
            )
        )
        if cycle.is_township and source == Proposal.Source.TOWNSHIP:
            source = Proposal.Source.DEPUTY
        title, category = (
            (project.title, project.category)
            if project
            else (
                f"关于{rng.choice(['解决', '改善', '建设', '修缮'])}{rng.choice(TOWNSHIP_TITLES)[0]}的建议",
                rng.choice(CATEGORIES),
            )
        )
        rows.append(
            Proposal(
                cycle=cycle,
                receipt_number=_receipt(cycle.year, rng, receipts),
                title=title[:100],
                category=category,
                township=cycle.jurisdiction if cycle.is_township else None,
                description="群众反映强烈，建议列入年度民生实事项目。",
                source=source,
                status=status,
                screening_reason=reason,
                project=project,
                # Past years' public proposals were read and published by staff long ago.
                published_at=published_at if source == Proposal.Source.PUBLIC else None,
            )
        )
    Proposal.objects.bulk_create(rows)


def _receipt(year, rng, receipts) -> str:
    while True:
        number = f"MS{year}-" + "".join(rng.choice(RECEIPT_ALPHABET) for _ in range(6))
        if number not in receipts:
            receipts.add(number)
            return number


def _implementation(cycle, projects, amounts, progress, rated) -> None:
    units = _units(cycle)
    year = cycle.year
    milestones, money = [], []
    for i, project in enumerate(projects):
        done = progress[i % len(progress)] if progress else 100
        amount = Decimal(amounts[i])
        spent = (amount * done / 100).quantize(Decimal("0.01"))
        project.responsible_unit = units.get(project.category) or units["default"]
        project.start_on, project.due_on = date(year, 2, 1), date(year, 12, 31)
        project.progress = Decimal(done)
        project.budget_total, project.allocated_total, project.spent_total = amount, amount, spent
        project.completed_on = date(year, 12, 20) if done >= 100 else None
        if rated:
            project.satisfied = rated * 9 // 10
            project.basically_satisfied = rated - project.satisfied
            project.dissatisfied = 0
            project.satisfaction_rate = Decimal(100)
        plan = [("完成设计和招标", 6, 30, 1), ("主体工程完工", 10, 31, 2), ("竣工验收", 12, 20, 1)]
        shares = _milestone_shares(done)
        for (title, month, day, weight), share in zip(plan, shares, strict=True):
            milestones.append(
                Milestone(
                    project=project,
                    title=title,
                    due_on=date(year, month, day),
                    weight=weight,
                    percent_complete=share,
                    completed_on=date(year, month, day) if share == 100 else None,
                )
            )
        money += [
            MoneyEntry(project=project, kind="budget", amount=amount, on=date(year, 1, 20)),
            MoneyEntry(project=project, kind="allocated", amount=amount, on=date(year, 3, 15)),
        ]
        if spent:
            money.append(
                MoneyEntry(project=project, kind="spent", amount=spent, on=date(year, 11, 30))
            )
    Project.objects.bulk_update(
        projects,
        [
            "responsible_unit",
            "start_on",
            "due_on",
            "progress",
            "budget_total",
            "allocated_total",
            "spent_total",
            "completed_on",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "satisfaction_rate",
        ],
    )
    Milestone.objects.bulk_create(milestones)
    MoneyEntry.objects.bulk_create(money)


def _milestone_shares(done: int) -> list[int]:
    """Completion of the three milestones (weights 1, 2, 1) that add up to `done` percent."""
    return {100: [100, 100, 100], 50: [100, 50, 0], 30: [100, 10, 0]}.get(done, [0, 0, 0])


def _units(cycle) -> dict:
    place = cycle.jurisdiction
    if cycle.is_township:
        unit = Unit.objects.filter(jurisdiction=place).first()
        return {"default": unit}
    by_name = {u.name: u for u in Unit.objects.filter(jurisdiction=place)}
    units: dict[str, Unit | None] = {
        category: by_name.get(f"{place.name}{suffix}")
        for category, suffix in UNIT_BY_CATEGORY.items()
    }
    units["default"] = by_name.get(f"{place.name}人民政府办公室")
    return units
