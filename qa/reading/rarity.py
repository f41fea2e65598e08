"""How rare each pair of adjacent Chinese characters is in a collection: the weight a shared pair carries when an
answer's clause is matched with its question (`qualifiers.clause_first`). 退役军人 is in every other paragraph of a
report on veterans and says little of which figure is asked; 意向 or 二等 says much.
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import islice
from typing import Iterable

# paragraphs counted at most (a large collection's first ones), so counting stays well under a second
MAX_PARAGRAPHS = 20000
MIN_CHARS = 20  # a heading or a table's label is no paragraph to count in


class PairRarity:
    """Inverse document frequency of character pairs over a collection's paragraphs.

    >>> r = PairRarity.from_texts(["退役军人就业服务", "退役军人签订意向协议", "退役军人优待证"], min_chars=1)
    >>> round(r.weight("意向"), 2), round(r.weight("退役"), 2)
    (1.1, 0.0)
    """

    def __init__(self, frequency: Counter, paragraphs: int) -> None:
        self.frequency = frequency
        self.paragraphs = max(paragraphs, 1)

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, min_chars: int = MIN_CHARS) -> "PairRarity":
        """Counted over the paragraphs (lines of at least `min_chars` characters) of `texts`."""
        kept = list(islice((p for t in texts for p in t.split("\n") if len(p.strip()) >= min_chars), MAX_PARAGRAPHS))
        return cls(Counter(pair for p in kept for pair in pairs(p)), len(kept))

    def weight(self, pair: str) -> float:
        """log(paragraphs / paragraphs with the pair); a pair no paragraph has weighs as one that one has."""
        return math.log(self.paragraphs / max(self.frequency.get(pair, 0), 1))

    def total(self, shared: Iterable[str]) -> float:
        """The summed weight of the pairs."""
        return sum(self.weight(p) for p in shared)


def pairs(text: str) -> set[str]:
    """The text's distinct pairs of adjacent Chinese characters: pairs("共建12处营区") -> {"共建", "营区"}."""
    return {text[i:i + 2] for i in range(len(text) - 1) if all("\u4e00" <= c <= "\u9fff" for c in text[i:i + 2])}
