"""Map the engine's tensors and header to XLM-RoBERTa weight names and config.

Only the word embeddings and the six linear layers per block are 4-bit in the file; position and
token-type embeddings, layer norms and biases are float32 and are copied unchanged. The engine
numbers positions from 0, so they become rows 2.. of XLM-R's table (rows 0-1 sit before
``padding_idx`` = 1 and are never looked up).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from .fileformat import E5Bin

if TYPE_CHECKING:
    from transformers import XLMRobertaConfig

POSITION_OFFSET = 2  # XLM-R positions start after padding_idx=1

_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def hf_state_dict(model: E5Bin, keep_ids: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Map the engine's tensors to XLMRobertaModel names; ``keep_ids`` selects embedding rows.

    Example: ``l0.q.w`` (flat, hidden*hidden) -> ``encoder.layer.0.attention.self.query.weight``
    shaped [hidden, hidden]; with ``keep_ids=[0, 5]`` the word embeddings are rows 0 and 5.
    """
    h = int(model.header["hidden"])
    t = model.tensors
    word = t["emb.word"].reshape(-1, h)
    pos = np.concatenate([np.zeros((POSITION_OFFSET, h), np.float32), t["emb.pos"].reshape(-1, h)])
    sd = {
        "embeddings.word_embeddings.weight": word if keep_ids is None else word[keep_ids],
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(int(model.header["layers"])):
        for short, long in _LAYER_NAMES.items():
            sd[f"encoder.layer.{layer}.{long}.weight"] = _linear_shape(short, t[f"l{layer}.{short}.w"], model.header)
            sd[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _linear_shape(short: str, w: np.ndarray, header: Mapping[str, float]) -> np.ndarray:
    """Give a flat engine weight its [out, in] shape (layer-norm weights stay 1-D)."""
    h, ff = int(header["hidden"]), int(header["ffn"])
    if short in ("aln", "oln"):
        return w
    return w.reshape(ff, h) if short == "fi" else w.reshape(h, ff) if short == "fo" else w.reshape(h, h)


def xlmr_config(model: E5Bin, vocab_size: int, special_ids: Mapping[str, int]) -> XLMRobertaConfig:
    """The XLMRobertaConfig of the file's header, for ``vocab_size`` embedding rows."""
    from transformers import XLMRobertaConfig

    h = model.header
    return XLMRobertaConfig(
        vocab_size=vocab_size, hidden_size=int(h["hidden"]), num_hidden_layers=int(h["layers"]),
        num_attention_heads=int(h["heads"]), intermediate_size=int(h["ffn"]), hidden_act="gelu",
        max_position_embeddings=int(h["max_pos"]) + POSITION_OFFSET, type_vocab_size=int(h["type_vocab"]),
        layer_norm_eps=1e-12 if abs(h["eps"] - 1e-12) < 1e-16 else float(h["eps"]),
        pad_token_id=special_ids["<pad>"], bos_token_id=special_ids["<s>"], eos_token_id=special_ids["</s>"],
        architectures=["XLMRobertaModel"],
    )
