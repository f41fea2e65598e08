"""What every training loop here shares, with nothing to import but the standard library (so the packed runner,
qa/training/packed.py, can use it where only torch is installed): length-bucketed batches and the learning-rate
factor of linear warm-up and decay."""
from __future__ import annotations

import random
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")


def length_batches(items: Sequence[T], size: int, rng: random.Random, length: Callable[[T], int]) -> list[list[T]]:
    """Shuffled batches of similar length (`length(item)`), so padding wastes little time; the same batches for
    the same items and random state.

    >>> [len(b) for b in length_batches(["ab", "a", "abc", "b", "c"], 2, random.Random(0), len)].count(2)
    2
    """
    order = sorted(range(len(items)), key=lambda i: (length(items[i]), rng.random()))
    groups = [[items[i] for i in order[lo:lo + size]] for lo in range(0, len(order), size)]
    rng.shuffle(groups)
    return groups


def linear_warmup(total: int, warmup: int):
    """Learning-rate factor per step: linear warm-up to 1, then linear decay to 0 at `total`.

    >>> f = linear_warmup(10, 2); [round(f(s), 2) for s in (0, 1, 2, 9)]
    [0.5, 1.0, 1.0, 0.12]
    """
    return lambda s: (s + 1) / max(1, warmup) if s < warmup else max(0.0, (total - s) / max(1, total - warmup))
