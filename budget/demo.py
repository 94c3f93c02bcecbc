"""Demo data of budget review and networked supervision, from the seed article (2024).

- 会同 431225: the networked platform (预算联网监督平台) linked with audit, tax and state-asset data.
  The 2024 budget by functional classification, an adjustment approved by the standing committee
  and one made without approval, the government debt, the execution to the end of September with
  the warnings the rules raise on it, and the 13 problems found with the audit office, all
  assigned (交办) to the units: some closed out, some replied and awaiting the check, one returned.
- 沅陵 431222: a smaller budget with September's execution, warnings to weigh and a problem
  assigned to the finance bureau, so the demo logins (yl_staff, yl_liaison) have rows to open.
- 中方 431221: its 12 townships' review of the 2024 budget by their congresses (初审, 批准, the
  adjustments approved, and the final accounts approved in 2025 but for two townships).
- 新晃 431227: 两问四评 of 保交楼 and the special employment fund in 2024, the public's answers and
  the paper questionnaires, the four evaluations on the county's criteria, published; the 2025
  round of the employment fund with its survey open.

Everything goes through the services, so warnings are raised by the rules themselves. A county
whose 2024 budget exists already is left as it is, which makes `seed()` idempotent.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction, Unit

from . import rules
from .models import Budget, Fund, FundCriterion, FundResponse, Problem, TownshipReview, Warning
from .services import budgets, execution, funds, problems, review, warnings
from .services.budgets import LineRow

YEAR = 2024
# The third quarter's figures were weighed in October 2024 and the quarter published after.
CONFIRMED_ON = date(2024, 10, 10)
PUBLISHED_AT = datetime(2024, 10, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
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
    _huitong_townships_and_publication()
    seed_township_review()
    seed_funds()


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
            # Weighed at the joint review after September's figures, in the story's year.
            due_on=CONFIRMED_ON + timedelta(days=30 + 5 * index),
            requirement="限期整改到位，并报送整改佐证材料。",
            on=CONFIRMED_ON,
            by=staff,
        )
        _advance(problem, stage, liaisons.get(unit.pk) or staff, staff)


def _advance(problem: Problem, stage: str, liaison: User, staff: User) -> None:
    if stage == "assigned":
        return
    problems.problem_reply(
        problem=problem,
        reply="已按要求完成整改，相关资金已拨付（收回）到位。",
        on=CONFIRMED_ON + timedelta(days=8),
        by=liaison,
    )
    if stage == "closed":
        problems.problem_close(
            problem=problem,
            note="经与审计部门联合核实，整改到位，予以销号。",
            on=CONFIRMED_ON + timedelta(days=13),
            by=staff,
        )
    elif stage == "returned":
        problems.problem_return(
            problem=problem, note="整改佐证材料不全，请补充后重新报送。", by=staff
        )


# 会同's townships' own budgets (万元) and their September execution, so the dashboard compares
# townships too: (township, lines of 项, rows of (unit, code, budget, spent to 30 September)).
HUITONG_TOWNSHIPS = [
    ("林城镇", {"2010101": 180, "2130306": 420}, [("2010101", 180, 132), ("2130306", 420, 150)]),
    ("坪村镇", {"2010101": 150, "2130306": 260}, [("2010101", 150, 116), ("2130306", 260, 204)]),
    ("若水镇", {"2010101": 120, "2130306": 300}, [("2010101", 120, 90), ("2130306", 300, 331)]),
]

HUITONG_DEBT = [("general", 286000, 279400, 12000), ("special", 354000, 338200, 45000)]


def _huitong_townships_and_publication() -> None:
    """会同's three townships' 2024 budgets and September figures, and the third quarter of
    2024 published for the public (公开) with the figures as they stood then (沅陵's too)."""
    from .models import Publication
    from .services.publication import quarter_publish

    county = Jurisdiction.objects.get(code="431225")
    staff = User.objects.get(username="c431225_staff")
    budget = Budget.objects.get(jurisdiction=county, year=YEAR)
    if not budget.debts.exists():
        # The year-end debt (万元), as the finance bureau reports it to the standing committee.
        for kind, limit, balance, issued in HUITONG_DEBT:
            budgets.debt_save(
                budget=budget,
                kind=kind,
                limit=limit * W,
                balance=balance * W,
                issued=issued * W,
                by=staff,
            )
    for name, lines, rows in HUITONG_TOWNSHIPS:
        township = Jurisdiction.objects.get(parent=county, name=name)
        if Budget.objects.filter(jurisdiction=township, year=YEAR).exists():
            continue
        budget = budgets.budget_save(
            jurisdiction=township,
            year=YEAR,
            adopted_on=date(2024, 1, 20),
            adopted_by=f"{name}第十八届人民代表大会第四次会议",
            by=staff,
        )
        budgets.lines_write(
            budget=budget, rows=_rows({c: (a, a) for c, a in lines.items()}), by=staff
        )
        _september(township, [(f"{name}人民政府", code, b, e) for code, b, e in rows], staff)
    # 沅陵's too, so the demo logins (yl_staff) have a publication to open.
    for code in ("431225", "431222"):
        place = Jurisdiction.objects.get(code=code)
        if not Publication.objects.filter(jurisdiction=place, year=YEAR, quarter=3).exists():
            by = User.objects.get(username=f"c{code}_staff")
            quarter_publish(jurisdiction=place, year=YEAR, quarter=3, at=PUBLISHED_AT, by=by)


# --- 中方: township budget review (12 townships, 2024) -------------------------------------------

# core/demo.py seeds three of 中方's townships; the other nine of its twelve are added here.
ZHONGFANG_TOWNSHIPS = [
    "中方镇",
    "铜湾镇",
    "桐木镇",
    "泸阳镇",
    "花桥镇",
    "新建镇",
    "袁家镇",
    "铁坡镇",
    "接龙镇",
    "牌楼镇",
    "蒿吉坪瑶族乡",
    "新路河乡",
]
PRESIDIUM_OPINIONS = [
    "预算编制基本符合规定，建议进一步细化项目支出，压减一般性支出，同意提请乡镇人民代表大会审查批准。",
    "收支安排总体合理，建议加大对农村公路养护和饮水安全的投入，同意提交大会审议。",
    "建议严格执行预算，未经法定程序不得调整；同意提交大会审查。",
]
# Townships (by index) whose adjustment was approved in 2024, and those whose 2024 final accounts
# were not yet approved when the demo was taken.
ADJUSTED = {1, 3, 4, 7, 9}
FINAL_PENDING = {10, 11}


def seed_township_review() -> None:
    county = Jurisdiction.objects.get(code="431221")
    staff = User.objects.get(username="c431221_staff")
    for index, name in enumerate(ZHONGFANG_TOWNSHIPS):
        township = _township(county, name, index)
        if TownshipReview.objects.filter(township=township, year=YEAR).exists():
            continue
        short = name[:2]
        steps = [
            ("preliminary", date(2023, 12, 20 + index % 8), "", PRESIDIUM_OPINIONS[index % 3]),
            ("approval", date(2024, 1, 3 + index), f"{short}人发〔2024〕1号", ""),
        ]
        if index in ADJUSTED:
            steps.append(
                (
                    "adjustment",
                    date(2024, 9, 10 + index),
                    f"{short}人发〔2024〕{5 + index}号",
                    "调整方案符合规定，同意批准。",
                )
            )
        if index not in FINAL_PENDING:
            steps.append(("final", date(2025, 3, 10 + index), f"{short}人发〔2025〕3号", ""))
        for step, held_on, number, opinions in steps:
            review.review_record(
                township=township,
                year=YEAR,
                step=step,
                held_on=held_on,
                document_number=number,
                opinions=opinions,
                by=staff,
            )


def _township(county: Jurisdiction, name: str, index: int) -> Jurisdiction:
    found = Jurisdiction.objects.filter(parent=county, name=name).first()
    if found:
        return found
    township, _created = Jurisdiction.objects.get_or_create(
        code=f"{county.code}{100 + index}",
        defaults={
            "name": name,
            "level": Jurisdiction.Level.TOWNSHIP,
            "parent": county,
            "congress_body": f"{name}人大主席团",
        },
    )
    Unit.objects.get_or_create(
        jurisdiction=township, name=f"{name}人民政府", defaults={"kind": Unit.Kind.TOWNSHIP}
    )
    return township


# --- 新晃: 两问四评 of 保交楼 and the special employment fund --------------------------------------

XINHUANG_CRITERIA = {
    "finance": [("资金到位及时性", 30), ("资金使用合规性", 40), ("绩效目标完成情况", 30)],
    "audit": [("资金管理规范性", 50), ("审计发现问题整改", 50)],
    "third_party": [("项目实施进度", 40), ("产出与效益", 40), ("可持续影响", 20)],
    "congress": [("代表视察评价", 50), ("常委会评议", 50)],
}
EVALUATORS = {
    "finance": ("新晃侗族自治县财政局", date(2024, 11, 8)),
    "audit": ("新晃侗族自治县审计局", date(2024, 11, 15)),
    "third_party": ("湖南某会计师事务所（受托第三方）", date(2024, 11, 22)),
    "congress": ("新晃侗族自治县人大常委会", date(2024, 12, 5)),
}
# (name, managing unit, 万元, description, scores by kind in criteria order,
#  answers online and on paper (好, 较好, 不好) for each question)
XINHUANG_FUNDS = [
    (
        "保交楼专项资金",
        "住房和城乡建设局",
        21600,
        "用于县城已售逾期难交付住宅项目复工续建，保障购房群众按期交房。",
        {
            "finance": [26, 35, 27],
            "audit": [44, 42],
            "third_party": [36, 34, 17],
            "congress": [45, 44],
        },
        {
            "in_place": ((312, 148, 40), (210, 96, 34)),
            "satisfied": ((288, 160, 52), (196, 102, 42)),
        },
    ),
    (
        "就业专项资金",
        "人力资源和社会保障局",
        3850,
        "用于职业技能培训补贴、创业担保贷款贴息、公益性岗位补贴和易地搬迁群众就业帮扶。",
        {
            "finance": [28, 37, 28],
            "audit": [46, 45],
            "third_party": [37, 36, 18],
            "congress": [47, 45],
        },
        {"in_place": ((256, 92, 22), (180, 60, 20)), "satisfied": ((240, 104, 26), (170, 68, 22))},
    ),
]


def seed_funds() -> None:
    county = Jurisdiction.objects.get(code="431227")
    admin = User.objects.get(username="c431227_admin")
    staff = User.objects.get(username="c431227_staff")
    if not FundCriterion.objects.filter(county=county).exists():
        funds.weights_update(county=county, by=admin, **rules.DEFAULT_FUND_WEIGHTS)
        for kind, criteria in XINHUANG_CRITERIA.items():
            for order, (name, top) in enumerate(criteria):
                funds.criterion_save(
                    county=county,
                    kind=kind,
                    name=name,
                    max_score=Decimal(top),
                    order=order,
                    by=admin,
                )
    for name, unit_name, amount, description, scores, answers in XINHUANG_FUNDS:
        if Fund.objects.filter(county=county, year=YEAR, name=name).exists():
            continue
        unit, _created = Unit.objects.get_or_create(
            jurisdiction=county,
            name=f"{county.name}{unit_name}",
            defaults={"kind": Unit.Kind.GOVERNMENT},
        )
        fund = funds.fund_create(
            county=county,
            year=YEAR,
            name=name,
            unit=unit,
            amount=amount * W,
            description=description,
            by=staff,
        )
        _answers(fund, answers, staff)
        for kind, given in scores.items():
            scored = list(FundCriterion.objects.filter(county=county, kind=kind, is_active=True))
            evaluator, day = EVALUATORS[kind]
            funds.evaluation_record(
                fund=fund,
                kind=kind,
                evaluator=evaluator,
                evaluated_on=day,
                scores={c.pk: Decimal(s) for c, s in zip(scored, given, strict=True)},
                by=staff,
            )
        funds.fund_publish(fund=fund, on=date(2024, 12, 20), by=staff)
    # The next round has begun: the employment fund's 2025 survey is open to the public.
    if not Fund.objects.filter(county=county, year=YEAR + 1).exists():
        unit = Unit.objects.get(jurisdiction=county, name=f"{county.name}人力资源和社会保障局")
        fund = funds.fund_create(
            county=county,
            year=YEAR + 1,
            name="就业专项资金",
            unit=unit,
            amount=4120 * W,
            description=XINHUANG_FUNDS[1][3],
            by=staff,
        )
        funds.fund_survey_set(fund=fund, open=True, by=staff)


def _answers(fund: Fund, answers, staff: User) -> None:
    """The public's answers online (as the survey page would have stored them) and the paper
    questionnaires' counts."""
    online_in_place, paper_in_place = answers["in_place"]
    online_satisfied, paper_satisfied = answers["satisfied"]
    choices = ("good", "fair", "poor")
    first = [c for c, n in zip(choices, online_in_place, strict=True) for _ in range(n)]
    second = [c for c, n in zip(choices, online_satisfied, strict=True) for _ in range(n)]
    sent = timezone.make_aware(datetime(2024, 10, 20, 9))
    FundResponse.objects.bulk_create(
        FundResponse(
            fund=fund,
            in_place=a,
            satisfied=b,
            created_at=sent + timedelta(minutes=7 * i),
        )
        for i, (a, b) in enumerate(zip(first, second, strict=True))
    )
    for question, counts in (("in_place", paper_in_place), ("satisfied", paper_satisfied)):
        good, fair, poor = counts
        funds.tally_record(fund=fund, question=question, good=good, fair=fair, poor=poor, by=staff)
