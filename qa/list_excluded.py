"""What a place list says does not count: 拿到过自治区评的双拥模范城称号的是哪几个地方？只说要去创建、争创的不算。 A place
whose answer says those words (以争创自治区和全国双拥模范城为动力) is no item of the list.

The words are the exclusion's own, whole: quoted ones, else the items it lists (创建、争创) or the phrase it names
(抗美援朝出国作战70周年 of …那种纪念章不算), none the question says before it; an exclusion saying what a place must
not lack (没提接续的不算) names nothing to drop. `qa.multi` filters a list's parts with `excluded`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.listed import NOT_COUNTING

# a clause or sentence saying what does not count: …的不算, …都不算, …除外
EXCLUSION = re.compile(rf"[^，,。；;？?！!（）()]{{2,40}}?(?:都|也)?{NOT_COUNTING}")
QUOTED = re.compile(r"[“「\"]([^“”「」\"]{2,20})[”」\"]")
LACKING = re.compile(r"没|未|不是|不提")  # 没提接续的不算: a requirement, not what to drop
LEAD = re.compile(r"^(?:只说|只是|只提|只有|光|仅|单纯)?(?:说|提)?(?:了|过)?(?:要去|要)?")
TAIL = re.compile(rf"(?:的|(?:那|这)(?:种|类|样)[\u4e00-\u9fff]{{0,4}}|之类[\u4e00-\u9fff]{{0,4}})?(?:都|也)?{NOT_COUNTING}$")
ITEMS = re.compile(r"、|或者|或是|或")
ITEM_CHARS = (2, 12)  # an item is a word or a short phrase; longer, a clause that says how, not what
ONLY = re.compile(r"^(?:只|光|仅|单纯)")  # 只提“国防观念”的不算: what says only that, not what says it besides the asked


@lru_cache(maxsize=256)  # asked once per list, read once per place
def excluded_words(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words or phrases of what the question says does not count, whole: those that never count, and those that
    do not count alone (只说…的不算); ((), ()) when it says nothing of the kind.

    >>> excluded_words("获评“全国最美拥军人物”的城市有哪些？（只算获评的，入围、提名不算）")
    (('入围', '提名'), ())
    >>> excluded_words("拿到过自治区评的“双拥模范城”称号的是哪几个地方？只说要去创建、争创的不算。")
    ((), ('创建', '争创'))
    >>> excluded_words("给老战士发“新中国成立70周年”纪念章的，有哪几个地方？抗美援朝出国作战70周年那种纪念章不算。")
    (('抗美援朝出国作战70周年',), ())
    >>> excluded_words("社保接续的事，写到的是哪几个地方？只说“社保缴纳”、没提接续的不算。"), excluded_words("哪些地方建了双拥林？")
    (((), ()), ((), ()))
    """
    never: list[str] = []
    alone: list[str] = []
    for found in EXCLUSION.finditer(question):
        clause = found.group()
        if LACKING.search(clause):
            continue
        quoted = QUOTED.findall(clause)
        said = quoted or ITEMS.split(LEAD.sub("", TAIL.sub("", clause)))
        said = [w for w in said if ITEM_CHARS[0] <= len(w) <= ITEM_CHARS[1] and w not in question[:found.start()]]
        (alone if ONLY.search(clause) else never).extend(said)
    return tuple(dict.fromkeys(never)), tuple(dict.fromkeys(alone))


def excluded(answer_text: str, question: str) -> bool:
    """Whether an answer says what the question says does not count: a word that never counts, or one that does not
    count alone without a word the question quotes (只提“国防观念”的不算: 国防意识和国防观念得到增强 counts).

    >>> q = "说到要增强“国防意识”的有哪些地方？只提“国防观念”的不算。"
    >>> excluded("国防观念得到增强", q), excluded("国防意识和国防观念得到增强", q), excluded("八次", q)
    (True, False, False)
    """
    never, alone = excluded_words(question)
    asked = _asked(question)
    return any(w in answer_text for w in never) or (any(w in answer_text for w in alone)
                                                    and not any(k in answer_text for k in asked))


@lru_cache(maxsize=256)
def _asked(question: str) -> tuple[str, ...]:
    """The words the question quotes before it says what does not count."""
    first = EXCLUSION.search(question)
    return tuple(QUOTED.findall(question[:first.start()])) if first else ()
