"""BM25 over jieba tokens: tokenizer, build, save and load (no pickle)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

STOPWORDS = frozenset("的 了 在 和 与 及 是 为 对 等 有 将 把 被 于 以 之 其 并 也 都 而 或 个 中 上 下 这 那 我 我们 吗 呢 吧 啊 么 什么 多少 哪些 哪个 哪 几 谁 怎么 如何 怎样 是否 ？ 了吗".split())
TOKEN = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9.%]+")


@lru_cache(maxsize=1)
def _jieba():
    """The process's jieba.Tokenizer, its dictionary read on demand from the word table (embeddings.segmenter)."""
    from embeddings.segmenter import shared_tokenizer

    return shared_tokenizer()


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens without punctuation and stopwords.

    "共建了12处营区" -> ["共建", "12", "处", "营区"]
    """
    tokens = _jieba().lcut_for_search(text)
    return [t for t in (tok.strip() for tok in tokens) if t and TOKEN.match(t) and t not in STOPWORDS]


def _bm25s():
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)  # bm25s forces DEBUG at import: defer to the app's config
    return bm25s


class KeywordIndex:
    """BM25 (bm25s) over the passages' index texts; a loaded one holds bm25_files.SavedBM25, built or saved
    ones a bm25s.BM25."""

    def __init__(self, model) -> None:
        self._model = model

    @classmethod
    def build(cls, texts) -> "KeywordIndex":
        return cls.from_tokens([tokenize(t) for t in texts])

    @classmethod
    def from_tokens(cls, tokens: list[list[str]]) -> "KeywordIndex":
        """BM25 over passages already tokenized (one list of `tokenize` tokens per passage)."""
        model = _bm25s().BM25()
        model.index(tokens, show_progress=False)
        return cls(model)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for the query (zeros when no token is known): bm25s's own sums, in the
        same order (its get_scores, bit for bit), without its per-call overhead; a word in every passage is
        added as a plain vector (np.add.at on numpy 2 is ~2x a fancy-indexed `+=`, which it replaces)."""
        ids = self._model.get_tokens_ids(tokenize(query))
        score = np.zeros(self.size, dtype=np.float32)
        data, indices, indptr = (self._model.scores[k] for k in ("data", "indices", "indptr"))
        for token in ids:
            start, end = indptr[token], indptr[token + 1]
            if end - start == len(score):  # a word in every passage (its postings are 0..n-1): a plain add
                score += data[start:end]
            else:
                np.add.at(score, indices[start:end], data[start:end])
        return score

    def scores_of(self, query: str, ids: np.ndarray) -> np.ndarray:
        """`scores(query)[ids]` for sorted ids, looking each word's postings up rather than scoring every
        passage (the same float32 sums in the same order): fast when ids are few, e.g. a report filter."""
        ids = np.asarray(ids, dtype=np.int64)
        score = np.zeros(len(ids), dtype=np.float32)
        data, indices, indptr = (self._model.scores[k] for k in ("data", "indices", "indptr"))
        for token in self._model.get_tokens_ids(tokenize(query)):
            posting = indices[indptr[token]:indptr[token + 1]]
            if len(posting):
                at = np.minimum(np.searchsorted(posting, ids), len(posting) - 1)
                hit = posting[at] == ids
                score[hit] += data[indptr[token] + at[hit]]
        return score

    @property
    def size(self) -> int:
        return int(self._model.scores["num_docs"])

    @staticmethod
    def save_tokens(path: Path, tokens: list[list[str]]) -> None:
        """Each passage's tokens, kept so that adding or removing reports re-tokenizes nothing (no pickle)."""
        vocab: dict[str, int] = {}
        ids = [vocab.setdefault(t, len(vocab)) for doc in tokens for t in doc]
        offsets = np.cumsum([0] + [len(doc) for doc in tokens])
        np.savez(path, vocab=np.array(list(vocab), dtype=str), ids=np.asarray(ids, dtype=np.int32), offsets=offsets)

    @staticmethod
    def load_tokens(path: Path) -> list[list[str]]:
        with np.load(path, allow_pickle=False) as data:
            vocab, ids, offsets = data["vocab"].tolist(), data["ids"], data["offsets"]
        words = [vocab[i] for i in ids.tolist()]
        return [words[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "KeywordIndex":
        """The BM25 state bm25s saved in folder, read without importing bm25s (the same arrays and vocabulary)."""
        from embeddings.bm25_files import load_bm25

        return cls(load_bm25(folder))
