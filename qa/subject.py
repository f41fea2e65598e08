"""Questions that do not say what or whom they ask about, answered with what to add instead of a guess.

谁更多？ with no two places talked about compares nothing (`qa.text.asks_about_nothing`). 该市划拨了多少亩土地？ or
那里有多少个退役军人服务站？ as the first question of a chat, with no place or report filter, points at a place the
collection does not tell: answered from whichever report ranked first, it gave another city's figure with 80%
confidence. Both are told what to add. A collection of one place has nothing to choose between: its reference stands.
"""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import stem
from qa.conversation_across import PLACE_REFERENCE
from qa.text import asks_about_nothing

# a place referred to, not named, where the question begins (那里…, 该市…, 这个县…); later in a question it may point
# back at a place the question names (去西藏阿里慰问，或者出钱帮那边的边防部队)
LEADING_REFERENCE = re.compile(rf"^(?:请问|那么|那|对了|还有)?[，,]?({PLACE_REFERENCE})")
NOTHING = ("问题没有说要查找或比较什么：请写明地方和事情，例如：张掖和芜湖，谁为驻地部队划拨的土地更多？")


def no_subject(question: str, known: Iterable[str], in_context: bool) -> str:
    """Why the question cannot be looked up as asked ("" when it can): it asks about nothing, or it begins by
    pointing at a place (`in_context` False: no earlier turn, no place or report filter) in a collection of several.

    >>> no_subject("谁更多？", {"张掖市", "芜湖市"}, False)[:11]
    '问题没有说要查找或比较'
    >>> no_subject("该市划拨了多少亩土地？", {"张掖市", "芜湖市"}, False)
    '问题里的“该市”指哪个地方？这些报告涉及多个地方：请写明地方再问，例如：张掖划拨了多少亩土地？'
    >>> no_subject("该市划拨了多少亩土地？", {"张掖市"}, False), no_subject("该市划拨了多少亩土地？", {"张掖市", "芜湖市"}, True)
    ('', '')
    """
    if asks_about_nothing(question):
        return NOTHING
    pointed = None if in_context else LEADING_REFERENCE.match(question)
    if not pointed:  # most questions: no place stems counted
        return ""
    places = sorted({stem(p) for p in known if len(stem(p)) >= 2})
    if len(places) < 2 or any(p in question for p in places):
        return ""
    word = pointed.group(1)
    example = question[:pointed.start(1)] + places[0] + question[pointed.end(1):]
    return f"问题里的“{word}”指哪个地方？这些报告涉及多个地方：请写明地方再问，例如：{example.lstrip('那，,')}"
