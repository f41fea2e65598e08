"""A synthetic collection of any size for the scale benchmark: the shipped passages' real texts, replicated
and made distinct, grouped into reports of the shipped reports' size, with vectors near the originals' (so
that encoding is not timed) and tokens reused from the originals (so that jieba is not timed either)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from embeddings.keyword import tokenize
from embeddings.types import Passage, Report

PER_REPORT = 18  # the shipped corpus: 603 passages in 34 reports


def synthetic(base: list[Passage], base_reports: list[Report], n: int, *, base_vectors: np.ndarray, seed: int = 0,
              noise: float = 0.5):
    """(reports, passages, vectors, tokens) for n passages. Passage i is base[i % len(base)] with a serial
    mark appended ("（第i条）"); reports take the places of base reports in turn. Its vector is its original's
    plus Gaussian noise (norm `noise` on average), normalised: clustered like real embeddings, which matters
    for approximate (IVF) search, and never encoded."""
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
    dim = base_vectors.shape[1]
    vectors = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):  # in blocks: the noise of 10^6 x 512 at once would double the memory
        end = min(start + 100_000, n)
        block = base_vectors[np.arange(start, end) % len(base)] + \
            rng.standard_normal((end - start, dim), dtype=np.float32) * (noise / np.sqrt(dim))
        vectors[start:end] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return reports, passages, vectors, tokens


class KnownQueryEncoder:
    """Stands in for the encoder with vectors encoded beforehand (one per known query text): real query
    vectors, at the cost of a dictionary lookup, so that search is timed without encoding."""

    def __init__(self, texts: list[str], vectors: np.ndarray, name: str) -> None:
        self.vectors = dict(zip(texts, vectors))
        self.dim, self.name = vectors.shape[1], name

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        return np.vstack([self.vectors[t] for t in texts])
