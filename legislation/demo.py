"""Demo data of the contact points, from the seed article (怀化日报 2024-12-27).

- 靖州 431229: the "345" method's network around 岩脚侗寨; in 2024 38 symposiums and more than
  25,000 text messages on 27 drafts of the province, the city and the county, 476 suggestions
  sent, 32 adopted by the province's and the city's standing committees.
- 通道 431230: 5 liaison points (立法联络点), 100 collection points and 132 liaisons and informants;
  93 opinions sent to 全国人大常委会法工委 on the national drafts of 2024.
- 沅陵 431222: one point with a consultation open today (its suggestions at every step) and one
  closed, for the page walk and the screenshots with yl_staff.

Bulk-created in a few queries; a county that already has points is left as it is, which makes
`seed()` idempotent.
"""

import datetime as dt
from collections.abc import Sequence
from itertools import cycle

from django.utils import timezone

from accounts.models import Role, User
from core.models import Jurisdiction

from . import rules
from .models import (
    Article,
    Channel,
    CollectionPoint,
    Consultation,
    ContactPoint,
    Disposition,
    Informant,
    Suggestion,
    UpperBody,
)

JINGZHOU, TONGDAO, YUANLING = "431229", "431230", "431222"

# The articles every demo draft opens with; {s} is the draft's subject.
ARTICLES = [
    (
        "第一章 总则",
        "为了加强{s}工作，保障人民群众合法权益，根据有关法律、行政法规，结合本地实际，制定本条例。",
    ),
    ("第一章 总则", "本条例适用于本行政区域内的{s}及其监督管理活动。"),
    (
        "第一章 总则",
        "县级以上人民政府应当加强对{s}工作的领导，将其纳入国民经济和社会发展规划，所需经费列入本级预算。",
    ),
    (
        "第二章 管理与服务",
        "乡镇人民政府、街道办事处应当做好本辖区{s}的具体工作，村（居）民委员会予以协助。",
    ),
    ("第二章 管理与服务", "有关部门应当建立{s}信息共享机制，及时公开办事指南，方便群众办理。"),
    (
        "第二章 管理与服务",
        "鼓励社会力量参与{s}，依法保障少数民族群众的合法权益，尊重当地风俗习惯。",
    ),
    (
        "第三章 法律责任",
        "违反本条例规定，有关部门及其工作人员玩忽职守、滥用职权、徇私舞弊的，依法给予处分。",
    ),
    ("第三章 法律责任", "本条例自公布之日起施行。"),
]

JINGZHOU_DRAFTS = [
    (UpperBody.PROVINCE, "湖南省乡村振兴促进条例（草案）", "乡村振兴"),
    (UpperBody.PROVINCE, "湖南省民族乡条例（修订草案）", "民族乡建设"),
    (UpperBody.PROVINCE, "湖南省非物质文化遗产条例（修订草案）", "非物质文化遗产保护"),
    (UpperBody.PROVINCE, "湖南省林业有害生物防治条例（草案）", "林业有害生物防治"),
    (UpperBody.PROVINCE, "湖南省养老服务条例（草案）", "养老服务"),
    (UpperBody.PROVINCE, "湖南省城乡居民生活用水条例（草案）", "城乡供水"),
    (UpperBody.PROVINCE, "湖南省矛盾纠纷多元化解条例（草案）", "矛盾纠纷多元化解"),
    (UpperBody.PROVINCE, "湖南省学前教育条例（草案）", "学前教育"),
    (UpperBody.PROVINCE, "湖南省人口与计划生育条例（修正草案）", "人口服务"),
    (UpperBody.PROVINCE, "湖南省旅游条例（修订草案）", "旅游发展"),
    (UpperBody.PROVINCE, "湖南省耕地保护条例（草案）", "耕地保护"),
    (UpperBody.PROVINCE, "湖南省湘江保护条例（修正草案）", "水环境保护"),
    (UpperBody.PROVINCE, "湖南省优化营商环境规定（草案）", "营商环境"),
    (UpperBody.PROVINCE, "湖南省消防条例（修订草案）", "消防安全"),
    (UpperBody.PROVINCE, "湖南省法律援助条例（草案）", "法律援助"),
    (UpperBody.CITY, "怀化市城市绿化条例（草案）", "城市绿化"),
    (UpperBody.CITY, "怀化市农村村民住房建设管理条例（草案）", "农村村民住房建设"),
    (UpperBody.CITY, "怀化市传统村落保护条例（草案）", "传统村落保护"),
    (UpperBody.CITY, "怀化市文明行为促进条例（修正草案）", "文明行为促进"),
    (UpperBody.CITY, "怀化市电动自行车管理条例（草案）", "电动自行车管理"),
    (UpperBody.CITY, "怀化市舞水河保护条例（草案）", "舞水河保护"),
    (UpperBody.CITY, "怀化市烟花爆竹燃放管理条例（草案）", "烟花爆竹燃放管理"),
    (UpperBody.CITY, "怀化市物业管理条例（草案）", "物业管理"),
    (UpperBody.CITY, "怀化市养犬管理条例（草案）", "养犬管理"),
    (UpperBody.COUNTY, "靖州苗族侗族自治县杨梅产业发展条例（草案）", "杨梅产业发展"),
    (UpperBody.COUNTY, "靖州苗族侗族自治县渠水保护条例（修正草案）", "渠水保护"),
    (UpperBody.COUNTY, "靖州苗族侗族自治县茯苓产业促进条例（草案）", "茯苓产业"),
]
JINGZHOU_SYMPOSIUMS = 38
JINGZHOU_MESSAGES = 25_300
JINGZHOU_SENT = 476
# 32 adopted by the province's and the city's standing committees: in whole or in part.
JINGZHOU_ADOPTED, JINGZHOU_PARTLY = 26, 6

TONGDAO_POINTS = [
    ("通道侗族自治县基层立法联系点", UpperBody.NPC, "双江镇"),
    ("县溪镇立法联络点", UpperBody.COUNTY, "县溪镇"),
    ("播阳镇立法联络点", UpperBody.COUNTY, "播阳镇"),
    ("坪坦乡立法联络点", UpperBody.COUNTY, "坪坦乡"),
    ("陇城镇立法联络点", UpperBody.COUNTY, "陇城镇"),
]
TONGDAO_COLLECTION_POINTS = 100
TONGDAO_INFORMANTS = 132
TONGDAO_DRAFTS = [
    ("中华人民共和国学前教育法（草案）", "学前教育"),
    ("中华人民共和国农村集体经济组织法（草案）", "农村集体经济组织"),
    ("中华人民共和国文物保护法（修订草案）", "文物保护"),
    ("中华人民共和国矿产资源法（修订草案）", "矿产资源"),
    ("中华人民共和国治安管理处罚法（修订草案）", "治安管理"),
    ("中华人民共和国民族团结进步促进法（草案）", "民族团结进步"),
]
TONGDAO_SENT = 93
VILLAGES = ["坪坦", "横岭", "高步", "芋头", "黄土", "皇都", "阳烂", "高团", "中步", "上岩"]
SURNAMES = "杨吴粟石龙陆张李王刘"
GIVEN = [
    "秀英",
    "正军",
    "建华",
    "玉兰",
    "光明",
    "海燕",
    "德胜",
    "春梅",
    "永忠",
    "小红",
    "志强",
    "桂花",
]

PUBLIC_WORDS = [
    "建议把“应当”后面的时限写明确，比如多少个工作日内办结，不然老百姓不知道等多久。",
    "我们村离乡政府远，希望条文里写上可以在村里代办，少跑路。",
    "这一条的经费保障写得太笼统，建议明确县乡两级各自承担的比例。",
    "少数民族群众看不懂的词太多，建议配套出侗语、苗语的解读。",
    "建议增加对困难群众的减免规定。",
    "处罚太轻，起不到作用，建议提高罚款数额。",
]
LEGAL_WORDS = [
    ("将“及时”修改为“自受理之日起十五个工作日内”。", "便于群众监督，避免久拖不办。"),
    ("增加一款：“乡镇人民政府可以委托村（居）民委员会代为受理。”", "方便偏远地区群众就近办理。"),
    ("增加“县、乡两级人民政府按照事权划分承担相应经费”。", "明确经费保障责任。"),
    (
        "增加一款：“民族自治地方应当采用当地通用的民族语言文字进行宣传解读。”",
        "保障少数民族群众的知情权和参与权。",
    ),
    ("增加一项：“对低保对象、特困人员予以减免。”", "体现对困难群众的关怀。"),
    ("将罚款幅度修改为“五百元以上二千元以下”。", "过罚相当，增强法规的威慑力。"),
]


def seed() -> None:
    _jingzhou()
    _tongdao()
    _yuanling()


def _county(code: str) -> Jurisdiction | None:
    return Jurisdiction.objects.filter(code=code).first()


def _staff(county: Jurisdiction) -> User:
    user = (
        User.objects.filter(jurisdiction=county, role=Role.STAFF).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )
    assert user is not None, "seed the users first"
    return user


def _person(n: int) -> str:
    # Distinct for the first 140: a network's informants are different people.
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]


def _articles(consultation: Consultation, subject: str) -> list[Article]:
    return [
        Article(
            consultation=consultation,
            number=number,
            label=f"第{_numeral(number)}条",
            chapter=chapter,
            text=text.format(s=subject),
        )
        for number, (chapter, text) in enumerate(ARTICLES, start=1)
    ]


def _numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return f"{digits[tens] if tens > 1 else ''}十{digits[ones] if ones else ''}"


def _spread(total: int, parts: int) -> list[int]:
    """`total` split as evenly as possible into `parts`, the larger shares first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _suggestions(
    consultation: Consultation,
    articles: list[Article],
    count: int,
    prefix: str,
    start: int,
    sent_on: dt.date,
) -> list[Suggestion]:
    sources = cycle(
        [
            Suggestion.Source.SYMPOSIUM,
            Suggestion.Source.PUBLIC,
            Suggestion.Source.INFORMANT,
            Suggestion.Source.SYMPOSIUM,
            Suggestion.Source.DEPUTY,
        ]
    )
    made = []
    for i in range(count):
        n = start + i
        words, (legal, reason) = PUBLIC_WORDS[n % 6], LEGAL_WORDS[n % 6]
        made.append(
            Suggestion(
                consultation=consultation,
                article=articles[n % len(articles)],
                source=next(sources),
                author_name=_person(n),
                content=words,
                moderation=Suggestion.Moderation.ACCEPTED,
                suggested_text=legal,
                reason=reason,
                sent_on=sent_on,
                receipt_number=f"LF{consultation.opens_on.year}-{prefix}{n:04d}",
            )
        )
    return made


def _answer(suggestions: list[Suggestion], answers: Sequence[str]) -> None:
    """The upper body's answers, two months after each was sent; the rest still wait."""
    notes: dict[str, str] = {
        Disposition.NOT_ADOPTED: "该事项已由上位法规定，本法规不再重复。",
        Disposition.REFERRED: "转有关部门在制定配套规定时研究。",
    }
    for suggestion, answer in zip(suggestions, answers, strict=False):
        assert suggestion.sent_on is not None
        suggestion.disposition = answer
        suggestion.disposition_note = notes.get(answer, "")
        suggestion.answered_on = suggestion.sent_on + dt.timedelta(days=60)


def _jingzhou() -> None:
    county = _county(JINGZHOU)
    if county is None or ContactPoint.objects.filter(county=county).exists():
        return
    staff = _staff(county)
    main = ContactPoint.objects.create(
        county=county,
        name="岩脚侗寨基层立法联系点",
        set_up_by=UpperBody.PROVINCE,
        set_up_on=dt.date(2021, 6, 18),
        address="靖州苗族侗族自治县寨牙乡岩脚侗寨",
        notes="“345”工作法：搭建三大平台，组建四支队伍，建立健全五大机制；双语视频、侗族歌谣普法。",
    )
    town = ContactPoint.objects.create(
        county=county,
        name="渠阳镇基层立法联系点",
        set_up_by=UpperBody.CITY,
        set_up_on=dt.date(2022, 3, 1),
        address="靖州苗族侗族自治县渠阳镇",
    )
    CollectionPoint.objects.bulk_create(
        CollectionPoint(point=point, name=f"{village}村信息采集点", place=f"{village}村")
        for point, village in zip(cycle([main, town]), VILLAGES, strict=False)
    )
    Informant.objects.bulk_create(
        Informant(
            point=main, name=_person(n), place=f"{VILLAGES[n % 10]}村", phone=f"1397451{n:04d}"
        )
        for n in range(24)
    )
    consultations = Consultation.objects.bulk_create(
        Consultation(
            point=main if index % 3 else town,
            title=title,
            kind=Consultation.Kind.REGULATION,
            asked_by=body,
            opens_on=dt.date(2024, 1 + index * 11 // 27, 3 + index % 20),
            closes_on=dt.date(2024, 1 + index * 11 // 27, 3 + index % 20) + dt.timedelta(days=20),
            summary="请对草案逐条提出修改意见，意见经联系点整理后报送立法机关。",
            created_by=staff,
        )
        for index, (body, title, _subject) in enumerate(JINGZHOU_DRAFTS)
    )
    articles = {
        c.pk: Article.objects.bulk_create(_articles(c, subject))
        for c, (_body, _title, subject) in zip(consultations, JINGZHOU_DRAFTS, strict=True)
    }
    channels: list[Channel] = []
    for index, consultation in enumerate(consultations):
        symposiums = 2 if index < JINGZHOU_SYMPOSIUMS - len(consultations) else 1
        channels += [
            Channel(
                consultation=consultation,
                kind=Channel.Kind.SYMPOSIUM,
                held_on=consultation.opens_on + dt.timedelta(days=5 + 7 * s),
                place="岩脚侗寨鼓楼" if s == 0 else "渠阳镇人大代表联络站",
                attendees=18 + index % 12,
            )
            for s in range(symposiums)
        ]
        channels.append(
            Channel(
                consultation=consultation,
                kind=Channel.Kind.SMS,
                held_on=consultation.opens_on,
                messages_sent=_spread(JINGZHOU_MESSAGES, len(consultations))[index],
            )
        )
        channels.append(
            Channel(
                consultation=consultation,
                kind=Channel.Kind.QR,
                held_on=consultation.opens_on,
                notes="立法信息采集码",
            )
        )
    Channel.objects.bulk_create(channels)
    made: list[Suggestion] = []
    start = 0
    for consultation, count in zip(
        consultations, _spread(JINGZHOU_SENT, len(consultations)), strict=True
    ):
        made += _suggestions(
            consultation,
            articles[consultation.pk],
            count,
            "JZ",
            start,
            consultation.closes_on + dt.timedelta(days=3),
        )
        start += count
    # The answers: the adopted spread over the drafts the province and the city passed, the rest
    # partly not adopted with a reason, partly referred, the others still waiting.
    answers = (
        [Disposition.ADOPTED] * JINGZHOU_ADOPTED
        + [Disposition.PARTLY] * JINGZHOU_PARTLY
        + [Disposition.NOT_ADOPTED] * 120
        + [Disposition.REFERRED] * 60
    )
    step = len(made) // (JINGZHOU_ADOPTED + JINGZHOU_PARTLY)
    adopted = made[::step][: JINGZHOU_ADOPTED + JINGZHOU_PARTLY]
    chosen = {id(s) for s in adopted}
    _answer(adopted + [s for s in made if id(s) not in chosen], answers)
    Suggestion.objects.bulk_create(made)


def _tongdao() -> None:
    county = _county(TONGDAO)
    if county is None or ContactPoint.objects.filter(county=county).exists():
        return
    staff = _staff(county)
    points = ContactPoint.objects.bulk_create(
        ContactPoint(
            county=county,
            name=name,
            set_up_by=body,
            set_up_on=dt.date(2023, 9, 1),
            address=f"通道侗族自治县{town}人大代表联络站",
            notes="与人大代表联络站融合共建共享；“鼓楼议事”“款坪讲款”“耶歌普法”。",
        )
        for name, body, town in TONGDAO_POINTS
    )
    collection = CollectionPoint.objects.bulk_create(
        CollectionPoint(
            point=points[n % len(points)],
            name=f"{VILLAGES[n % 10]}{n // 10 + 1}组信息采集点",
            place=f"{VILLAGES[n % 10]}村",
        )
        for n in range(TONGDAO_COLLECTION_POINTS)
    )
    Informant.objects.bulk_create(
        Informant(
            point=collection[n % len(collection)].point,
            collection_point=collection[n % len(collection)],
            name=_person(n),
            place=collection[n % len(collection)].place,
            phone=f"1397452{n:04d}",
        )
        for n in range(TONGDAO_INFORMANTS)
    )
    consultations = Consultation.objects.bulk_create(
        Consultation(
            point=points[0],
            title=title,
            kind=Consultation.Kind.LAW,
            asked_by=UpperBody.NPC,
            opens_on=dt.date(2024, 2 + index * 2, 10),
            closes_on=dt.date(2024, 2 + index * 2, 10) + dt.timedelta(days=20),
            summary="用群众听得懂的语言解读草案条文，把群众意见转换成法律规范用语，如实反馈给国家立法机关。",
            created_by=staff,
        )
        for index, (title, _subject) in enumerate(TONGDAO_DRAFTS)
    )
    Channel.objects.bulk_create(
        Channel(
            consultation=c,
            kind=Channel.Kind.SYMPOSIUM,
            held_on=c.opens_on + dt.timedelta(days=7),
            place="坪坦乡鼓楼（鼓楼议事）",
            attendees=35,
        )
        for c in consultations
    )
    made: list[Suggestion] = []
    start = 0
    for consultation, (_title, subject), count in zip(
        consultations, TONGDAO_DRAFTS, _spread(TONGDAO_SENT, len(consultations)), strict=True
    ):
        articles = Article.objects.bulk_create(_articles(consultation, subject))
        made += _suggestions(
            consultation,
            articles,
            count,
            "TD",
            start,
            consultation.closes_on + dt.timedelta(days=5),
        )
        start += count
    Suggestion.objects.bulk_create(made)


YUANLING_DRAFT = """湖南省乡村建设条例（草案征求意见稿）
第一章　总　则
第一条　为了推进乡村建设，改善农村人居环境，根据有关法律、行政法规，结合本省实际，制定本条例。
第二条　本省行政区域内的乡村建设及其监督管理活动，适用本条例。
第二章　规划与建设
第三条　县级人民政府应当组织编制村庄规划，广泛听取村民意见。
村庄规划经村民会议或者村民代表会议讨论同意后，报县级人民政府批准。
第四条　乡镇人民政府应当建立农村公共基础设施管护制度，明确管护主体和经费来源。
第三章　附　则
第五条　本条例自公布之日起施行。
"""


def _yuanling() -> None:
    county = _county(YUANLING)
    if county is None or ContactPoint.objects.filter(county=county).exists():
        return
    staff = _staff(county)
    today = timezone.localdate()
    point = ContactPoint.objects.create(
        county=county,
        name="官庄镇基层立法联系点",
        set_up_by=UpperBody.CITY,
        set_up_on=dt.date(2023, 5, 10),
        address="沅陵县官庄镇人大代表联络站",
    )
    collection = CollectionPoint.objects.create(
        point=point, name="界亭驿村信息采集点", place="界亭驿村"
    )
    Informant.objects.create(
        point=point,
        collection_point=collection,
        name="覃明华",
        place="界亭驿村",
        phone="13974500001",
    )
    current = Consultation.objects.create(
        point=point,
        title="湖南省乡村建设条例（草案）",
        kind=Consultation.Kind.REGULATION,
        asked_by=UpperBody.PROVINCE,
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20),
        summary="省人大常委会法工委委托本联系点征求意见，欢迎逐条提出修改建议。",
        created_by=staff,
    )
    draft = rules.split_articles(YUANLING_DRAFT)
    current.preamble = draft.preamble
    current.save(update_fields=["preamble"])
    articles = Article.objects.bulk_create(
        Article(
            consultation=current, number=a.number, label=a.label, chapter=a.chapter, text=a.text
        )
        for a in draft.articles
    )
    symposium = Channel.objects.create(
        consultation=current,
        kind=Channel.Kind.SYMPOSIUM,
        held_on=today - dt.timedelta(days=3),
        place="官庄镇人大代表联络站",
        attendees=22,
    )
    Channel.objects.create(
        consultation=current, kind=Channel.Kind.SMS, held_on=current.opens_on, messages_sent=1200
    )
    rows = [
        (articles[2], Suggestion.Source.PUBLIC, "pending", "", "", None, ""),
        (articles[2], Suggestion.Source.SYMPOSIUM, "accepted", "", "", None, ""),
        (articles[3], Suggestion.Source.SYMPOSIUM, "accepted", *LEGAL_WORDS[2], None, ""),
        (articles[0], Suggestion.Source.INFORMANT, "accepted", *LEGAL_WORDS[0], today, ""),
        (articles[1], Suggestion.Source.PUBLIC, "accepted", *LEGAL_WORDS[1], today, "adopted"),
    ]
    Suggestion.objects.bulk_create(
        Suggestion(
            consultation=current,
            article=article,
            source=source,
            channel=symposium if source == Suggestion.Source.SYMPOSIUM else None,
            author_name=_person(n),
            author_phone="13974500100" if source == Suggestion.Source.PUBLIC else "",
            content=PUBLIC_WORDS[n],
            moderation=moderation,
            suggested_text=legal,
            reason=reason,
            sent_on=sent_on,
            disposition=answer,
            answered_on=today if answer else None,
            receipt_number=f"LF{today.year}-YL{n:04d}",
        )
        for n, (article, source, moderation, legal, reason, sent_on, answer) in enumerate(rows)
    )
