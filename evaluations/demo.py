"""Demo data from the seed article: 沅陵's four checklists, 会同's matched lists and monthly joint
reviews, procuratorial suggestions, 洪江市's appraisal of heads and 新晃's judges, prosecutors and
heads. Idempotent: every record is found by its natural key and updated in place.
"""

from datetime import date
from decimal import Decimal

from accounts.models import User
from core.models import Jurisdiction, Unit
from notifications.recipients import unit_liaisons

from . import services
from .models import (
    AppraisalEntry,
    AppraisalRound,
    AuditProblem,
    ConsequenceAction,
    EvaluationRound,
    JointReview,
    Opinion,
    Participant,
    ProcuratorialSuggestion,
    RectificationItem,
    Stage,
    UnitHead,
)
from .rules import Consequence

Status = AuditProblem.Status

# 沅陵: 2023's six areas, 40 problems → 32 fully, 7 partially, 1 committed.
YUANLING_AREAS = [
    (
        "预算执行",
        "沅陵县财政局",
        ["部分专项资金未及时拨付", "年初预算编制不细化", "结转结余资金未按规定收回"],
    ),
    ("政府债务", "沅陵县财政局", ["新增债券资金闲置", "债务还本付息资金未足额安排"]),
    ("国有资产", "沅陵县人民政府办公室", ["固定资产未及时入账", "闲置房产未盘活"]),
    ("民生资金", "沅陵县民政局", ["低保对象动态管理不到位", "养老服务补贴发放不及时"]),
    ("民生资金", "沅陵县卫生健康局", ["基层医疗设备闲置", "医保基金使用监管不严"]),
    ("教育资金", "沅陵县教育局", ["学生资助资金发放滞后", "校舍维修项目未按期完工"]),
    ("工程建设", "沅陵县交通运输局", ["农村公路项目未按规定招标", "工程价款结算不及时"]),
    ("工程建设", "沅陵县水利局", ["水毁修复项目进度滞后", "项目验收资料不全"]),
]
YUANLING_STATUSES = [Status.RECTIFIED] * 32 + [Status.PARTIAL] * 7 + [Status.COMMITTED]


def _staff(code: str) -> User:
    return User.objects.get(username=f"c{code}_staff")


def _unit(county, suffix: str) -> Unit:
    return Unit.objects.get(jurisdiction=county, name=f"{county.name}{suffix}")


def seed() -> None:
    yuanling = Jurisdiction.objects.get(code="431222")
    staff = _staff("431222")
    _yuanling_audit(yuanling, staff)
    _yuanling_round(yuanling, staff)
    _procuratorial(yuanling)
    huitong = Jurisdiction.objects.get(code="431225")
    _huitong(huitong, _staff("431225"))
    _hongjiang(Jurisdiction.objects.get(code="431281"), _staff("431281"))
    _xinhuang(Jurisdiction.objects.get(code="431227"), _staff("431227"))


def _yuanling_audit(county, staff) -> None:
    rows = [(area, unit, text) for area, unit, texts in YUANLING_AREAS for text in texts]
    for index, status in enumerate(YUANLING_STATUSES):
        area, unit_name, text = rows[index % len(rows)]
        round_no = index // len(rows) + 1
        fully = status == Status.RECTIFIED
        problem, _ = AuditProblem.objects.update_or_create(
            jurisdiction=county,
            year=2023,
            number=f"{index + 1:02d}",
            defaults={
                "area": area,
                "description": text if round_no == 1 else f"{text}（第{round_no}批）",
                "amount": Decimal(15 + index * 7) / 2,
                "unit": Unit.objects.get(jurisdiction=county, name=unit_name),
                "deadline": date(2024, 6, 30),
                "status": status,
                "measures": "已制定整改方案并落实"
                if status != Status.COMMITTED
                else "承诺年内完成",
                "evidence": f"整改佐证：沅审整〔2024〕{index + 1}号" if fully else "",
                "reported_on": date(2024, 9, 20),
                # The first 20 fully rectified problems were verified and closed out in October.
                "closed_on": date(2024, 10, 15) if fully and index < 20 else None,
                "closed_by": staff if fully and index < 20 else None,
            },
        )


# The 2024 evaluation embeds the 2023 audit problems, so it evaluates every unit that holds one:
# its scorecard then shows the seed's 40 problems (32 fully, 7 partially, 1 committed).
YUANLING_EVALUATED = [
    "财政局",
    "教育局",
    "交通运输局",
    "水利局",
    "人民政府办公室",
    "民政局",
    "卫生健康局",
]


def _yuanling_round(county, staff) -> None:
    units = [_unit(county, s) for s in YUANLING_EVALUATED]
    evaluation = EvaluationRound.objects.filter(jurisdiction=county, year=2024).first()
    if evaluation is None:
        evaluation = services.round_create(
            jurisdiction=county,
            year=2024,
            title="沅陵县人大常委会2024年政府工作部门工作评议",
            units=units,
            by=staff,
            notes="嵌入审计问题整改、代表建议办理、行政检察监督和推进民生实事项目“四张清单”。",
        )
    evaluation.units.set(units)
    done = {
        Stage.Kind.PLAN: date(2024, 3, 20),
        Stage.Kind.INVESTIGATION: date(2024, 6, 15),
        Stage.Kind.HEARING: date(2024, 8, 28),
        Stage.Kind.POLL: date(2024, 8, 28),
        Stage.Kind.OPINIONS: date(2024, 9, 10),
    }
    for kind, day in done.items():
        Stage.objects.filter(round=evaluation, kind=kind).update(done_on=day)
    Participant.objects.update_or_create(
        round=evaluation,
        name="沅陵县人民检察院 行政检察部主任",
        defaults={"kind": Participant.Kind.PROCURATORATE, "organization": "沅陵县人民检察院"},
    )
    Participant.objects.update_or_create(
        round=evaluation,
        name="沅陵县审计局 分管副局长",
        defaults={"kind": Participant.Kind.AUDIT, "organization": "沅陵县审计局"},
    )
    Opinion.objects.update_or_create(
        round=evaluation,
        unit=units[0],
        content="加大对乡镇民生实事项目建设支持力度",
        defaults={
            "assigned_on": date(2024, 9, 10),
            "deadline": date(2024, 12, 10),
            "report": "专题调度，落实12个乡镇人大代表票决的民生实事项目资金235万元。",
            "reported_on": date(2024, 11, 28),
            "reported_by": next(iter(unit_liaisons([units[0]])), None),
        },
    )
    Opinion.objects.update_or_create(
        round=evaluation,
        unit=units[2],
        content="加快农村公路项目建设进度，规范招投标管理",
        defaults={"assigned_on": date(2024, 9, 10), "deadline": date(2024, 12, 10)},
    )


def _procuratorial(county) -> None:
    procuratorate = _unit(county, "人民检察院")
    rows = [
        (
            "沅检行建〔2024〕1号",
            "交通运输局",
            "规范超限运输行政处罚程序",
            date(2024, 3, 12),
            date(2024, 4, 30),
            True,
        ),
        (
            "沅检行建〔2024〕2号",
            "民政局",
            "加强低保对象动态管理",
            date(2024, 5, 8),
            date(2024, 7, 2),
            True,
        ),
        ("沅检行建〔2024〕3号", "水利局", "依法查处非法采砂行为", date(2024, 9, 20), None, False),
    ]
    for number, suffix, content, issued, replied, adopted in rows:
        ProcuratorialSuggestion.objects.update_or_create(
            procuratorate=procuratorate,
            number=number,
            defaults={
                "unit": _unit(county, suffix),
                "content": content,
                "issued_on": issued,
                "replied_on": replied,
                "reply": "已按建议整改并书面回复。" if replied else "",
                "adoption": (
                    ProcuratorialSuggestion.Adoption.ADOPTED
                    if adopted
                    else ProcuratorialSuggestion.Adoption.PENDING
                ),
            },
        )


HUITONG_PROBLEMS = [
    ("预算执行", "财政局", "部分支出预算未细化到具体项目"),
    ("预算执行", "财政局", "代编预算比例偏高"),
    ("政府债务", "财政局", "专项债券资金支出进度缓慢"),
    ("政府债务", "交通运输局", "债券项目收益未按规定归集"),
    ("国有资产", "人民政府办公室", "公务用车管理不规范"),
    ("国有资产", "教育局", "学校资产处置未履行审批程序"),
    ("国有资产", "卫生健康局", "医疗设备账实不符"),
    ("工程建设", "水利局", "工程变更未按规定审批"),
    ("工程建设", "交通运输局", "工程结算审核不严"),
    ("工程建设", "水利局", "项目建设超概算"),
    ("民生资金", "民政局", "临时救助审批不规范"),
    ("民生资金", "教育局", "营养改善计划资金结余较大"),
    ("民生资金", "卫生健康局", "公共卫生服务资金拨付滞后"),
]


def _huitong(county, staff) -> None:
    problems = []
    for index, (area, suffix, text) in enumerate(HUITONG_PROBLEMS, start=1):
        done = index <= 8
        problem, _ = AuditProblem.objects.update_or_create(
            jurisdiction=county,
            year=2024,
            number=f"HT{index:02d}",
            defaults={
                "area": area,
                "description": text,
                "unit": _unit(county, suffix),
                "deadline": date(2024, 12, 31),
                "status": Status.RECTIFIED if done else Status.PARTIAL,
                "evidence": f"会审整改〔2024〕{index}号" if done else "",
                "measures": "按整改清单逐项落实",
            },
        )
        RectificationItem.objects.update_or_create(
            problem=problem,
            defaults={
                "measures": f"针对“{text}”制定整改措施，明确时限",
                "responsible_person": f"{problem.unit.name}分管负责人",
                "planned_on": date(2024, 11, 30),
                "completed_on": date(2024, 10, 31) if done else None,
            },
        )
        problems.append(problem)
    for month in range(1, 12):
        review, _ = JointReview.objects.update_or_create(
            jurisdiction=county,
            month=date(2024, month, 1),
            defaults={
                "held_on": date(2024, month, 25),
                "attendees": "县人大财经委、县审计局",
                "findings": "运用预算联网监督平台，逐项核对问题清单和整改清单。",
                "follow_up": "督办整改不及时的问题" if month % 3 == 0 else "",
                "recorded_by": staff,
            },
        )
        review.problems.set(problems[: min(13, month + 2)])


HONGJIANG_HEADS = [
    # unit suffix, head, took office, predecessor (name, took office) or None
    ("财政局", "杨建华", date(2019, 3, 1), None),
    ("教育局", "舒雅琴", date(2020, 6, 15), None),
    ("卫生健康局", "向志刚", date(2018, 9, 1), None),
    ("交通运输局", "梁晓东", date(2024, 5, 6), ("田立新", date(2017, 4, 1))),
    ("水利局", "蒋国平", date(2021, 1, 31), None),
    ("民政局", "唐丽", date(2021, 7, 1), None),
    ("审计局", "石勇", date(2019, 11, 1), None),
    ("人民政府办公室", "陈浩", date(2023, 2, 10), None),
]
# D votes and whether rated poor in three consecutive rounds, for 田立新 and 唐丽.
HONGJIANG_ROUNDS = [
    (date(2022, 12, 20), {"唐丽": 34, "田立新": 12, "向志刚": 9, "石勇": 3}),
    (date(2023, 12, 18), {"唐丽": 35, "田立新": 14, "蒋国平": 10, "陈浩": 2}),
    (date(2024, 12, 16), {"唐丽": 33, "梁晓东": 11, "田立新": 11, "蒋国平": 8, "舒雅琴": 1}),
]
VOTERS = 95


def _hongjiang(county, staff) -> None:
    for suffix, name, took, predecessor in HONGJIANG_HEADS:
        unit = _unit(county, suffix)
        previous = None
        if predecessor:
            previous, _ = UnitHead.objects.update_or_create(
                unit=unit,
                name=predecessor[0],
                defaults={"post": "局长", "took_office": predecessor[1], "left_office": took},
            )
        UnitHead.objects.update_or_create(
            unit=unit,
            name=name,
            defaults={
                "post": "局长" if "局" in suffix else "主任",
                "took_office": took,
                "predecessor": previous,
            },
        )
    for day, d_votes in HONGJIANG_ROUNDS:
        appraisal, created = AppraisalRound.objects.get_or_create(
            jurisdiction=county,
            appraisal_date=day,
            defaults={
                "title": f"洪江市{day.year}年政府工作部门行政负责人履职评议",
                "year": day.year,
                "created_by": staff,
            },
        )
        if not created and appraisal.graded_at:
            continue
        services.appraisal_build_roster(appraisal=appraisal, by=staff)
        tallies = {}
        for entry in appraisal.entries.select_related("head"):
            d = d_votes.get(entry.head.name, 0)
            a = 70 - d - (entry.pk % 5) * 3
            tallies[entry.pk] = {"A": a, "B": VOTERS - a - d - 4, "C": 4, "D": d}
        services.appraisal_record_votes(appraisal=appraisal, tallies=tallies, by=staff)
        services.appraisal_grade(appraisal=appraisal, by=staff)
    _hongjiang_consequences(county, staff)


# 唐丽, poor and in the D-top-3 three years running, climbs the whole ladder (洪江市's 结果运用):
# the talks and the referral were carried out; the removal motion is still to be filed.
# (appraisal date, consequence, carried out on, by whom, document)
HONGJIANG_CONSEQUENCES = [
    (
        date(2022, 12, 20),
        Consequence.GOVERNMENT_TALK,
        date(2023, 1, 6),
        "洪江市人民政府市长",
        "洪政办函〔2023〕2号 关于对履职评议“较差”等次负责人进行约谈的通知",
    ),
    (
        date(2023, 12, 18),
        Consequence.PARTY_TALK,
        date(2024, 1, 10),
        "中共洪江市委组织部",
        "洪人常函〔2024〕1号 关于提请市委组织部约谈唐丽同志的函",
    ),
    (
        date(2024, 12, 16),
        Consequence.POST_ADJUSTMENT,
        date(2025, 1, 8),
        "洪江市人大常委会主任会议",
        "洪人常函〔2025〕3号 关于提请市委对唐丽同志进行岗位调整的函",
    ),
]


def _hongjiang_consequences(county, staff) -> None:
    actions = ConsequenceAction.objects.filter(
        entry__round__jurisdiction=county, entry__head__name="唐丽"
    ).select_related("entry__round")
    by_round_and_kind = {(a.entry.round.appraisal_date, a.kind): a for a in actions}
    for day, kind, done_on, by_whom, document in HONGJIANG_CONSEQUENCES:
        action = by_round_and_kind.get((day, kind))
        if action is None or action.is_done:
            continue
        services.consequence_record(
            action=action,
            done_on=done_on,
            by_whom=by_whom,
            note="已按履职评议结果运用办法落实。",
            document=document,
            by=staff,
        )


XINHUANG_EXTRA_UNITS = [
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "自然资源局",
    "农业农村局",
    "市场监督管理局",
    "文化旅游广电体育局",
    "林业局",
    "应急管理局",
    "商务局",
    "司法局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
]
SURNAMES = "吴杨姚龙蒲田张刘李王陈周黄赵孙胡朱高林何"


def _xinhuang(county, staff) -> None:
    for suffix in XINHUANG_EXTRA_UNITS:
        Unit.objects.update_or_create(
            jurisdiction=county,
            name=f"{county.name}{suffix}",
            defaults={"kind": Unit.Kind.GOVERNMENT},
        )
    departments = list(
        Unit.objects.filter(jurisdiction=county, kind=Unit.Kind.GOVERNMENT).order_by("name")
    )[:20]
    for index, unit in enumerate(departments):
        UnitHead.objects.update_or_create(
            unit=unit,
            name=f"{SURNAMES[index]}{'文武明德清华'[index % 6]}",
            defaults={"post": "局长", "took_office": date(2020 + index % 4, 1 + index % 12, 1)},
        )
    court, procuratorate = _unit(county, "人民法院"), _unit(county, "人民检察院")
    for index, name in enumerate(["龙正义", "姚明法", "杨慧"]):
        UnitHead.objects.update_or_create(
            unit=court,
            name=name,
            defaults={
                "kind": UnitHead.Kind.JUDGE,
                "post": "员额法官",
                "took_office": date(2018 + index, 3, 1),
            },
        )
    for index, name in enumerate(["吴检", "蒲清"]):
        UnitHead.objects.update_or_create(
            unit=procuratorate,
            name=name,
            defaults={
                "kind": UnitHead.Kind.PROSECUTOR,
                "post": "员额检察官",
                "took_office": date(2019 + index, 6, 1),
            },
        )
    appraisal, created = AppraisalRound.objects.get_or_create(
        jurisdiction=county,
        appraisal_date=date(2024, 11, 26),
        defaults={
            "title": "新晃县2024年员额法官、检察官和政府工作部门负责人履职评议",
            "year": 2024,
            "subject_kinds": "head,judge,prosecutor",
            "created_by": staff,
        },
    )
    if created or not AppraisalEntry.objects.filter(round=appraisal).exists():
        services.appraisal_build_roster(appraisal=appraisal, by=staff)
