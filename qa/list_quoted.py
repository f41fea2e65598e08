"""A place list asking after something it quotes: 说要提升军人“归属感”的是哪几个地方？ A place the reader picks from
passages that never write the quoted words (不断提升军人军属的荣誉感、幸福感、获得感) is no item of the list.

The quoted words are the question's own, outside what it says does not count (“社保缴纳”的不算) and outside its asides
(an aside's quoted words are alternatives or exclusions, never required alone); the passage must write most of one of
them (a run of at least LEAST of its characters: 不只是挂在墙上的标语 writes 挂在墙上的标语 of “不是挂在墙上的标语”) or all of
it with a few characters between (一次性地方经济补助 of “一次性经济补助”, “一把手”工程 of “一把手工程”). `qa.multi` filters the reader's list parts with `lacks_quoted`.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from qa.list_excluded import EXCLUSION
from qa.list_mentions import ASIDE, QUOTED
from qa.reading.abstain import named_at
from qa.retrieval.retriever import unquoted

LEAST = 0.7  # the share of a quoted word's characters a passage must write in one run
WORD_CHARS = (2, 12)  # a quoted word or phrase; longer, a sentence quoted to be found by meaning


@lru_cache(maxsize=256)
def quoted_words(question: str) -> tuple[str, ...]:
    """The words a list question quotes as what it asks after.

    >>> quoted_words("说要增强、提升军人“归属感”的（常跟荣誉感连在一起说），是哪几个地方的报告？")
    ('归属感',)
    >>> quoted_words("社保“接续”的事，写到的是哪几个地方？只说“社保缴纳”、没提接续的不算。")
    ('接续',)
    >>> quoted_words("提到“红色热土”（“五位一体”不算）的是哪几个地方？"), quoted_words("哪些地方建了双拥林？")
    (('红色热土',), ())
    >>> quoted_words("说到学习贯彻党的二十大精神（或者办“喜迎二十大”这类活动）的，是哪几个地方？")
    ()
    """
    spans = [m.span() for m in EXCLUSION.finditer(question)]
    spans += [m.span() for m in ASIDE.finditer(question)]  # （或者办“喜迎二十大”这类活动）: an alternative, not required
    words = [m.group(1) for m in re.finditer(QUOTED, question)
             if not any(a <= m.start() < b for a, b in spans)]
    return tuple(dict.fromkeys(w for w in words if WORD_CHARS[0] <= len(w) <= WORD_CHARS[1]))


def writes(text: str, word: str) -> bool:
    """Whether the text writes a run of at least LEAST of the word's characters (all of a short word), or the word
    with a few characters or quotation marks inside it, within a clause (`abstain.named_at`).

    >>> writes("拥军优属不只是挂在墙上的标语", "不是挂在墙上的标语"), writes("荣誉感、幸福感、获得感", "归属感")
    (True, False)
    >>> writes("发放一次性地方经济补助2380万元", "一次性经济补助"), writes("作为“一把手”工程来抓", "一把手工程")
    (True, True)
    >>> writes("解决军人“后路后院后代”问题", "后路、后院、后代")
    True
    """
    plain, said = unquoted(text), unquoted(word)  # “后路后院后代” writes 后路、后院、后代
    size = max(2, math.ceil(LEAST * len(said)))
    return any(said[i:i + size] in plain for i in range(len(said) - size + 1)) or named_at(text, word) is not None


def lacks_quoted(passage_text: str, question: str) -> bool:
    """Whether a list part's passage writes none of the question's quoted words (False when it quotes none)."""
    words = quoted_words(question)
    return bool(words) and not any(writes(passage_text, w) for w in words)
