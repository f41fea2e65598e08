"""Spans naming several things: grown over the things joined to them when the question asks that many (哪两位: 冯子材、刘永福),
or cut to the things listed before 等 + the noun a 哪些 question asks (哪些区县: 华蓥、武胜). Applied by `qa.reading.reader`."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from qa.reading.enumerated import after_verb, etc_off
from qa.reading.formal import formal
from qa.reading.list_tails import list_tail, starts_word
from qa.reading.verb_edges import FRAME
from qa.types import Answer

# 哪两年 / 哪三位 / 哪两个: the question says how many things the answer names
THINGS_ASKED = re.compile(r"哪[“\"]?([两二三四五六七八九十])")  # 哪“三大”体系 too
COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
JOIN = re.compile(r"\s*(?:以及|、|和|与|及|”“)\s*")  # “前线”“前沿”“前哨”: quoted things side by side


def coordinated(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The span grown over the things joined to it when the question asks for a number of them
    (哪两年 / 哪两位 …) and the text names exactly that many in a row; else unchanged.

    >>> t = "民族英雄冯子材、刘永福的家乡"
    >>> coordinated(t, 4, 7, "钦州是哪两位民族英雄的家乡？")
    (4, 11)
    >>> t = "在2016年和2020年两次荣膺"
    >>> t[slice(*coordinated(t, 1, 6, "乌海是哪两年获得称号的？"))]
    '2016年和2020年'
    >>> coordinated(t, 1, 6, "乌海是哪一年获得称号的？")
    (1, 6)
    >>> t = "服务聚焦“前线”“前沿”“前哨”"
    >>> t[slice(*coordinated(t, 5, 7, "他们给部队搞服务主要盯着哪三个“前”？"))]
    '前线”“前沿”“前哨'
    >>> t = "南漳县等地建设公园，襄城区、樊城区积极打造示范街"
    >>> t[slice(*coordinated(t, 14, 17, "打造示范街的是哪两个区？"))]
    '襄城区、樊城区'
    """
    asked = THINGS_ASKED.search(question)
    span = text[start:end]
    if not asked or not span or JOIN.search(span):
        return start, end
    # the next thing has the span's shape: digits as digits ("2016年" -> "2020年"), else a short run of Chinese
    # characters ending where a clause or a phrase does ("刘永福" before "的家乡")
    item = (re.compile(re.sub(r"(?:[0-9]|\\\.)+", "[0-9.]+", re.escape(span))) if re.search(r"[0-9]", span) else
            re.compile(rf"[\u4e00-\u9fff·]{{1,{len(span) + 1}}}?(?=[、和与及，,。；;的等\s）)”]|$)"))
    want, found, pos = COUNTS[asked.group(1)], 1, end
    while found < want:
        join = JOIN.match(text, pos)
        nxt = item.match(text, join.end()) if join else None
        if not nxt:
            break
        found, pos = found + 1, nxt.end()
    first = start
    while found < want and (before := _item_before(text, first, span)):  # 襄城区、樊城区 when the reader cut the 2nd
        found, first = found + 1, before
    if found < want or (JOIN.match(text, pos) and item.match(text, JOIN.match(text, pos).end())) \
            or _item_before(text, first, span) is not None:
        return start, end  # fewer, or more, than the question says: leave the span as the reader cut it
    return first, pos


def _item_before(text: str, start: int, span: str) -> int | None:
    """Where a thing like `span` joined to it just before `start` begins ("襄城区、樊城区", 4 -> 0), else None."""
    if re.search(r"[0-9]", span):
        shape = r"(?<![0-9.])[0-9.]+[^0-9、和与及，,。；;\s]{0,3}"
    else:  # a run from a clause's start, or one as long as the span (民族英雄冯子材、刘永福)
        shape = rf"(?:(?<=[，,。；;、\s（(“])|^)[\u4e00-\u9fff·]{{1,{len(span) + 1}}}|[\u4e00-\u9fff·]{{{len(span)}}}"
    found = re.search(rf"(?:{shape})(?:以及|、|和|与|及)$", text[:start])
    return None if found is None or not starts_word(text, start - len(found.group())) else start - len(found.group())


# 哪些区县 / 哪几个乡镇 / 哪些岗位的…: the things asked for, which a passage lists (before 等 + the noun, or joined by 、)
WHICH_MANY = re.compile(r"哪(?:些|几个|几)([\u4e00-\u9fff]{1,4})")
ALL_ASKED = re.compile(r"都(?:叫|是|有)(?:什么|啥|谁|哪些)|分别(?:是|叫)|(?:有|是|包括|了|过)哪些[？?呢]*$|些(?:什么|啥)")  # all
LEAD_WORD = re.compile(r"^(?:在|对|由|把|从|向|为|与|和|及|于|将|让|使|包括|其中|通过|依托|按照|围绕)")
FRAME_LEAD = re.compile(rf"{FRAME.pattern}+(?=[\u4e00-\u9fff0-9]{{2}})")  # 实施110接警台: a frame verb
ITEM = r"(?:[\u4e00-\u9fff0-9]|[（(][\u4e00-\u9fff]{1,3}[）)])"  # a listed thing's character, or a short bracket: 党（团）
INNER_AT = re.compile(r"(?<![存所现实正自内外])在(?=[\u4e00-\u9fff]{1,6}$)")  # 在 opening the list inside the first thing


def listed(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a 哪些 / 哪几个 question, the things a passage lists before 等 + the noun asked for when the span overlaps
    that list ("在华蓥、武胜等区县重点打造" for 哪些区县: 华蓥、武胜), else the span grown over the things joined to it
    by 、 (乌什塔拉乡 -> 乌什塔拉乡、曲惠镇、乃仁克尔乡); else unchanged.

    >>> t = "在华蓥、武胜等区县重点打造双拥街道"
    >>> t[slice(*listed(t, 5, 17, "双拥街道重点放在了哪些区县？"))]
    '华蓥、武胜'
    >>> listed(t, 5, 17, "重点打造了什么？")
    (5, 17)
    >>> t = "为演训部队解决食宿场地、训练场地及供水供电、交通通讯等问题"
    >>> t[slice(*listed(t, 1, 30, "部队来演训的时候，他们帮着解决哪些问题？"))]
    '食宿场地、训练场地及供水供电、交通通讯'
    >>> t = "在基层治理、社会服务等方面积极贡献力量"
    >>> t[slice(*listed(t, 1, 19, "兵支书主要在哪些方面出力？"))]
    '基层治理、社会服务'
    >>> t = "包联和硕县乌什塔拉乡、曲惠镇、乃仁克尔乡各村，投入260余万元"
    >>> t[slice(*listed(t, 5, 10, "某部包联了和硕县哪几个乡镇？"))]
    '乌什塔拉乡、曲惠镇、乃仁克尔乡'
    >>> t = "庆阳市及环县、华池县、镇原县被命名为全省双拥模范城（县）"
    >>> t[slice(*listed(t, 4, 6, "和庆阳市一起被命名的是哪几个县？"))]
    '环县、华池县、镇原县'
    >>> t = "工行、农行、邮储银行等多家金融机构提供贷款"
    >>> t[slice(*listed(t, 6, 10, "六盘水给退役军人放贷款的银行有哪些？"))]
    '工行、农行、邮储银行'
    >>> t = "实行公共交通、文化旅游全部免费的城市"
    >>> t[slice(*listed(t, 2, 6, "在安阳，退伍军人和当兵的家属哪些方面能全免费？"))]
    '公共交通、文化旅游'
    """
    asked = WHICH_MANY.search(formal(question))  # 涉及哪几块 asks 哪些方面, as the reader read it
    if not asked and not ALL_ASKED.search(question):
        return start, end
    asked_noun = asked.group(1).split("的")[0] if asked else ""  # 哪些方面出力: 方面, the longest the text says
    noun = next((asked_noun[:n] for n in range(len(asked_noun), 1, -1) if "等" + asked_noun[:n] in text), asked_noun)
    for found in re.finditer(rf"((?:{ITEM}{{1,10}}、)+{ITEM}{{1,10}}(?:[和及]{ITEM}{{1,10}})?)"
                             rf"等[\u4e00-\u9fff0-9]{{0,4}}?{re.escape(noun)}", text) if len(noun) >= 2 else ():  # …会和…慰问等制度
        if found.start() < end + 2 and start < found.end() + 2:  # or just beside it (…等信息共建共享: 共建)
            items = found.group(1).split("、")
            frame = FRAME_LEAD.match(items[0])  # 实施110接警台, longer than the rest; 健全 of 健全了哪些制度, the question's
            lead = LEAD_WORD.match(items[0]) or INNER_AT.search(items[0]) or (frame if frame and (frame.group() in question or len(
                items[0]) > max(len(p) for i in items[1:] for p in re.split("[和及]", i))) else None)  # 在抚恤
            said = next((n for n in range(len(items[0]) - 1, 1, -1) if items[0][:n] in question), 0)  # 办齐 of 办齐哪几件事
            return found.start() + (lead.end() if lead and len(items[0]) - lead.end() >= 1 else
                                    max(said, after_verb(items[0], items[1:]))), found.end(1)
    if not (span := text[start:end]) or JOIN.search(span) or re.search(r"[0-9]", span):
        return start, end
    # a thing ends as the span does (环县、华池县、镇原县被命名), or where a phrase does
    same_end = re.compile(rf"[\u4e00-\u9fff·]{{0,{len(span)}}}?{re.escape(span[-1])}")
    item = re.compile(rf"[\u4e00-\u9fff·]{{1,{len(span) + 1}}}?(?=[、和与及，,。；;的等各\s）)”]|$)"
                      rf"|[\u4e00-\u9fff·]{{{len(span)}}}(?![、])")  # as long as the span: 公共交通、文化旅游全部免费
    pos = end
    while text.startswith("、", pos) and (nxt := same_end.match(text, pos + 1) or item.match(text, pos + 1)):
        pos = nxt.end()
    first = start  # and back over the things before it (工行、农行、邮储银行 from 邮储银行)
    while (before := _item_before(text, first, span)) is not None and text[before:first].endswith("、"):
        first = before
    return first, list_tail(text, first, pos, question)  # 天然气管道, grown as long as 进出路对接: …管道铺设、水电线路改造


HOW_ASKED = re.compile(r"怎么|怎样|如何|咋|什么样|啥样|(?:是|做到|要求|讲究)(?:啥|什么)[？?呢]*$")  # a how: a run of phrases
ITEM_END = re.compile(r"[、，,。；;：:）)”的]|$")
ITEM_START = re.compile(r"(?:[、，,。；;：:（(“]|^)$")


def parallel(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a how / what-manner question, the span (or the run it is) grown over the phrases of its own length joined to it
    by 、 (the parallel phrases reports write: 一同研究部署、一体推进落实), else unchanged.
    >>> t = "纳入整体规划，一同研究部署、一体推进落实。"
    >>> t[slice(*parallel(t, 14, 20, "这个区要求怎么推进？"))]
    '一同研究部署、一体推进落实'
    >>> t = "坚持视人民如父母、把驻地当故乡，倾力支持"
    >>> t[slice(*parallel(t, 2, 8, "他们一直坚持的是啥？"))], parallel(t, 2, 8, "他们在哪个市？")
    ('视人民如父母、把驻地当故乡', (2, 8))
    >>> t = "芜湖构建横向到边、纵向到底的体系；深入开展研究部署、一体推进落实"
    >>> t[slice(*parallel(t, 9, 13, "体系是个啥样的？"))], t[slice(*parallel(t, 26, 32, "要求怎么推进？"))]
    ('横向到边、纵向到底', '一体推进落实')
    """
    start = verb_off(text, shared_lead(text, start, end), end)
    items = (span := text[start:end]).split("、")  # a run already (党委领导、政府主导、部门协作): its phrases' length
    if not HOW_ASKED.search(question) or len({len(i) for i in items}) > 1 or not re.fullmatch(r"[\u4e00-\u9fff]{3,8}", items[0]):
        return start, end
    n, first, last = len(items[0]), start, end
    while first > n and text[first - 1] == "、" and re.fullmatch(rf"[\u4e00-\u9fff]{{{n}}}", item := text[first - 1 - n:first - 1]) \
            and (ITEM_START.search(text[:first - 1 - n]) or any(a == b for a, b in zip(item, span))
                 or (text.count("、", first, end) >= 2 and starts_word(text, first - 1 - n))):  # 形成了典型引路、…
        first -= n + 1  # a phrase that starts a clause, echoes the span's shape (横向到边、纵向到底) or a run of three
    while text.startswith("、", last) and re.fullmatch(rf"[\u4e00-\u9fff]{{{n}}}", text[last + 1:last + 1 + n]) \
            and ITEM_END.match(text, last + 1 + n):
        last += n + 1
    return first, last


def shared_lead(text: str, start: int, end: int) -> int:
    """The start of a list of three things or more joined by 、 moved back over the words every later thing starts
    with, when the text says them just before the first (不为 of 不为后路担心、不为后院分心、不为后代忧心); else `start`.

    >>> t = "做到不为后路担心、不为后院分心、不为后代忧心。"
    >>> t[shared_lead(t, 4, 22):22]
    '不为后路担心、不为后院分心、不为后代忧心'
    >>> t = "开展进军营、进社区、进学校活动"
    >>> shared_lead(t, 2, 11)  # the first thing already starts with 进
    2
    """
    items = text[start:end].split("、")
    if len(items) < 3 or not all(items):  # two later things at least say what every one starts with
        return start
    lead = ""
    for chars in zip(*items[1:]):
        if len(set(chars)) > 1 or len(lead) >= 3:
            break
        lead += chars[0]
    lead = lead if all(len(i) > len(lead) for i in items[1:]) else ""
    for k in range(len(lead), 0, -1):  # the longest of its beginnings said before the first (不为 of 不为后…)
        if text[:start].endswith(lead[:k]) and not items[0].startswith(lead[:k]):
            return start - k
    return start


def verb_off(text: str, start: int, end: int) -> int:
    """The start of a list of things joined by 、 moved past a verb that governs them all, said before the first
    only (聚焦 of 聚焦优待抚恤、就业培训、移交安置; 参与 of 参与抗旱救灾、治安巡逻); else `start`.

    >>> t = "聚焦优待抚恤、就业培训、移交安置、困难帮扶等环节"
    >>> t[verb_off(t, 0, 21):21]
    '优待抚恤、就业培训、移交安置、困难帮扶'
    >>> t = "优待抚恤、就业培训、移交安置"
    >>> verb_off(t, 0, len(t))  # 优待 is a verb, but 优待抚恤 is as long as the others: one of them
    0
    """
    from embeddings.places import posseg

    items = text[start:end].split("、")
    if len(items) < 2 or not all(items):
        return start
    word, flag = next(iter(posseg().cut(items[0])), ("", ""))
    lengths = [len(i) for i in items[1:]]  # the first thing, less the verb, as long as the others
    if flag != "v" or len(word) < 2 or len(items[0]) <= max(lengths) \
            or not min(lengths) <= len(items[0]) - len(word) <= max(lengths) or any(i.startswith(word) for i in items[1:]):
        return start
    return start + len(word)


CLAUSE = re.compile(r"[，,。；;：:（()）]")


def count_first(question: str, answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """The answers with the first one naming as many things as the question asks for (哪两位: 王靖、袁景蔚) put first,
    when the best names another number of them; else as they were. A thing is two characters or more, and a span
    across a clause or led by 对/在 … is no such list.

    >>> from embeddings.types import Passage
    >>> t = "劳动奖章获得者刘跃超，先进个人王靖、袁景蔚"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> pool = (Answer("刘跃超", 2.0, p, 7, 10), Answer("王靖、袁景蔚", 1.9, p, 15, 21))
    >>> [a.text for a in count_first("被评为先进个人的是哪两位？", pool)], [a.text for a in count_first("是谁？", pool)]
    (['王靖、袁景蔚', '刘跃超'], ['刘跃超', '王靖、袁景蔚'])
    """
    asked = THINGS_ASKED.search(question)
    answers = tuple(answers)
    if not asked or len(answers) < 2 or things_named(answers[0].text) == COUNTS[asked.group(1)]:
        return answers
    fit = next((a for a in answers[1:] if things_named(a.text) == COUNTS[asked.group(1)] and not CLAUSE.search(a.text)
                and not LEAD_WORD.match(a.text)), None)
    return answers if fit is None else (fit,) + tuple(a for a in answers if a is not fit)


def things_named(text: str) -> int:
    """How many things a span names joined by 、/和/与/及 (0 when one of them is shorter than two characters)."""
    parts = JOIN.split(text)
    return 0 if any(len(p) < 2 for p in parts) else len(parts)


# 除了邯郸，还有哪几个城市…？ / 除了李爱民还有谁…？: the things the question sets aside
EXCEPT = re.compile(r"除(?:了)?([^，,。？?]{1,20}?)(?:以外|之外|外)?(?:[，,]|还|也)")


def except_said(question: str, answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """The answers without the things a 除了X question sets aside: an answer holding a list of which X is the first
    or last thing becomes the rest of that list (…来自邯郸、聊城、长治、安阳 -> 聊城、长治、安阳), and an answer that is X
    only is dropped; other questions: the answers as they were.

    >>> from embeddings.types import Passage
    >>> t = "来自邯郸、聊城、长治、安阳的退役军人，由李爱民和韦怀银发起成立"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> [a.text for a in except_said("除了邯郸，还有哪几个城市的人来应聘？", (Answer("来自邯郸、聊城、长治、安阳", 2.0, p, 0, 13),))]
    ['聊城、长治、安阳']
    >>> pool = (Answer("李爱民", 2.0, p, 20, 23), Answer("韦怀银", 1.0, p, 24, 27))
    >>> [a.text for a in except_said("除了李爱民还有谁一起发起的？", pool)], len(except_said("是谁发起的？", pool))
    (['韦怀银'], 2)
    """
    said = EXCEPT.search(question)
    if not said:
        return tuple(answers)
    aside = tuple(w for w in JOIN.split(said.group(1)) if len(w) >= 2)
    return tuple(_rest_of_list(answer, aside, question) for answer in answers if answer.text not in aside)


LIST_RUN = re.compile(r"(?:[\u4e00-\u9fff·]{1,10}、)+[\u4e00-\u9fff·]{1,10}")


def _rest_of_list(answer: Answer, aside: tuple[str, ...], question: str) -> Answer:
    """The answer cut to the things of its list that are not set aside, when one set aside is its list's first or last
    thing (an item ending in it: 来自邯郸), and for one thing asked, to it (`etc_off`: 市绿委办); else the answer."""
    for run in LIST_RUN.finditer(answer.text):
        items, pos = [], answer.start + run.start()
        for item in run.group().split("、"):
            items.append((pos, pos + len(item), item.endswith(aside)))
            pos += len(item) + 1
        first = next((i for i, it in enumerate(items) if not it[2]), None)
        last = max((i for i, it in enumerate(items) if not it[2]), default=None)
        if first is None or (first == 0 and last == len(items) - 1) or any(it[2] for it in items[first:last + 1]):
            continue
        start, end = items[first][0], items[last][1]
        while end < answer.end and re.match(r"[\u4e00-\u9fff·]", answer.passage.text[end]):
            end += 1  # a last thing longer than LIST_RUN's 10 characters, whole (市绿委办等双拥共建单位)
        start, end = etc_off(answer.passage.text, start, end, question)  # 还跟哪个单位: 市绿委办
        return replace(answer, text=answer.passage.text[start:end], start=start, end=end)
    return answer
