"""What a rebuilt or changed index keeps from the one it replaces: report numbers and passage vectors."""
from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from embeddings.encoders import Encoder
from embeddings.passage_table import text_hash
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)


def report_key(report: Report) -> tuple[str, str, str]:
    """What identifies a report across rebuilds: its file, title and date."""
    return report.source, report.title, report.date


def renumber(reports: list[Report], passages: list[Passage], numbers: dict[int, int]) -> tuple[list[Report], list[Passage]]:
    """Reports and passages under new numbers (old -> new), ordered by number; passage ids follow.

    A passage "r002-p007" of report 2 renumbered {2: 35} becomes "r035-p007".
    """
    reports = sorted((replace(r, number=numbers[r.number]) for r in reports), key=lambda r: r.number)
    moved = [replace(p, report=numbers[p.report], id=f"r{numbers[p.report]:03d}-{p.id.split('-', 1)[1]}")
             for p in passages]
    order = sorted(range(len(moved)), key=lambda i: (moved[i].report, i))
    return reports, [moved[i] for i in order]


def keep_numbers(previous: list[Report], reports: list[Report], passages: list[Passage], *,
                 removed: set[tuple] = frozenset()) -> tuple[list[Report], list[Passage]]:
    """Number reports as the previous index did (matched by file, title and date); new reports get numbers
    after the highest ever used (all are numbered afresh when none matches); reports once removed from the index (`removed` keys) stay out."""
    old = {report_key(r): r.number for r in previous}
    kept = [r for r in reports if report_key(r) not in removed]
    if not old.keys() & {report_key(r) for r in kept}:  # another collection: numbered afresh from 1
        old = {}
    next_number = max(old.values(), default=0) + 1
    numbers = {}
    for r in kept:
        if report_key(r) in old:
            numbers[r.number] = old[report_key(r)]
        else:
            numbers[r.number], next_number = next_number, next_number + 1
    wanted = {r.number for r in kept}
    return renumber(kept, [p for p in passages if p.report in wanted], numbers)


def encode_reusing(encoder: Encoder, passages: list[Passage], previous=None, *, progress: bool = False,
                   batch_size: int = 32) -> np.ndarray:
    """Vectors for the passages: those whose index text the previous index (an embeddings.index.Index built
    with the same encoder) already holds are copied from it, only the rest are encoded."""
    hashes = [text_hash(p.index_text) for p in passages]
    known: dict[int, int] = {}
    if previous is not None and previous.manifest.get("encoder") == encoder.name:
        known = {int(h): i for i, h in enumerate(previous.columns["hash"])}
    fresh = [i for i, h in enumerate(hashes) if h not in known]
    log.info("encoding %d passages, reusing %d vectors", len(fresh), len(passages) - len(fresh))
    encoded = encoder.encode([passages[i].index_text for i in fresh], batch_size=batch_size, progress=progress) \
        if fresh else None
    dim = encoded.shape[1] if encoded is not None else previous.vectors.d
    vectors = np.zeros((len(passages), dim), dtype=np.float32)
    if encoded is not None:
        vectors[fresh] = encoded
    reused = [i for i, h in enumerate(hashes) if h in known]
    if reused:
        vectors[reused] = previous.vectors.reconstruct_batch(np.array([known[hashes[i]] for i in reused], dtype=np.int64))
    return vectors
