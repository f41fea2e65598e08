"""Names that begin with a place but are about no place: 延安双拥运动 in 纪念延安双拥运动80周年, which the reports
on seven other cities say. A question saying such a name asks nothing of 延安, so the place is hidden from the
functions that find the places a question names (`hide` before them, `show` after).

Nothing here is specific to one collection: a name is one when the reports of several other places say the
same words after the place (`concept_names`).
"""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import stem
from embeddings.types import Report

# a place's name followed by the same TAIL Chinese characters in the reports of at least OTHER_REPORTS other
# places names a thing (延安 + 双拥运动: 7 reports on other places in the shipped corpus; the next most repeated
# pair there is in one other report)
OTHER_REPORTS = 3
TAIL = 4
SHIFT = 0xF0000  # a hidden character is moved to the private-use plane 15 (U+F4E00..U+F9FFF for U+4E00..U+9FFF)
HIDDEN = re.compile("[\U000F0000-\U000FFFFD]")


def concept_names(reports: Iterable[Report]) -> frozenset[str]:
    """Place + TAIL characters said in the reports of at least OTHER_REPORTS places other than that place.

    >>> r = [Report(i, f"r{i}", "", "", "", f"纪念延安双拥运动80周年，{p}开展活动", (p,)) for i, p in
    ...      enumerate(["北海市", "芜湖市", "保定市", "延安市"])]
    >>> sorted(concept_names(r))
    ['延安双拥运动']
    >>> sorted(concept_names(r[:2] + r[3:]))  # said in two other places' reports: still a place
    []
    """
    reports = list(reports)
    stems = sorted({stem(p) for r in reports for p in r.places if len(stem(p)) >= 2}, key=len, reverse=True)
    if not stems:
        return frozenset()
    said = re.compile(f"(?:{'|'.join(map(re.escape, stems))})(?=([\u4e00-\u9fff]{{{TAIL}}}))")
    where: dict[str, set[int]] = {}
    for report in reports:
        own = {stem(p) for p in report.places}
        for m in said.finditer(report.text):
            if m.group() not in own:
                where.setdefault(m.group() + m.group(1), set()).add(report.number)
    return frozenset(name for name, numbers in where.items() if len(numbers) >= OTHER_REPORTS)


def hide(text: str, names: Iterable[str]) -> str:
    """`text` with the place at the start of each of `names` it says hidden (characters no place has; `show`
    brings them back).

    >>> hidden = hide("北海纪念延安双拥运动80周年开了什么会？", {"延安双拥运动"})
    >>> "延安" in hidden, show(hidden) == "北海纪念延安双拥运动80周年开了什么会？"
    (False, True)
    """
    for name in names:
        if name in text:
            place = name[:-TAIL]
            text = text.replace(name, "".join(chr(ord(c) + SHIFT) for c in place) + name[-TAIL:])
    return text


def show(text: str) -> str:
    """`text` with every character `hide` hid brought back: show(hide(t, names)) == t."""
    return HIDDEN.sub(lambda m: chr(ord(m.group()) - SHIFT), text)
