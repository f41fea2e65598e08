"""A question the reader could not answer, asked again in its passage's own words.

A person writes 老师 where the report says 教师, 案子 for 案件, 划 for 划拨; the reader, trained mostly on questions
that reuse their passage's words, then finds nothing. `Reworder.reword` replaces each word of the question that the
passage lacks by the passage's word nearest to it in the encoder's space (cosine >= REWORD_MIN_COSINE), sharing
a character with it, never a place and never a more general word (特级教师 is not 教师): "绵阳招了多少名老师？"
against a passage on 教师 -> "绵阳招了多少名教师？". The assistant reads the reworded question only when the
first reading abstained, and says which question it answered (`Response.question_used`).
"""
from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

import numpy as np

from embeddings.places import posseg
from qa.concise import concise
from qa.everyday import in_passage_words
from qa.roles import with_role
from qa.rewrite import verbal

log = logging.getLogger(__name__)

# the lowest cosine (m3e-small word vectors) at which a passage's word stands in for the question's: measured
# in docs/results.md ("A question asked again in its passage's words"), with and without
REWORD_MIN_COSINE = 0.8
# an answer to a reworded question is never shown as sure (高 is 0.8 and above): the question was reinterpreted
REWORDED_CONFIDENCE_CAP = 0.79
PLACE_END = re.compile(r"[市县区省州镇村乡]$")
HAN = re.compile(r"[\u4e00-\u9fff]+")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# what a question asks with, and light words, are never replaced
ASKING = frozenset("多少 几 哪 什么 是 的 了 有 在 为 和 与 吗 呢 哪些 哪个 谁 几个 多 少 怎么 如何 到 从 对 把 被 将 个 年 月 "
                   "一共 共 总共 累计 现在 目前".split())
ASKS = re.compile(r"几|多少|哪|什么|啥|谁|何")  # …and no word holding one (几条 was swapped for 一条条: 几条宣传街 -> 一条条…)
CACHE_WORDS = 5000  # word vectors kept between questions (a passage's words come back with its next question)


class Encodes(Protocol):
    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray: ...


@dataclass(frozen=True)
class Rewording:
    """The question in its passage's words, and each (question word, passage word) swapped."""

    question: str
    swaps: tuple[tuple[str, str], ...]


def missing_words(question: str, passage: str, places: Iterable[str] = ()) -> list[str]:
    """The question's words (jieba's, Chinese only) that the passage does not contain, without asking words,
    places (tagged ns/nr/nt, ending 市/县/区…, or one of `places`) or repeats.

    >>> missing_words("绵阳招了多少名老师？", "全市招聘教师860名", ["绵阳市"])  # 招 is in 招聘
    ['老师']
    >>> missing_words("灵台搞了几条双拥宣传街？", "一条条精心打造的双拥宣传街", ["灵台县"])  # 几条 asks: never swapped
    ['搞']
    >>> missing_words("那“三个同”具体怎么讲的？", "“三位一体”的国防教育模式")  # quoted, a count: kept as said
    ['那', '具体', '讲']
    """
    places = list(places)
    quoted = [m.span() for m in QUOTED.finditer(question)]
    found: list[str] = []
    at = 0
    for word, flag in posseg().cut(question):
        at += len(word)
        if (not HAN.fullmatch(word) or word in passage or word in ASKING or ASKS.search(word) or word in found
                or flag in ("ns", "nr", "nt", "m") or PLACE_END.search(word) or any(p.startswith(word) for p in places)
                or any(a < at <= b for a, b in quoted)):  # a count, or the report's own term quoted, is kept as said
            continue
        found.append(word)
    return found


def passage_words(passage: str) -> list[str]:
    """The passage's words of two characters or more (jieba's, Chinese only), each once, sorted.

    >>> passage_words("全市招聘教师860名，教师")
    ['全市', '招聘', '教师']
    """
    return sorted({w for w, _ in posseg().cut(passage) if len(w) >= 2 and HAN.fullmatch(w)})


def may_stand_in(word: str, candidate: str) -> bool:
    """Whether a passage word may replace a question word: it shares a character with it, is no place, and is not
    a part of it (a part is more general: 特级教师 -> 教师 would answer another question).

    >>> may_stand_in("老师", "教师"), may_stand_in("划", "划拨"), may_stand_in("特级教师", "教师"), may_stand_in("洛阳", "濮阳市")
    (True, True, False, False)
    """
    return bool(set(word) & set(candidate)) and candidate not in word and not PLACE_END.search(candidate)


class Reworder:
    """Rewords questions against passages with an encoder's word vectors (encoded on first need, then cached)."""

    def __init__(self, encoder: Encodes, *, min_cosine: float = REWORD_MIN_COSINE) -> None:
        self.encoder = encoder
        self.min_cosine = min_cosine
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def reword(self, question: str, passage: str, places: Iterable[str] = ()) -> Rewording | None:
        """The question with each word the passage lacks replaced by its nearest passage word that may stand in
        for it (`may_stand_in`, cosine >= min_cosine); None when no word is replaced."""
        missing = missing_words(question, passage, places)
        # only words that may stand in for one of them are encoded (a few of the passage's ~60)
        candidates = [c for c in passage_words(passage) if any(may_stand_in(w, c) for w in missing)]
        if not missing or not candidates:
            return None
        sims = self._unit(missing) @ self._unit(candidates).T
        text, swaps = question, []
        for i, word in enumerate(missing):
            fits = [j for j in np.argsort(-sims[i]) if sims[i, j] >= self.min_cosine and may_stand_in(word, candidates[j])]
            if fits and word in text:
                text = text.replace(word, candidates[fits[0]], 1)
                swaps.append((word, candidates[fits[0]]))
        return Rewording(text, tuple(swaps)) if swaps else None

    def _unit(self, words: list[str]) -> np.ndarray:
        """Unit vectors of the words, from the cache where there."""
        new = [w for w in dict.fromkeys(words) if w not in self._vectors]
        if new:
            vectors = np.asarray(self.encoder.encode(new), dtype=np.float32)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            self._vectors.update(zip(new, vectors))
        stacked = np.stack([self._vectors[w] for w in words])
        for w in words:
            self._vectors.move_to_end(w)
        while len(self._vectors) > CACHE_WORDS:
            self._vectors.popitem(last=False)
        return stacked


def reordered(rewording: Rewording | None, question: str, places: Sequence[str] = ()) -> Rewording | None:
    """The reworded question (or the question) with its asked-about noun put back as the verb's object, as reports
    and the reader's training questions word it (`qa.rewrite.verbal`): the reader abstains on "汉中发的抚恤金有多少？"
    and answers "汉中发了多少抚恤金？". None when neither rewording nor reordering changes the question.

    >>> reordered(None, "汉中发的抚恤金有多少？", ["汉中"]).question
    '汉中发了多少抚恤金？'
    >>> reordered(None, "汉中发放了多少抚恤金？", ["汉中"]) is None
    True
    """
    text = rewording.question if rewording else question
    moved = verbal(text, places[0] if places else "")
    if moved == text:
        return rewording
    return Rewording(moved, (rewording.swaps if rewording else ()) + ((text, moved),))


def second_wording(reworder: Reworder, question: str, passage: str, places: Iterable[str],
                   named: Sequence[str]) -> Rewording | None:
    """The question to read again after an abstention: without its spoken fillers (`qa.concise`), people asked by what
    they do named by their role in the passage (`qa.roles`), everyday phrases in the report words the passage says
    (`qa.everyday.in_passage_words`), in its passage's words (`Reworder.reword`) and reordered
    (`reordered`); None when none of them changes it.

    The fillers go first, so that a filler (平常) is never swapped for a passage word."""
    short = with_role(concise(question), passage)  # …打防疫针的人配了多少个 -> …的村级动物防疫员配了多少名
    short = in_passage_words(short, passage)  # 小麦一亩能收多少 -> 小麦单产多少, where the passage says 单产
    again = reordered(reworder.reword(short, passage, places), short, named)
    if short == question:
        return again
    return Rewording(again.question if again else short, ((question, short),) + (again.swaps if again else ()))
