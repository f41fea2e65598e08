"""The FAISS store: the index folder of `embeddings.index`, searched so that cost does not grow with what a
filter leaves out: filters are FAISS id selectors over each report's id range, BM25's top k is found by
partition, never by sorting every passage."""
from __future__ import annotations

import logging
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from embeddings.index import COLUMNS, Index, load_index
from embeddings.index_check import damaged
from qa.retrieval.stores.base import Filter

log = logging.getLogger(__name__)

EXACT_BELOW = 50_000  # a filter leaving fewer passages than this is searched exactly in an IVF or HNSW index
GATHER_BELOW = 20_000  # ... by copying out their vectors (below) or by probing every IVF list (above)
LOOKUP_BELOW = 20_000  # a filter leaving fewer passages than this gets their BM25 scores looked up


class FaissStore:
    """An index folder as a store; `index` is the loaded folder (passages, reports, manifest, files)."""

    name = "faiss"

    def __init__(self, index: Index) -> None:
        self.index = index
        self.folder = index.folder
        self.manifest = index.manifest
        self.reports = index.reports
        self.passages = index.passages
        self.dim = int(index.vectors.d)
        self.encoder = index.manifest["encoder"]
        self._selections: dict[Filter, Selection] = {}
        self._lock = threading.Lock()
        try:
            self._ranges = report_ranges(index.columns["report"])
        except ValueError as exc:
            raise damaged(index.folder / COLUMNS, str(exc)) from exc

    @classmethod
    def open(cls, folder: str | Path, *, encoder_name: str | None = None) -> "FaissStore":
        return cls(load_index(folder, encoder_name=encoder_name))

    def reopen(self) -> "FaissStore":
        """The folder's current version, opened anew."""
        return FaissStore.open(self.folder, encoder_name=self.encoder)

    @property
    def location(self) -> str:
        return str(self.folder)

    def warm_up(self) -> None:
        self.index.keyword.scores("预热")

    def report_sizes(self) -> dict[int, int]:
        return {number: end - start for number, (start, end) in self._ranges.items()}

    def dense(self, vector: np.ndarray, depth: int, where: Filter | None = None) -> list[int]:
        """Ids of the nearest passages by inner product (FAISS pads short results with -1: dropped). A filter
        that leaves few passages is searched exactly, whatever the index."""
        vectors = self.index.vectors
        depth = min(depth, vectors.ntotal)
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        chosen = self._selection(where) if where is not None else None
        allowed = chosen.size if chosen is not None else vectors.ntotal
        approximate = "IVF" in type(vectors).__name__ or "HNSW" in type(vectors).__name__
        if chosen is not None and approximate and allowed < GATHER_BELOW:
            return self._gathered(query[0], depth, chosen.ids)
        selector = chosen.selector() if chosen is not None else None
        _, ids = vectors.search(query, min(depth, allowed), params=_params(vectors, depth, selector,
                                                                            exact=allowed < EXACT_BELOW))
        return [int(i) for i in ids[0] if i >= 0]

    def _gathered(self, query: np.ndarray, depth: int, ids: np.ndarray) -> list[int]:
        """Exact search over these passages, their vectors copied out of the index."""
        scores = self.index.vectors.reconstruct_batch(ids) @ query
        order = np.lexsort((ids, -scores))[:depth]
        return [int(i) for i in ids[order]]

    def _selection(self, where: Filter) -> "Selection":
        """The filter's passages; the dense and the keyword half of one search share it (a filter is a
        frozen set of reports, so the last few are kept)."""
        with self._lock:  # hybrid search asks from two threads at once
            if where not in self._selections:
                if len(self._selections) >= 8:
                    self._selections.pop(next(iter(self._selections)))
                ranges = sorted(self._ranges[r] for r in where.reports if r in self._ranges)
                self._selections[where] = Selection(ranges, len(self.passages))
            return self._selections[where]

    def keyword(self, query: str, depth: int, where: Filter | None = None) -> list[int]:
        """Ids of the best BM25 passages with a score above zero, ties by id."""
        keyword = self.index.keyword
        chosen = self._selection(where) if where is not None else None
        if chosen is not None and chosen.size < LOOKUP_BELOW:  # few passages: look their scores up
            return [int(chosen.ids[i]) for i in top_ids(keyword.scores_of(query, chosen.ids), depth)]
        scores = keyword.scores(query)
        if chosen is not None:
            scores = np.where(chosen.mask, scores, 0.0)
        return top_ids(scores, depth)


class Selection:
    """The passages a filter keeps, as id ranges (one per report, ascending), with the ids, a mask and a
    FAISS selector made from them on first use."""

    def __init__(self, ranges: list[tuple[int, int]], n: int) -> None:
        self.ranges, self.n = ranges, n
        self.size = sum(end - start for start, end in ranges)

    @cached_property
    def ids(self) -> np.ndarray:
        return np.concatenate([np.arange(s, e, dtype=np.int64) for s, e in self.ranges]) if self.ranges \
            else np.zeros(0, dtype=np.int64)

    @cached_property
    def mask(self) -> np.ndarray:
        kept = np.zeros(self.n, dtype=bool)
        for start, end in self.ranges:
            kept[start:end] = True
        return kept

    def selector(self):
        """An id range for one report, a bitmap (one bit a passage, O(1) a test) for several."""
        import faiss

        if len(self.ranges) == 1:
            return faiss.IDSelectorRange(*self.ranges[0])
        bits = np.packbits(self.mask, bitorder="little")
        selector = faiss.IDSelectorBitmap(self.n, faiss.swig_ptr(bits))
        selector.keep_alive = bits  # FAISS reads the bitmap through a raw pointer
        return selector


def _params(vectors, depth: int, selector, *, exact: bool):
    """Search parameters for the index's kind: an IVF index probes every list when `exact` (with a selector
    it then scores only the selected passages), an HNSW index explores at least 2x the depth."""
    import faiss

    kind = type(vectors).__name__
    if "IVF" in kind:
        probes = vectors.nlist if exact and selector is not None else max(vectors.nprobe, 1)
        return faiss.SearchParametersIVF(nprobe=probes, sel=selector)
    if "HNSW" in kind:
        return faiss.SearchParametersHNSW(efSearch=max(64, 2 * depth), sel=selector)
    return faiss.SearchParameters(sel=selector) if selector is not None else None


def report_ranges(report_of: np.ndarray) -> dict[int, tuple[int, int]]:
    """Each report's [start, end) id range, for passages stored report by report.

    report_ranges(np.array([1, 1, 2, 5, 5])) -> {1: (0, 2), 2: (2, 3), 5: (3, 5)}
    """
    if len(report_of) == 0:
        return {}
    cuts = np.flatnonzero(np.diff(report_of)) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(report_of)]])
    ranges = {int(report_of[s]): (int(s), int(e)) for s, e in zip(starts, ends)}
    if len(ranges) != len(starts):
        raise ValueError("passages of one report are not stored together")
    return ranges


def top_ids(scores: np.ndarray, depth: int) -> list[int]:
    """The ids of the `depth` highest positive scores, best first, ties by lower id; the same as a stable
    sort of every score, at the cost of one sort of the scores alone (numpy's SIMD sort: 3 ms for 10^6
    floats here). np.partition was the tail at 10^6 passages: on a block of equal top scores (1,658 copies of
    a passage in eval.scale's collection) it took up to 77 ms of CPU, the sort at most 6
    (`python -m eval.top_ids /tmp/qa-scale/faiss-1000000 --queries /tmp/qa-scale/queries.json`).

    top_ids(np.array([0.0, 2.0, 1.0, 2.0]), 2) -> [1, 3]
    """
    depth = min(depth, len(scores))
    if depth <= 0:
        return []
    if depth < len(scores):
        cut = np.sort(scores)[len(scores) - depth]  # the depth-th highest score
        above = np.flatnonzero(scores > cut)
        ties = np.flatnonzero(scores == cut)[: depth - len(above)]
        chosen = np.concatenate([above, ties])
    else:
        chosen = np.arange(len(scores))
    chosen = chosen[scores[chosen] > 0]
    order = np.lexsort((chosen, -scores[chosen]))
    return [int(i) for i in chosen[order]]
