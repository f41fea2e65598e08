"""Names that begin with a place but are about no place: 延安双拥运动 in 纪念延安双拥运动80周年, which the reports
on seven other cities say. A question saying such a name asks nothing of 延安, so the place is hidden from the
functions that find the places a question names (`hide` before them, `show` after).

Nothing here is specific to one collection: a name is one when the reports of several other places say the
same words after the place (`said_elsewhere`), checked only for the places a question says (`candidate_names`).
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


def candidate_names(text: str, stems: Iterable[str]) -> list[tuple[str, str]]:
    """(place + the TAIL Chinese characters after it, the place) for each place of `stems` the text says so.

    >>> candidate_names("北海纪念延安双拥运动80周年开了什么会？", ["北海", "延安"])
    [('北海纪念延安', '北海'), ('延安双拥运动', '延安')]
    """
    found = []
    for place in (s for s in stems if s in text):
        for m in re.finditer(rf"{re.escape(place)}(?=([\u4e00-\u9fff]{{{TAIL}}}))", text):
            found.append((m.start(), place + m.group(1), place))
    return [(name, place) for _, name, place in sorted(found)]


def said_elsewhere(name: str, place: str, reports: Iterable[Report]) -> bool:
    """Whether `name` (a place and what follows it) is said in at least OTHER_REPORTS reports about other places.

    >>> r = [Report(i, f"r{i}", "", "", "", f"纪念延安双拥运动80周年，{p}开展活动", (p,)) for i, p in
    ...      enumerate(["北海市", "芜湖市", "保定市", "延安市"])]
    >>> said_elsewhere("延安双拥运动", "延安", r), said_elsewhere("延安双拥运动", "延安", r[:2] + r[3:])
    (True, False)
    """
    return sum(1 for r in reports if name in r.text and place not in {stem(p) for p in r.places}) >= OTHER_REPORTS


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
