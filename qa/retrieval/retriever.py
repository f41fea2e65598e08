"""Hybrid retrieval: dense and BM25 (jieba) rankings from a store, fused by reciprocal rank fusion."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

import numpy as np

from embeddings.encoders import Encoder, for_queries, make_encoder
from embeddings.errors import IndexMismatchError, InputError
from embeddings.index import Index
from qa.retrieval.fusion import weighted_rrf
from qa.retrieval.stores.base import Store, make_filter, place_index
from qa.retrieval.stores.faiss_store import FaissStore
from qa.retrieval.stores.open import open_store
from qa.settings import Settings, check_k, check_query
from qa.types import Hit

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")
PARALLEL_FROM = 50_000  # passages from which hybrid search runs its dense and BM25 halves at once


class Retriever:
    """Search a store by meaning and by keywords; `search` is one call over `search_batch`.

    `index` is the store (the FAISS index folder, or Milvus): its passages, reports and manifest.
    """

    def __init__(self, index: "Index | Store", encoder: Encoder, *, settings: Settings | None = None) -> None:
        self.index = FaissStore(index) if isinstance(index, Index) else index
        self.store = self.index
        self.encoder = encoder
        self.settings = settings or Settings()
        self.passages = self.index.passages
        # queries may go through an int8 twin of the encoder (Settings.quantize_queries): ~2x faster
        self.query_encoder = for_queries(encoder) if self.settings.quantize_queries else encoder

    @classmethod
    def load(cls, index_dir: str | Path | None = None, *, encoder: Encoder | None = None,
             settings: Settings | None = None) -> "Retriever":
        """Open the settings' store (an index folder by default); the encoder defaults to the one the index
        was built with."""
        settings = settings or Settings()
        store = open_store(settings.with_(index_dir=str(index_dir) if index_dir else None),
                           encoder_name=encoder.name if encoder else None)
        return cls(store, encoder or make_encoder(store.encoder), settings=settings)

    def _by_place(self) -> dict[str, frozenset[int]]:
        """The store's place index (`stores.base.place_index`), built on first use for each store version."""
        if getattr(self, "_places_of", (None,))[0] is not self.index:
            self._places_of = (self.index, place_index(self.index.reports))
        return self._places_of[1]

    def reopen(self) -> None:
        """Open the store again, e.g. after `qa index --add/--remove` wrote a new version of the folder;
        searches running meanwhile finish on the version they started with."""
        store = self.index.reopen()
        self.index = self.store = store
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
        where = make_filter(self.index.reports, reports, places, by_place=self._by_place())
        depth = self.settings.candidates
        vectors = self._encode_alone(queries) if mode != "bm25" else None
        run_dense = (lambda: [_ranks(self.index.dense(v, depth, where)) for v in vectors]) if mode != "bm25" \
            else (lambda: [{}] * len(queries))
        pending = self._beside().submit(run_dense) if mode == "hybrid" and len(self.passages) >= PARALLEL_FROM \
            else None  # a large store: FAISS (which releases the GIL) searches while BM25 scores, on two cores
        keyword = [_ranks(self.index.keyword(q, depth, where)) for q in queries] if mode != "dense" \
            else [{}] * len(queries)
        dense = pending.result() if pending is not None else run_dense()
        return [self._fuse(d, b, k) for d, b in zip(dense, keyword)]

    def _beside(self):
        """One worker thread for the dense half of hybrid search on large stores, started on first use."""
        if getattr(self, "_worker", None) is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dense-search")
        return self._worker

    def _encode_alone(self, queries: list[str]) -> np.ndarray:
        """Each query encoded on its own, so that its vector never depends on what it is batched with
        (padding to the batch's longest query, and int8 scales computed over the whole batch, both change
        it); IndexMismatchError when the vectors do not fit the index. One query per store call too: FAISS's
        BLAS path depends on the batch size."""
        if not queries:
            return np.zeros((0, self.index.dim), dtype=np.float32)
        vectors = np.vstack([self.query_encoder.encode([q]) for q in queries])
        if vectors.shape[1] != self.index.dim:
            raise IndexMismatchError(f"encoder {self.encoder.name!r} makes {vectors.shape[1]}-d vectors, the index "
                                     f"{self.index.location} holds {self.index.dim}-d ones: use the encoder it "
                                     f"was built with ({self.index.encoder}), or rebuild the index with `qa index`")
        return vectors

    def _fuse(self, dense: dict[int, int], keyword: dict[int, int], k: int) -> list[Hit]:
        """The two rankings fused by weighted reciprocal rank fusion (`fusion.weighted_rrf`) as hits."""
        rankings = ((self.settings.dense_weight, dense), (self.settings.bm25_weight, keyword))
        best = weighted_rrf(rankings, rrf_k=self.settings.rrf_k, k=k)
        return [Hit(self.passages[pid], round(score, 6), rank, self._found_by(pid, dense, keyword))
                for rank, (pid, score) in enumerate(best, 1)]

    @staticmethod
    def _found_by(pid: int, dense: dict[int, int], keyword: dict[int, int]) -> dict[str, int]:
        return {name: ranks[pid] for name, ranks in (("dense", dense), ("bm25", keyword)) if pid in ranks}


def _ranks(ids: list[int]) -> dict[int, int]:
    """1-based ranks of ids given best first: [7, 3] -> {7: 1, 3: 2}."""
    return {pid: rank for rank, pid in enumerate(ids, 1)}
