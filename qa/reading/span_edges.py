"""The edges of a span: a word that leads into it (共 / 累计 / 达 before a number, 的 / 了, the 约 that ends 公约),
a form of address after a name (同学, 同志), a 的 tying it to the next noun, the unit a question asks its number in
(第几区: 第五区), and the digits before a thousands separator (15,625亿). `qa.reading.reader` applies them last,
after `qa.reading.spans`."""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.reading.answer_types import ASKS_NAME, DATE_WORDS, SURNAMES, YEAR_WORDS, tagged_person
from qa.reading.number_edges import is_unit, whole_number_start
from qa.reading.said_clause import drop_said_clause
from qa.reading.spans import which_noun
from qa.reading.verb_edges import drop_frame, drop_said_verb, whole_item

LEAD = re.compile(r"(?:共计|合计|总计|累计|共|达)(?=[0-9０-９一二三四五六七八九十两])|[的了](?=.)|与(?=[\u4e00-\u9fff]{2})"
                  r"|[。，；、：,;:！？!?]+")  # a clause's end the reader took in (。《国防军事早报》…)


def drop_lead(text: str, start: int, end: int) -> int:
    """The span's start moved past a word that leads into the answer (共 / 累计 / 达 before a number, 的 / 了).

    >>> t = "已安排共50个岗位"
    >>> t[drop_lead(t, 3, 7):7]
    '50个'
    >>> t = "内部有很严重的经济问题"
    >>> t[drop_lead(t, 6, 11):11]
    '经济问题'
    >>> drop_lead("共建", 0, 2), drop_lead("与中国邮政签订协议", 0, 5), drop_lead("。《国防军事早报》", 0, 9)
    (0, 1, 1)
    >>> t = "签订军民共建公约245个，大约300人"  # 约 ends the word 公约: it says nothing of 245; 大约 does of 300
    >>> t[drop_lead(t, 7, 12):12], t[drop_lead(t, 14, 19):19]
    ('245个', '约300人')
    """
    if start and text[start:start + 1] in APPROX_LEADS and text[start - 1:start + 1] not in APPROX_WORDS \
            and re.match(r"[0-9０-９]", text[start + 1:start + 2]) and _is_word(text[start - 1:start + 1]):
        return start + 1  # 公约245个: 约 is the end of the word before the number
    lead = LEAD.match(text, start, end)
    return lead.end() if lead and lead.end() < end else start


APPROX_LEADS = "约近超逾共达"
APPROX_WORDS = frozenset("大约 约约 将近 接近 临近 超过 总共 一共 共计 达到 高达 多达 长达 约达".split())


def _is_word(pair: str) -> bool:
    """Whether two characters are a common word of jieba's dictionary (公约, 签约; not 建约, nor 金近 of 资金近7000万元)."""
    return posseg().tokenizer.FREQ.get(pair, 0) >= COMMON_WORD


COMMON_WORD = 100  # jieba's count of a common word (公约 948, 签约 440); the rare ones are names (金近 10)


# a form of address after a person's name (李雨晨同学): no part of the name a question asks for (叫什么, 是谁)
# nor the word for what is told of them (“时代楷模”张连印事迹: 张连印)
TITLE_AFTER = re.compile(r"(?:同学|同志|先生|女士|的?(?:先进)?事迹)$")
OFFICE_AFTER = re.compile(r"(?:州长|省长|市长|县长|总统|总理|首相|教授|博士|将军)$")  # 凯·艾维州长: after a name only


def drop_title(text: str, start: int, end: int, question: str) -> int:
    """The span's end before a form of address when the question asks a name and a name of 2-4 characters is left:
    drop_title("学生李雨晨同学寄来", 2, 7, "那个学生叫什么？") -> 5 ("李雨晨"); an office after a name too
    (凯·艾维州长 -> 凯·艾维, not 区委书记); else `end`."""
    title = TITLE_AFTER.search(text, start, end)
    office = OFFICE_AFTER.search(text, start, end) if title is None else None
    if office and ("·" in text[start:office.start()] or text[start] in SURNAMES):
        title = office  # 凯·艾维州长 -> 凯·艾维; not 区委书记 (no name before the office)
    if title is None or not ASKS_NAME.search(question) or not 2 <= title.start() - start <= 4:
        return end
    return title.start()


NUMERALS = "一二三四五六七八九十百千万亿两零〇"
NUMERAL_END = re.compile(rf"[0-9０-９{NUMERALS}]$")
UNIT_ASKED = re.compile(r"(?:第几|多少|几)([A-Za-z\u4e00-\u9fff]{1,3})")  # 几A: a grade's letter (4A级)
QUOTED_ASK = re.compile(r"“(?:第几|几)([\u4e00-\u9fff]{1,3})”")  # a saying's count in quotes: “几位一体”
MAGNITUDE_UNIT = re.compile(r"([\u4e00-\u9fff]{1,2})(?=[，,。；;、）)]|$)")


def unit_after(text: str, start: int, end: int, question: str) -> int:
    """The span's end moved past the unit the question asks its number in, when the text says it right after a
    bare number (第几区 asked, 第五 cut of 第五区; 多少毫米 asked, 976 cut of 976毫米); else `end`.

    >>> t = "设置于行政总局第五区"
    >>> t[7:unit_after(t, 7, 9, "设置于第几区？")], t[7:unit_after(t, 7, 9, "是第几个？")]
    ('第五区', '第五')
    >>> t = "降雨量达976毫米"
    >>> t[4:unit_after(t, 4, 7, "降雨量到达多少毫米？")], "第13大的州"[:unit_after("第13大的州", 0, 3, "面积第几大的州？")]
    ('976毫米', '第13大')
    >>> "共有5领"[2:unit_after("共有5领", 2, 3, "有多少个领？")], "共5个村"[1:unit_after("共5个村", 1, 2, "多少个村？")]  # not 个村
    ('5领', '5')
    >>> "吞吐量18.6万标箱，增长3%"[3:unit_after("吞吐量18.6万标箱，增长3%", 3, 8, "进出了多少集装箱？")]
    '18.6万标箱'
    >>> "率先推出4A级景区免门票"[4:unit_after("率先推出4A级景区免门票", 4, 5, "放开的是几A的景区？")]
    '4A级'
    >>> "构建“五位一体”体系"[3:unit_after("构建“五位一体”体系", 3, 5, "用的是个“几位一体”的说法？")]
    '五位一体'
    """
    unit = MAGNITUDE_UNIT.match(text, end) if re.search(r"[0-9][万亿]$", text[start:end]) else None
    if unit:  # 18.6万 of 18.6万标箱，: a figure in 万 is never read without its unit at a clause's end
        return unit.end(1)
    for asked in QUOTED_ASK.finditer(question):  # “几位一体” asked, 五位 cut of “五位一体”: the unit's rest after it
        words, span = asked.group(1), text[start:end]
        if k := next((k for k in range(len(words) - 1, 0, -1) if span.endswith(words[:k]) and NUMERAL_END.search(
                span[:-k]) and text.startswith(words[k:], end)), 0):
            return end + len(words) - k
    if not NUMERAL_END.search(text[start:end]):
        return end
    for asked in UNIT_ASKED.finditer(question):
        words = asked.group(1).split("的")[0]  # 第几大的州: 大
        unit = next((words[:n] for n in range(len(words), 0, -1) if text.startswith(words[:n], end)), None)
        if unit is None and words[:1] == "个":  # 多少个领: 领, when the text says no 个
            unit = next((words[1:n] for n in range(len(words), 1, -1) if text.startswith(words[1:n], end)), None)
        if unit and (asked.group().startswith("第几") or is_unit(unit)):
            return end + len(unit) + (unit.isascii() and text.startswith("级", end + len(unit)))  # 4A级
    return end


YEAR_PART = re.compile(r"上半年|下半年|年初|年底|年末|初|底|末")  # 2023年 + 上半年: when, as precise as the text
AGO = re.compile(r"(?:多少|几)[十百]?年([前后])")  # 多少年前 asks 60年前, not 60年


def year_before(text: str, start: int, end: int, question: str) -> int:
    """The span's start moved back over the year a part of one is of (今年 of 今年年初), for a question asking when.

    >>> t = "李雨晨同学在今年年初寄往新疆"
    >>> t[year_before(t, 8, 10, "贺卡是啥时候寄的？"):10], t[year_before(t, 8, 10, "贺卡是哪一年寄的？"):10]
    ('今年年初', '年初')
    """
    if start >= 2 and YEAR_PART.fullmatch(text, start, end) and re.match(r"[今去前当同明上]年", text[start - 2:start]) \
            and DATE_WORDS.search(question) and not YEAR_WORDS.search(question):
        return start - 2
    return start


def time_after(text: str, start: int, end: int, question: str) -> int:
    """The span's end moved past the part of a year the text says after it, for a question asking when (什么时候:
    2023年上半年, not 2023年; 哪一年 keeps 2023年), or past 前 / 后 for 多少年前 / 多少年后; else `end`.

    >>> t = "2023年上半年被授予集体一等功，60年前建城"
    >>> t[0:time_after(t, 0, 5, "什么时候被授予一等功的？")], t[0:time_after(t, 0, 5, "哪一年被授予的？")]
    ('2023年上半年', '2023年')
    >>> t[17:time_after(t, 17, 20, "是多少年前建起来的？")]
    '60年前'
    """
    if not text[start:end].endswith("年"):
        return end
    ago = AGO.search(question)
    if ago:
        return end + 1 if text.startswith(ago.group(1), end) else end
    part = YEAR_PART.match(text, end)
    if part is None or not re.search(r"[0-9]{4}年$", text[start:end]) or not DATE_WORDS.search(question) \
            or YEAR_WORDS.search(question):
        return end
    return part.end()


ASKED_AT = re.compile(r"哪|什么|谁|多少|几")
NUMERAL_START = re.compile(rf"[0-9０-９{NUMERALS}]")


def drop_asked_lead(text: str, start: int, end: int, question: str) -> int:
    """The span's start moved past the words the question says right before what it asks, when the span opens with
    them (在大学研究什么？ cut 大学研究当代舞蹈: 当代舞蹈; 出生于哪儿？ cut 出生于罗马: 罗马), two characters or more of them
    and two or more left; else `start`.

    >>> t = "她在大学研究当代舞蹈"
    >>> t[slice(drop_asked_lead(t, 2, 10, "她在大学研究什么？"), 10)], t[slice(drop_asked_lead(t, 6, 10, "研究什么？"), 10)]
    ('当代舞蹈', '当代舞蹈')
    """
    asked = ASKED_AT.search(question)
    before = question[:asked.start()] if asked else ""
    for n in range(min(len(before), end - start - 2), 1, -1):
        if text.startswith(before[-n:], start) and not NUMERAL_START.match(text, start + n):  # 民国39年 stays whole
            return start + n
    return start


LOCATIVES = "上里中内"
def drop_asked_tail(text: str, start: int, end: int, question: str) -> int:
    """The span's end before a locative the question says after the noun it asks (哪片大地上: 龙江大地上 -> 龙江大地), or
    right after the noun a 哪个X question asks when a verb follows it inside the span (哪个系统: 交通系统完成部队 ->
    交通系统); else `end`.

    >>> t = "谱写在龙江大地上"
    >>> t[3:drop_asked_tail(t, 3, 8, "新曲是在哪片大地上谱写的？")]
    '龙江大地'
    >>> t = "由交通系统完成部队出行保障"
    >>> t[1:drop_asked_tail(t, 1, 9, "出行安全是哪个系统负责保障的？")], t[1:drop_asked_tail(t, 1, 5, "哪个系统负责？")]
    ('交通系统', '交通系统')
    """
    span = text[start:end]
    if len(span) >= 4 and span[-1] in LOCATIVES and span[-3:] in question:
        return end - 1
    noun = which_noun(question)
    at = span.find(noun) if len(noun) >= 2 else -1
    if at <= 0 or at + len(noun) >= len(span):  # the noun first (教宗庇护十一世) heads a name: no cut
        return end
    rest = next(iter(posseg().cut(span[at + len(noun):])), None)
    verb = rest is not None and rest.flag == "v" and rest.word not in ("是", "为")  # …作品是《…》: what follows; 教育 (vn)
    return start + at + len(noun) if verb else end


def drop_trailing_de(text: str, start: int, end: int) -> int:
    """The span's end before a 的 that ties it to the noun after it (土耳其人的 of 土耳其人的统治), when more than
    two characters are left and 的 ends no common word (目的, 有的): drop_trailing_de("偏袒土耳其人的统治", 2, 7) -> 6."""
    if end - start <= 3 or text[end - 1] != "的" or _is_word(text[end - 2:end]):
        return end
    return end - 1


ECHO_LEAD = re.compile(r"([\u4e00-\u9fff]{1,4}的)(?:哪|什么)")  # 大气的哪一种特性: 大气的 is the question's
ECHO_TAIL = re.compile(r"(?:哪[一个]?[\u4e00-\u9fff]|什么)的([\u4e00-\u9fff]{2})")  # 哪一国的文化: 文化 is


def drop_echo(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The span without the question's own words around the slot it asks: a leading "X的" the question says before
    哪/什么 (大气的不稳定性 for 大气的哪一种特性 -> 不稳定性), a trailing noun it says after "哪…的" (中国文化 for
    哪一国的文化 -> 中国); else unchanged.

    >>> t = "大气的不稳定性"
    >>> t[slice(*drop_echo(t, 0, 7, "相对风速以及大气的哪一种特性？"))], "中国文化"[slice(*drop_echo("中国文化", 0, 4, "哪一国的文化影响很深？"))]
    ('不稳定性', '中国')
    """
    lead = ECHO_LEAD.search(question)
    said = lead.group(1)[:-1] if lead else ""  # 以及大气: 大气的 or 气的 may lead the span
    echo = next((said[-n:] + "的" for n in range(len(said), 0, -1) if text.startswith(said[-n:] + "的", start)), "")
    if echo and end - start > len(echo) + 1:
        start += len(echo)
    tail = ECHO_TAIL.search(question)
    if tail and text[start:end].endswith(tail.group(1)) and end - start > len(tail.group(1)) + 1:
        end -= len(tail.group(1))
    return start, end


DOUBLED = re.compile(r"([\u4e00-\u9fff])\1(?=[\u4e00-\u9fff]{2})")  # 滔滔 / 悠悠 before a name


def drop_doubled(text: str, start: int, end: int, question: str) -> int:
    """The span's start moved past a doubled word that describes the name after it (滔滔孔雀河, 悠悠达溪), when the
    question asks which one or what it is called; else `start`.

    >>> t = "滔滔孔雀河高唱爱民赞歌"
    >>> t[drop_doubled(t, 0, 5, "那条河是哪条？"):5], t[drop_doubled(t, 0, 5, "河边有什么？"):5]
    ('孔雀河', '滔滔孔雀河')
    """
    doubled = DOUBLED.match(text, start, end)
    if doubled is None or doubled.group(1) in NUMERALS or not re.search(r"哪[条个座所家位]|叫什么|叫啥|名字", question):
        return start
    return doubled.end()


def whole_person(text: str, start: int, end: int, question: str) -> int:
    """The span's end moved one character on when the question asks who and the span is a surname and one character
    that with the next make one person's name as jieba tags it (吴增 of 局长吴增成为…, where 成为 read as a verb);
    else `end`.

    >>> t = "局长吴增成为新婚夫妇送去"
    >>> t[2:whole_person(t, 2, 4, "局长叫啥名字？")], t[2:whole_person(t, 2, 4, "局长做了什么？")]
    ('吴增成', '吴增')
    """
    if end - start != 2 or end >= len(text) or text[start] not in SURNAMES or not ASKS_NAME.search(question):
        return end
    return end + 1 if tagged_person(text[start:end + 1]) else end


def trimmed(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The span with every edge above put right, in their order: a doubled word, then a lead word, a form of
    address and a trailing 的 off; a number's digits and unit whole; a name whole; the question's own words off.

    >>> t = "降雨量达976毫米"
    >>> t[slice(*trimmed(t, 3, 7, "降雨量到达多少毫米？"))]
    '976毫米'
    """
    start = drop_lead(text, drop_doubled(text, start, end, question), end)
    end = drop_trailing_de(text, start, drop_title(text, start, end, question))
    start, end = year_before(text, whole_number_start(text, start, end), end, question), \
        time_after(text, start, unit_after(text, start, end, question), question)
    start = drop_said_clause(text, drop_asked_lead(text, start, end, question), end, question)
    end = drop_said_verb(text, start, drop_asked_tail(text, start, end, question), question)
    start = drop_frame(text, whole_item(text, start, end, question), end, question)  # 深化“关爱功臣”活动: “关爱功臣”活动
    start, end = drop_echo(text, start, whole_person(text, start, end, question), question)
    return drop_lead(text, start, end), end  # again after the cuts (了社区村组管控 of 满完成了社区村组管控: 社区…)
