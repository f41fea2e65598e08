"""A follow-up's bare thing put in the place of its kin in the last question: 先进个人 after …先进单位 (the same award,
its other kind), the count asked of the new kind."""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.reading.answer_types import MEASURES


def swap_kin(core: str, last: str) -> str | None:
    """The last question with the thing that opens as the follow-up's does replaced by it (先进个人 after …先进单位: the
    same award, its other kind): the follow-up's first two characters or more open a run of the last question's
    nouns (jieba's), which it replaces; None when none does.

    >>> swap_kin("先进个人", "六盘水有几家单位评上了全省学校国防教育先进单位？")
    '六盘水有多少人评上了全省学校国防教育先进个人？'
    >>> swap_kin("先进个人", "六盘水组织了多少名军嫂参加技能培训？") is None
    True
    """
    lead = next((core[:n] for n in range(min(len(core) - 1, 6), 1, -1) if core[:n] in last), None)
    if lead is None:
        return None
    at, start = last.rindex(lead), 0
    for word, flag in posseg().cut(last):
        end = start + len(word)
        if start == at:  # the word the run opens: a noun holding the lead, or an adjective the lead is (先进 + 单位)
            noun = end >= at + len(lead) and flag.startswith(("n", "vn", "j")) and flag != "ns"
            adjective = end == at + len(lead) and flag.startswith(("a", "b"))
            tail = end + _nouns_ahead(last[end:])
            if not (noun or (adjective and tail > end)):
                return None
            swapped = last[:at] + core + last[tail:]
            # what was counted was the replaced thing's kind (几家单位 … 先进单位): the count asks of the new kind
            kind = next((w for w, _ in posseg().cut(last[at:tail]) if last[at:tail].endswith(w)), "")
            count = re.compile(rf"(?:多少|几)[{MEASURES}]?{re.escape(kind)}") if kind and not core.endswith(kind) else None
            return count.sub("多少人" if core.endswith(("人", "者", "员")) else "多少", swapped, 1) if count else swapped
        start = end
    return None


def _nouns_ahead(text: str) -> int:
    """How many characters of nouns (jieba's, no place) the text opens with: _nouns_ahead("单位？") -> 2."""
    taken = 0
    for word, flag in posseg().cut(text):
        if not flag.startswith(("n", "j")) or flag == "ns":
            break
        taken += len(word)
    return taken
