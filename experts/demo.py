"""Demo data of the expert pool, from the seed article (怀化日报 2024-12-27).

- 鹤城 431202: the first pool of a county-level committee in 怀化: 35 experts, 29 of them with
  senior titles (82.9 %, "80%以上"), appointed in 2024 under the 《鹤城区人大常委会咨询专家库管理暂行
  办法》; the annual symposium and the four quarterly meetings of 2024; experts joined 42 grassroots
  visits ("走访40余次") and 12 inspections and research of key work ("视察调研活动10余场次"), and gave
  62 professional opinions ("专业意见60余条") and 32 decision references ("决策参考意见30余条"). The
  seed gives no adoption figure; about two thirds are marked adopted so the report has one.
- 沅陵 431222: a small pool of four, one meeting and one piece of work on a supervision item, so
  the demo's logins (yl_staff, yl_deputy) have rows to open.

Everything is written through the services. A county whose pool already has experts is left as it
is, which makes `seed()` idempotent.
"""

import datetime as dt
from datetime import date

from accounts.models import Role, User
from core.models import Jurisdiction
from supervision.models import Item

from . import services
from .models import Activity, Engagement, Expert, Meeting, Opinion

RULES = "《鹤城区人大常委会咨询专家库管理暂行办法》"
L = Expert.TitleLevel

# (name, field, title, level, employer)
HECHENG = [
    ("向志军", "宪法与行政法", "教授", L.FULL_SENIOR, "怀化学院法学与公共管理学院"),
    ("舒丽华", "民商法", "副教授", L.DEPUTY_SENIOR, "怀化学院法学与公共管理学院"),
    ("杨昌明", "诉讼法", "一级律师", L.FULL_SENIOR, "湖南五溪律师事务所"),
    ("蒋文斌", "行政法", "二级律师", L.DEPUTY_SENIOR, "湖南鹤州律师事务所"),
    ("田晓燕", "财政学", "正高级会计师", L.FULL_SENIOR, "怀化市财政局预算评审中心"),
    ("龙海波", "审计", "高级审计师", L.DEPUTY_SENIOR, "湖南天正会计师事务所怀化分所"),
    ("刘红梅", "会计", "高级会计师", L.DEPUTY_SENIOR, "怀化市第一人民医院财务科"),
    ("胡建新", "金融", "高级经济师", L.DEPUTY_SENIOR, "中国人民银行怀化市分行"),
    ("石磊", "区域经济", "教授", L.FULL_SENIOR, "怀化学院商学院"),
    ("谢春林", "统计", "高级统计师", L.DEPUTY_SENIOR, "国家统计局怀化调查队"),
    ("向阳", "城乡规划", "正高级工程师", L.FULL_SENIOR, "怀化市规划设计院"),
    ("邓国庆", "建筑工程", "高级工程师", L.DEPUTY_SENIOR, "湖南省第五工程有限公司"),
    ("陈雪梅", "市政工程", "高级工程师", L.DEPUTY_SENIOR, "怀化市市政设计院"),
    ("吴俊杰", "交通运输", "高级工程师", L.DEPUTY_SENIOR, "怀化市公路建设养护中心"),
    ("姚敏", "生态环境", "正高级工程师", L.FULL_SENIOR, "怀化市生态环境监测中心"),
    ("李国华", "水利", "高级工程师", L.DEPUTY_SENIOR, "怀化市水利水电勘测设计院"),
    ("杨丽", "农业经济", "研究员", L.FULL_SENIOR, "怀化市农业科学研究所"),
    ("潘志刚", "林业", "高级工程师", L.DEPUTY_SENIOR, "怀化市林业科学研究所"),
    ("张文华", "临床医学", "主任医师", L.FULL_SENIOR, "怀化市第一人民医院"),
    ("覃玉兰", "公共卫生", "副主任医师", L.DEPUTY_SENIOR, "怀化市疾病预防控制中心"),
    ("黄晓东", "中医", "主任医师", L.FULL_SENIOR, "怀化市中医医院"),
    ("唐美玲", "基础教育", "正高级教师", L.FULL_SENIOR, "怀化市铁路第一中学"),
    ("滕建军", "职业教育", "副教授", L.DEPUTY_SENIOR, "怀化职业技术学院"),
    ("粟红英", "学前教育", "高级教师", L.DEPUTY_SENIOR, "鹤城区第一幼儿园"),
    ("周新民", "社会保障", "副教授", L.DEPUTY_SENIOR, "怀化学院马克思主义学院"),
    ("彭亮", "信息技术", "高级工程师", L.DEPUTY_SENIOR, "中国电信怀化分公司"),
    ("曾凡平", "文化旅游", "研究馆员", L.FULL_SENIOR, "怀化市博物馆"),
    ("欧阳慧", "食品安全", "高级工程师", L.DEPUTY_SENIOR, "怀化市食品药品检验所"),
    ("符志勇", "安全生产", "高级工程师", L.DEPUTY_SENIOR, "怀化市应急管理综合服务中心"),
    ("舒畅", "社会治理", "讲师", L.INTERMEDIATE, "中共鹤城区委党校"),
    ("梁晓芳", "基层治理", "经济师", L.INTERMEDIATE, "鹤城区城中街道办事处"),
    ("戴文军", "物业管理", "工程师", L.INTERMEDIATE, "怀化市物业管理协会"),
    ("瞿小红", "心理咨询", "心理治疗师（中级）", L.INTERMEDIATE, "怀化市第三人民医院"),
    ("谭建华", "营商环境", "经济师", L.INTERMEDIATE, "鹤城区工商业联合会"),
    ("全海燕", "妇女儿童权益", "律师（四级）", L.INTERMEDIATE, "湖南五溪律师事务所"),
]

# (title, started_on, visits, inspections, professional opinions, decision references)
HECHENG_WORK = [
    ("优化营商环境工作视察", date(2024, 3, 12), 6, 2, 9, 5),
    ("城区老旧小区改造情况调研", date(2024, 4, 9), 6, 2, 9, 5),
    ("《中华人民共和国食品安全法》执法检查", date(2024, 5, 14), 5, 2, 8, 4),
    ("区级预算执行和审计查出问题整改情况审查", date(2024, 6, 18), 5, 1, 8, 4),
    ("义务教育均衡发展情况视察", date(2024, 7, 16), 5, 1, 7, 4),
    ("舞水河流域生态环境保护调研", date(2024, 8, 20), 5, 2, 7, 4),
    ("医疗卫生服务体系建设情况调研", date(2024, 9, 10), 5, 1, 7, 3),
    ("基层社会治理和矛盾纠纷化解调研", date(2024, 10, 15), 5, 1, 7, 3),
]

MEETINGS = [
    (Meeting.Kind.SYMPOSIUM, date(2024, 2, 27), "咨询专家座谈会：通报专家库年度工作方案"),
    (Meeting.Kind.QUARTERLY, date(2024, 3, 28), "第一季度恳谈会：营商环境视察选题"),
    (Meeting.Kind.QUARTERLY, date(2024, 6, 27), "第二季度恳谈会：预算执行审查要点"),
    (Meeting.Kind.QUARTERLY, date(2024, 9, 26), "第三季度恳谈会：生态环境保护调研成果交流"),
    (Meeting.Kind.QUARTERLY, date(2024, 12, 19), "第四季度恳谈会：年度履职总结和明年选题"),
]

PROFESSIONAL = [
    "建议将{topic}纳入明年监督工作计划，开展跟踪监督。",
    "建议对{topic}中发现的问题建立清单，明确责任单位和整改时限。",
    "建议在审议{topic}时引入第三方评估，增强监督的专业性。",
]
REFERENCE = [
    "{topic}中资金拨付进度偏慢，建议财政部门按季度通报执行情况。",
    "{topic}中基层反映的问题较集中，建议相关部门现场办公、限期答复。",
]


def _office(code: str) -> User:
    county = Jurisdiction.objects.get(code=code)
    user = (
        User.objects.filter(jurisdiction=county, role__in=[Role.STAFF, Role.ADMIN])
        .order_by("role", "pk")
        .first()
        or User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    )
    assert user is not None, "accounts.demo seeds the offices first"
    return user


def seed() -> None:
    _hecheng()
    _yuanling()


def _hecheng() -> None:
    county = Jurisdiction.objects.filter(code="431202").first()
    if county is None or Expert.objects.filter(county=county).exists():
        return
    by = _office("431202")
    services.pool_settings_update(
        county=county,
        name="鹤城区人大常委会咨询专家库",
        senior_target=80,
        established_on=date(2024, 1, 18),
        rules_title=RULES,
        rules_adopted_on=date(2024, 1, 10),
        by=by,
    )
    experts = [
        services.expert_add(
            county=county,
            name=name,
            field=field,
            title=title,
            title_level=level,
            employer=employer,
            term_start=date(2024, 1, 18),
            term_end=date(2026, 12, 31),
            rules_document=RULES,
            rules_signed_on=date(2024, 1, 18),
            phone=f"0745-28{index:05d}",
            by=by,
        )
        for index, (name, field, title, level, employer) in enumerate(HECHENG, start=1)
    ]
    for number, (kind, held_on, topic) in enumerate(MEETINGS):
        attendees = experts if kind == Meeting.Kind.SYMPOSIUM else experts[number::2]
        services.meeting_record(
            county=county,
            kind=kind,
            held_on=held_on,
            topic=topic,
            place="鹤城区人大常委会机关会议室",
            attendees=attendees,
            minutes=f"{topic}。与会专家围绕议题逐一发言，区人大常委会办公室整理意见并交相关工委研究。",
            by=by,
        )
    for number, work in enumerate(HECHENG_WORK):
        _hecheng_work(county, experts, number, work, by)


def _hecheng_work(county, experts, number, work, by) -> None:
    title, started_on, visits, inspections, professional, references = work
    # Six or seven experts of the fields concerned, taken in turn around the pool.
    invited = [experts[(number * 5 + k) % len(experts)] for k in range(7)]
    engagement = services.engagement_create(
        county=county,
        kind=Engagement.Kind.OTHER,
        title=title,
        started_on=started_on,
        experts=invited,
        description="区人大常委会邀请咨询专家参与，深入基层走访、视察调研并提出意见建议。",
        by=by,
    )
    for k in range(visits):
        services.activity_record(
            engagement=engagement,
            kind=Activity.Kind.VISIT,
            held_on=started_on + dt.timedelta(days=2 * k),
            experts=invited[k % 3 : k % 3 + 3],
            place=["城中街道", "坨院街道", "黄金坳镇"][k % 3],
            summary="走访群众和基层单位，了解实际情况。",
            by=by,
        )
    for k in range(inspections):
        services.activity_record(
            engagement=engagement,
            kind=Activity.Kind.INSPECTION,
            held_on=started_on + dt.timedelta(days=14 + 7 * k),
            experts=invited,
            place="鹤城区",
            summary="随区人大常委会视察调研组实地查看，听取汇报。",
            by=by,
        )
    texts = [(Opinion.Kind.PROFESSIONAL, PROFESSIONAL)] * professional
    texts += [(Opinion.Kind.REFERENCE, REFERENCE)] * references
    for k, (kind, templates) in enumerate(texts):
        given_on = started_on + dt.timedelta(days=21 + k)
        opinion = services.opinion_record(
            engagement=engagement,
            expert=invited[k % len(invited)],
            kind=kind,
            given_on=given_on,
            content=templates[k % len(templates)].format(topic=title),
            by=by,
        )
        if k % 3 != 2:
            services.opinion_decide(
                opinion=opinion,
                status=Opinion.Status.ADOPTED,
                decided_on=given_on + dt.timedelta(days=10),
                decision_note="已转交相关工委，纳入审议意见。",
                by=by,
            )


def _yuanling() -> None:
    county = Jurisdiction.objects.filter(code="431222").first()
    if county is None or Expert.objects.filter(county=county).exists():
        return
    by = _office("431222")
    people = [
        ("王建平", "财政学", "高级会计师", L.DEPUTY_SENIOR, "沅陵县财政局预算评审中心"),
        ("刘芳", "环境工程", "正高级工程师", L.FULL_SENIOR, "沅陵县生态环境监测站"),
        ("陈立新", "水利工程", "高级工程师", L.DEPUTY_SENIOR, "沅陵县水利水电勘测设计队"),
        ("杨帆", "行政法", "律师（四级）", L.INTERMEDIATE, "湖南沅陵律师事务所"),
    ]
    experts = [
        services.expert_add(
            county=county,
            name=name,
            field=field,
            title=title,
            title_level=level,
            employer=employer,
            term_start=date(2024, 3, 1),
            term_end=date(2027, 2, 28),
            phone=f"0745-42{index:05d}",
            by=by,
        )
        for index, (name, field, title, level, employer) in enumerate(people, start=1)
    ]
    services.meeting_record(
        county=county,
        kind=Meeting.Kind.QUARTERLY,
        held_on=date(2024, 6, 20),
        topic="第二季度恳谈会：执法检查方案讨论",
        attendees=experts,
        by=by,
    )
    item = Item.objects.filter(plan__jurisdiction=county).order_by("pk").first()
    kind = Engagement.Kind.SUPERVISION if item is not None else Engagement.Kind.OTHER
    engagement = services.engagement_create(
        county=county,
        kind=kind,
        item=item,
        title="" if item is not None else "沅陵县生态环境保护执法检查",
        started_on=date(2024, 6, 25),
        experts=experts[:3],
        by=by,
    )
    services.activity_record(
        engagement=engagement,
        kind=Activity.Kind.INSPECTION,
        held_on=date(2024, 7, 2),
        experts=experts[:3],
        place="沅陵县官庄镇",
        summary="随执法检查组实地查看污水处理设施。",
        by=by,
    )
    services.opinion_record(
        engagement=engagement,
        expert=experts[1],
        kind=Opinion.Kind.REFERENCE,
        given_on=date(2024, 7, 5),
        content="乡镇污水处理设施运行率偏低，建议明确运维经费来源并纳入年度预算。",
        by=by,
    )
