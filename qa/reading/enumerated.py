"""A span that counts the things a question asks for, answered by the things themselves.

Reports name a set of things and then count them: 抓好排查、化解、督办、奖惩四个环节; 按照应急力量、专业力量、特殊力量3类.
Asked 要抓好哪几个环节？ the reader often cuts the count (四个环节), which says how many, not which. When the question asks
which things (not how many) and the text lists, right before the count, exactly as many things as it says, the answer
is the list. So is the bracket after a counted term the question quotes (“五项制度”（…）), and a list's first thing
starts past the clause said before it (`after_verb`, for `qa.reading.listed_spans`). `qa.reading.reader` applies
this before the list rules of `qa.reading.listed_spans`.
"""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.reading.list_tails import before_etc, counts, list_tail
from qa.reading.paired import joint_roles, paired_clauses, quoted_last, role_part
from qa.reading.spans import which_noun
from qa.reading.verb_edges import KIND_ASKED

# the question asks which things: 哪几个 / 哪些 / 哪三项 / 哪“三优”, or what they are (都是啥, 包括什么, 干了些啥)
WHICH = re.compile(r"哪(?:些|几|[“\"]?[两二三四五六七八九十])|(?:都|包括|分别)(?:是|有)?(?:什么|啥)|有(?:什么|啥)|些(?:什么|啥)")
NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
COUNT = r"([一两二三四五六七八九十]|[1-9][0-9]?)"  # a small count, in figures or characters
# a count, its measure word and the noun it counts, the whole span: 四个环节, 3类, 五项制度, 三大体系
COUNT_SPAN = re.compile(COUNT + r"(?:个|项|类|种|大|条|块|件|方面)?[\u4e00-\u9fff]{0,6}")
# a counted term and the bracket after it: “五项制度”（党委议军会议制度、…）
COUNTED_BRACKET = re.compile("“?" + COUNT + r"(?:个|项|类|种|大|条|块|件)[\u4e00-\u9fff]{0,6}”?（([^（）]+)）")
# the things right before the count, from the clause's start: 抓好排查、化解、督办、奖惩
# (a quotation mark may open the count: 部队、接收单位、退役军人“三满意”)
LISTED = re.compile(r"(?:^|(?<=[，,。；;：:（(\s“”]))([^，,。；;：:（()）\s、“”]{1,14}(?:、[^，,。；;：:（()）\s、“”]{1,14})+)“?$")


def asks_which(question: str) -> bool:
    """Whether a question asks which things (哪几个环节, “五项制度”都是啥), not how many (几个环节)."""
    return WHICH.search(question) is not None and not counts(question)


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


def bracketed(text: str, start: int, end: int, question: str) -> tuple[int, int] | None:
    """For a question asking which things a counted term holds (“五项制度”都是啥), the whole bracket that follows the
    term in the text when the span lies inside it (the reader cut some of the five); else None.

    >>> t = "严格落实“五项制度”（党委议军会议制度、军政座谈会议制度、双拥专题会议制度和军地联席会议制度），形成格局"
    >>> t[slice(*bracketed(t, 11, 29, "濮阳落实的那“五项制度”都是啥？"))]
    '党委议军会议制度、军政座谈会议制度、双拥专题会议制度和军地联席会议制度'
    >>> bracketed(t, 11, 29, "濮阳落实了几项制度？") is None
    True
    """
    if not asks_which(question):
        return None
    for found in COUNTED_BRACKET.finditer(text):
        term = found.group().split("（")[0].strip("“”")
        if term in question and found.start(2) <= start < end <= found.end(2) and (start, end) != found.span(2):
            return found.span(2)
    return None


COUNTED_TERM = re.compile(COUNT + r"(?:个|项|类|种|大|条|块|件)[\u4e00-\u9fff]{2,6}")  # 五项制度


def counted_run(text: str, start: int, end: int, question: str) -> tuple[int, int] | None:
    """For a question asking which things a counted term it says holds (五项制度都是啥), the things the text lists
    right before that term when the span lies among them (the reader cut some of the five) and they are as many
    (the last two may be joined by 和 / 及 / 与); else None.

    >>> t = "落实工作日志、在岗值班、信息报送、定期研判和情况通报五项制度，多措并举"
    >>> t[slice(*counted_run(t, 17, 26, "西固区配套的五项制度都是啥？"))]
    '工作日志、在岗值班、信息报送、定期研判和情况通报'
    >>> counted_run(t, 17, 26, "西固区配套的三项机制都是啥？") is None  # another term
    True
    """
    if not asks_which(question):
        return None
    for found in COUNTED_TERM.finditer(text):
        term, lead = found.group(), len(found.group(1)) + 1
        if not any(term[:n] in question for n in range(len(term), lead + 1, -1)):
            continue
        listed = LISTED.search(text[:found.start()])
        if listed is None or not listed.start(1) <= start < end <= listed.end(1) or (start, end) == listed.span(1):
            continue
        items = listed.group(1).split("、")
        number = found.group(1)
        if len(items) + bool(re.search(r"和|及|与", items[-1])) == (int(number) if number.isdigit() else NUMERALS[number]):
            first = _first_item(items[0], items[1:])
            return listed.end(1) - len(listed.group(1)) + len(items[0]) - len(first), listed.end(1)
    return None


def after_verb(first: str, others: list[str]) -> int:
    """Where the first thing of a list starts past a clause said before it (演训部队解决 of 演训部队解决食宿场地), when it
    is longer than every other thing (each of them split at 及 / 和 / 与): after its first verb that leaves no more
    than the longest other thing; else 0.

    >>> after_verb("演训部队解决食宿场地", ["训练场地及供水供电", "交通通讯"]), after_verb("参与抗旱救灾", ["治安巡逻"])
    (6, 2)
    >>> after_verb("工行", ["农行", "邮储银行"]), after_verb("芜湖利用烈士陵园", ["王稼祥纪念馆", "戴安澜烈士墓"])
    (0, 4)
    """
    longest = max(len(part) for other in others for part in re.split(r"及|和|与", other))
    if len(first) <= longest:
        return 0
    at = 0
    for word, flag in posseg().cut(first):
        at += len(word)
        if (flag.startswith("v") or GOVERNS.fullmatch(word)) and 2 <= len(first) - at <= longest:  # 利用 (jieba: n)
            return at
    return 0


def etc_off(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """A span less the 等 it ends with (留守儿童快乐家园等), and, for a question asking one thing (哪个单位), the thing
    before 等 of a span naming it with the asked noun after (市绿委办 of 市绿委办等双拥共建单位); else unchanged.

    >>> t = "跟克拉玛依区政府、市绿委办等双拥共建单位签订协议"
    >>> t[slice(*etc_off(t, 9, 20, "还跟哪个单位签了协议？"))], t[slice(*etc_off(t, 9, 20, "跟哪些单位签了协议？"))]
    ('市绿委办', '市绿委办等双拥共建单位')
    >>> t = "带动老凤祥等其他24家社会组织和企业参与"
    >>> t[slice(*etc_off(t, 2, 18, "还点了哪家企业的名？"))]  # a count between 等 and the noun
    '老凤祥'
    >>> t = "筹建留守儿童快乐家园等"
    >>> t[slice(*etc_off(t, 2, 11, "还筹建了个啥？"))]
    '留守儿童快乐家园'
    >>> t = "开展送法送健康进军营等双拥共建活动"
    >>> t[slice(*etc_off(t, 2, 17, "除了民族团结进军营，还有啥活动？"))]
    '送法送健康进军营'
    """
    if text[start:end].endswith("等") and end - start > 2:
        return start, end - 1
    kind = KIND_ASKED.search(question)  # 还有啥活动: 送法送健康进军营 of 送法送健康进军营等双拥共建活动
    kind_noun = kind.group(1) if kind and len(kind.group(1)) >= 2 else ""
    noun = "" if "哪些" in question else which_noun(question) or kind_noun
    found = re.fullmatch(rf"([^、，,。；;等]{{2,12}})等[^、，,。；;]{{0,12}}?{re.escape(noun)}", text[start:end]) if noun else None
    return (start, start + len(found.group(1))) if found else (start, end)


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
    >>> t = "引进甘肃神龙、四川泛美、航天九院等6家企业入驻"
    >>> t[slice(*enumerated(t, 17, 19, "点了名的有哪几家？"))]  # named among more (等): the ones named
    '甘肃神龙、四川泛美、航天九院'
    """
    inside = bracketed(text, start, end, question) or counted_run(text, start, end, question)
    if inside:
        return inside
    start, end = quoted_last(text, *paired_clauses(text, start, end, question), question)  # 分别怎么提; 民企“唱戏”
    start, end = joint_roles(text, start, end, question)  # 谁挂帅: 市委、市政府、芜湖军分区主要负责同志
    start, end = role_part(text, start, end, question)  # 分管领导怎么抓: 具体抓 of 主要领导亲自抓、分管领导具体抓…
    start, end = etc_off(text, start, end, question)
    end = list_tail(text, start, before_etc(text, start, end, question), question)  # 天然气管道 -> …铺设、水电线路改造
    if not asks_which(question):
        return the_one_said(text, start, end, question)
    items = text[start:end].split("、")  # a list led by a clause before its first thing: 芜湖利用烈士陵园、… -> 烈士陵园、…
    start += after_verb(items[0], items[1:]) if len(items) > 1 and not re.search(r"[0-9，,。；;：:]", text[start:end]) else 0
    span = text[start:end]
    want = _count(span)
    if not want:
        return noun_after_etc(text, start, end)
    etc = text[:start].endswith("等")  # …航天九院等6家企业: the things named, of more
    listed = LISTED.search(text[:start - 1] if etc else text[:start])
    if listed is None:
        return start, end
    items = listed.group(1).split("、")
    if len(items) != want and not (etc and len(items) < want):
        return start, end
    first = _lead_off(items[0], items[1:])
    return listed.start(1) + len(items[0]) - len(first), listed.end(1)


ETC_BEFORE = re.compile(rf"等(?:{COUNT}(?:个|项|类|种|大|条|块|件|支|家|所|名)?)?$")  # 植树造林等 / 翻译保障等5支


def noun_after_etc(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that is the noun after a list's 等 (…植树造林等活动: 活动; …翻译保障等5支专业…: 专业) moved to the things
    listed, for a question asking which things; else unchanged.

    >>> t = "武警十堰支队通过产业帮扶、项目合作、捐资助学等活动服务驻地群众"
    >>> at = t.index("活动")
    >>> t[slice(*noun_after_etc(t, at, at + 2))]
    '产业帮扶、项目合作、捐资助学'
    >>> t = "专题研究，成立运输、医疗、应急、治安、翻译保障等5支专业拥军支前队伍"
    >>> at = t.index("专业")
    >>> t[slice(*noun_after_etc(t, at, at + 2))]
    '运输、医疗、应急、治安、翻译保障'
    >>> t = "开展送法送健康进军营等双拥共建活动"
    >>> at = t.index("双拥")
    >>> noun_after_etc(t, at, at + 6) == (at, at + 6)  # one thing before 等: no list
    True
    """
    if "、" in text[start:end] or end - start > 8:
        return start, end
    etc = ETC_BEFORE.search(text[max(0, start - 5):start])
    listed = LISTED.search(text[:start - len(etc.group())]) if etc else None
    if listed is None:
        return start, end
    items = listed.group(1).split("、")
    first = _first_item(items[0], items[1:])
    return listed.end(1) - len(listed.group(1)) + len(items[0]) - len(first), listed.end(1)


# verbs that govern a list, which jieba may tag otherwise or join to the first thing (落实工作 | 日志)
GOVERNS = re.compile(r"落实|形成|抓好|构建|制定|设立|完善|健全|建立|实行|推行|坚持|实施|开展|利用|依托")


def _first_item(first: str, others: list[str]) -> str:
    """The first thing of a list less the clause before it: `_lead_off`'s verb off, else, when it is longer than every
    other thing, its longest tail of whole words no longer than they are.

    >>> _first_item("武警十堰支队通过产业帮扶", ["项目合作", "捐资助学"]), _first_item("成立运输", ["医疗", "应急", "翻译保障"])
    ('产业帮扶', '运输')
    >>> _first_item("捐资助学", ["项目合作", "植树造林"]), _first_item("工行", ["农行", "邮储银行"])
    ('捐资助学', '工行')
    >>> _first_item("落实工作日志", ["在岗值班", "信息报送", "定期研判和情况通报"])
    '工作日志'

    """
    lengths = sorted(len(o) for o in others)
    words = list(posseg().cut(first))
    lead = words[0].word if words[0].flag.startswith("v") else (found.group() if (found := GOVERNS.match(first)) else "")
    if len(first) > lengths[len(lengths) // 2] and lead and len(first) - len(lead) >= 2:
        return first[len(lead):]  # 成立运输 beside 医疗、应急: 运输
    if len(first) <= lengths[-1]:
        return first
    tails = ["".join(w.word for w in words[i:]) for i in range(1, len(words))]
    return next((t for t in tails if len(t) <= lengths[-1]), first)


ONE_ASKED = re.compile(r"哪(?:个|一个|一|座|家|位|支|所|种)(?!些)")  # 哪个军种: one thing asked


def the_one_said(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a question asking one thing (哪个军种), a span of things joined by 、 cut to its last, when the text goes on
    right after it with the question's own words (…摇篮、火箭军的诞生地 for 哪个军种的诞生地: 火箭军); else unchanged.

    >>> t = "通化是中国空军的摇篮、火箭军的诞生地"
    >>> t[slice(*the_one_said(t, 3, 14, "通化是哪个军种的诞生地？"))]
    '火箭军'
    >>> the_one_said(t, 3, 14, "通化是什么地方？")  # one thing not asked by 哪个
    (3, 14)
    """
    span = text[start:end]
    if "、" not in span or not ONE_ASKED.search(question):
        return start, end
    after = re.match(r"的?([\u4e00-\u9fff]{2,4})", text[end:end + 5])
    said = after is not None and any(after.group(1)[:n] in question for n in (4, 3, 2) if len(after.group(1)) >= n)
    last = span.rindex("、") + 1
    one = span[last:]  # never one the question names itself (跟老兵艺术团一起…还有哪个), nor one of more (…等)
    return (start + last, end) if said and len(one) >= 2 and "等" not in one and one not in question else (start, end)
