"""Weighted reciprocal rank fusion: several retrievers' rankings into one."""
from __future__ import annotations

from typing import Sequence


def weighted_rrf(rankings: Sequence[tuple[float, dict[int, int]]], *, rrf_k: float, k: int) -> list[tuple[int, float]]:
    """The top k (id, score) over rankings of (weight, {id: 1-based rank}), best first, ties by id;
    score = sum over rankings of weight / (rrf_k + rank).

    weighted_rrf([(0.5, {7: 1, 3: 2}), (1.0, {3: 1})], rrf_k=60, k=2)
    -> [(3, 0.5/62 + 1.0/61), (7, 0.5/61)]
    """
    fused: dict[int, float] = {}
    for weight, ranks in rankings:
        for pid, rank in ranks.items():
            fused[pid] = fused.get(pid, 0.0) + weight / (rrf_k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
