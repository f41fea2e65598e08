"""Spans that name several things: grown over the things joined to them when the question asks for that many
(哪两位 -> 冯子材、刘永福), or cut to the things a passage lists before 等 + the noun a 哪些 question asks for
(哪些区县 -> 华蓥、武胜 of 在华蓥、武胜等区县). `qa.reading.reader` applies them after `qa.reading.spans`."""
from __future__ import annotations

import re


# 哪两年 / 哪三位 / 哪两个: the question says how many things the answer names
HOW_MANY = re.compile(r"哪([两二三四五])")
COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
JOIN = re.compile(r"\s*(?:以及|、|和|与|及)\s*")


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
    >>> t = "南漳县等地建设公园，襄城区、樊城区积极打造示范街"
    >>> t[slice(*coordinated(t, 14, 17, "打造示范街的是哪两个区？"))]
    '襄城区、樊城区'
    """
    asked = HOW_MANY.search(question)
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
    return None if found is None else start - len(found.group())


# 哪些区县？ / 哪几个单位？ at a question's end: the things asked, which a passage may list before 等 + the noun
WHICH_MANY = re.compile(r"哪(?:些|几个|几)([\u4e00-\u9fff]{1,4})[？?呢]*$")
LEAD_WORD = re.compile(r"^(?:在|对|由|把|从|向|为|与|和|及|于|将|让|使|包括|其中)")


def listed(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The things a passage lists before 等 + the noun a 哪些 question asks for, when the span overlaps that list
    ("在华蓥、武胜等区县重点打造" for 哪些区县: 华蓥、武胜); else unchanged.

    >>> t = "在华蓥、武胜等区县重点打造双拥街道"
    >>> t[slice(*listed(t, 5, 17, "双拥街道重点放在了哪些区县？"))]
    '华蓥、武胜'
    >>> listed(t, 5, 17, "重点打造了什么？")
    (5, 17)
    """
    asked = WHICH_MANY.search(question)
    if not asked:
        return start, end
    for found in re.finditer(rf"((?:[\u4e00-\u9fff]{{1,10}}、)+[\u4e00-\u9fff]{{1,10}})等{re.escape(asked.group(1))}", text):
        if found.start() < end and start < found.end():
            items = found.group(1).split("、")
            lead = LEAD_WORD.match(items[0])
            cut = lead.end() if lead and len(items[0]) - lead.end() >= 1 else 0
            return found.start() + cut, found.end(1)
    return start, end
