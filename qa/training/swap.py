"""Swapped-subject negatives: a question whose place, person or organisation is replaced by another one
that its passage never names, paired with the same passage and the answer "no answer" ([CLS]).

Why: a reader trained on reworded questions learns to answer whatever the subject; asked 柯桥区完成了几个
小区的改造？ over the rows of a table it then cuts 嵊州市's 6个 as surely as 柯桥区's 17个, and asked about
芜湖 over a paragraph about 张掖 it answers with 张掖's figure. These negatives keep every other word
of the question and of the passage, so the only thing that tells them from their positive is the subject.

    swapped(examples, 0.15, seed=23)   # about 15% of the positives get a swapped twin
"""
from __future__ import annotations

import logging
import random
from dataclasses import replace
from typing import Sequence

from embeddings.places import GENERIC, posseg

log = logging.getLogger(__name__)

SWAP_TAGS = {"ns": "place", "j": "place", "nr": "person", "nt": "org"}  # jieba tags of names (j: 通化, 张掖 as
# jieba abbreviates them), by the kind of name swapped for them
SUFFIXES = "省市县区州盟旗镇乡村"


def subjects(question: str, header: str) -> list[tuple[str, str]]:
    """(word, kind) of the names in a question that its passage's header (report title and place, article
    title) also names, longest first: the question's subject, not any name it mentions in passing.

    subjects("张掖为驻军划拨土地多少亩？", "张掖市双拥工作综述：") -> [("张掖", "place")]
    """
    found = {(w, SWAP_TAGS[f]) for w, f in posseg().cut(question)
             if f in SWAP_TAGS and len(w) >= 2 and w not in GENERIC and w in header}
    return sorted(found, key=lambda item: (-len(item[0]), item[0]))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 2 and word[-1] in SUFFIXES else word


def _title(header: str) -> str:
    return header.split("｜")[0].rstrip("：")


def swapped(examples: Sequence, rate: float, *, seed: int, max_titles: int = 2) -> list:
    """Negatives made from about `rate` of the positives (deterministic for a seed): the question with its
    subject replaced by another example's subject of the same kind that neither the passage nor its header
    mentions. A word found in the titles of more than `max_titles` reports or articles (双拥 in every
    report of the shipped corpus) is a topic, not a subject, and is never swapped.
    """
    if rate <= 0:
        return []
    rng = random.Random(seed)
    positives = [e for e in examples if e.answer]
    named = [(e, subjects(e.question, e.header)) for e in positives]
    titles: dict[str, set[str]] = {}
    for e, words in named:
        for word, _ in words:
            titles.setdefault(word, set()).add(_title(e.header))
    named = [(e, [(w, t) for w, t in words if len(titles[w]) <= max_titles]) for e, words in named]
    pool: dict[str, list[str]] = {}
    for _, words in named:
        for word, kind in words:
            pool.setdefault(kind, []).append(word)
    pool = {kind: sorted(set(words)) for kind, words in pool.items()}
    out = []
    for e, words in named:
        if not words or rng.random() >= rate:
            continue
        word, kind = words[0]
        text = e.header + e.context
        choices = [w for w in pool[kind] if _stem(w) not in text and _stem(word) not in w and _stem(w) not in word]
        if not choices:
            continue
        question = e.question.replace(word, rng.choice(choices), 1)
        out.append(replace(e, id=e.id + "-swap", question=question, answer="", answer_start=-1, kind="none"))
    log.info("made %d swapped-subject negatives from %d positives", len(out), len(positives))
    return out
