"""Reader comparison: each retrieval mode's hits read by the same reader, plus the gold evidence passage (the ceiling)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from embeddings.types import Passage
from eval.metrics import Scored, first_hit_rank, grouped, latency, qa_summary, score_answer
from qa.training.gold import GoldItem
from qa.types import Answer, Hit

log = logging.getLogger(__name__)

GOLD = "gold-evidence"
ReadFn = Callable[[str, Sequence[Hit]], "Answer | None"]


def best_answer(result: Any) -> Answer | None:
    """The best answer from whatever a reader returns: None, an Answer, a Response-like object, or a list."""
    if result is None or isinstance(result, Answer):
        return result
    if hasattr(result, "answers"):
        result = result.answers
    answers = [a for a in result if isinstance(a, Answer)]
    return answers[0] if answers else None


def reader_read_fn(reader: Any, *, top_n: int = 1, threshold: float | None = None) -> ReadFn:
    """Adapt `reader.read(question, hits, top_n=...)` to a ReadFn.

    With a threshold, a result whose `margin` (best span over "no answer") is below it abstains, as the
    assistant does; without one the reader always answers when it finds a span.
    """
    def read(question: str, hits: Sequence[Hit]) -> Answer | None:
        result = reader.read(question, list(hits), top_n=top_n)
        margin = getattr(result, "margin", None)
        if threshold is not None and margin is not None and margin < threshold:
            return None
        return best_answer(result)
    return read


def gold_passage(item: GoldItem, passages: Sequence[Passage]) -> Passage | None:
    """The first passage holding the item's evidence (or an answer), preferring its gold report."""
    ordered = sorted(passages, key=lambda p: p.report != item.report)  # stable: gold report first
    rank = first_hit_rank([p.text for p in ordered], item.evidence, item.answers) if item.answerable else None
    return ordered[rank - 1] if rank else None


def run_compare(questions: Sequence[GoldItem], retriever: Any, read: ReadFn, *, passages: Sequence[Passage],
                k: int, modes: Sequence[str]) -> tuple[dict[str, dict[str, Any]], list[dict[str, str | None]]]:
    """Per row (each mode, then the gold passage): QA summary; and per item each row's prediction.

    The gold row covers answerable items only (an unanswerable one has no evidence passage); an item whose
    evidence lies in no single passage is read from no passage and scores 0 there (counted as `missing`).
    """
    rows: dict[str, dict[str, Any]] = {}
    predictions: list[dict[str, str | None]] = [{} for _ in questions]
    for mode in modes:
        hits = [retriever.search(q.question, k, mode=mode) for q in questions]
        rows[mode] = _read_row(mode, questions, hits, read, predictions)
    answerable = [n for n, q in enumerate(questions) if q.answerable]
    gold = [gold_passage(questions[n], passages) for n in answerable]
    gold_hits = [[Hit(p, 1.0, 1, {GOLD: 1})] if p else [] for p in gold]
    sub_predictions: list[dict[str, str | None]] = [{} for _ in answerable]
    rows[GOLD] = _read_row(GOLD, [questions[n] for n in answerable], gold_hits, read, sub_predictions)
    rows[GOLD]["missing"] = sum(p is None for p in gold)
    for n, p in zip(answerable, sub_predictions):
        predictions[n].update(p)
    return rows, predictions


def _read_row(name: str, questions: Sequence[GoldItem], hits: Sequence[Sequence[Hit]], read: ReadFn,
              predictions: list[dict[str, str | None]]) -> dict[str, Any]:
    """Read every question's hits, record predictions under `name`, and summarise."""
    if questions and hits[0]:
        read(questions[0].question, hits[0])  # warm-up, untimed
    scored, ms = [], []
    for n, (q, h) in enumerate(zip(questions, hits)):
        start = time.perf_counter()
        answer = read(q.question, h) if h else None
        ms.append((time.perf_counter() - start) * 1000)
        prediction = answer.text if answer else None
        predictions[n][name] = prediction
        em, f1 = score_answer(prediction, q.answers)
        scored.append(Scored(q.type, q.style, q.answerable, answer is None, em, f1,
                             answer.passage.report if answer else None, q.report))
    log.info("compare %s: %d questions", name, len(questions))
    answerable = [s for s in scored if s.answerable]
    return {**qa_summary(scored), "answerable": qa_summary(answerable),
            "by_style": grouped(scored, lambda s: s.style, qa_summary), "read_latency": latency(ms)}
