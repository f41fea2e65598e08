"""The words of a place list's question that tell places apart when its listed thing does not: the thing's
closing noun (纪录片 of 红色题材纪录片), the question's other content words (污水排放 of 部队营区的污水排放问题) and
the nouns of the thing itself (档案 of 退役军人解决档案方面的麻烦); `qa.lists` lists by them.
"""
from __future__ import annotations

import re
from typing import Sequence

from embeddings.places import posseg
from qa.listed import GENERIC_THINGS, PEOPLE_ENDS, QUOTE, listed_things


def rarer_words(question: str, things: Sequence[str]) -> list[str]:
    """The question's content words beside its listed things (jieba's words of two characters or more, neither
    who nor where, nor a word of the things or of asking): where the thing is named by most places, these say
    which. rarer_words("有部队移防搬过来，哪些地方帮着做了保障工作？", ("保障工作", "保障")) -> ["移防", "过来"]"""
    words = []
    for word, flag in posseg().cut(re.sub(r"[“”\"「」（）()]", "", question)):
        if (len(word) >= 2 and not flag.startswith(FUNCTION_TAGS) and "哪" not in word and word not in ASKING_WORDS
                and word not in GENERIC_THINGS
                and not word.endswith(PEOPLE_ENDS) and not any(word == t or word in t and len(t) <= 4 for t in things)):
            words.append(word)
    return words


def thing_words(things: Sequence[str]) -> tuple[str, ...]:
    """The nouns of the things (jieba's, two characters or more) that are neither who nor a word of asking, nor a
    thing whole (a verb of the thing, 办完 or 报销, is done by many):
    thing_words(("三线建设的那段历史来做双拥和国防教育",)) -> ("三线建设", "历史", "国防教育")."""
    words = [w for t in things for w, flag in posseg().cut(t) if len(w) >= 2 and w not in things
             and flag.startswith(NOUN_TAGS) and not flag.startswith(FUNCTION_TAGS) and w not in ASKING_WORDS
             and w not in GENERIC_THINGS and not w.endswith(PEOPLE_ENDS)]
    return tuple(dict.fromkeys(words))


NOUN_TAGS = ("n", "l", "j")  # jieba's nouns (n, nr, nz…), idioms and abbreviations
FUNCTION_TAGS = ("ns", "s", "f", "t", "r", "d", "p", "c", "u", "m", "q", "y", "e")  # places, times, pronouns, particles…
ASKING_WORDS = frozenset("地方 城市 地区 县市 报告 提到 提及 专门".split())


def broader_things(question: str, things: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Closing nouns of the listed things (`head_noun`), to look for when the things as asked are named by fewer
    than two places (the question's words are not the reports'); none for a quoted name, asked for whole
    (兵妈妈服务站 is no 服务站). `things`: the question's `listed_things`, when already read.

    >>> broader_things("拍过双拥或红色题材纪录片的有哪些地方？"), broader_things("哪些地方建立了“兵妈妈”服务站？")
    (('纪录片',), ())
    """
    if QUOTE.search(question):
        return ()
    things = listed_things(question) if things is None else things
    return tuple(dict.fromkeys(h for h in map(head_noun, things) if h and h not in things))


def head_noun(thing: str) -> str:
    """The closing noun of a thing of several words when it is three characters or more (jieba's last word, with
    the one before when it is a single character): a passage naming 纪录片 may name what 红色题材纪录片 asks for.

    >>> head_noun("红色题材纪录片"), head_noun("军人荣誉墙"), head_noun("民兵训练基地"), head_noun("纪录片")
    ('纪录片', '荣誉墙', '', '')
    """
    tagged = list(posseg().cut(thing))
    if len(tagged) < 2 or not tagged[-1].flag.startswith("n"):
        return ""
    head = tagged[-1].word if len(tagged[-1].word) >= 2 else tagged[-2].word + tagged[-1].word
    return head if len(head) >= 3 and head != thing else ""


def bracket_as_or(text: str) -> str:
    """The text with its quotation marks dropped and each bracket read as an alternative to what it follows:
    bracket_as_or("成员单位（部门）") -> "成员单位、部门"."""
    return re.sub(r"[“”\"「」）)]", "", re.sub(r"[（(]", "、", text))
