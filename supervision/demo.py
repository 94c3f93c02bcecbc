"""Demo data from the seed article (怀化日报 2024-12-27), in the seed's year 2024 and the next.

- 辰溪 431223: the 2024 plan adopted and published. "1+27+7" reports heard and deliberated side by
  side: the county government's 法治政府建设综合情况报告, 27 working departments' 依法行政专项报告 and
  7 分报告 (人大办、代表工委、法制委、法院、检察院、司法、信访), each polled two-sidedly (all county
  deputies and the committee members separately: 辰溪's setting). Seven legal forms of supervision
  used together, among them a 执法检查 and a 专题询问; the 乡村振兴 resolution and the school layout
  decision; and in its townships 11 substantive 决议决定 with execution deadlines and reports. Its
  2025 plan holds the follow-up (跟踪监督) and items not yet heard.
- 会同 431225: after the economic-responsibility audits, a 专题询问 of 7 units (市生态环境保护局会同分局
  and six others): who asked, who answered, and the commitments with owners and due dates (some
  done, some open, one overdue). Its 2025 draft plan follows the inquiry up.
- 溆浦 431224 and 芷江 431228: the voted livelihood projects put into the annual supervision plan, the
  report on them heard and polled (satisfaction recorded as the paper result).
- 沅陵 431222: the procuratorate joins the 执法检查 group; an opinion letter still unsent.

Plans, items and every step are made through the plan and lifecycle services, so each item's stored
state follows its steps. Only what no service takes is written here directly: 辰溪's setting, the
units the seed names that the core demo lacks, the evidence of 会同's inquiry, the paper verdicts on
the reports heard, and the day an item was published (the service stamps today). A plan that
already exists is left as it is, which makes `seed()` idempotent.
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from core.models import Jurisdiction, Unit
from deputies.models import Deputy
from evaluations.models import AuditProblem

from . import rules
from .models import Evidence, Item, Plan, Setting
from .services import lifecycle
from .services import plan as plan_services

Kind = Item.Kind
Source = Item.Source
# The paper polls' verdicts, as `lifecycle.verdict_record` takes them.
SATISFIED = rules.Verdict.SATISFIED.value
BASICALLY = rules.Verdict.BASICALLY_SATISFIED.value
UNSATISFIED = rules.Verdict.UNSATISFIED.value


@dataclass
class Report:
    """One handling (or execution) report: when it came and the paper poll's verdict."""

    received_on: date | None
    content: str = ""
    verdict: str = ""
    decided_on: date | None = None


@dataclass
class Asked:
    """One question of a special inquiry, with the commitments made in its answer."""

    asked_by: str
    question: str
    unit: Unit
    answered_by: str
    answer: str
    # (content, owner, due_on, done_on or None, result)
    commitments: list[tuple[str, str, date, date | None, str]] = field(default_factory=list)


@dataclass
class Story:
    """What happened to one item, step by step; a step left empty has not happened."""

    research: list[dict] = field(default_factory=list)
    versions: list[tuple[str, date, str]] = field(default_factory=list)
    session: tuple[date, str] | None = None
    heard_on: date | None = None
    reporter: str = ""
    hearing_notes: str = ""
    # The paper result of the satisfaction poll on the report heard, taken at the session.
    report_verdict: str = ""
    resolution_text: str = ""
    execution_due: date | None = None
    questions: list[Asked] = field(default_factory=list)
    opinions: str = ""
    sent_on: date | None = None
    letter_number: str = ""
    reports: list[Report] = field(default_factory=list)
    closed_on: date | None = None
    published_on: date | None = None


def _staff(code: str) -> User:
    return User.objects.get(username=f"c{code}_staff")


def _unit(county: Jurisdiction, suffix: str, kind: str = Unit.Kind.GOVERNMENT) -> Unit:
    unit, _ = Unit.objects.get_or_create(
        jurisdiction=county, name=f"{county.name}{suffix}", defaults={"kind": kind}
    )
    return unit


def _play(item: Item, story: Story, by: User) -> Item:
    """Run the item through its lifecycle as far as the story goes."""
    for research in story.research:
        lifecycle.research_record(item=item, by=by, **research)
    for stage, received_on, summary in story.versions:
        lifecycle.version_record(
            item=item, stage=stage, received_on=received_on, summary=summary, by=by
        )
    if story.session:
        lifecycle.session_set(
            item=item, session_on=story.session[0], session_name=story.session[1], by=by
        )
    for question in story.questions:
        record = lifecycle.question_record(
            item=item,
            asked_by=question.asked_by,
            question=question.question,
            unit=question.unit,
            answered_by=question.answered_by,
            answer=question.answer,
            by=by,
        )
        for content, owner, due_on, done_on, result in question.commitments:
            commitment = lifecycle.commitment_record(
                question=record,
                content=content,
                unit=question.unit,
                due_on=due_on,
                owner=owner,
                by=by,
            )
            if done_on is not None:
                lifecycle.commitment_report(
                    commitment=commitment, done_on=done_on, result=result, by=by
                )
    if story.heard_on is None:
        return item
    lifecycle.hearing_record(
        item=item,
        heard_on=story.heard_on,
        reporter=story.reporter,
        hearing_notes=story.hearing_notes,
        resolution_text=story.resolution_text,
        execution_due=story.execution_due,
        by=by,
    )
    if story.report_verdict:
        # A paper poll at the session: no service takes it by hand (poll_apply reads an online
        # poll), and the verdict on the report heard is no step of the item's state.
        Item.objects.filter(pk=item.pk).update(report_verdict=story.report_verdict)
    if story.opinions:
        letter = lifecycle.opinions_draft(item=item, content=story.opinions, by=by)
        if story.sent_on is not None:
            lifecycle.opinions_send(
                letter=letter, sent_on=story.sent_on, letter_number=story.letter_number, by=by
            )
    for report in story.reports:
        pending = item.handling_reports.filter(received_on__isnull=True).order_by("round").first()
        if pending is None or report.received_on is None:
            break
        lifecycle.handling_report_receive(
            report=pending, received_on=report.received_on, content=report.content, by=by
        )
        if report.verdict:
            lifecycle.verdict_record(
                report=pending, verdict=report.verdict, decided_on=report.decided_on, by=by
            )
    if story.closed_on is not None:
        lifecycle.item_close(item=item, closed_on=story.closed_on, by=by)
    if story.published_on is not None:
        lifecycle.item_publish(item=item, by=by)
        # Publication is stamped today by the service; the demo keeps the day it happened.
        Item.objects.filter(pk=item.pk).update(published_on=story.published_on)
    item.refresh_from_db()
    return item


def _ahead(years: int, month: int, day: int) -> date:
    """A long-running commitment's due day, counted from the day the demo is seeded, so that the
    demo always has commitments still open and not yet late next to the overdue one."""
    return date(max(2026, timezone.localdate().year) + years, month, day)


def _plan(jurisdiction: Jurisdiction, year: int, title: str, notes: str, by: User) -> Plan | None:
    """A new draft plan, or None where the plan of that year already exists (seeded before)."""
    if Plan.objects.filter(jurisdiction=jurisdiction, year=year).exists():
        return None
    return plan_services.plan_create(
        jurisdiction=jurisdiction, year=year, title=title, notes=notes, by=by
    )


def _adopt(plan: Plan, adopted_on: date, number: str, by: User, published_on: date | None = None):
    plan_services.plan_adopt(plan=plan, adopted_on=adopted_on, document_number=number, by=by)
    if published_on is not None:
        plan_services.plan_publish(plan=plan, published_on=published_on, by=by)
    plan.refresh_from_db()


def seed() -> None:
    _chenxi(Jurisdiction.objects.get(code="431223"), _staff("431223"))
    _huitong(Jurisdiction.objects.get(code="431225"), _staff("431225"))
    _xupu(Jurisdiction.objects.get(code="431224"), _staff("431224"))
    _zhijiang(Jurisdiction.objects.get(code="431228"), _staff("431228"))
    _yuanling(Jurisdiction.objects.get(code="431222"), _staff("431222"))


# --- 辰溪 ------------------------------------------------------------------------------------------

# The 27 working departments: the seven every demo county has, and twenty more of 辰溪's own.
CHENXI_DEPARTMENTS = [
    "财政局",
    "教育局",
    "卫生健康局",
    "交通运输局",
    "水利局",
    "民政局",
    "审计局",
    "发展和改革局",
    "工业和信息化局",
    "科学技术局",
    "公安局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "农业农村局",
    "商务局",
    "文化旅游广电体育局",
    "退役军人事务局",
    "应急管理局",
    "市场监督管理局",
    "林业局",
    "统计局",
    "医疗保障局",
    "城市管理和综合执法局",
    "行政审批服务局",
    "民族宗教事务局",
    "乡村振兴局",
]
# The 7 分报告: 人大办、代表工委、法制委、法院、检察院、司法、信访.
CHENXI_SEVEN = [
    ("人大常委会办公室", Unit.Kind.OTHER),
    ("人大常委会代表工作委员会", Unit.Kind.OTHER),
    ("人大法制委员会", Unit.Kind.OTHER),
    ("人民法院", Unit.Kind.COURT),
    ("人民检察院", Unit.Kind.PROCURATORATE),
    ("司法局", Unit.Kind.GOVERNMENT),
    ("信访局", Unit.Kind.GOVERNMENT),
]
CHENXI_SESSION = (date(2024, 10, 29), "县人大常委会第二十三次会议")
CHENXI_POLL_DAY = date(2025, 2, 26)
TWO_SIDED = (
    "会议听取和审议了报告。按照“两方面测评并举”，由全体县人大代表和县人大常委会组成人员"
    "分别对报告开展满意度测评，分别报告结果。"
)
CHENXI_NOTES = (
    "坚持“1+27+7”报告并列，听取和审议县人民政府法治政府建设综合情况报告、27个工作部门依法行政"
    "专项报告以及人大办、代表工委、法制委、法院、检察院、司法、信访7个分报告；坚持三项监督内容"
    "并重，将工作监督、法律监督、任后监督统筹协调推进；坚持多种监督方式并用，将执法检查等七种"
    "法定监督方式融合并用；坚持两方面测评并举，由全体县人大代表和县人大常委会组成人员分别开展"
    "满意度测评。"
)
# The report of the 27 departments and the 7 that meet a step differently from the rest.
LATE_LETTERS = {3, 9}  # sent after the five working days
LATE_FINAL = {5, 16}  # final report received after the tenth day before the session
RE_REPORTED = 12  # 不满意, reported again, then 满意 and closed
RE_REPORT_DUE = 34  # 信访: 不满意, the second report still outstanding
AWAITING_POLL = 20  # handling report received late, not yet polled
NOT_CLOSED = 25  # polled 满意, waiting for the office to close it
NO_REPORT = 27  # opinions sent, the handling report never came


def _chenxi(county: Jurisdiction, by: User) -> None:
    setting, _ = Setting.objects.get_or_create(county=county, defaults={"two_sided_poll": True})
    if not setting.two_sided_poll:
        setting.two_sided_poll = True
        setting.save(update_fields=["two_sided_poll"])
    plan = _plan(county, 2024, "辰溪县人大常委会2024年度监督工作计划", CHENXI_NOTES, by)
    if plan is not None:
        _chenxi_2024(county, plan, by)
    _chenxi_townships(county, by)
    follow = _plan(
        county,
        2025,
        "辰溪县人大常委会2025年度监督工作计划",
        "跟踪2024年“1+27+7”报告审议意见的落实，继续推进法治政府建设监督。",
        by,
    )
    if follow is not None:
        _chenxi_2025(county, follow, by)


def _chenxi_reports(county: Jurisdiction) -> list[tuple[str, Unit, str]]:
    """(title, unit, reporter) of the 1 + 27 + 7 reports, in that order."""
    rows = [("辰溪县人民政府法治政府建设综合情况报告", _unit(county, "人民政府办公室"), "副县长")]
    for suffix in CHENXI_DEPARTMENTS:
        rows.append(
            (f"{county.name}{suffix}依法行政专项报告", _unit(county, suffix), _head(suffix))
        )
    for suffix, kind in CHENXI_SEVEN:
        rows.append((f"{county.name}{suffix}分报告", _unit(county, suffix, kind), _head(suffix)))
    return rows


def _head(name: str) -> str:
    for suffix, post in (("法院", "院长"), ("检察院", "检察长"), ("局", "局长")):
        if name.endswith(suffix):
            return f"{name}{post}"
    return f"{name}主任"


def _chenxi_story(index: int, deputies: list[Deputy]) -> Story:
    session_on = CHENXI_SESSION[0]
    final_on = date(2024, 10, 23) if index in LATE_FINAL else date(2024, 10, 18)
    story = Story(
        versions=[
            (
                "draft",
                date(2024, 10, 8),
                "报告征求意见稿：依法行政工作开展情况、存在问题和下步打算。",
            ),
            ("final", final_on, "根据常委会有关工作委员会意见修改后的正式报告。"),
        ],
        session=CHENXI_SESSION,
        heard_on=session_on,
        hearing_notes=TWO_SIDED,
        report_verdict=_chenxi_report_verdict(index),
        opinions=(
            "一、进一步落实行政执法公示、执法全过程记录和重大执法决定法制审核制度；"
            "二、加强行政执法人员培训和持证上岗管理；三、及时整改测评中代表和委员指出的问题。"
        ),
        sent_on=date(2024, 11, 8) if index in LATE_LETTERS else date(2024, 11, 5),
        letter_number=f"辰人大常函〔2024〕{index + 11}号",
        published_on=date(2024, 11, 12),
    )
    if index == 0:
        story.research = [
            {
                "kind": "survey",
                "held_on": date(2024, 9, 12),
                "place": "县司法局、县行政审批服务局、辰阳镇",
                "members": "县人大常委会副主任、法制工作委员会组成人员",
                "findings": "部分部门行政执法公示不及时，乡镇综合执法力量不足。",
                "deputies": deputies[:3],
            }
        ]
    received = date(2024, 12, 20) + dt.timedelta(days=index % 10)
    first = Report(
        received,
        "已逐条研究审议意见，制定整改措施，完成执法公示平台更新和执法人员培训。",
        BASICALLY if index % 5 == 2 else SATISFIED,
        CHENXI_POLL_DAY,
    )
    story.reports = [first]
    story.closed_on = date(2025, 3, 10)
    if index == RE_REPORTED:
        first.verdict = UNSATISFIED
        story.reports.append(
            Report(
                date(2025, 4, 18),
                "针对测评中指出的问题重新研究处理，已完成不动产登记积压件清理。",
                SATISFIED,
                date(2025, 4, 29),
            )
        )
        story.closed_on = date(2025, 5, 8)
    elif index == RE_REPORT_DUE:
        first.verdict = UNSATISFIED
        story.closed_on = None
    elif index == AWAITING_POLL:
        first.received_on, first.verdict = date(2025, 3, 14), ""
        story.closed_on = None
    elif index == NOT_CLOSED:
        story.closed_on = None
    elif index == NO_REPORT:
        story.reports, story.closed_on = [], None
    return story


def _chenxi_report_verdict(index: int) -> str:
    """The two-sided poll on the report heard: the 信访 report was found 不满意 at the session,
    the two that later had to report again only 基本满意."""
    if index == RE_REPORT_DUE:
        return UNSATISFIED
    return BASICALLY if index in (RE_REPORTED, NO_REPORT) or index % 7 == 3 else SATISFIED


def _chenxi_2024(county: Jurisdiction, plan: Plan, by: User) -> None:
    deputies = list(Deputy.objects.filter(county=county, user__isnull=True).order_by("pk")[:6])
    reports = []
    rows = _chenxi_reports(county)
    for title, unit, _reporter in rows:
        reports.append(
            plan_services.item_add(
                plan=plan,
                kind=Kind.WORK_REPORT,
                title=title,
                unit=unit,
                office="法制工作委员会",
                planned_month=10,
                source=Source.PARTY_PRIORITIES,
                source_note="《辰溪县人大常委会推进创新工作实施方案》：创新法治政府监督，“1+27+7”报告并列。",
                by=by,
            )
        )
    agriculture = _unit(county, "农业农村局")
    inspection = plan_services.item_add(
        plan=plan,
        kind=Kind.INSPECTION,
        title="《中华人民共和国乡村振兴促进法》执法检查",
        unit=agriculture,
        office="农业农村工作委员会",
        planned_month=6,
        source=Source.PARTY_PRIORITIES,
        law="《中华人民共和国乡村振兴促进法》",
        inspection_group="县人大常委会副主任任组长，农业农村工作委员会、部分县人大常委会组成人员和县人大代表参加。",
        inspection_places="辰阳镇、孝坪镇、火马冲镇的村（社区）、农业产业园和农村公路项目",
        inspection_methods=["实地检查", "随机抽查", "问卷调查", "座谈会", "听取汇报"],
        by=by,
    )
    inquiry = plan_services.item_add(
        plan=plan,
        kind=Kind.INQUIRY,
        title="法治政府建设专题询问",
        unit=_unit(county, "人民政府办公室"),
        office="法制工作委员会",
        planned_month=10,
        source=Source.PARTY_PRIORITIES,
        joined_to=reports[0],
        by=by,
    )
    fiscal = plan_services.item_add(
        plan=plan,
        kind=Kind.FISCAL_REPORT,
        title="县人民政府关于2023年度本级预算执行和其他财政收支的审计工作报告",
        unit=_unit(county, "审计局"),
        office="财政经济工作委员会",
        planned_month=8,
        source=Source.AUDIT_FINDING,
        by=by,
    )
    revitalization = plan_services.item_add(
        plan=plan,
        kind=Kind.RESOLUTION,
        title="关于推进乡村振兴战略加快宜居宜业和美乡村建设的决议",
        unit=agriculture,
        office="农业农村工作委员会",
        planned_month=3,
        source=Source.PARTY_PRIORITIES,
        source_note="推动中央一号文件和中央、省委、市委、县委农村工作会议精神落地见效。",
        by=by,
    )
    _adopt(plan, date(2024, 2, 27), "辰人大常发〔2024〕2号", by, published_on=date(2024, 3, 5))
    # After adoption: the inspection moves to August, the school layout decision is added.
    plan_services.item_move(
        item=inspection,
        planned_month=8,
        reason="与审议乡村振兴决议执行情况统筹安排，执法检查调整至8月。",
        by=by,
    )
    layout = plan_services.item_add(
        plan=plan,
        kind=Kind.RESOLUTION,
        title="关于批准辰溪县调整优化中小学幼儿园布局规划方案（2024—2035）的决定",
        unit=_unit(county, "教育局"),
        office="教育科学文化卫生工作委员会",
        planned_month=6,
        source=Source.OTHER,
        source_note="县人民政府提请审议布局规划方案。",
        reason="县人民政府提请县人大常委会审议批准中小学幼儿园布局规划方案，增补列入计划。",
        by=by,
    )

    for index, (item, row) in enumerate(zip(reports, rows, strict=True)):
        story = _chenxi_story(index, deputies)
        story.reporter = row[2]
        _play(item, story, by)

    _play(
        revitalization,
        Story(
            research=[
                {
                    "kind": "visit",
                    "held_on": date(2024, 3, 6),
                    "place": "孝坪镇、火马冲镇",
                    "findings": "农村人居环境整治和产业发展不平衡，村级集体经济薄弱。",
                    "deputies": deputies[3:6],
                }
            ],
            session=(date(2024, 3, 26), "县人大常委会第十七次会议"),
            heard_on=date(2024, 3, 26),
            reporter="县农业农村局局长",
            hearing_notes="会议审议通过了决议。",
            resolution_text=(
                "县人民政府要统筹推进乡村发展、乡村建设、乡村治理，加快宜居宜业和美乡村建设，"
                "于2024年12月底前向县人大常委会报告决议执行情况。"
            ),
            execution_due=date(2024, 12, 31),
            reports=[
                Report(
                    date(2024, 12, 20),
                    "决议执行情况：粮食生产稳定，建成和美乡村示范村，农村人居环境整治三年行动完成。",
                    SATISFIED,
                    date(2024, 12, 26),
                )
            ],
            closed_on=date(2025, 1, 10),
            published_on=date(2024, 3, 29),
        ),
        by,
    )
    _play(
        layout,
        Story(
            versions=[
                ("draft", date(2024, 5, 30), "布局规划方案（征求意见稿）。"),
                ("final", date(2024, 6, 14), "布局规划方案（提请审议稿）。"),
            ],
            session=(date(2024, 6, 25), "县人大常委会第十九次会议"),
            heard_on=date(2024, 6, 25),
            reporter="县教育局局长",
            hearing_notes="会议审议并作出批准决定。",
            resolution_text=(
                "批准《辰溪县调整优化中小学幼儿园布局规划方案（2024—2035）》，推动全县教育布局"
                "统筹规划、循序渐进、优质均衡、长远发展；县人民政府于2025年6月底前报告执行情况。"
            ),
            execution_due=date(2025, 6, 30),
            # The execution report came ten days late.
            reports=[
                Report(
                    date(2025, 7, 10),
                    "已完成3所学校撤并和2所幼儿园新建选址，布局调整按规划推进。",
                    BASICALLY,
                    date(2025, 8, 27),
                )
            ],
            closed_on=date(2025, 9, 5),
            published_on=date(2024, 6, 28),
        ),
        by,
    )
    _play(
        inspection,
        Story(
            research=[
                {
                    "kind": "spot_check",
                    "held_on": date(2024, 7, 16),
                    "place": "孝坪镇农业产业园",
                    "findings": "部分高标准农田建后管护不到位。",
                    "deputies": deputies[:2],
                }
            ],
            versions=[
                (
                    "inspection",
                    date(2024, 8, 15),
                    "执法检查报告：法律实施总体情况、存在问题和建议。",
                )
            ],
            session=(date(2024, 8, 28), "县人大常委会第二十一次会议"),
            heard_on=date(2024, 8, 28),
            reporter="县人大常委会副主任（执法检查组组长）",
            hearing_notes="会议听取和审议了执法检查报告。",
            opinions="加强耕地保护和高标准农田建后管护，落实乡村振兴投入保障。",
            sent_on=date(2024, 9, 4),
            letter_number="辰人大常函〔2024〕8号",
            reports=[
                Report(
                    date(2024, 10, 30),
                    "已制定高标准农田建后管护办法，落实管护资金。",
                    SATISFIED,
                    date(2024, 12, 26),
                )
            ],
            closed_on=date(2025, 1, 10),
            published_on=date(2024, 9, 6),
        ),
        by,
    )
    office = _unit(county, "人民政府办公室")
    justice = _unit(county, "司法局")
    _play(
        inquiry,
        Story(
            session=CHENXI_SESSION,
            questions=[
                Asked(
                    "县人大常委会委员 向红梅",
                    "乡镇综合行政执法改革后，执法人员持证上岗率是多少？",
                    justice,
                    "县司法局局长",
                    "目前持证率为86%，年底前组织专场考试。",
                    [
                        (
                            "年底前组织乡镇综合执法人员专场执法资格考试",
                            "县司法局分管副局长",
                            date(2024, 12, 31),
                            date(2024, 12, 18),
                            "已组织考试，持证率提高到98%。",
                        )
                    ],
                ),
                Asked(
                    "县人大代表 舒建国",
                    "重大行政决策合法性审查如何做到应审尽审？",
                    office,
                    "县人民政府办公室主任",
                    "已建立重大行政决策目录管理制度，年内公布目录。",
                    [
                        (
                            "公布2025年度重大行政决策事项目录",
                            "县人民政府办公室副主任",
                            date(2025, 3, 31),
                            date(2025, 3, 20),
                            "已在县政府门户网站公布。",
                        )
                    ],
                ),
            ],
            heard_on=CHENXI_SESSION[0],
            reporter="副县长",
            hearing_notes="结合审议法治政府建设综合情况报告开展专题询问，副县长和有关部门负责人到会应询。",
            opinions="抓好询问中承诺事项的落实，按期报告。",
            sent_on=date(2024, 11, 5),
            letter_number="辰人大常函〔2024〕46号",
            reports=[
                Report(date(2025, 1, 3), "承诺事项已列出清单逐项落实。", SATISFIED, CHENXI_POLL_DAY)
            ],
            closed_on=date(2025, 3, 31),
            published_on=date(2024, 11, 12),
        ),
        by,
    )
    _play(
        fiscal,
        Story(
            versions=[
                ("draft", date(2024, 8, 7), "审计工作报告（征求意见稿）。"),
                ("final", date(2024, 8, 16), "审计工作报告。"),
            ],
            session=(date(2024, 8, 28), "县人大常委会第二十一次会议"),
            heard_on=date(2024, 8, 28),
            reporter="县审计局局长",
            hearing_notes="会议听取和审议了审计工作报告。",
            opinions="压实审计查出问题整改责任，年底前报告整改情况。",
            sent_on=date(2024, 9, 4),
            letter_number="辰人大常函〔2024〕9号",
            reports=[
                Report(
                    date(2024, 12, 12), "审计查出问题已整改到位。", SATISFIED, date(2024, 12, 26)
                )
            ],
            closed_on=date(2025, 1, 10),
            published_on=date(2024, 9, 6),
        ),
        by,
    )


# The 11 substantive township resolutions (《关于进一步规范乡镇人民代表大会决议决定的意见》).
CHENXI_TOWNSHIP_RESOLUTIONS = {
    "辰阳镇": [
        "关于2024年度镇民生实事项目的决议",
        "关于加强集镇环境综合整治的决议",
        "关于推进城乡结合部农村人居环境整治的决定",
        "关于加强农村饮用水安全保障的决议",
    ],
    "孝坪镇": [
        "关于2024年度镇民生实事项目的决议",
        "关于推进高标准农田建设的决议",
        "关于加强耕地保护的决定",
        "关于推行乡村治理积分制的决议",
    ],
    "火马冲镇": [
        "关于2024年度镇民生实事项目的决议",
        "关于加强森林防火工作的决议",
        "关于推进农村公路养护的决定",
    ],
}


def _chenxi_townships(county: Jurisdiction, by: User) -> None:
    serial = 0
    for town in county.children.order_by("code"):
        titles = CHENXI_TOWNSHIP_RESOLUTIONS.get(town.name)
        plan = (
            _plan(
                town,
                2024,
                f"{town.name}人大主席团2024年度监督工作计划",
                "按照《关于进一步规范乡镇人民代表大会决议决定的意见》，对镇人民代表大会作出的"
                "实质性决议决定跟踪监督执行情况。",
                by,
            )
            if titles
            else None
        )
        if plan is None:
            continue
        government = Unit.objects.filter(jurisdiction=town, kind=Unit.Kind.TOWNSHIP).first()
        assert titles is not None and government is not None
        items = [
            plan_services.item_add(
                plan=plan,
                kind=Kind.RESOLUTION,
                title=title,
                unit=government,
                office="镇人大主席团",
                planned_month=2,
                source=Source.PUBLIC_OPINIONS if "民生" in title else Source.PARTY_PRIORITIES,
                by=by,
            )
            for title in titles
        ]
        _adopt(plan, date(2024, 1, 18), f"{town.name[:2]}人大发〔2024〕1号", by)
        for item in items:
            serial += 1
            report = Report(
                date(2024, 12, 16),
                "镇人民政府报告决议执行情况：确定的事项已全部完成。",
                SATISFIED,
                date(2024, 12, 27),
            )
            story = Story(
                session=(date(2024, 2, 6), f"{town.name}人民代表大会会议"),
                heard_on=date(2024, 2, 6),
                reporter=f"{town.name}人民政府镇长",
                hearing_notes="镇人民代表大会审议通过，属实质性决议决定。",
                resolution_text=(
                    f"就{_subject(item.title)}明确目标任务、责任单位和完成时限，由镇人民政府组织"
                    "实施，年底前向镇人民代表大会报告执行情况。"
                ),
                execution_due=date(2024, 12, 31),
                reports=[report],
                closed_on=date(2025, 1, 8),
            )
            if serial == 4:  # the execution report came late
                report.received_on, report.decided_on = date(2025, 1, 20), date(2025, 2, 10)
                story.closed_on = date(2025, 2, 14)
            elif serial == 7:  # received, awaiting the presidium's poll
                report.verdict = ""
                story.closed_on = None
            elif serial == 11:  # never reported: overdue
                story.reports, story.closed_on = [], None
            _play(item, story, by)


def _subject(title: str) -> str:
    """关于加强森林防火工作的决议 → 加强森林防火工作."""
    return title.removeprefix("关于").removesuffix("的决议").removesuffix("的决定")


def _chenxi_2025(county: Jurisdiction, plan: Plan, by: User) -> None:
    plan_services.item_add(
        plan=plan,
        kind=Kind.WORK_REPORT,
        title="辰溪县人民政府2025年度法治政府建设综合情况报告",
        unit=_unit(county, "人民政府办公室"),
        office="法制工作委员会",
        planned_month=10,
        source=Source.PARTY_PRIORITIES,
        by=by,
    )
    preparing = plan_services.item_add(
        plan=plan,
        kind=Kind.WORK_REPORT,
        title="县人民政府关于农村供水保障工作情况的报告",
        unit=_unit(county, "水利局"),
        office="农业农村工作委员会",
        planned_month=9,
        source=Source.DEPUTY_SUGGESTIONS,
        source_note="代表联络站收到“法治护安人大行”等意见建议中反映农村饮水问题较多。",
        by=by,
    )
    plan_services.item_add(
        plan=plan,
        kind=Kind.INSPECTION,
        title="《中华人民共和国农村集体经济组织法》执法检查",
        unit=_unit(county, "农业农村局"),
        office="农业农村工作委员会",
        planned_month=11,
        source=Source.PARTY_PRIORITIES,
        law="《中华人民共和国农村集体经济组织法》",
        inspection_group="县人大常委会副主任任组长，农业农村工作委员会和县人大代表参加。",
        inspection_methods=["实地检查", "座谈会"],
        by=by,
    )
    _adopt(plan, date(2025, 2, 20), "辰人大常发〔2025〕1号", by)
    deputies = list(Deputy.objects.filter(county=county, user__isnull=True).order_by("pk")[:4])
    _play(
        preparing,
        Story(
            research=[
                {
                    "kind": "questionnaire",
                    "held_on": date(2025, 7, 15),
                    "place": "孝坪镇、火马冲镇",
                    "findings": "高处农户水压不足，部分集中供水工程缺少管护人员。",
                    "deputies": deputies,
                }
            ],
            versions=[("draft", date(2025, 8, 20), "报告征求意见稿。")],
            session=(date(2025, 9, 9), "县人大常委会第三十次会议"),
        ),
        by,
    )
    # The 信访 report polled 不满意 twice over is followed up in 2025 (回头看).
    previous = Plan.objects.get(jurisdiction=county, year=2024)
    petitions = Item.objects.get(plan=previous, unit__name=f"{county.name}信访局")
    lifecycle.item_follow_up(item=petitions, plan=plan, planned_month=6, by=by)


# --- 会同 ------------------------------------------------------------------------------------------

HUITONG_UNITS = ["财政局", "教育局", "卫生健康局", "交通运输局", "水利局", "民政局"]


def _huitong(county: Jurisdiction, by: User) -> None:
    plan = _plan(
        county,
        2024,
        "会同县人大常委会2024年度监督工作计划",
        "将预算执行情况、政府债务管理、国有资产管理、工程建设领域纳入年度监督重点工作；"
        "人大监督与审计监督贯通协同。",
        by,
    )
    if plan is not None:
        _huitong_2024(county, plan, by)
    draft = _plan(
        county,
        2025,
        "会同县人大常委会2025年度监督工作计划（草案）",
        "跟踪2024年专题询问承诺事项落实情况。",
        by,
    )
    if draft is not None:
        plan_services.item_add(
            plan=draft,
            kind=Kind.FISCAL_REPORT,
            title="县人民政府关于2024年度审计查出问题整改情况的报告",
            unit=_unit(county, "审计局"),
            office="财政经济工作委员会",
            planned_month=12,
            source=Source.AUDIT_FINDING,
            by=by,
        )
        inquiry = Item.objects.get(plan__jurisdiction=county, plan__year=2024, kind=Kind.INQUIRY)
        lifecycle.item_follow_up(item=inquiry, plan=draft, planned_month=10, by=by)


def _huitong_2024(county: Jurisdiction, plan: Plan, by: User) -> None:
    ecology, _ = Unit.objects.get_or_create(
        jurisdiction=county,
        name="市生态环境保护局会同分局",
        defaults={"kind": Unit.Kind.GOVERNMENT},
    )
    units = [ecology, *(_unit(county, suffix) for suffix in HUITONG_UNITS)]
    audit = plan_services.item_add(
        plan=plan,
        kind=Kind.WORK_REPORT,
        title="县审计局关于经济责任审计查出问题整改情况的报告",
        unit=_unit(county, "审计局"),
        office="财政经济工作委员会",
        planned_month=10,
        source=Source.AUDIT_FINDING,
        source_note="人大与审计联合实施“问题清单”和“整改清单”对接机制。",
        by=by,
    )
    inquiry = plan_services.item_add(
        plan=plan,
        kind=Kind.INQUIRY,
        title="对市生态环境保护局会同分局等7个单位经济责任审计查出问题整改情况的专题询问",
        unit=units[1],
        office="财政经济工作委员会",
        planned_month=10,
        source=Source.AUDIT_FINDING,
        source_note="根据审计对相关单位的经济责任审计结果，对7个单位进行专题询问、工作评议和满意度测评。",
        joined_to=audit,
        by=by,
    )
    budget = plan_services.item_add(
        plan=plan,
        kind=Kind.FISCAL_REPORT,
        title="县人民政府关于2023年度本级预算执行和其他财政收支的审计工作报告",
        unit=_unit(county, "审计局"),
        office="财政经济工作委员会",
        planned_month=7,
        source=Source.AUDIT_FINDING,
        by=by,
    )
    _adopt(plan, date(2024, 2, 23), "会人大常发〔2024〕3号", by)
    for number in ("HT09", "HT10", "HT11", "HT12", "HT13"):
        problem = AuditProblem.objects.filter(jurisdiction=county, number=number).first()
        if problem is not None:
            Evidence.objects.create(
                item=inquiry,
                label=f"审计查出问题{number}：{problem.description}（部分整改）",
                content_type=ContentType.objects.get_for_model(AuditProblem),
                object_id=problem.pk,
            )
    heard_on = date(2024, 10, 24)
    session = (heard_on, "县人大常委会第二十二次会议")
    _play(
        budget,
        Story(
            versions=[
                ("draft", date(2024, 7, 5), "审计工作报告（征求意见稿）。"),
                ("final", date(2024, 7, 15), "审计工作报告。"),
            ],
            session=(date(2024, 7, 25), "县人大常委会第二十次会议"),
            heard_on=date(2024, 7, 25),
            reporter="县审计局局长",
            hearing_notes="会议听取和审议了审计工作报告，运用预算联网监督平台核对问题清单。",
            opinions="对审计查出的13个问题实行清单销号，年底前报告整改情况。",
            sent_on=date(2024, 8, 1),
            letter_number="会人大常函〔2024〕15号",
            reports=[
                Report(
                    date(2024, 9, 27),
                    "13个问题均已交办相关单位整改，8个已整改到位。",
                    SATISFIED,
                    date(2024, 10, 24),
                )
            ],
            closed_on=date(2024, 11, 5),
        ),
        by,
    )
    _play(
        audit,
        Story(
            research=[
                {
                    "kind": "spot_check",
                    "held_on": date(2024, 9, 20),
                    "place": "县人大预算审查监督平台",
                    "members": "县人大财经委组成人员",
                    "experts": "县审计局审计人员",
                    "findings": "部分单位整改清单销号不及时。",
                }
            ],
            versions=[
                ("draft", date(2024, 10, 4), "整改情况报告（征求意见稿）。"),
                ("final", date(2024, 10, 14), "整改情况报告。"),
            ],
            session=session,
            heard_on=heard_on,
            reporter="县审计局局长",
            hearing_notes="会议听取和审议了报告，并结合审议开展专题询问。",
            opinions="督办整改不及时、不到位的问题，实行清单销号。",
            sent_on=date(2024, 10, 31),
            letter_number="会人大常函〔2024〕21号",
            reports=[
                Report(
                    date(2024, 12, 27), "已督办整改，清单销号8个。", SATISFIED, date(2025, 2, 27)
                )
            ],
            closed_on=date(2025, 3, 5),
        ),
        by,
    )
    ecology_u, finance, education, health, transport, water, civil = units
    questions = [
        Asked(
            "县人大常委会委员 杨文华",
            "经济责任审计指出的生态环境保护专项资金使用不规范问题，整改到什么程度？",
            ecology_u,
            "分局局长 吴建平",
            "已收回违规使用资金，完善专项资金管理制度。",
            [
                (
                    "修订生态环境专项资金管理办法",
                    "分局局长 吴建平",
                    date(2024, 12, 31),
                    date(2024, 12, 20),
                    "管理办法已印发执行。",
                )
            ],
        ),
        Asked(
            "县人大常委会副主任 粟德胜",
            "专项债券资金支出进度缓慢，如何加快？",
            finance,
            "县财政局局长 龙海燕",
            "建立债券项目周调度机制，明年上半年支出完毕。",
            [
                (
                    "专项债券资金2025年6月底前全部支出",
                    "县财政局局长 龙海燕",
                    date(2025, 6, 30),
                    None,
                    "",
                ),
                (
                    "建立政府债务风险化解三年台账",
                    "县财政局分管副局长",
                    _ahead(1, 12, 31),
                    None,
                    "",
                ),
            ],
        ),
        Asked(
            "县人大代表 蒲秀兰",
            "学校资产处置未履行审批程序的问题如何整改？",
            education,
            "县教育局局长 石光明",
            "已补办审批手续，开展全系统资产清查。",
            [
                (
                    "完成全县学校资产清查",
                    "县教育局分管副局长",
                    date(2025, 3, 31),
                    date(2025, 3, 25),
                    "清查完毕，账实相符。",
                )
            ],
        ),
        Asked(
            "县人大常委会委员 田丽娟",
            "医疗设备账实不符的原因是什么？",
            health,
            "县卫生健康局局长 姚春梅",
            "设备调拨未及时入账，已全面盘点。",
            [],
        ),
        Asked(
            "县人大常委会委员 杨文华",
            "工程结算审核不严，如何防止再次发生？",
            transport,
            "县交通运输局局长 梁志强",
            "引入第三方审核，结算前必须经审计复核。",
            [
                (
                    "工程结算第三方审核全覆盖",
                    "县交通运输局局长 梁志强",
                    date(2025, 12, 31),
                    date(2025, 11, 28),
                    "2025年结算项目均已经第三方审核。",
                )
            ],
        ),
        Asked(
            "县人大代表 吴玉芳",
            "水利项目超概算问题如何整改？",
            water,
            "县水利局局长 蒋国平",
            "已调整概算并报批，追究相关责任。",
            [
                (
                    "建立水利项目投资控制责任制",
                    "县水利局局长 蒋国平",
                    _ahead(2, 6, 30),
                    None,
                    "",
                )
            ],
        ),
        Asked(
            "县人大常委会委员 田丽娟",
            "临时救助审批不规范，群众反映审批慢，如何改进？",
            civil,
            "县民政局局长 唐丽",
            "下放审批权限到乡镇，小额救助先行救助。",
            [],
        ),
    ]
    _play(
        inquiry,
        Story(
            session=session,
            questions=questions,
            heard_on=heard_on,
            reporter="副县长",
            hearing_notes="7个单位主要负责人到会应询，会后对应询单位开展工作评议和满意度测评。",
            report_verdict=BASICALLY,
            opinions="抓好询问中承诺事项的落实，逐项销号，按期报告。",
            sent_on=date(2024, 11, 1),  # due on 31 October: a day late
            letter_number="会人大常函〔2024〕22号",
            # Polled 满意; left open until the long-running commitments are done.
            reports=[
                Report(
                    date(2024, 12, 30),
                    "7个单位已制定整改方案，承诺事项列入清单跟踪落实。",
                    SATISFIED,
                    date(2025, 2, 27),
                )
            ],
        ),
        by,
    )


# --- 溆浦 and 芷江: livelihood projects in the annual plan ------------------------------------------


def _xupu(county: Jurisdiction, by: User) -> None:
    plan = _plan(
        county,
        2024,
        "溆浦县人大常委会2024年度监督工作计划",
        "将民生实事票决项目列入年度监督工作计划，定期组织代表开展视察调研。",
        by,
    )
    if plan is None:
        return
    item = plan_services.item_add(
        plan=plan,
        kind=Kind.WORK_REPORT,
        title="县人民政府关于2024年代表票决民生实事项目办理情况的报告",
        unit=_unit(county, "人民政府办公室"),
        office="财政经济工作委员会",
        planned_month=12,
        source=Source.DEPUTY_SUGGESTIONS,
        source_note=(
            "代表票决民生实事项目“八字工作法”：县人大常委会将民生实事票决项目列入年度监督工作计划。"
            "见“民生实事项目”：溆浦县2024年34个代表票决项目，县财政纳入预算1000万元。"
        ),
        by=by,
    )
    _adopt(plan, date(2024, 2, 28), "溆人大常发〔2024〕2号", by)
    deputies = list(Deputy.objects.filter(county=county, user__isnull=True).order_by("pk")[:5])
    _play(
        item,
        Story(
            research=[
                {
                    "kind": "visit",
                    "held_on": date(2024, 6, 18),
                    "place": "卢峰镇、低庄镇民生实事项目现场",
                    "findings": "部分乡镇项目开工较晚，资金拨付进度慢。",
                    "deputies": deputies[:3],
                },
                {
                    "kind": "visit",
                    "held_on": date(2024, 11, 12),
                    "place": "龙潭镇民生实事项目现场",
                    "findings": "项目全部开工，多数已完工。",
                    "deputies": deputies[2:],
                },
            ],
            versions=[
                ("draft", date(2024, 12, 5), "办理情况报告（征求意见稿）。"),
                ("final", date(2024, 12, 16), "办理情况报告：34个项目完成率100%。"),
            ],
            session=(date(2024, 12, 26), "县人大常委会第二十四次会议"),
            heard_on=date(2024, 12, 26),
            reporter="副县长",
            hearing_notes="会议听取和审议了报告，对民生实事项目办理情况进行满意度测评，结果为满意。",
            report_verdict=SATISFIED,
            opinions="建立项目后期管护机制，把测评结果纳入绩效考核评价。",
            sent_on=date(2025, 1, 2),
            letter_number="溆人大常函〔2024〕30号",
            reports=[
                Report(
                    date(2025, 2, 20),
                    "2024年34个代表票决民生实事项目完成率达100%；县人代会上代表听取办理情况报告并测评。",
                    SATISFIED,
                    date(2025, 2, 26),
                )
            ],
            closed_on=date(2025, 3, 10),
        ),
        by,
    )


def _zhijiang(county: Jurisdiction, by: User) -> None:
    plan = _plan(
        county,
        2024,
        "芷江侗族自治县人大常委会2024年度监督工作计划",
        "将票决民生实事实施情况列入年度重点监督工作，实行人代会会前集中视察和会中满意度测评制度，"
        "测评结果报县委并向社会公开。",
        by,
    )
    if plan is None:
        return
    item = plan_services.item_add(
        plan=plan,
        kind=Kind.WORK_REPORT,
        title="县人民政府关于2023年度县乡民生实事项目实施情况的报告",
        unit=_unit(county, "人民政府办公室"),
        office="财政经济工作委员会",
        planned_month=1,
        source=Source.DEPUTY_SUGGESTIONS,
        source_note="见“民生实事项目”：芷江2023年5个县级、28个乡镇民生实事项目。",
        by=by,
    )
    _adopt(plan, date(2024, 1, 5), "芷人大常发〔2024〕1号", by, published_on=date(2024, 1, 8))
    deputies = list(Deputy.objects.filter(county=county, user__isnull=True).order_by("pk")[:4])
    _play(
        item,
        Story(
            research=[
                {
                    "kind": "visit",
                    "held_on": date(2024, 1, 10),
                    "place": "芷江第一幼儿园等县级民生实事项目现场",
                    "findings": "人代会会前集中视察：项目均已完成。",
                    "deputies": deputies,
                }
            ],
            session=(date(2024, 1, 24), "县人民代表大会会议"),
            heard_on=date(2024, 1, 24),
            reporter="县长",
            hearing_notes="会中满意度测评：5个县级民生实事项目和28个乡镇民生实事项目的测评满意率均为100%。",
            report_verdict=SATISFIED,
            opinions="做好已建项目的运营管护，测评结果报县委并向社会公开。",
            sent_on=date(2024, 1, 31),
            letter_number="芷人大常函〔2024〕2号",
            reports=[
                Report(
                    date(2024, 3, 25), "已建立项目运营管护责任清单。", SATISFIED, date(2024, 4, 26)
                )
            ],
            closed_on=date(2024, 5, 6),
            published_on=date(2024, 1, 26),
        ),
        by,
    )


# --- 沅陵: the procuratorate joins the inspection --------------------------------------------------


def _yuanling(county: Jurisdiction, by: User) -> None:
    plan = _plan(county, 2024, "沅陵县人大常委会2024年度监督工作计划", "", by)
    if plan is None:
        return
    inspection = plan_services.item_add(
        plan=plan,
        kind=Kind.INSPECTION,
        title="《湖南省河道采砂管理条例》执法检查",
        unit=_unit(county, "水利局"),
        office="城乡建设环境保护工作委员会",
        planned_month=10,
        source=Source.FINDINGS,
        source_note="县人民检察院行政检察建议“依法查处非法采砂行为”（沅检行建〔2024〕3号）尚未采纳。",
        law="《湖南省河道采砂管理条例》",
        inspection_group=(
            "县人大常委会副主任任组长，城乡建设环境保护工作委员会、部分常委会组成人员和县人大代表参加；"
            "依照《沅陵县人大常委会工作监督与沅陵县人民检察院行政执法检察监督联动的意见》，"
            "县人民检察院派员参加，同步开展检察监督。"
        ),
        inspection_places="沅水干流沅陵段、五强溪镇、官庄镇",
        inspection_methods=["实地检查", "暗访", "座谈会", "听取汇报"],
        by=by,
    )
    budget = plan_services.item_add(
        plan=plan,
        kind=Kind.FISCAL_REPORT,
        title="县人民政府关于2024年预算调整方案的报告",
        unit=_unit(county, "财政局"),
        office="财政经济工作委员会",
        planned_month=12,
        source=Source.OTHER,
        by=by,
    )
    _adopt(plan, date(2024, 2, 26), "沅人大常发〔2024〕2号", by)
    _play(
        inspection,
        Story(
            research=[
                {
                    "kind": "spot_check",
                    "held_on": date(2024, 9, 24),
                    "place": "五强溪镇采砂场",
                    "members": "执法检查组成员、县人民检察院检察官",
                    "findings": "个别采砂场超范围开采，行政处罚案件移送不及时。",
                }
            ],
            versions=[("inspection", date(2024, 10, 18), "执法检查报告（含检察监督意见）。")],
            session=(date(2024, 10, 30), "县人大常委会第二十二次会议"),
            heard_on=date(2024, 10, 30),
            reporter="县人大常委会副主任（执法检查组组长）",
            hearing_notes="会议听取和审议了执法检查报告，县人民检察院列席。",
            opinions="依法查处非法采砂，落实行政执法与检察监督衔接机制。",
            # The limit was 6 November; the letter went out late, and no report came since.
            sent_on=date(2024, 11, 12),
            letter_number="沅人大常函〔2024〕40号",
        ),
        by,
    )
    _play(
        budget,
        Story(
            versions=[("final", date(2024, 12, 16), "预算调整方案。")],
            session=(date(2024, 12, 26), "县人大常委会第二十三次会议"),
            heard_on=date(2024, 12, 26),
            reporter="县财政局局长",
            hearing_notes="会议审查批准了预算调整方案，组成人员提出了审议意见。",
            # Drafted, never sent: the letter stays overdue.
            opinions="严格预算执行，压减一般性支出。",
        ),
        by,
    )
