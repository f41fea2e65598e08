"""A clause a span opens with that says what the question already says: 在各公交车站点设置 of 在各公交车站点设置双拥广告牌
for 公交车站点上都设了些啥, 严厉打击 of 严厉打击海上偷渡、走私 for 主要打击些什么. `qa.reading.span_edges.trimmed` cuts it."""
from __future__ import annotations

import re

from embeddings.places import posseg

WHERE_ASKED = re.compile(r"哪里|哪儿|在哪|什么地方|啥地方")


def drop_said_clause(text: str, start: int, end: int, question: str) -> int:
    """The span's start past a clause it opens with (在 / 为 / 对 / 向 / 给 + what the question says + a verb; or a verb
    of the question's, an adverb before it, before a list) when two characters or more are left; else `start`. Not
    for a where.

    >>> t = "在各公交车站点设置双拥广告牌"
    >>> t[drop_said_clause(t, 0, 14, "公交车站点上他们都设了些啥？"):14], drop_said_clause(t, 0, 14, "都设了些啥？")
    ('双拥广告牌', 0)
    >>> t = "严厉打击海上偷渡、走私"
    >>> t[drop_said_clause(t, 0, 11, "海警主要打击些什么？"):11]
    '海上偷渡、走私'
    >>> t = "开封军休大学"
    >>> drop_said_clause(t, 0, 6, "开封办的大学叫什么？")
    0

    """
    if WHERE_ASKED.search(question):
        return start
    if not re.match(r"[在为对向给]", text[start:end]):  # 严厉打击海上偷渡 for 主要打击些什么: 海上偷渡
        if "、" not in text[start:end]:  # every span is trimmed: no jieba where no list can follow the verb
            return start
        words = list(posseg().cut(text[start:min(end, start + 8)]))
        lead = words[:2] if words and words[0].flag in ("a", "ad", "d") else words[:1]
        said = bool(lead) and lead[-1].flag in ("v", "i") and len(lead[-1].word) >= 2 and lead[-1].word[-2:] in question
        n = sum(len(w.word) for w in lead)  # 严厉打击 is one word; a list follows it (not 开封军休大学: 开封 is a verb too)
        return start + n if said and "、" in text[start + n:end] else start
    at, said = start + 1, False
    for word, flag in posseg().cut(text[start + 1:end]):
        at += len(word)
        if flag in ("v", "vn") and said and end - at >= 2:
            return at
        said = said or (len(word) >= 2 and word in question)
        if flag == "x":
            break
    return start
