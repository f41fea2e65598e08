"""The ask of a question that names its thing first and asks after a comma (来宾的军队转业干部，都安置到了哪类岗位上？),
for a bare follow-up that puts another thing in its place (那符合政府安排工作条件的退役士兵呢？):
`qa.conversation_last.swap_body` asks that clause of the new thing."""
from __future__ import annotations

import re

from qa.conversation_across import ASKS

MIN_HEAD = 3  # characters of the thing named before the comma (来宾的军队转业干部); shorter is a lead-in (那么，…)
WHEN_END = re.compile(r"(?:时候|时|后|前|以来|期间|之际|当中)$")  # 部队来演训的时候，…: a time, no thing


def asked_clause(last: str, topic: str | None = None) -> str:
    """The comma and the clause that asks, when the question names its thing before a comma and asks only after it,
    a clause that names no subject of its own (the place talked about, `topic`); else "".

    >>> asked_clause("来宾的军队转业干部，都安置到了哪类岗位上？")
    '，都安置到了哪类岗位上？'
    >>> asked_clause("张掖投了多少钱，建了几个？"), asked_clause("张掖投了多少钱？")  # an ask before the comma; no comma
    ('', '')
    >>> asked_clause("部队来演训的时候，北海帮着解决哪些问题？", "北海")  # a time before the comma; its own subject
    ''
    """
    head, comma, clause = last.strip().rpartition("，")
    if not comma or len(head) < MIN_HEAD or ASKS.search(head) or not ASKS.search(clause) or WHEN_END.search(head) \
            or (topic and topic in clause):
        return ""
    return comma + (clause if re.search(r"[？?]$", clause) else clause + "？")
