"""CMRC 2018 style answer metrics (from qa.metrics), abstention, retrieval hit@k / MRR, citation accuracy and latency.

Pure functions over plain values; the harness feeds them. Rates are in [0, 1]; a rate whose
denominator is empty is None (JSON null), never a silent 0.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# the answer metrics live in qa/ so that training can use them too; re-exported here for the harness
from qa.metrics import char_f1, exact_match, normalize, score_answer  # noqa: F401

KS = (1, 3, 5, 10, 20)
MRR_DEPTH = 10


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def abstention(abstained: Sequence[bool], answerable: Sequence[bool]) -> dict[str, Any]:
    """Precision and recall of abstaining, with "should abstain" (unanswerable) as the positive class.

    >>> abstention([True, True, False, False], [False, True, False, True])
    {'precision': 0.5, 'recall': 0.5, 'abstained': 2, 'unanswerable': 2}
    """
    right = sum(1 for a, ok in zip(abstained, answerable) if a and not ok)
    n_abstained, n_unanswerable = sum(abstained), sum(1 for ok in answerable if not ok)
    return {"precision": _rate(right, n_abstained), "recall": _rate(right, n_unanswerable),
            "abstained": n_abstained, "unanswerable": n_unanswerable}


def _squash(text: str) -> str:
    return "".join(text.split())


def first_hit_rank(texts: Sequence[str], evidence: str, answers: Sequence[str]) -> int | None:
    """1-based rank of the first passage text holding the evidence (or, without evidence, an answer).

    Whitespace is ignored when matching. None when no passage holds it or the item is unanswerable.

    >>> first_hit_rank(["甲乙", "支持建设15处。", "15处"], "支持建设15处", ["15处"])
    2
    >>> first_hit_rank(["甲乙", "共15处"], "", ["15处"])
    2
    >>> first_hit_rank(["甲乙"], "", []) is None
    True
    """
    needles = [evidence] if evidence.strip() else list(answers)
    needles = [_squash(n) for n in needles if n.strip()]
    for rank, text in enumerate(texts, 1):
        flat = _squash(text)
        if any(n in flat for n in needles):
            return rank
    return None


def hit_at_k(ranks: Sequence[int | None], ks: Iterable[int] = KS) -> dict[str, float | None]:
    """Share of items whose first hit is within the top k, for each k.

    >>> hit_at_k([1, 3, None, 12], ks=(1, 5, 20))
    {'hit@1': 0.25, 'hit@5': 0.5, 'hit@20': 0.75}
    """
    return {f"hit@{k}": _rate(sum(1 for r in ranks if r is not None and r <= k), len(ranks)) for k in ks}


def mrr(ranks: Sequence[int | None], depth: int = MRR_DEPTH) -> float | None:
    """Mean reciprocal rank, counting ranks beyond `depth` (or none) as 0.

    >>> mrr([1, 2, None, 11])   # (1 + 1/2 + 0 + 0) / 4
    0.375
    """
    if not ranks:
        return None
    return sum(1 / r for r in ranks if r is not None and r <= depth) / len(ranks)


def retrieval_summary(ranks: Sequence[int | None]) -> dict[str, Any]:
    """hit@k for KS and MRR@10 of answerable items' first-hit ranks."""
    return {"n": len(ranks), **hit_at_k(ranks), f"mrr@{MRR_DEPTH}": mrr(ranks)}


def citation_accuracy(cited: Sequence[int | None], gold: Sequence[int | None]) -> dict[str, Any]:
    """Share of answers citing the gold report; abstentions (cited None) and items without a gold report skipped.

    >>> citation_accuracy([1, 2, None, 5], [1, 1, 3, None])
    {'accuracy': 0.5, 'n': 2}
    """
    pairs = [(c, g) for c, g in zip(cited, gold) if c is not None and g is not None]
    return {"accuracy": _rate(sum(1 for c, g in pairs if c == g), len(pairs)), "n": len(pairs)}


def latency(ms: Sequence[float]) -> dict[str, Any]:
    """p50/p95 (linear interpolation) and mean of latencies in milliseconds.

    >>> latency([10.0, 20.0, 30.0, 40.0, 50.0])
    {'n': 5, 'p50_ms': 30.0, 'p95_ms': 48.0, 'mean_ms': 30.0}
    """
    if not ms:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "mean_ms": None}
    values = np.asarray(ms, dtype=float)
    return {"n": len(ms), "p50_ms": round(float(np.percentile(values, 50)), 3),
            "p95_ms": round(float(np.percentile(values, 95)), 3), "mean_ms": round(float(values.mean()), 3)}


@dataclass(frozen=True)
class Scored:
    """The fields of one evaluated item that the QA aggregates need."""

    type: str
    style: str
    answerable: bool
    abstained: bool
    em: float
    f1: float
    cited_report: int | None
    gold_report: int | None


def qa_summary(items: Sequence[Scored]) -> dict[str, Any]:
    """EM/F1 (as %), abstention and citation accuracy of a group of items.

    >>> qa_summary([Scored("count", "lexical", True, False, 1.0, 1.0, 1, 1),
    ...             Scored("unanswerable", "lexical", False, True, 1.0, 1.0, None, None)])["em"]
    100.0
    """
    n = len(items)
    return {
        "n": n,
        "em": round(100 * sum(i.em for i in items) / n, 2) if n else None,
        "f1": round(100 * sum(i.f1 for i in items) / n, 2) if n else None,
        "abstention": abstention([i.abstained for i in items], [i.answerable for i in items]),
        "citation": citation_accuracy([i.cited_report for i in items], [i.gold_report for i in items]),
    }


def grouped(items: Sequence[Any], key: Callable[[Any], str], summarize: Callable[[list], dict]) -> dict[str, dict]:
    """`summarize` applied to each group of items sharing `key(item)`, groups in sorted order.

    >>> grouped([1, 2, 3], lambda x: "odd" if x % 2 else "even", len)
    {'even': 1, 'odd': 2}
    """
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {name: summarize(groups[name]) for name in sorted(groups)}


def qa_breakdown(items: Sequence[Scored]) -> dict[str, Any]:
    """The QA summary overall, answerable-only, by type and by style."""
    return {
        "overall": qa_summary(items),
        "answerable": qa_summary([i for i in items if i.answerable]),
        "by_type": grouped(items, lambda i: i.type, qa_summary),
        "by_style": grouped(items, lambda i: i.style, qa_summary),
    }
