"""Paired clauses: a question asking for both halves of a saying gets both.

Reports write sayings as clauses of one shape joined by a comma: 平时服务练兵，战时保障打赢; 只能加强，不能削弱;
主要领导抓全面，分管领导抓具体，双拥办负责抓落实. Asked 平时和打仗的时候分别怎么提的？ or 只能怎样、不能怎样？ or 领导之间是怎么
分工的？, the reader cuts one half (服务练兵). When the question asks for several (分别, 分工, two question words), the span
is grown over the clauses of the same shape beside its own. `qa.reading.enumerated.enumerated` applies it.
"""
from __future__ import annotations

import itertools
import re

# 分别怎么提 / 怎么分工 / 各自 / 只能怎样、不能怎样 (two question words in one question)
BOTH_ASKED = re.compile(r"分别|分工|各自|(?:怎样|怎么|什么|啥|哪)[^？?。]{0,12}?[、，,和与跟及][^？?。]{0,12}?(?:怎样|怎么|什么|啥|哪)")
CLAUSE_BREAK = "，,；;"
CLAUSE_END = "。！？!?：:\n“”‘’"
NUMBER_ASKED = re.compile(r"多少|几")  # 分别有多少人: values, the list rules' and the multi-report answers' work


def _clauses(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int] | None:
    """The clauses (between commas or semicolons) of the sentence holding the span, and the index of the span's own,
    or None when the span crosses a clause's edge."""
    if any(c in text[start:end] for c in CLAUSE_BREAK + CLAUSE_END):
        return None
    left = max(text.rfind(c, 0, start) for c in CLAUSE_END) + 1
    right = min((i for i in (text.find(c, end) for c in CLAUSE_END) if i >= 0), default=len(text))
    spans, at = [], left
    for piece in re.split(rf"([{CLAUSE_BREAK}])", text[left:right]):
        if piece not in CLAUSE_BREAK or not piece:
            spans.append((at, at + len(piece)))
        at += len(piece)
    own = next(i for i, (a, b) in enumerate(spans) if a <= start and end <= b)
    return spans, own


def _same_shape(a: str, b: str) -> bool:
    """Two clauses of one saying: three characters or more each, and, the longer one's extra words at its front set
    aside (双拥工作 of 双拥工作只能加强), a character in the same place counted from the start (平时/战时, 只能/不能)
    or from the end (抓全面/抓具体), among the first two or the last three."""
    n = min(len(a), len(b))
    if n < 3 or max(len(a), len(b)) > 16:
        return False
    a, b = a[-n:], b[-n:]
    return any(a[i] == b[i] for i in range(2)) or any(a[-i] == b[-i] for i in range(2, min(4, n) + 1))


def paired_clauses(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a question asking both (or all) halves of a saying, the span grown over the clauses of its own clause's
    shape beside it; else unchanged.

    >>> t = "坚持平时服务练兵，战时保障打赢，全力支持部队建设。"
    >>> t[slice(*paired_clauses(t, 4, 8, "他们平时和打仗的时候分别怎么提的？"))]
    '平时服务练兵，战时保障打赢'
    >>> paired_clauses(t, 4, 8, "他们平时怎么提的？")  # one half asked
    (4, 8)
    >>> t = "新形势下，双拥工作只能加强，不能削弱。"
    >>> t[slice(*paired_clauses(t, 16, 18, "说双拥工作只能怎样、不能怎样？"))]
    '只能加强，不能削弱'
    >>> t = "形成主要领导抓全面，分管领导抓具体，双拥办负责抓落实，一级抓一级的工作格局。"
    >>> t[slice(*paired_clauses(t, 10, 17, "领导之间是怎么分工的？"))]
    '主要领导抓全面，分管领导抓具体，双拥办负责抓落实'
    """
    if not BOTH_ASKED.search(question) or NUMBER_ASKED.search(question):
        return start, end
    found = _clauses(text, start, end)
    if found is None:
        return start, end
    spans, own = found
    clause = text[slice(*spans[own])]
    first = last = own
    while first > 0 and _same_shape(text[slice(*spans[first - 1])], clause):
        first -= 1
    while last + 1 < len(spans) and _same_shape(text[slice(*spans[last + 1])], clause):
        last += 1
    if first == last:
        return start, end
    return _aligned(text, spans[first:last + 1])


def _aligned(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The run's extent: the later clauses as long as the second within one character (一级抓一级 after
    分管领导抓具体，双拥办负责抓落实 ends it), the first one's words before the saying cut to the second's length (坚持 of
    坚持平时服务练兵，战时保障打赢; 形成 of 形成主要领导抓全面，分管领导抓具体)."""
    size = spans[1][1] - spans[1][0]
    kept = [spans[0], spans[1]] + list(itertools.takewhile(lambda s: abs(s[1] - s[0] - size) <= 1, spans[2:]))
    return max(kept[0][0], kept[0][1] - size), kept[-1][1]
