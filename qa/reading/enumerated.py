"""A span that counts the things a question asks for, answered by the things themselves.

Reports name a set of things and then count them: 抓好排查、化解、督办、奖惩四个环节; 按照应急力量、专业力量、特殊力量3类.
Asked 要抓好哪几个环节？ the reader often cuts the count (四个环节), which says how many, not which. When the question asks
which things (not how many) and the text lists, right before the count, exactly as many things as it says, the answer
is the list. `qa.reading.reader` applies this before the list rules of `qa.reading.listed_spans`.
"""
from __future__ import annotations

import re

from embeddings.places import posseg

# the question asks which things: 哪几个 / 哪些 / 哪三项 / 哪“三优”, or what they are (都是啥, 包括什么)
WHICH = re.compile(r"哪(?:些|几|[“\"]?[两二三四五六七八九十])|(?:都|包括|分别)(?:是|有)?(?:什么|啥)|有(?:什么|啥)")
# …and not how many (几个, 多少): 哪几 asks which
HOW_MANY = re.compile(r"多少|(?<!哪)几")
NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a count, its measure word and the noun it counts, the whole span: 四个环节, 3类, 五项制度, 三大体系
COUNT_SPAN = re.compile(r"([一两二三四五六七八九十]|[1-9][0-9]?)(?:个|项|类|种|大|条|块|件|方面)?[\u4e00-\u9fff]{0,6}")
# the things right before the count, from the clause's start: 抓好排查、化解、督办、奖惩
# (a quotation mark may open the count: 部队、接收单位、退役军人“三满意”)
LISTED = re.compile(r"(?:^|(?<=[，,。；;：:（(\s“”]))([^，,。；;：:（()）\s、“”]{1,14}(?:、[^，,。；;：:（()）\s、“”]{1,14})+)“?$")


def _count(span: str) -> int:
    """How many things a count span says ("四个环节" -> 4, "3类" -> 3), 0 when it is no count.

    >>> _count("四个环节"), _count("3类"), _count("2019年"), _count("环节")
    (4, 3, 0, 0)
    """
    found = COUNT_SPAN.fullmatch(span)
    if found is None or (span[len(found.group(1)):][:1] == "年"):
        return 0
    number = found.group(1)
    return int(number) if number.isdigit() else NUMERALS[number]


def _lead_off(first: str, others: list[str]) -> str:
    """The first thing less a verb or preposition said before it only (抓好排查 -> 排查 beside 化解、督办), when what is
    left is no longer than the longest other thing; else the first thing as it is.

    >>> _lead_off("抓好排查", ["化解", "督办", "奖惩"]), _lead_off("按照应急力量", ["专业力量", "特殊力量"])
    ('排查', '应急力量')
    >>> _lead_off("实现了部队", ["接收单位", "退役军人"]), _lead_off("工行", ["农行", "邮储银行"])
    ('部队', '工行')
    """
    lengths = [len(o) for o in others]
    if len(first) <= max(lengths):
        return first
    word, flag = next(iter(posseg().cut(first)), ("", ""))
    rest = re.sub(r"^了", "", first[len(word):])  # 实现了部队 -> 部队
    if flag[:1] in ("v", "p") and 1 < len(rest) <= max(lengths):
        return rest
    return first


def enumerated(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a question asking which things, a span counting them grown back to the things the text lists right before
    the count, when it lists exactly that many; else unchanged.

    >>> t = "形成三项机制，抓好排查、化解、督办、奖惩四个环节，落实五项制度"
    >>> t[slice(*enumerated(t, 20, 24, "西固维护军人权益要抓好哪几个环节？"))]
    '排查、化解、督办、奖惩'
    >>> enumerated(t, 20, 24, "西固维护军人权益要抓好几个环节？")  # how many: the count answers
    (20, 24)
    >>> t = "按照应急力量、专业力量、特殊力量3类，共编普通民兵1.2万人"
    >>> t[slice(*enumerated(t, 16, 18, "西固民兵是按哪几类力量编的？"))]
    '应急力量、专业力量、特殊力量'
    >>> t = "实现了部队、接收单位、退役军人“三满意”"
    >>> t[slice(*enumerated(t, 16, 19, "安置退伍兵做到了哪三方都满意？"))]
    '部队、接收单位、退役军人'
    >>> t = "抓好排查、化解三个环节"
    >>> enumerated(t, 7, 11, "要抓好哪几个环节？")  # two listed, not three: unchanged
    (7, 11)
    """
    span = text[start:end]
    want = _count(span)
    if not want or not WHICH.search(question) or HOW_MANY.search(question.replace("哪几", "")):
        return start, end
    listed = LISTED.search(text[:start])
    if listed is None:
        return start, end
    items = listed.group(1).split("、")
    if len(items) != want:
        return start, end
    first = _lead_off(items[0], items[1:])
    return listed.start(1) + len(items[0]) - len(first), listed.end(1)
