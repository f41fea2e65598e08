"""A number's edges: the span's start moved back to a number's first digit when the reader began inside it, what
counts as a unit after a number (`qa.reading.span_edges.trimmed` applies both), and whether a figure is whole where it
stands (`qa.reading.restated`)."""
from __future__ import annotations

import re

from embeddings.places import posseg


def is_unit(word: str) -> bool:
    """One character (几难: 四难; 多少旗), a money unit (日元), or a measure or number word of jieba's table (毫米):
    not a noun counted (多少群众: 579 of 579群众 stays, as the reports' readers write it)."""
    return len(word) == 1 or word.endswith("元") or posseg().word_tag_tab.get(word) in ("q", "m")


def whole_number_start(text: str, start: int, end: int) -> int:
    """The span's start moved back to a number's first digit when the reader began inside it (its tokens split
    numbers: 95万元 or 万元 of 732.95万元; 625亿 of 15,625亿); back over 上 / 数 / 近 before 百 / 千 / 万 (上千人次).

    >>> t, u = "发放自主就业金732.95万元", "生产金额15,625亿日元"
    >>> [t[whole_number_start(t, s, 15):] for s in (9, 11, 13)], u[whole_number_start(u, 7, 11):11]
    (['732.95万元', '732.95万元', '732.95万元'], '15,625亿')
    >>> whole_number_start(t, 8, 9)  # 3 of 732.95: a fragment on both sides stays one
    8
    """
    if re.match(r"[百千万]", text[start:end]) and text[start - 1:start] in ("上", "数", "近"):
        return start - 1
    span, before = text[start:end], text[start - 1:start] if start else ""
    if before == ",":  # 625亿 of 15,625亿: three digits after a thousands separator
        inside = re.match(r"[0-9]{3}", span) and text[start - 2:start - 1].isdigit()
    else:  # 95万元 or 万元 of 732.95万元: digits, a point or a unit right after a digit or point
        inside = re.fullmatch(r"[0-9.]", before) and (re.match(r"[0-9.]", span) or _unit_first(span))
    cut = re.match(r"[.,]?[0-9]", text[end:end + 2])  # a fragment ending inside a number too (73 of 732.95) stays
    lead = re.search(r"[0-9][0-9,.]*$", text[:start]) if inside and not cut else None
    return lead.start() if lead else start


def _unit_first(span: str) -> bool:
    """Whether a span begins with a unit (万元 of 万元，帮助…)."""
    return bool(span) and is_unit(next(iter(posseg().cut(span))).word)


def figure_whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole where it stands: no digit or point touching it (73 of 732.95 is not).

    >>> t = "为73名退役军人发放732.95万元"
    >>> figure_whole(t, 1, 3), figure_whole(t, 11, 13)
    (True, False)
    """
    return not re.match(r"[0-9.]", text[end:end + 1]) and not re.search(r"[0-9.]$", text[:start])
