"""A figure the question states is never its answer.

乌海那23家给现役军人免门票的A级景区里，有几家是5A级的？ asks a part of the 23家 it names; the reader, finding 23家
in the passage beside the question's own words, answers 23家 at a high margin. A figure the question itself says
(with no digit touching it on either side: 1处 is not said by 那31处) is what the question asks about, never what it
asks; such answers are dropped from the reading (`qa.reading.reader.Reader`), its margin the next answer's.
"""
from __future__ import annotations

import re
from typing import Sequence

from qa.reading.answer_types import expected_type
from qa.reading.number_edges import figure_whole
from qa.types import Answer

YEAR = re.compile(r"^[0-9]{4}年")  # 2019年以来 … 哪年: a year may be asked of a question saying it


def not_restated(question: str, answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """The answers without the figures the question states, nor the fragments of them (多家 of a dropped 30多家).

    >>> from embeddings.types import Passage
    >>> t = "全市23家A级景区对现役军人免收门票，其中5A级景区1家。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> pool = (Answer("23家", 9.0, p, 2, 5), Answer("1家", 3.0, p, 26, 28))
    >>> [a.text for a in not_restated("那23家A级景区里，有几家是5A级的？", pool)]
    ['1家']
    >>> [a.text for a in not_restated("钦州那31处烈士纪念设施里，烈士陵园有几处？", (Answer("1家", 3.0, p, 26, 28),))]
    ['1家']
    >>> [a.text for a in not_restated("那23家景区里几家是5A级？", (Answer("23家", 9.0, p, 2, 5), Answer("3家", 5.0, p, 3, 5)))]
    []
    >>> len(not_restated("那23家景区都是哪几家？", (Answer("23家", 9.0, p, 2, 5),)))  # which ones: other checks' work
    1
    >>> u = "为73名退役军人发放就业金732.95万元"  # 73 of 732.95 is no figure the question states
    >>> q = Passage("r1-p2", 1, u, 0, len(u))
    >>> [a.text for a in not_restated("为73名退役军人发放就业金多少？", (Answer("732.95万元", 9.0, q, 13, 21),
    ...                                                         Answer("73", 5.0, q, 13, 15)))]
    ['732.95万元', '73']
    """
    if not _counts(question):
        return tuple(answers)
    said = [a for a in answers if _said(question, a.text) and figure_whole(a.passage.text, a.start, a.end)]  # not 73 of 732.95
    return tuple(a for a in answers if a not in said and not any(
        s.passage.id == a.passage.id and a.start < s.end and s.start < a.end for s in said))


def _counts(question: str) -> bool:
    """Whether the question asks a figure (how many, how much), not which ones (那30多家企业是哪几家: names)."""
    atype = expected_type(question)
    return atype is not None and "哪" not in question and atype.name not in ("person", "year", "date")


def _said(question: str, text: str) -> bool:
    """Whether the question says the figure `text` whole (no digit or point touching it)."""
    if not re.search(r"[0-9]", text) or YEAR.match(text):
        return False
    return re.search(rf"(?<![0-9.]){re.escape(text)}(?![0-9.])", question) is not None
