"""Hybrid retrieval: dense and BM25 (jieba) rankings from a store, fused by reciprocal rank fusion."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from embeddings.encoders import Encoder, for_queries, make_encoder
from embeddings.errors import IndexMismatchError, InputError
from embeddings.index import Index
from qa.retrieval.encoder_fit import check_encoder_fits
from qa.everyday import with_report_words
from qa.retrieval.fusion import weighted_rrf
from qa.retrieval.row_spread import spread_rows
from qa.retrieval.stores.base import Store, make_filter, place_index
from qa.retrieval.stores.faiss_store import FaissStore
from qa.retrieval.stores.open import open_store
from qa.settings import Settings, check_k, check_query
from qa.types import Hit

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")
PARALLEL_FROM = 50_000  # passages from which hybrid search runs its dense and BM25 halves at once
SPREAD_DEPTH = 3  # k times this many fused passages ranked before a table's extra rows are moved behind the rest
PER_REPORT_DEPTH = 16_384  # passages ranked by `best_per_report` (Milvus returns at most this many)


class Retriever:
    """Search a store by meaning and by keywords; `search` is one call over `search_batch`.

    `index` is the store (the FAISS index folder, or Milvus): its passages, reports and manifest.
    """

    def __init__(self, index: "Index | Store", encoder: Encoder, *, settings: Settings | None = None) -> None:
        self.index = FaissStore(index) if isinstance(index, Index) else index
        self.encoder = encoder
        self.settings = settings or Settings()
        self.passages = self.index.passages
        # queries may go through an int8 twin of the encoder on torch (Settings.quantize_queries, off by default)
        self.query_encoder = for_queries(encoder) if self.settings.quantize_queries else encoder
        self._places_of: tuple | None = None  # (store, its place index)
        self._worker = None  # the thread for the dense half of hybrid search on large stores
        self._fits: object = None  # the store version the encoder was last checked against (encoder_fit)

    @classmethod
    def load(cls, index_dir: str | Path | None = None, *, encoder: Encoder | None = None,
             settings: Settings | None = None) -> "Retriever":
        """Open the settings' store (an index folder by default); the encoder defaults to the one the index
        was built with."""
        settings = settings or Settings()
        store = open_store(settings.with_(index_dir=str(index_dir) if index_dir else None),
                           encoder_name=encoder.name if encoder else None)
        return cls(store, encoder or make_encoder(store.encoder, backend=settings.backend), settings=settings)

    @property
    def store(self) -> "Store":
        """The store searched (the same object as `index`)."""
        return self.index

    def _by_place(self, store) -> dict[str, frozenset[int]]:
        """The store's place index (`stores.base.place_index`), built on first use for each store version."""
        if self._places_of is None or self._places_of[0] is not store:
            self._places_of = (store, place_index(store.reports))
        return self._places_of[1]

    def reopen(self) -> None:
        """Open the store again, e.g. after `qa index --add/--remove` wrote a new version of the folder;
        searches running meanwhile finish on the version they started with."""
        store = self.index.reopen()
        self.index = store
        self.passages = store.passages

    def warm_up(self) -> None:
        """Load the encoder's weights and the tokenizer's dictionary now rather than on the first query."""
        self.query_encoder.encode(["预热"])
        self.index.warm_up()

    def search(self, query: str, k: int | None = None, **options) -> list[Hit]:
        return self.search_batch([query], k, **options)[0]

    def search_batch(self, queries: list[str], k: int | None = None, *, mode: str = "hybrid",
                     reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> list[list[Hit]]:
        """Top-k hits for each query, optionally only from some reports or places."""
        k = check_k(self.settings.k if k is None else k)
        if mode not in MODES:
            raise InputError(f"mode must be one of {MODES}, got {mode!r}")
        queries = [check_query(q, self.settings.max_query_chars) for q in queries]
        store = self.index  # one version for the whole search, even if `reopen` swaps it meanwhile
        where = make_filter(store.reports, reports, places, by_place=self._by_place(store))
        depth = self.settings.candidates
        vectors = self._encode_alone(queries, store) if mode != "bm25" else None

        def run_dense() -> list[dict[int, int]]:
            return [_ranks(store.dense(v, depth, where)) for v in vectors] if vectors is not None \
                else [{}] * len(queries)

        pending = self._beside().submit(run_dense) if mode == "hybrid" and len(store.passages) >= PARALLEL_FROM \
            else None  # a large store: FAISS (which releases the GIL) searches while BM25 scores, on two cores
        keyword = [_ranks(store.keyword(with_report_words(q), depth, where)) for q in queries] if mode != "dense" \
            else [{}] * len(queries)
        dense = pending.result() if pending is not None else run_dense()
        return [self._fuse(store, d, b, k, q) for d, b, q in zip(dense, keyword, queries)]

    def best_per_report(self, query: str, k: int = 1, *, reports: Iterable[int] | None = None,
                        places: Iterable[str] | None = None) -> dict[int, list[Hit]]:
        """Each report's top-k hits for one query, as `search_batch([query], k, reports=[n])` gives them, from
        one encoding and one ranking of the whole scope (a list question reads every report's best passage);
        the reports best first, by their top hit's fused score over the whole scope. Passages past the first
        PER_REPORT_DEPTH of either ranking are left out (only a store that large misses any)."""
        k = check_k(k)
        query = check_query(query, self.settings.max_query_chars)
        store = self.index
        where = make_filter(store.reports, reports, places, by_place=self._by_place(store))
        depth = min(len(store.passages), PER_REPORT_DEPTH)
        dense = store.dense(self._encode_alone([query], store)[0], depth, where)
        keyword = store.keyword(query, depth, where)
        split: dict[int, tuple[list[int], list[int]]] = {}
        for half, ids in enumerate((dense, keyword)):
            for pid in ids:
                split.setdefault(store.passages[pid].report, ([], []))[half].append(pid)
        whole = weighted_rrf(((self.settings.dense_weight, _ranks(dense)), (self.settings.bm25_weight, _ranks(keyword))),
                             rrf_k=self.settings.rrf_k, k=2 * depth)
        scope = {store.passages[pid].id: score for pid, score in whole}
        cut = self.settings.candidates  # a filtered search ranks this many of each half, within the report
        found = {n: self._fuse(store, _ranks(d[:cut]), _ranks(b[:cut]), k, query) for n, (d, b) in split.items()}
        return dict(sorted(found.items(), key=lambda item: (-scope[item[1][0].passage.id], item[0])))

    def naming(self, text: str, depth: int = 256, *, reports: Iterable[int] | None = None,
               places: Iterable[str] | None = None, unquoted: bool = False) -> dict[int, list[Hit]]:
        """Each report's passages (within the filters) that say `text` word for word, from the first `depth` of its
        keyword ranking alone, best first: where a quoted name (“五个一”) is said, whatever else a question asks.
        With `unquoted`, the words are said as `says_loosely` reads them (让最可爱的人成为最幸福的人 is said by
        让“最可爱的人”成为“最幸福的人”). Their hits carry the keyword rank (`found_by` {"bm25": rank})."""
        store = self.index
        where = make_filter(store.reports, reports, places, by_place=self._by_place(store))
        found: dict[int, list[Hit]] = {}
        for rank, pid in enumerate(store.keyword(check_query(text, self.settings.max_query_chars),
                                                 min(len(store.passages), depth), where), start=1):
            passage = store.passages[pid]
            if (says_loosely(passage.text, text) if unquoted else text in passage.text):
                found.setdefault(passage.report, []).append(Hit(passage, 1.0 / rank, rank, {"bm25": rank}))
        return found

    def _beside(self):
        """One worker thread for the dense half of hybrid search on large stores, started on first use."""
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dense-search")
        return self._worker

    def _encode_alone(self, queries: list[str], store) -> np.ndarray:
        """Each query encoded on its own, so that its vector never depends on what it is batched with
        (padding to the batch's longest query, and int8 scales computed over the whole batch, both change
        it); IndexMismatchError when the vectors do not fit the index. One query per store call too: FAISS's
        BLAS path depends on the batch size."""
        if not queries:
            return np.zeros((0, store.dim), dtype=np.float32)
        vectors = np.vstack([self.query_encoder.encode([q]) for q in queries])
        if vectors.shape[1] != store.dim:
            raise IndexMismatchError(f"encoder {self.encoder.name!r} makes {vectors.shape[1]}-d vectors, the index "
                                     f"{store.location} holds {store.dim}-d ones: use the encoder it "
                                     f"was built with ({store.encoder}), or rebuild the index with `qa index`")
        if self._fits is not store:  # once per store version: the encoder made these vectors
            check_encoder_fits(self.encoder, store)
            self._fits = store
        return vectors

    def _fuse(self, store, dense: dict[int, int], keyword: dict[int, int], k: int, query: str = "") -> list[Hit]:
        """The two rankings fused by weighted reciprocal rank fusion (`fusion.weighted_rrf`) as hits, a table's rows
        past its first two behind the other passages unless `query` names them (`row_spread.spread_rows`)."""
        rankings = ((self.settings.dense_weight, dense), (self.settings.bm25_weight, keyword))
        best = weighted_rrf(rankings, rrf_k=self.settings.rrf_k, k=k * SPREAD_DEPTH)
        best = spread_rows(best, query, lambda b: store.passages[b[0]].text, lambda b: store.passages[b[0]].report)[:k]
        return [Hit(store.passages[pid], round(score, 6), rank, self._found_by(pid, dense, keyword))
                for rank, (pid, score) in enumerate(best, 1)]

    @staticmethod
    def _found_by(pid: int, dense: dict[int, int], keyword: dict[int, int]) -> dict[str, int]:
        return {name: ranks[pid] for name, ranks in (("dense", dense), ("bm25", keyword)) if pid in ranks}


def _ranks(ids: list[int]) -> dict[int, int]:
    """1-based ranks of ids given best first: [7, 3] -> {7: 1, 3: 2}."""
    return {pid: rank for rank, pid in enumerate(ids, 1)}


QUOTES = re.compile(r"[\s“”‘’\"'「」『』]")
QUOTES_AND_PUNCTUATION = re.compile(r"[\s“”‘’\"'「」『』，,、；;：:。.！!？?]")


def unquoted(text: str, *, punctuation: bool = True) -> str:
    """The text without quotation marks, spaces or (`punctuation`) punctuation: "让“最可爱的人”成为 最幸福的人" ->
    "让最可爱的人成为最幸福的人"."""
    return (QUOTES_AND_PUNCTUATION if punctuation else QUOTES).sub("", text)


LOOSE_FROM = 8  # words this long are said too with one character put in between two of theirs (…米要送去…)


def says_loosely(text: str, words: str) -> bool:
    """Whether the text says the words, quotation marks, spaces and punctuation counting for nothing on either side,
    and words of LOOSE_FROM characters or more said too with one character more between two of theirs.

    >>> says_loosely("双拥工作只能加强，不能削弱。", "双拥工作只能加强、不能削弱"), says_loosely("最后一碗米要送去做军粮", "最后一碗米送去做军粮")
    (True, True)
    >>> says_loosely("送去做军粮", "最后一碗米送去做军粮"), says_loosely("三等功", "二等功")
    (False, False)
    """
    said, loose = _loosely(words)
    plain = unquoted(text)
    return said in plain or (loose is not None and loose.search(plain) is not None)


@lru_cache(maxsize=256)
def _loosely(words: str) -> tuple[str, re.Pattern | None]:
    """The words as `says_loosely` reads them, and the pattern that finds them with one character more between two of
    theirs (None below LOOSE_FROM characters); once per words, not once per passage searched."""
    said = unquoted(words)
    return said, re.compile(".?".join(map(re.escape, said))) if len(said) >= LOOSE_FROM else None
