"""The splitter reads a draft as legislatures write it: 第X条 in Chinese numerals at the start of
a line, chapters and sections kept, cross references not mistaken for articles; and the window
and adoption rate at their edges."""

import datetime as dt

import pytest

from legislation import rules

DRAFT = """湖南省乡村建设条例（草案）
（2024年6月征求意见稿）

第一章　总　则

第一条　为了推进乡村建设，改善农村人居环境，根据有关法律、行政法规，结合本省实际，制定本条例。
第二条　本省行政区域内的乡村建设及其监督管理活动，适用本条例。
法律、行政法规另有规定的，从其规定。
第二章　规划与建设
第一节　村庄规划
第三条　县级人民政府应当组织编制村庄规划。
第二条规定的监督管理活动，由县级人民政府农业农村主管部门负责。
（一）村民会议讨论同意；
（二）报县级人民政府批准。
第二节　公共设施
第四条　乡镇人民政府应当建立农村公共基础设施管护制度。
"""


def test_articles_are_split_at_their_headings_with_chapters_and_sections():
    draft = rules.split_articles(DRAFT)
    assert draft.preamble == "湖南省乡村建设条例（草案）\n（2024年6月征求意见稿）"
    assert [(a.number, a.label) for a in draft.articles] == [
        (1, "第一条"),
        (2, "第二条"),
        (3, "第三条"),
        (4, "第四条"),
    ]
    assert [a.chapter for a in draft.articles] == [
        "第一章 总 则",
        "第一章 总 则",
        "第二章 规划与建设 第一节 村庄规划",
        "第二章 规划与建设 第二节 公共设施",
    ]
    assert draft.articles[1].text == (
        "本省行政区域内的乡村建设及其监督管理活动，适用本条例。\n法律、行政法规另有规定的，从其规定。"
    )


def test_a_cross_reference_at_the_start_of_a_line_continues_the_article():
    third = rules.split_articles(DRAFT).articles[2]
    assert third.text.splitlines() == [
        "县级人民政府应当组织编制村庄规划。",
        "第二条规定的监督管理活动，由县级人民政府农业农村主管部门负责。",
        "（一）村民会议讨论同意；",
        "（二）报县级人民政府批准。",
    ]


def test_a_draft_without_spaces_after_the_numbers_still_splits_in_sequence():
    draft = rules.split_articles("第一条为了规范。\n第二条本办法适用于本县。\n第四条跳号的一行。")
    assert [(a.label, a.text) for a in draft.articles] == [
        ("第一条", "为了规范。"),
        ("第二条", "本办法适用于本县。\n第四条跳号的一行。"),
    ]


def test_long_drafts_count_past_ten_twenty_and_a_hundred():
    numbers = list(range(1, 106))
    text = "\n".join(f"第{_cn(n)}条　内容{n}。" for n in numbers)
    draft = rules.split_articles(text)
    assert [a.number for a in draft.articles] == numbers
    assert draft.articles[-1].label == "第一百零五条"
    assert draft.articles[9].label == "第十条" and draft.articles[19].label == "第二十条"


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n >= 100:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else _cn(rest))
        return f"{digits[n // 100]}百{tail if rest >= 20 or rest < 10 else '一' + _cn(rest)}"
    if n >= 10:
        tens, ones = divmod(n, 10)
        return f"{digits[tens] if tens > 1 else ''}十{digits[ones] if ones else ''}"
    return digits[n]


def test_windows_line_endings_and_full_width_indents_are_read():
    draft = rules.split_articles("\u3000\u3000第一条\u3000甲。\r\n\u3000\u3000第二条\u3000乙。\r\n")
    assert [a.text for a in draft.articles] == ["甲。", "乙。"]


def test_text_without_articles_gives_none():
    draft = rules.split_articles("关于征求意见的通知\n请于月底前反馈。")
    assert draft.articles == []
    assert draft.preamble == "关于征求意见的通知\n请于月底前反馈。"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两百", 200),
        ("12", 12),
        ("１２", 12),
    ],
)
def test_chinese_numerals(text, value):
    assert rules.chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "条", "第一"])
def test_not_a_numeral(text):
    with pytest.raises(ValueError):
        rules.chinese_number(text)


def test_the_window_includes_its_first_and_last_day():
    opens, closes = dt.date(2025, 3, 1), dt.date(2025, 3, 31)
    assert not rules.is_open(opens, closes, dt.date(2025, 2, 28))
    assert rules.is_open(opens, closes, opens)
    assert rules.is_open(opens, closes, closes)
    assert not rules.is_open(opens, closes, dt.date(2025, 4, 1))


def test_adoption_rate():
    assert rules.adoption_rate(32, 476) == 6.7
    assert rules.adoption_rate(0, 10) == 0.0
    assert rules.adoption_rate(0, 0) is None


def test_the_queries_count_as_adopted_what_the_rule_does():
    from legislation.querysets import ADOPTED

    assert set(ADOPTED) == {d.value for d in rules.COUNTED_ADOPTED}
