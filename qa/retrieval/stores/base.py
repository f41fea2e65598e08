"""The store protocol: what the retriever asks of wherever passages, vectors and keywords live."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

import numpy as np

from embeddings.errors import InputError
from embeddings.places import stem
from embeddings.types import Passage, Report


@dataclass(frozen=True)
class Filter:
    """Which passages a search may return: those of these report numbers (already checked to exist)."""

    reports: frozenset[int]


class Store(Protocol):
    """Passages with vectors and keywords; ids are 0-based ints, stable while the store is open.

    `dense` and `keyword` return ids best first, at most `depth`, only from `where` when given.
    """

    name: str
    dim: int
    encoder: str
    manifest: dict
    reports: list[Report]
    passages: Sequence[Passage]  # by id

    def dense(self, vector: np.ndarray, depth: int, where: Filter | None = None) -> list[int]: ...

    def keyword(self, query: str, depth: int, where: Filter | None = None) -> list[int]: ...

    def report_sizes(self) -> dict[int, int]: ...

    def warm_up(self) -> None: ...

    def reopen(self) -> "Store": ...


def place_index(reports: list[Report]) -> dict[str, frozenset[int]]:
    """Each place's stem -> the numbers of the reports about it (built once per store, not per query).

    place_index([Report(1, ..., places=("泉州市",))]) -> {"泉州": frozenset({1})}
    """
    book: dict[str, set[int]] = {}
    for r in reports:
        for place in r.places:
            book.setdefault(stem(place), set()).add(r.number)
    return {k: frozenset(v) for k, v in book.items()}


def make_filter(reports_known: list[Report], reports: Iterable[int] | None,
                places: Iterable[str] | None, *, by_place: dict[str, frozenset[int]] | None = None) -> Filter | None:
    """The filter for report numbers and places (a place keeps the reports it belongs to), or None for none;
    InputError naming the unknown reports or places.

    make_filter([Report(1, ..., places=("泉州市",)), Report(2, ...)], None, ["泉州"]) -> Filter({1})
    """
    if not reports and not places:
        return None
    chosen: set[int] | None = None  # None: every report
    if reports:
        known = {r.number for r in reports_known}
        wanted = {int(r) for r in reports}
        if wanted - known:
            raise InputError(f"report(s) {sorted(wanted - known)} not in the index: it holds reports "
                             f"{min(known)}–{max(known)} (see `qa reports`)")
        chosen = wanted
    if places:
        wanted_places = {stem(p.strip()) for p in places if p.strip()}
        book = by_place if by_place is not None else place_index(reports_known)
        in_places = set().union(*(book.get(p, frozenset()) for p in wanted_places))
        chosen = in_places if chosen is None else chosen & in_places
        if not chosen:
            raise InputError(f"no passages from place(s) {sorted(wanted_places)}: see `qa reports` for places")
    return Filter(frozenset(chosen))
