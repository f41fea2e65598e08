"""A list of things the reader cut short, or cut with the noun that sums them up.

Asked 张掖帮着在新营区搞了哪些配套工程？ the reader cuts 进出路对接、天然气管道 of 进出路对接、天然气管道铺设、水电线路改造等
国防工程建设: its last thing short and the things after it left out. Asked 主要打击些什么？ it cuts 海上偷渡、走私等违法犯罪活动,
where the things are what is asked and 等违法犯罪活动 what sums them up. For a question asking for several things, a
span already listing two or more is grown to the end of its list, and cut before the 等 that closes it.
`qa.reading.enumerated` applies these.
"""
from __future__ import annotations

import re
from itertools import accumulate

from embeddings.places import posseg

# the question asks for several things: 哪些 / 哪几样 / 打击些什么 / 都有啥
PLURAL = re.compile(r"哪(?:些|几)|些(?:什么|啥)|(?:都|包括|分别)(?:是|有)?(?:什么|啥)")
COUNTING = re.compile(r"多少|(?<!哪)几")  # 哪几 asks which, 几个 how many


def counts(question: str) -> bool:
    """Whether a question asks how many (多少, 几个), not which (哪几个)."""
    return COUNTING.search(question) is not None
END = r"(?=[、等，,。；;：:）)”\s]|$)"


def _asks_things(question: str, span: str, listed: bool = False) -> bool:
    """Whether the question asks for several things and the span lists two or more (or, `listed`, is known to end
    a list), none of them a figure."""
    return ("、" in span or listed) and PLURAL.search(question) is not None and not counts(question) \
        and not re.search(r"[0-9０-９]", span)


def list_tail(text: str, start: int, end: int, question: str) -> int:
    """The end of a span listing things moved to the end of its list: its last thing completed (up to three
    characters before the next 、 or 等), the things joined to it by 、 of about their length, and a last one joined
    by 和 / 及 / 与 as long as the span's last; else `end`.

    >>> t = "支持新营区进出路对接、天然气管道铺设、水电线路改造等国防工程建设"
    >>> t[5:list_tail(t, 5, 16, "张掖帮着在新营区搞了哪些配套工程？")]
    '进出路对接、天然气管道铺设、水电线路改造'
    >>> t = "坚持把地方所需、群众所盼和部队所能结合起来"
    >>> t[3:list_tail(t, 3, 12, "讲究把哪几样结合起来？")]
    '地方所需、群众所盼和部队所能'
    >>> list_tail(t, 3, 12, "一共有几样？")  # how many: not a list asked
    12
    >>> t = "参与地方应急抢险、平安建设、疫情防控、乡村振兴和社会公益事业，积极为驻地群众办好事"
    >>> t[4:list_tail(t, 4, 23, "部队都参与了地方上哪些工作？")]  # 公益事业 is one word: to its end
    '应急抢险、平安建设、疫情防控、乡村振兴和社会公益事业'
    >>> t = "全市各级公共图书馆、文化馆、美术馆、博物馆以及23家A级景区"
    >>> t[4:list_tail(t, 4, 21, "还有哪几类场馆免门票？")]  # 以 of 以及 is no end of 博物馆
    '公共图书馆、文化馆、美术馆、博物馆'
    """
    items = text[start:end].split("、")
    if not _asks_things(question, text[start:end]) or not all(items):
        return end
    low, high = min(map(len, items)), max(map(len, items))
    rest = re.match(r"[\u4e00-\u9fff]{1,4}?(?=[、等]|以及|和|(?<!以)及|与)", text[end:])  # 天然气管道 + 铺设; 基地 + 建设以及
    pos = end + (len(rest.group()) if rest else 0)
    while nxt := re.match(rf"、[\u4e00-\u9fff]{{{max(1, low - 1)},{high + 2}}}{END}", text[pos:]):
        pos += len(nxt.group())
    join = re.match(r"以及|和|及|与", text[pos:])
    if join:
        n, at = len(items[-1]), pos + len(join.group())
        clause = re.match(rf"[\u4e00-\u9fff]{{2,{n + CLAUSE_LONGER}}}(?=[，,。；;：:）)”]|$)", text[at:])
        last = len(clause.group()) if clause else _word_end(text[at:at + n + JOINED_LONGER], n)
        if last and re.fullmatch(rf"[\u4e00-\u9fff]{{{last}}}", text[at:at + last]):
            pos = at + last  # to the clause's end near (和社会公益事业，), else a word's end (和部队所能结合起来)
    return pos


def _word_end(text: str, least: int) -> int:
    """The first end of a word of `text` (jieba's cut) at `least` characters or more, else 0."""
    return next((e for e in accumulate(len(w.word) for w in posseg().cut(text)) if e >= least), 0)


JOINED_LONGER = 4  # characters a last thing joined by 和 may run past the length of the thing before it, to a word's end
CLAUSE_LONGER = 2  # …, or to its clause's end (和社会公益事业，: 公益事业 is one word; not 和部队所能结合起来)


def before_etc(text: str, start: int, end: int, question: str) -> int:
    """For a question asking several things, the end of a span listing things moved before the 等 + noun that sums
    them up (海上偷渡、走私 of 海上偷渡、走私等违法犯罪活动; …邮储银行等多家金融机构为退役军人) or a count joined after
    them (…美术馆、博物馆以及23家); else `end`.

    >>> t = "严厉打击海上偷渡、走私等违法犯罪活动。"
    >>> t[4:before_etc(t, 4, 18, "北海海警主要打击些什么？")], before_etc(t, 4, 18, "打击的是哪种活动？")
    ('海上偷渡、走私', 18)
    >>> t = "工行、农行、邮储银行等多家金融机构为退役军人"
    >>> t[6:before_etc(t, 6, len(t), "有哪几家银行给退伍兵放贷款？")]  # the last thing of the list, cut by the reader
    '邮储银行'
    >>> t = "公共图书馆、文化馆、美术馆、博物馆以及23家"
    >>> u = "应急力量、特殊力量2类"
    >>> t[:before_etc(t, 0, len(t), "还有哪几类场馆免门票？")], u[:before_etc(u, 0, len(u), "按哪几类编的？")]
    ('公共图书馆、文化馆、美术馆、博物馆', '应急力量、特殊力量')

    """
    found = re.fullmatch(r"(.+?)(?:等[\u4e00-\u9fff]{1,14}|(?:以及|及|和|与)?[0-9][0-9.]*[\u4e00-\u9fff]{0,4})", text[start:end])
    if found is None or not _asks_things(question, found.group(1), listed=text[:start].endswith("、")):  # or its last
        return end
    return start + len(found.group(1))


def starts_word(text: str, at: int) -> bool:
    """Whether `at` starts a word as jieba cuts the text's clause around it (a list's thing never starts inside a word:
    府工作报告 of 政府工作报告).

    >>> t = "纳入年度市、区两级政府工作报告和军分区、人武部党委工作报告"
    >>> starts_word(t, t.index("府工作")), starts_word(t, t.index("政府工作")), starts_word(t, t.index("军分区"))
    (False, True, True)
    """
    begin = max(text.rfind(c, 0, at) for c in "，,。；;：:、\n") + 1
    stops = [i for i in (text.find(c, at) for c in "，,。；;：:\n") if i >= 0]
    ends = accumulate(len(w.word) for w in posseg().cut(text[begin:min(stops, default=len(text))]))
    return at == begin or (at - begin) in set(ends)
