"""Whether the encoder is the one that made a store's vectors: a passage's own text, encoded again, must give its
stored vector. The manifest names the encoder, but a manifest rewritten with its checksum (or a model folder
replaced under the same name) would otherwise be searched with another encoder of the same dimension without a
word."""
from __future__ import annotations

import logging

import numpy as np

from embeddings.errors import IndexMismatchError

log = logging.getLogger(__name__)

SPREAD = 16  # passages considered, spread over the store; the shortest is encoded (a short text: ~20 ms)
MIN_COSINE = 0.9  # a stored vector and its text encoded again: 1.0 by the same model (ONNX or torch: > 0.999)


def probe_ids(n: int, count: int = SPREAD) -> list[int]:
    """`count` passage ids spread over a store of n: (603, 3) -> [0, 301, 602]; (2, 3) -> [0, 1]."""
    return sorted({round(i * (n - 1) / max(count - 1, 1)) for i in range(count)}) if n else []


def check_encoder_fits(encoder, store) -> None:
    """IndexMismatchError when the probed passage's text, encoded with `encoder`, is not its stored vector (cosine
    below MIN_COSINE: the same model gives 1.0, another of the same dimension far less). Only a store that gives
    its vectors back is probed: the FAISS folder, whose manifest is a file; Milvus keeps its own."""
    vectors = getattr(getattr(store, "index", None), "vectors", None)  # the FAISS folder's; Milvus has none
    spread = probe_ids(len(store.passages)) if hasattr(vectors, "reconstruct") else []
    if not spread:
        return
    probe = min(spread, key=lambda i: len(store.passages[i].index_text))
    stored = _stored(vectors, probe)
    if stored is None:
        return
    made = encoder.encode([store.passages[probe].index_text])[0]
    cosine = float(made @ stored / (np.linalg.norm(made) * np.linalg.norm(stored) + 1e-9))
    log.debug("encoder %s against passage %d of %s: cosine %.4f", encoder.name, probe, store.location, cosine)
    if cosine < MIN_COSINE:
        raise IndexMismatchError(
            f"the vectors of index {store.location} were not made by encoder {encoder.name!r} (the one its manifest "
            f"names, {store.encoder!r}): passage {probe}'s text encodes to a vector at cosine {cosine:.2f} from its "
            f"stored one. The manifest was edited or the model changed under the same name: rebuild the index with "
            f"`qa index --force --out {store.location}`",
            zh=f"索引的向量不是由编码器 {encoder.name} 生成的（清单被改动过或模型已更换）：请重建索引（qa index --force）")


def _stored(vectors, i: int) -> np.ndarray | None:
    """The stored vector of passage i, or None when the FAISS index cannot give it back."""
    try:
        return np.asarray(vectors.reconstruct(int(i)), dtype=np.float32)
    except RuntimeError:  # an index type without a direct map
        return None
