"""A name asked for, read back to the verb that sets it up: "爱国拥军促进会" of 成立爱国拥军促进会, not "促进会".

Reports name a body, platform or scheme as the object of a verb of setting up (成立, 搭建, 开辟, 实施 …), and every
word between that verb and the name's head is part of the name: 搭建退役军人精准就业创业服务平台. The reader often cuts
only the head's last words (促进会, 精准就业创业服务平台). `with_verb_object` moves the start of a name back to the
verb's object, when the words between are few and hold no clause break, list or 的 (由医护人员组成的志愿者团队 keeps
志愿者团队: a 的 clause is a description, not the name).
"""
from __future__ import annotations

import re

# verbs of setting something up, whose object is the name a person asks for (了 / 起 after them)
SETTING_UP = ("成立", "建立", "设立", "组建", "创建", "搭建", "构建", "打造", "建成", "开辟", "开设", "开通", "推出", "实施", "启动",
              "出台", "制定", "印发", "创办", "组织开展", "开展")
OBJECT_MOST = 8  # characters between the verb and the span: a name's modifier is short, more is a clause
VERB_BEFORE = re.compile(rf"(?:{'|'.join(SETTING_UP)})(?:了|起)?(?P<object>[\u4e00-\u9fff]{{1,{OBJECT_MOST}}})$")
NOT_IN_NAME = re.compile(r"[的和与及并为在对向把将给从以由于之此其]")  # a 的 clause, a list, a preposition: no name's modifier
RANKING = re.compile(r"(?:全国|全省|全市|全区|全县|本市|省内|市内)?(?:首家|首个|首支|第一家|第一个|唯一|一家|一个|一支|一批|多家|多个)")
FIGURE_OR_LIST = re.compile(r"[0-9０-９%％、，,。；;“”《》]")


def with_verb_object(text: str, start: int, end: int) -> int:
    """The start of a name moved back to the object of the verb of setting up written right before it, in its clause
    (at most OBJECT_MOST characters between them, none of NOT_IN_NAME), else unchanged.

    >>> t = "在全省率先成立爱国拥军促进会"
    >>> t[with_verb_object(t, 11, 14):14]
    '爱国拥军促进会'
    >>> t = "搭建退役军人精准就业创业服务平台"
    >>> t[with_verb_object(t, 6, 16):16]
    '退役军人精准就业创业服务平台'
    >>> t = "成立全省首家爱国拥军促进会"  # a ranking before the name is none of it
    >>> t[with_verb_object(t, 10, 13):13]
    '爱国拥军促进会'
    >>> t = "组建由医护人员组成的志愿者团队"
    >>> with_verb_object(t, 10, 15)  # a 的 clause before it: a description
    10
    >>> t = "成立了12个服务站"
    >>> with_verb_object(t, 6, 9)  # a figure
    6
    """
    span = text[start:end]
    if len(span) < 2 or FIGURE_OR_LIST.search(span):
        return start
    found = VERB_BEFORE.search(text, max(0, start - OBJECT_MOST - 6), start)
    if not found or NOT_IN_NAME.search(found.group("object")) or FIGURE_OR_LIST.search(found.group("object")):
        return start
    ranked = RANKING.match(text, found.start("object"), start)  # 全省首家 of 成立全省首家爱国拥军促进会: no part of the name
    return ranked.end() if ranked else found.start("object")

