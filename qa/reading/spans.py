"""Span completion after decoding: the value a question asks for, and names with their head noun.

Two mistakes the reader makes on report prose, fixed from the text around the span (never from one
collection's wording):
- "补助从每人每月300元提高到1000元": asked how much the allowance is, the reader often cuts the old value
  300元. Unless the question asks for the earlier value (原来 / 以前 / 从多少 …), the new one is the answer.
- "抗日山烈士陵园": the reader stops at the proper name 抗日山. A name followed by its head noun (陵园,
  工作室, 景区, 机场 …) is answered whole.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.reading.answer_types import NUM
from qa.reading.titles import quoted_name, whole_title

# "从300元提高到" / "由原来的750亩扩大至" / "从3天压缩到": a change with its old value before and the new after
CHANGE_VERB = re.compile(r"^[^，,。；;]{0,3}?(?:提高|提升|增加|增长|增至|扩大|扩展|上升|上调|下降|降低|减少|压缩|缩短|缩减|"
                         r"缩小|调整|调高|增|升|降)(?:到|至|为)")
FROM_BEFORE = re.compile(r"[从由](?:原来的|原先的|原有的|原)?[^，,。；;从由]{0,6}$")
# a question that asks for the earlier value keeps it
# 之前 of a time asked (之前是多少, 调整之前), not of an event (下大暴雨之前能提前多久: the value now)
OLD_WORDS = re.compile(r"原来|原先|原本|原有|以前|此前|起初|最初|当初|过去|[从由](?:多少|几|哪)|提高前|调整前"
                       r"|(?<![\u4e00-\u9fff])之前|(?:调整|提高|改革|实施|变化|改造)之前|之前(?:是|为|的时候|有)")
NEW_NUMBER = re.compile(NUM)
# "从每人每月300元提高到" right before a span: the change's old value (group 1) and its verb
OLD_BEFORE = re.compile(rf"[从由](?:原来的|原先的|原有的|原)?[^，,。；;从由]{{0,6}}?({NUM})[^，,。；;0-9]{{0,3}}?"
                        r"(?:提高|提升|增加|增长|扩大|扩展|上升|上调|下降|降低|减少|压缩|缩短|缩减|缩小|调整|调高)(?:到|至|为)$")
# words that lead into an answer without being part of it: "共50个" (asked 多少个), "的经济问题", "了两条"
HEADS = ("烈士陵园", "陵园", "纪念馆", "纪念园", "纪念碑", "工作室", "景区", "机场", "部队", "协会", "基地", "服务中心",
         "中心", "公园", "广场", "学校", "学院", "大学", "医院", "服务站", "驿站", "委员会", "研究会", "促进会", "联合会",
         "合作社", "公司", "集团", "博物馆", "展览馆", "书屋", "食堂", "军分区", "武装部", "支队", "大队", "中队")
# 什么政策 / 什么机制 at a question's end: the noun a name answering it ends with; 什么名字 / 什么时候 ask no noun
# 什么 + the noun ending the question (什么制度？); not a verb phrase after it (以什么为基础？, 由什么所定义？)
ASKED_NOUN = re.compile(r"(?:什么|啥|哪[部份本篇][^，。？?]{2,12}的)(?![为所是在被把将由与和及或的])([\u4e00-\u9fff]{2,4})[？?呢]*$")
# what may stand between a name and the noun asked (攀枝花苏铁 + 国家 + 自然保护区); not a particle (幽默的效果,
# 刘牢之为前锋: the noun is not the name's head there); 和 may (喜报送达和奖励实施办法)
PARTICLES = "的为或等所是在被"  # none leads a noun's tail, none stands inside a name before it
FILLER = rf"(?:(?![{PARTICLES}两])[\u4e00-\u9fff]){{0,3}}?"
LOCATIVE = "上下中里内外之的前后"  # what ends a place or time phrase asked (什么路上, 什么原理之上), not a noun
ASKED_NOT_NOUN = frozenset("名字 时候 时间 地方 样子 意思 作用 特点 内容 原因".split())
# a head noun after the span, up to 3 characters on (up to 8 when the question asks its 全名 / 全称)
HEAD_AFTER, HEAD_AFTER_FULL = (re.compile(rf"^[\u4e00-\u9fff]{{0,{n}}}?(?:{'|'.join(HEADS)})") for n in (3, 8))
FULL_ASKED = re.compile(r"全名|全称")


def current_value(text: str, start: int, end: int, question: str) -> tuple[int, int] | None:
    """Offsets of the new value when text[start:end] is the old one of a change, else None.

    >>> t = "补助从每人每月300元提高到1000元。"
    >>> current_value(t, 7, 11, "补助每月多少钱？")
    (14, 19)
    >>> current_value(t, 7, 11, "补助原来每月多少钱？") is None
    True
    """
    if OLD_WORDS.search(question):
        return None
    whole = both_values(text, start, end)
    if whole:
        return whole
    if not FROM_BEFORE.search(text[max(0, start - 10):start]):
        return None
    change = CHANGE_VERB.match(text[end:end + 10])
    if not change:
        return None
    after = end + change.end()
    number = NEW_NUMBER.search(text, after, after + 10)
    if not number or re.search(r"[，,。；;]", text[after:number.start()]):
        return None
    return number.start(), with_unit(text, number.end(), text[start:end])  # 1000 + 元 of 300元


def earlier_value(text: str, start: int, end: int, question: str) -> tuple[int, int] | None:
    """Offsets of the old value when the question asks for the earlier one (原来 / 以前 …) and text[start:end] is
    the new value of a change, else None: the mirror of `current_value`.

    >>> t = "补助从每人每月300元提高到1000元。"
    >>> earlier_value(t, 14, 19, "补助原来每月多少钱？")
    (7, 11)
    >>> earlier_value(t, 14, 19, "补助每月多少钱？") is None
    True
    >>> t = "训练场面积由原来的750亩扩大至3573亩"
    >>> t[slice(*earlier_value(t, 9, 21, "训练场原来有多大？"))]
    '750亩'
    """
    if not OLD_WORDS.search(question):
        return None
    whole = both_values(text, start, end)
    if whole:  # "750亩扩大至3573亩": its first value with the new one's unit
        return start, with_unit(text, NEW_NUMBER.match(text, start, end).end(), text[whole[0]:whole[1]])
    old = OLD_BEFORE.search(text[max(0, start - 30):start])
    if old is None:
        return None
    at = max(0, start - 30) + old.start(1)
    return at, with_unit(text, at + len(old.group(1)), text[start:end])  # 300 + 元 of 1000元


def with_unit(text: str, stop: int, value: str) -> int:
    """Where the number ending at `stop` ends once the unit of `value` that follows it is taken in: the other
    value of a change, in the same unit.

    >>> with_unit("从300元提高到1000元", 4, "1000元"), with_unit("从300提高到1000元", 4, "1000元")
    (5, 4)
    """
    unit = re.sub(r"^" + NUM, "", value)
    return stop + len(unit) if unit and text.startswith(unit, stop) else stop


def both_values(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The new value when the span holds the whole change, old and new ("750亩扩大至3573亩"), else None.

    >>> t = "训练场面积由原来的750亩扩大至3573亩，成为全军最大"
    >>> both_values(t, 9, 21), t[16:21]
    ((16, 21), '3573亩')
    """
    old = NEW_NUMBER.match(text, start, end)
    change = CHANGE_VERB.match(text[old.end():end]) if old else None
    number = NEW_NUMBER.search(text, old.end() + change.end(), end) if change else None
    return (number.start(), end) if number else None


def whole_name(text: str, start: int, end: int, question: str = "") -> tuple[int, int]:
    """The span grown to its head noun when a name stands right before one, or to the noun a 什么 question asks for
    when the passage says it right after the span (落实了什么政策 -> 殡葬服务减免政策), else unchanged.

    >>> whole_name("在抗日山烈士陵园举行", 1, 4)
    (1, 8)
    >>> whole_name("张掖丹霞通用机场建成", 0, 4)
    (0, 8)
    >>> whole_name("投入30万元", 2, 6)
    (2, 6)
    >>> whole_name("落实殡葬服务减免政策", 2, 8, "该市落实了什么政策？")
    (2, 10)
    >>> whole_name("依托大荒沟党史馆开展教育", 2, 5, "它依托哪个党史馆开展国防教育？")
    (2, 8)
    >>> t = "发挥防川爱国主义教育基地等阵地作用"
    >>> t[slice(*whole_name(t, 2, 4, "还靠哪个爱国主义教育基地当阵地？"))]  # the noun asked, then on to its head
    '防川爱国主义教育基地'
    >>> t = "攀枝花苏铁国家自然保护区免费开放"
    >>> t[slice(*whole_name(t, 0, 5, "免费开放的自然保护区叫什么？"))], whole_name("落实双拥例会制度", 2, 4, "落实的是什么例会制度？")
    ('攀枝花苏铁国家自然保护区', (2, 8))
    >>> t[slice(*whole_name(t, 0, 5, "免费开放的那个国家级自然保护区叫什么名字？"))]
    '攀枝花苏铁国家自然保护区'

    >>> whole_name("环县山城堡战役纪念馆等", 2, 7, "环县那座战役纪念馆纪念的是哪场仗？")  # the question's own 纪念馆
    (2, 7)
    >>> t = "建成陶家渡国防文化研学基地，开展研学"
    >>> t[slice(*whole_name(t, 2, 5, "那个国防教育基地全名叫什么？"))], t[slice(*whole_name(t, 2, 5, "叫什么？"))]
    ('陶家渡国防文化研学基地', '陶家渡')
    >>> t = "打造博源兵站等示范点"
    >>> t[slice(*whole_name(t, 2, 5, "还有个兵站，叫啥？"))]  # the noun asked, cut inside by the reader
    '博源兵站'

    """
    span = text[start:end]
    noun = asked_head(question) or called_noun(question) or which_noun(question, many=True)
    cut = next((k for k in range(len(noun) - 1, 0, -1) if span.endswith(noun[:k]) and text.startswith(noun[k:], end)
                and noun[k] not in LOCATIVE), 0) if noun and span else 0  # 博源兵 + 站 for …兵站，叫啥; not 丝绸之路 + 上
    end += len(noun) - cut if cut else 0
    span = text[start:end]
    after = next((m for tail in _tails(noun) if (m := _after_filler(tail).match(text, end))), None) \
        if noun and span else None
    if after and not span.endswith(noun):  # 小河村村民: no 村 again; 攀枝花苏铁 + 国家 + 自然保护区
        end = after.end()  # and on to its head: 防川 + 爱国主义 + 教育基地 for 哪个爱国主义教育基地 (国家自然保护区 for
        # 国家级自然保护区: the asked noun's tails too)
        span = text[start:end]
    if not span or re.search(r"[0-9０-９%％]", span) or span.endswith(HEADS):
        return start, end
    head = (HEAD_AFTER_FULL if FULL_ASKED.search(question) else HEAD_AFTER).match(text[end:end + 12])
    if head and noun and head.group() in question and noun + head.group() not in question:  # 那座战役纪念馆纪念的是
        return start, end  # 哪场仗？: the 纪念馆 is what is asked of, not what is asked
    return (start, end + head.end()) if head else (start, end)


@lru_cache(maxsize=1024)
def _after_filler(tail: str) -> re.Pattern:
    """The noun's tail after up to three filler characters, compiled once."""
    return re.compile(FILLER + re.escape(tail))


@lru_cache(maxsize=1024)
def _tails(noun: str) -> list[str]:
    """The noun, then its tails of three characters or more, longest first, none led by a particle (人为前锋, jieba's
    noun in 以哪一个人为前锋, has no tail 为前锋): 国家级自然保护区 -> …, 自然保护区, ….

    >>> _tails("人为前锋"), _tails("自然保护区")
    (['人为前锋'], ['自然保护区', '然保护区', '保护区'])
    """
    return [noun[i:] for i in range(len(noun) - 2) if i == 0 or noun[i] not in PARTICLES] or [noun]


def asked_head(question: str) -> str:
    """The noun a question asks a name of: 什么 + two characters at its end (什么制度), else `which_noun`'s (not
    `qa.reading.counted.asked_noun`, what a how-many question counts).

    >>> asked_head("该市为双拥宣传专门建了个什么制度？"), asked_head("守的是哪座烈士陵园？"), asked_head("叫什么名字？")
    ('制度', '烈士陵园', '')
    """
    asked = ASKED_NOUN.search(question)
    return asked.group(1) if asked and asked.group(1) not in ASKED_NOT_NOUN else which_noun(question)


# …的少年军校叫啥？: the noun a name is asked of before 叫什么 (not a word for the name itself: 主题叫什么)
CALLED = re.compile(r"(?:的(?:[那这哪该][所个座家支位条项])?|[那这哪该][所个座家支位条项]|有(?:一)?个)([\u4e00-\u9fff]{2,8}?)"
                    r"(?:的?(?:全名|全称|名字|名称))?[，,]?"  # 那个方案全名叫啥: the 方案
                    r"(?:叫啥|叫什么|叫做什么|叫作什么)"
                    r"(?:名字|名儿)?[？?呢]*$")
CALLED_NOT = frozenset("名字 名称 主题 口号 题目 标题 称号 全称 简称 说法 提法 做法 模式 品牌".split())


def called_noun(question: str) -> str:
    """The noun after the last 的 (or 那所 …) before 叫啥 / 叫什么 at a question's end, else "".

    >>> called_noun("利通区那所以人名命名的少年军校叫啥？"), called_noun("大联欢的主题叫什么？"), called_noun("他是谁？")
    ('少年军校', '', '')
    >>> called_noun("专门给军休老干部办的那所大学叫啥？"), called_noun("还有个兵站，叫啥？")
    ('大学', '兵站')
    >>> called_noun("专门定的那个方案全名叫啥？")
    '方案'


    """
    called = CALLED.search(question)
    return called.group(1) if called and called.group(1) not in CALLED_NOT else ""


@lru_cache(maxsize=1024)
def which_noun(question: str, many: bool = False) -> str:
    """The noun a 哪个/哪座/哪所 question asks for, as jieba cuts it (its nouns after the question word), with `many`
    the noun after 哪些 instead: which_noun("它依托哪个党史馆开展国防教育？") -> "党史馆",
    which_noun("是哪些领导带队的？", many=True) -> "领导"; "" when it asks none."""
    from embeddings.places import posseg

    words, found, taken = list(posseg().cut(question)), False, ""
    for word, flag in words:
        if not found:
            found = word == "哪些" if many else word.startswith("哪") and word not in ("哪里", "哪儿", "哪些")
        elif flag in ("q", "m") and not taken:
            continue  # 哪 座 烈士陵园: the measure word
        elif flag.startswith(("n", "zg")) and flag != "nr" and len(taken) + len(word) <= 5 and not (many and taken):
            taken += word  # after 哪些, one word (哪些领导 带队)
        else:
            break
    return taken if len(taken) >= 1 and found else ""


ORDINAL_ASKED = re.compile(r"第几")
MONTH_ASKED = re.compile(r"哪年哪月|几月|哪个月|哪一个月|哪月")
MONTH_AFTER = re.compile(r"[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}[日号])?")
DAY_ASKED = re.compile(r"几号|几日|哪天|哪一天|哪日")
DAY_AROUND = re.compile(r"[0-9０-９]{1,2}月(?P<day>[0-9０-９]{1,2})[日号]")


def as_precise_as_asked(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The span with what the question's ask says it holds: 第 before an ordinal asked with 第几 (第十二届), the
    month after a year asked with 哪年哪月 (2020年7月); else unchanged.

    >>> t = "创建四川省第十二届双拥模范区，2020年7月成立"
    >>> t[slice(*as_precise_as_asked(t, 6, 9, "是四川省第几届双拥模范区？"))]
    '第十二届'
    >>> t[slice(*as_precise_as_asked(t, 15, 20, "服务队是哪年哪月成立的？"))], as_precise_as_asked(t, 15, 20, "是哪一年成立的？")
    ('2020年7月', (15, 20))
    >>> t = "7月17日上午，敲锣打鼓送喜报"
    >>> t[slice(*as_precise_as_asked(t, 2, 4, "送喜报是几号？"))]
    '7月17日'
    >>> as_precise_as_asked("生产类拥军服务站", 0, 8, "提供工作岗位的是哪一类？")  # and one title of two, `_one_title`
    (0, 3)
    """
    if ORDINAL_ASKED.search(question) and start > 0 and text[start - 1] == "第" and not text.startswith("第", start):
        start -= 1
    if MONTH_ASKED.search(question) and text[start:end].endswith("年") and (month := MONTH_AFTER.match(text, end)):
        end = month.end()
    if DAY_ASKED.search(question) and (day := DAY_AROUND.search(text, max(0, start - 3), min(len(text), end + 1))) \
            and day.start("day") <= start and end <= day.end("day"):  # 几号: 7月17日, not 17
        start, end = day.span()
    if KIND_ASKED.search(question) and "类" in text[start:end - 1]:  # 哪一类: 生产类, not 生产类拥军服务站
        end = text.index("类", start) + 1
    start, end = quoted_name(text, *_one_title(text, start, end, question), question)  # 那次演习叫啥名字: “应急使命·2022”
    return whole_title(text, start, end, asked_head(question) or called_noun(question), question)  # 什么办法: 《…办法》


KIND_ASKED = re.compile(r"哪一?类|什么类")


def _one_title(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """One title of a span across two (…的意见》《许昌市…职责): the one sharing most characters with the question.

    >>> t = "修订《关于加强双拥工作的意见》《许昌市双拥工作领导小组成员单位双拥工作职责》"
    >>> t[slice(*_one_title(t, 3, 37, "专门写领导小组各成员单位该干什么的文件叫啥？"))]
    '许昌市双拥工作领导小组成员单位双拥工作职责'
    """
    if "》《" not in text[start:end]:
        return start, end
    parts, at = [], start
    for part in text[start:end].split("》《"):
        parts.append((at, at + len(part)))
        at += len(part) + 2
    return max(parts, key=lambda p: len(set(text[p[0]:p[1]]) & set(question)))
