"""Pure rules of legislative consultation: splitting a draft into its articles, the window a
consultation is open in, and the adoption rate. No database, no request.

A draft law or regulation (法律法规草案) is numbered 第一条, 第二条 … in Chinese numerals, each
article at the start of a line, grouped under chapter (章) and section (节) headings. Cross
references ("第五条规定的情形除外") may also begin a wrapped line, so a line counts as a new article
only when its number is the next one expected and, when the draft puts a space after 第一条 as
drafts do, only when a space follows its number; otherwise it continues the article before.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千0-9０-９"

ARTICLE_HEADING = re.compile(rf"^第([{NUMERAL}]+)条([\s\u3000]*)(.*)$", re.DOTALL)
CHAPTER_HEADING = re.compile(rf"^第[{NUMERAL}]+([章节])(?:[\s\u3000]|$)")

# How many suggestions one client may send without logging in, per hour (core/throttle.py).
PUBLIC_SUGGESTIONS_PER_HOUR = 10


def chinese_number(text: str) -> int:
    """第X条's X as an integer: 一 → 1, 十二 → 12, 一百零五 → 105, 二十 → 20, also 12 or １２.

    Raises ValueError for text that is not a numeral."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            # 十 alone at the front means 一十 (十二 = 12).
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + (digit or 0)


@dataclass
class ParsedArticle:
    number: int
    label: str  # as written: 第十二条
    chapter: str  # the chapter (and section) heading it falls under, or ""
    text: str


@dataclass
class ParsedDraft:
    preamble: str = ""  # the title and anything before the first article
    articles: list[ParsedArticle] = field(default_factory=list)


def split_articles(text: str) -> ParsedDraft:
    """Split a draft's text into its articles, keeping the chapter each falls under."""
    draft = ParsedDraft()
    preamble: list[str] = []
    chapter = ""
    part = ""  # the chapter a section (节) belongs to
    current: ParsedArticle | None = None
    lines = [raw.strip().strip("\u3000").strip() for raw in _lines(text)]
    spaced = any(_is_spaced_first(line) for line in lines)
    for line in lines:
        if not line:
            continue
        heading = CHAPTER_HEADING.match(line)
        if heading:
            name = re.sub(r"[\s\u3000]+", " ", line)
            if heading.group(1) == "章":
                chapter = part = name
            else:
                chapter = f"{part} {name}".strip()
            current = None
            continue
        match = ARTICLE_HEADING.match(line)
        expected = draft.articles[-1].number + 1 if draft.articles else 1
        separated = match is not None and (bool(match.group(2)) or not match.group(3))
        if match and _number_or_none(match.group(1)) == expected and (separated or not spaced):
            current = ParsedArticle(
                number=expected,
                label=f"第{match.group(1)}条",
                chapter=chapter,
                text=match.group(3).strip(),
            )
            draft.articles.append(current)
        elif current is not None:
            current.text = f"{current.text}\n{line}" if current.text else line
        elif chapter:
            # A line between a chapter heading and its first article names the chapter.
            chapter = f"{chapter} {line}"
        else:
            preamble.append(line)
    draft.preamble = "\n".join(preamble)
    return draft


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_spaced_first(line: str) -> bool:
    match = ARTICLE_HEADING.match(line)
    return match is not None and match.group(1) == "一" and bool(match.group(2))


def _number_or_none(text: str) -> int | None:
    try:
        return chinese_number(text)
    except ValueError:
        return None


def is_open(opens_on: dt.date, closes_on: dt.date, today: dt.date) -> bool:
    """Open for suggestions from its first day to its last, both included."""
    return opens_on <= today <= closes_on


class Disposition(StrEnum):
    """The upper body's answer to a suggestion sent (反馈采纳情况)."""

    ADOPTED = "adopted"
    PARTLY = "partly"
    NOT_ADOPTED = "not_adopted"
    REFERRED = "referred"


# An answer that did not take the suggestion must say why: the author reads it on the receipt.
NEEDS_REASON = frozenset({Disposition.NOT_ADOPTED})
# Counted as adopted in the statistics (靖州's 476 → 32 counts the adopted in whole or part).
COUNTED_ADOPTED = frozenset({Disposition.ADOPTED, Disposition.PARTLY})


def adoption_rate(adopted: int, sent: int) -> float | None:
    """Adopted as a share of what was sent, in percent with one decimal; None when none sent."""
    if sent <= 0:
        return None
    return round(adopted * 100 / sent, 1)
