"""Demo data of budget review and networked supervision, from the seed article (2024).

- 会同 431225: the networked platform (预算联网监督平台) linked with audit, tax and state-asset data.
  The 2024 budget by functional classification, an adjustment approved by the standing committee
  and one made without approval, the government debt, the execution to the end of September with
  the warnings the rules raise on it, and the 13 problems found with the audit office, all
  assigned (交办) to the units: some closed out, some replied and awaiting the check, one returned.
- 沅陵 431222: a smaller budget with September's execution, warnings to weigh and a problem
  assigned to the finance bureau, so the demo logins (yl_staff, yl_liaison) have rows to open.

Everything goes through the services, so warnings are raised by the rules themselves. A county
whose 2024 budget exists already is left as it is, which makes `seed()` idempotent.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction, Unit

from .models import Budget, Problem, Warning
from .services import budgets, execution, problems, warnings
from .services.budgets import LineRow

YEAR = 2024
W = Decimal(10_000)  # the article's figures are in 万元; the portal keeps yuan

SUBJECTS = [
    ("201", "一般公共服务支出"),
    ("20101", "人大事务"),
    ("2010101", "行政运行"),
    ("2010108", "代表工作"),
    ("20106", "财政事务"),
    ("2010601", "行政运行"),
    ("205", "教育支出"),
    ("20502", "普通教育"),
    ("2050202", "小学教育"),
    ("2050203", "初中教育"),
    ("208", "社会保障和就业支出"),
    ("20807", "就业补助"),
    ("2080705", "职业培训补贴"),
    ("210", "卫生健康支出"),
    ("21004", "公共卫生"),
    ("2100409", "重大公共卫生服务"),
    ("212", "城乡社区支出"),
    ("21208", "国有土地使用权出让收入安排的支出"),
    ("2120803", "城市建设支出"),
    ("213", "农林水支出"),
    ("21303", "水利"),
    ("2130306", "水利工程运行与维护"),
]
NAMES = dict(SUBJECTS)

# 会同's 2024 lines (万元): 项 amounts; 款 and 类 are their sums.
HUITONG_LINES = {
    "2010101": (620, 640),
    "2010108": (85, 85),
    "2010601": (1460, 1460),
    "2050202": (18600, 18900),
    "2050203": (14200, 14200),
    "2080705": (2300, 2600),
    "2100409": (3150, 3150),
    "2120803": (9800, 12400),
    "2130306": (4100, 4100),
}
YUANLING_LINES = {
    "2010101": (700, 700),
    "2050202": (21400, 21400),
    "2100409": (3600, 3600),
}

# (budget unit, code, budget 万元, spent to 30 September 万元): 274/366 of the year has passed.
HUITONG_SEPTEMBER = [
    ("会同县人大常委会办公室", "2010101", 640, 470),
    ("会同县人大常委会办公室", "2010108", 85, 21),  # behind
    ("会同县财政局", "2010601", 1460, 1090),
    ("会同县教育局", "2050202", 18900, 14300),
    ("会同县教育局", "2050203", 14200, 6100),  # behind
    ("会同县人力资源和社会保障局", "2080705", 2600, 620),  # behind
    ("会同县卫生健康局", "2100409", 3150, 2480),
    ("会同县住房和城乡建设局", "2120803", 12400, 11900),  # ahead
    ("会同县水利局", "2130306", 4100, 3010),
    ("会同县交通运输局", "2120803", 0, 180),  # spent with no budget
]
YUANLING_SEPTEMBER = [
    ("沅陵县人大常委会办公室", "2010101", 700, 520),
    ("沅陵县教育局", "2050202", 21400, 9800),  # behind
    ("沅陵县卫生健康局", "2100409", 3600, 3500),  # ahead
    ("沅陵县民政局", "2100409", 0, 35),  # spent with no budget
]

# 会同's 13 problems found with the audit, tax and state-asset data (number, source, unit suffix,
# what was found, amount in 万元, how far it got: closed / replied / returned / assigned).
HUITONG_FINDINGS = [
    ("SJ-01", "audit", "教育局", "义务教育薄弱环节改善资金滞留未拨付", 320, "closed"),
    ("SJ-02", "audit", "卫生健康局", "重大公共卫生服务资金结余未及时收回统筹", 86, "closed"),
    ("SJ-03", "audit", "交通运输局", "无预算列支农村公路养护费用", 180, "closed"),
    ("SJ-04", "audit", "水利局", "水利工程运行维护项目未按合同约定支付进度款", 142, "replied"),
    ("SJ-05", "audit", "财政局", "部分专项资金二次分配不及时", 560, "closed"),
    ("SJ-06", "audit", "民政局", "困难群众救助资金发放对象信息核查不到位", 23, "replied"),
    ("SW-01", "tax", "财政局", "非税收入未及时足额缴入国库", 412, "closed"),
    ("SW-02", "tax", "人民政府办公室", "政府采购项目发票与合同金额不一致", 17, "returned"),
    ("SW-03", "tax", "交通运输局", "工程项目代扣代缴税款未及时申报", 34, "assigned"),
    ("GZ-01", "asset", "教育局", "闲置校舍资产未登记入账", 260, "closed"),
    ("GZ-02", "asset", "卫生健康局", "医疗设备资产账实不符", 75, "replied"),
    ("GZ-03", "asset", "水利局", "国有资产出租收入未纳入预算管理", 48, "assigned"),
    ("GZ-04", "asset", "财政局", "行政事业单位资产处置未按规定审批", 39, "assigned"),
]


def seed() -> None:
    _county(
        "431225",
        lines=HUITONG_LINES,
        september=HUITONG_SEPTEMBER,
        findings=HUITONG_FINDINGS,
        approval=("会同县第十八届人民代表大会第四次会议", date(2024, 1, 12), "会人发〔2024〕1号"),
    )
    _county(
        "431222",
        lines=YUANLING_LINES,
        september=YUANLING_SEPTEMBER,
        findings=[
            ("SJ-01", "audit", "财政局", "县级预算稳定调节基金动用未按规定报告", 300, "assigned"),
        ],
        approval=("沅陵县第十八届人民代表大会第四次会议", date(2024, 1, 10), "沅人发〔2024〕1号"),
    )


def _county(code, *, lines, september, findings, approval) -> None:
    county = Jurisdiction.objects.get(code=code)
    if Budget.objects.filter(jurisdiction=county, year=YEAR).exists():
        return
    staff = User.objects.get(username=f"c{code}_staff")
    body, adopted_on, number = approval
    budget = budgets.budget_save(
        jurisdiction=county,
        year=YEAR,
        adopted_on=adopted_on,
        adopted_by=body,
        document_number=number,
        by=staff,
    )
    budgets.lines_write(budget=budget, rows=_rows(lines), by=staff)
    _adjustments(budget, lines, staff)
    _september(county, september, staff)
    _findings(county, findings, staff)


def _rows(lines: dict[str, tuple[int, int]]) -> list[LineRow]:
    """The 项 given, with each 款 and 类 as the sum of its children."""
    sums: dict[str, list[Decimal]] = {}
    for code, (adopted, adjusted) in lines.items():
        for prefix in (code, code[:5], code[:3]):
            total = sums.setdefault(prefix, [Decimal(0), Decimal(0)])
            total[0] += adopted * W
            total[1] += adjusted * W
    return [
        LineRow(code, NAMES[code], adopted, adjusted if adjusted != adopted else None)
        for code, (adopted, adjusted) in sorted(sums.items())
    ]


def _adjustments(budget: Budget, lines, staff: User) -> None:
    """Each line's adjustment, approved by the standing committee; one in 会同 without approval
    (the housing line raised by 2,600万 while 10 % of 9,800万 is the share allowed)."""
    for code, (adopted, adjusted) in lines.items():
        if adjusted == adopted:
            continue
        approved = code != "2120803"
        budgets.adjustment_record(
            budget=budget,
            code=code,
            amount=(adjusted - adopted) * W,
            reason="年中预算调整",
            approved_by="县人大常委会" if approved else "",
            approved_on=date(2024, 8, 28) if approved else None,
            document_number="预算调整方案决议〔2024〕" if approved else "",
            by=staff,
        )


def _september(county: Jurisdiction, rows, staff: User) -> None:
    snapshot = execution.snapshot_open(
        jurisdiction=county, year=YEAR, month=9, digest="demo", by=staff
    )
    assert snapshot is not None
    execution.rows_add(
        snapshot=snapshot,
        rows=[(agency, code, NAMES[code], b * W, e * W) for agency, code, b, e in rows],
    )
    execution.snapshot_close(snapshot=snapshot, row_count=len(rows))


def _findings(county: Jurisdiction, findings, staff: User) -> None:
    liaisons = {u.unit_id: u for u in User.objects.filter(unit__jurisdiction=county)}
    today = timezone.localdate()
    for index, (number, source, unit_suffix, what, amount, stage) in enumerate(findings):
        unit = Unit.objects.get(jurisdiction=county, name=f"{county.name}{unit_suffix}")
        agency = unit.name
        execution.extract_save(
            jurisdiction=county,
            year=YEAR,
            source=source,
            number=number,
            agency=agency,
            description=what,
            amount=amount * W,
            by=staff,
        )
        warning = Warning.objects.get(jurisdiction=county, year=YEAR, key=f"{source}:{number}")
        problem = warnings.warning_confirm(
            warning=warning,
            title=what,
            unit=unit,
            due_on=today + timedelta(days=15 + 5 * index),
            requirement="限期整改到位，并报送整改佐证材料。",
            by=staff,
        )
        _advance(problem, stage, liaisons.get(unit.pk) or staff, staff)


def _advance(problem: Problem, stage: str, liaison: User, staff: User) -> None:
    if stage == "assigned":
        return
    problems.problem_reply(
        problem=problem, reply="已按要求完成整改，相关资金已拨付（收回）到位。", by=liaison
    )
    if stage == "closed":
        problems.problem_close(
            problem=problem, note="经与审计部门联合核实，整改到位，予以销号。", by=staff
        )
    elif stage == "returned":
        problems.problem_return(
            problem=problem, note="整改佐证材料不全，请补充后重新报送。", by=staff
        )
