"""A synthetic collection of any size for the scale benchmark: the shipped passages' real texts, replicated
and made distinct, grouped into reports of the shipped reports' size, with random unit vectors (so that
encoding is not timed) and tokens reused from the originals (so that jieba is not timed either)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from embeddings.keyword import tokenize
from embeddings.types import Passage, Report

PER_REPORT = 18  # the shipped corpus: 603 passages in 34 reports


def synthetic(base: list[Passage], base_reports: list[Report], n: int, *, dim: int, seed: int = 0):
    """(reports, passages, vectors, tokens) for n passages. Passage i is base[i % len(base)] with a serial
    mark appended ("（第i条）"); reports take the places of base reports in turn."""
    base_tokens = [tokenize(p.index_text) for p in base]
    reports, passages, tokens = [], [], []
    for number, first in enumerate(range(0, n, PER_REPORT), 1):
        model = base_reports[(number - 1) % len(base_reports)]
        texts, spans, at = [], [], 0
        for i in range(first, min(first + PER_REPORT, n)):
            text = f"{base[i % len(base)].text}（第{i}条）"
            texts.append(text)
            spans.append((at, at + len(text)))
            at += len(text) + 1
            tokens.append(base_tokens[i % len(base)] + [f"第{i}条"])
        report = replace(model, number=number, text="\n".join(texts), source=f"synthetic/{number}.txt")
        reports.append(report)
        passages.extend(Passage(id=f"r{number:03d}-p{j:03d}", report=number, text=t, start=s, end=e,
                                title=report.title, subtitle=report.subtitle, date=report.date,
                                places=report.places, source=report.source, paragraph=j)
                        for j, (t, (s, e)) in enumerate(zip(texts, spans), 1))
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, dim), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return reports, passages, vectors, tokens


class RandomQueryEncoder:
    """Stands in for the encoder: a random unit vector per query text (seeded by the text), in microseconds."""

    def __init__(self, dim: int, name: str) -> None:
        self.dim, self.name = dim, name

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        rows = []
        for text in texts:
            rng = np.random.default_rng(abs(hash(text)) % 2**32)
            v = rng.standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.vstack(rows)
