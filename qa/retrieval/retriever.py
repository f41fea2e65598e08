"""Hybrid retrieval: dense (FAISS) and BM25 (jieba) fused by reciprocal rank fusion."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

import numpy as np

from embeddings.encoders import Encoder, for_queries, make_encoder
from embeddings.errors import IndexMismatchError, InputError
from embeddings.index import Index, load_index
from embeddings.places import stem
from qa.retrieval.fusion import weighted_rrf
from qa.settings import Settings, check_k, check_query
from qa.types import Hit

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")


class Retriever:
    """Search an index by meaning and by keywords; `search` is one call over `search_batch`."""

    def __init__(self, index: Index, encoder: Encoder, *, settings: Settings | None = None) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings or Settings()
        self.passages = index.passages
        # queries may go through an int8 twin of the encoder (Settings.quantize_queries): ~2x faster
        self.query_encoder = for_queries(encoder) if self.settings.quantize_queries else encoder

    @classmethod
    def load(cls, index_dir: str | Path | None = None, *, encoder: Encoder | None = None,
             settings: Settings | None = None) -> "Retriever":
        """Open an index folder; the encoder defaults to the one the index was built with."""
        settings = settings or Settings()
        index = load_index(index_dir or settings.index_dir, encoder_name=encoder.name if encoder else None)
        return cls(index, encoder or make_encoder(index.manifest["encoder"]), settings=settings)

    def warm_up(self) -> None:
        """Load the encoder's weights and the tokenizer's dictionary now rather than on the first query."""
        self.query_encoder.encode(["预热"])
        self.index.keyword.scores("预热")

    def search(self, query: str, k: int | None = None, **options) -> list[Hit]:
        return self.search_batch([query], k, **options)[0]

    def search_batch(self, queries: list[str], k: int | None = None, *, mode: str = "hybrid",
                     reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> list[list[Hit]]:
        """Top-k hits for each query, optionally only from some reports or places."""
        k = check_k(self.settings.k if k is None else k)
        if mode not in MODES:
            raise InputError(f"mode must be one of {MODES}, got {mode!r}")
        queries = [check_query(q, self.settings.max_query_chars) for q in queries]
        allowed = self._allowed(reports, places)
        dense = self._dense_ranks(queries, allowed) if mode != "bm25" else [{}] * len(queries)
        keyword = [self._bm25_ranks(q, allowed) for q in queries] if mode != "dense" else [{}] * len(queries)
        return [self._fuse(d, b, k) for d, b in zip(dense, keyword)]

    def _allowed(self, reports, places) -> np.ndarray | None:
        """A boolean mask of passages passing the filter, or None for no filter."""
        if not reports and not places:
            return None
        mask = np.ones(len(self.passages), dtype=bool)
        if reports:
            wanted = {int(r) for r in reports}
            known = {p.report for p in self.passages}
            if wanted - known:
                raise InputError(f"report(s) {sorted(wanted - known)} not in the index: it holds reports "
                                 f"{min(known)}–{max(known)} (see `qa reports`)")
            mask &= np.array([p.report in wanted for p in self.passages])
        if places:
            wanted_places = {stem(p.strip()) for p in places if p.strip()}
            mask &= np.array([bool(wanted_places & {stem(x) for x in p.places}) for p in self.passages])
            if not mask.any():
                raise InputError(f"no passages from place(s) {sorted(wanted_places)}: see `qa reports` for places")
        return mask

    def _dense_ranks(self, queries: list[str], allowed: np.ndarray | None) -> list[dict[int, int]]:
        vectors = self._encode_alone(queries)
        n = self.index.vectors.ntotal
        depth = n if allowed is not None else min(self.settings.candidates, n)
        out = []
        for vector in vectors:  # one query per FAISS call too: its BLAS path depends on the batch size
            _, ids = self.index.vectors.search(vector[None, :], depth)
            row = ids[0]
            kept = [int(i) for i in row if i >= 0 and (allowed is None or allowed[i])]  # FAISS pads with -1
            out.append({pid: rank for rank, pid in enumerate(kept[: self.settings.candidates], 1)})
        return out

    def _encode_alone(self, queries: list[str]) -> np.ndarray:
        """Each query encoded on its own, so that its vector never depends on what it is batched with
        (padding to the batch's longest query, and int8 scales computed over the whole batch, both change
        it); IndexMismatchError when the vectors do not fit the index."""
        if not queries:
            return np.zeros((0, self.index.vectors.d), dtype=np.float32)
        vectors = np.vstack([self.query_encoder.encode([q]) for q in queries])
        if vectors.shape[1] != self.index.vectors.d:
            raise IndexMismatchError(f"encoder {self.encoder.name!r} makes {vectors.shape[1]}-d vectors, the index "
                                     f"{self.index.folder} holds {self.index.vectors.d}-d ones: use the encoder it "
                                     f"was built with, or rebuild it with `qa index --out {self.index.folder}`")
        return vectors

    def _bm25_ranks(self, query: str, allowed: np.ndarray | None) -> dict[int, int]:
        scores = self.index.keyword.scores(query)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[: self.settings.candidates]
        return {int(pid): rank for rank, pid in enumerate((i for i in order if scores[i] > 0), 1)}

    def _fuse(self, dense: dict[int, int], keyword: dict[int, int], k: int) -> list[Hit]:
        """The two rankings fused by weighted reciprocal rank fusion (`fusion.weighted_rrf`) as hits."""
        rankings = ((self.settings.dense_weight, dense), (self.settings.bm25_weight, keyword))
        best = weighted_rrf(rankings, rrf_k=self.settings.rrf_k, k=k)
        return [Hit(self.passages[pid], round(score, 6), rank, self._found_by(pid, dense, keyword))
                for rank, (pid, score) in enumerate(best, 1)]

    @staticmethod
    def _found_by(pid: int, dense: dict[int, int], keyword: dict[int, int]) -> dict[str, int]:
        return {name: ranks[pid] for name, ranks in (("dense", dense), ("bm25", keyword)) if pid in ranks}
