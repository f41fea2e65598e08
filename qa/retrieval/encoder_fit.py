"""Whether the encoder is the one that made a store's vectors: a few passages' own texts, encoded again, must give
their stored vectors. The manifest names the encoder, but a manifest rewritten with its checksum (or a model folder replaced
under the same name) would otherwise be searched with another encoder of the same dimension without a word."""
from __future__ import annotations

import logging

import numpy as np

from embeddings.errors import IndexMismatchError

log = logging.getLogger(__name__)

PROBES = 3  # passages probed, spread over the store
MIN_COSINE = 0.9  # a stored vector and its text encoded again: 1.0 by the same model (ONNX or torch: > 0.999)


def probe_ids(n: int) -> list[int]:
    """Passage ids spread over a store of n: 603 -> [0, 301, 602]; 2 -> [0, 1]."""
    return sorted({round(i * (n - 1) / max(PROBES - 1, 1)) for i in range(PROBES)}) if n else []


def check_encoder_fits(encoder, store) -> None:
    """IndexMismatchError when most probed passages' texts, encoded with `encoder`, are not their stored vectors
    (cosine below MIN_COSINE). Only a store that gives its vectors back by passage number is probed (the FAISS
    folder, whose manifest is a file anyone can edit); Milvus keeps its manifest in the collection."""
    ids = probe_ids(len(store.passages))
    stored = _stored(store, ids) if ids else None
    if stored is None:
        return
    made = encoder.encode([store.passages[i].index_text for i in ids])
    cosines = np.sum(made * stored, axis=1) / (np.linalg.norm(made, axis=1) * np.linalg.norm(stored, axis=1) + 1e-9)
    fits = [float(c) >= MIN_COSINE for c in cosines]
    log.debug("encoder %s fits %d of %d probed passages of %s", encoder.name, sum(fits), len(ids), store.location)
    if sum(fits) * 2 <= len(ids):
        raise IndexMismatchError(
            f"the vectors of index {store.location} were not made by encoder {encoder.name!r} (the one its manifest "
            f"names, {store.encoder!r}): {sum(fits)} of {len(ids)} passages' texts encode to their stored vectors. "
            f"The manifest was edited or the model changed under the same name: rebuild the index with `qa index "
            f"--force --out {store.location}`",
            zh=f"索引的向量不是由编码器 {encoder.name} 生成的（清单被改动过或模型已更换）：请重建索引（qa index --force）")


def _stored(store, ids: list[int]) -> np.ndarray | None:
    """The stored vectors of passages `ids` when the store can give them back (a FAISS folder), else None."""
    vectors = getattr(getattr(store, "index", None), "vectors", None)
    if vectors is None or not hasattr(vectors, "reconstruct"):
        return None
    try:
        return np.vstack([vectors.reconstruct(int(i)) for i in ids])
    except RuntimeError:  # an index type without a direct map
        return None
