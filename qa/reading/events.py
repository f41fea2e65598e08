"""When a question asks the year or date of an event (哪一年服役的？, 什么时候建成投用的？), the sentence giving the answer
must say that event, in the question's word or one of its kin: 2022年 of "2022年安阳遭遇奥密克戎，海军安阳舰…发来慰问信"
dates another event than 安阳舰's commissioning.
"""
from __future__ import annotations

import re

from qa.reading.answer_types import DATE, YEAR, expected_type
from qa.types import Answer

# kin words of an event: a question naming one of a group is answered by a sentence naming one of the same group
EVENTS = (
    ("建成", "落成", "竣工", "建设", "修建", "建起", "投用", "投入使用", "开放", "开馆", "揭牌", "启用"),
    ("成立", "组建", "创建", "设立", "挂牌", "揭牌", "建立", "成军"),  # 哪天挂牌的: 揭牌运行
    ("服役", "入列", "列装", "命名", "交付"),
    ("开通", "通车", "开行", "首航"),
    ("公布", "发布", "印发", "出台", "制定", "颁布", "推出"),
    ("获得", "获评", "评为", "评选", "荣获", "荣膺", "获", "赢得", "摘得", "夺得", "命名", "实现", "蝉联", "成为", "入选",
     "授予", "表彰"),
    ("召开", "举行", "举办", "开"),
    ("推出", "应运而生", "上线", "启动", "开展", "开始", "起", "以来"),
    ("共建", "结对", "签约", "签订"),
)
SENTENCE_END = "。；！？!?;\n"


def asked_events(question: str) -> tuple[str, ...]:
    """The event words of a year or date question: every kin of each group the question names a word of.

    >>> asked_events("海军安阳舰是哪一年服役的？")[:3], asked_events("张掖有多少名退役军人？")
    (('服役', '入列', '列装'), ())
    """
    if expected_type(question) not in (YEAR, DATE):
        return ()
    words: list[str] = []
    for group in EVENTS:
        if any(w in question for w in group if len(w) >= 2):
            words += [w for w in group if w not in words]
    return tuple(words)


def unsaid_event(question: str, answer: Answer) -> bool:
    """Whether a year or date answer's sentence says none of the event words the question asks the date of.

    >>> from embeddings.types import Passage
    >>> t = "2022年安阳遭遇奥密克戎，海军安阳舰全体官兵发来慰问信。2016年海军安阳舰入列。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> unsaid_event("海军安阳舰是哪一年服役的？", Answer("2022年", 1.0, p, 0, 5))
    True
    >>> unsaid_event("海军安阳舰是哪一年服役的？", Answer("2016年", 1.0, p, 29, 34))
    False
    """
    words = asked_events(question)
    if not words:
        return False
    text = answer.passage.text
    start = max(text.rfind(c, 0, answer.start) for c in SENTENCE_END) + 1
    ends = [i for i in (text.find(c, answer.end) for c in SENTENCE_END) if i >= 0]
    sentence = text[start:min(ends) if ends else len(text)]
    return not any(w in sentence for w in words)
