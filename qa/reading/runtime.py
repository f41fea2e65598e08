"""What runs the reader's model: transformers on torch, or its ONNX export on ONNX Runtime (no torch).

Both tokenize (question, context) pairs into the same windows and return the same logits up to float
rounding; the reader (qa.reading.reader) does everything else with numpy. Which one runs is
Settings.backend ("auto": the export when `qa export-onnx` made one, see embeddings.onnx).
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from embeddings.encoders import int8_linear
from embeddings.errors import ModelMissingError
from embeddings.onnx import OnnxExport, OnnxModel
from embeddings.onnx_quantize import run_alone

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 64  # longer questions are cut so the passage always gets most of the window
NAMES = ("input_ids", "attention_mask", "token_type_ids")


@dataclass(frozen=True)
class Windows:
    """Token windows over (question, context) pairs: window i belongs to pair `pairs[i]`.

    `features` maps input names (input_ids, attention_mask, maybe token_type_ids) to one row per window;
    `offsets` are each token's character span in its sequence; `sequence_ids` tell question tokens (0)
    from context tokens (1) and special tokens (None).
    """

    features: dict[str, list[list[int]]]
    offsets: list[list[tuple[int, int]]]
    sequence_ids: list[list[int | None]]
    pairs: list[int]


def encode_windows(tokenizer: Any, questions: Sequence[str], contexts: Sequence[str], *, max_length: int,
                   stride: int, padding: bool | str = "longest") -> Any:
    """Tokenize (question, context) pairs into overlapping windows over the context with a transformers tokenizer.

    Returns the tokenizer's BatchEncoding with offset_mapping and overflow_to_sample_mapping;
    `encoding.sequence_ids(i)` tells which tokens of window i are context (sequence id 1).
    """
    questions = [q[:MAX_QUESTION_CHARS] for q in questions]
    return tokenizer(list(questions), list(contexts), truncation="only_second", max_length=max_length,
                     stride=stride, return_overflowing_tokens=True, return_offsets_mapping=True,
                     padding=padding)


class TorchQA:
    """A transformers question-answering model (a folder or hub name), loaded by `load()`."""

    backend = "torch"

    def __init__(self, name: str, *, device: str = "cpu", quantize: bool = False, precision: str = "fp32") -> None:
        self.name, self.device, self.quantize, self.precision = name, device, quantize, precision
        self.tokenizer: Any = None
        self.model: Any = None

    def load(self, missing_message: str) -> None:
        import torch
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.name)
            model = AutoModelForQuestionAnswering.from_pretrained(self.name, dtype=torch.float32)
        except OSError as err:
            raise ModelMissingError(f"{missing_message} ({err})") from err
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelMissingError(f"the reader at {self.name} has no fast tokenizer (tokenizer.json): offsets need one")
        self.model = model.to(self.device).eval()
        if self.precision == "bf16":  # linear layers in bfloat16 (qa.reading.bf16): AMX / avx512_bf16 units
            from qa.reading.bf16 import bf16_linears, bf16_units

            self.model = bf16_linears(self.model)
            if self.device == "cpu" and not bf16_units():
                log.warning("this CPU has no bfloat16 units (avx512_bf16 or amx_bf16): the bf16 reader runs emulated, "
                            "slower than fp32; set QA_READER_PRECISION=fp32")
        if self.quantize and self.device == "cpu":
            self.model = int8_linear(self.model)

    @property
    def pad_id(self) -> int:
        return self.tokenizer.pad_token_id or 0

    def windows(self, questions: Sequence[str], contexts: Sequence[str], *, max_length: int, stride: int) -> Windows:
        enc = encode_windows(self.tokenizer, questions, contexts, max_length=max_length, stride=stride, padding=False)
        n = len(enc["input_ids"])
        return Windows({k: enc[k] for k in NAMES if k in enc}, [list(map(tuple, o)) for o in enc["offset_mapping"]],
                       [enc.sequence_ids(i) for i in range(n)], list(enc["overflow_to_sample_mapping"]))

    def logits(self, arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Start and end logits, (windows, length) each, for padded int64 inputs."""
        import torch

        inputs = {k: torch.from_numpy(v).to(self.device) for k, v in arrays.items()}
        with torch.inference_mode():
            out = self.model(**inputs)
        return out.start_logits.float().cpu().numpy(), out.end_logits.float().cpu().numpy()


class OnnxQA:
    """The ONNX export of a question-answering model, run by ONNX Runtime with the `tokenizers` library."""

    backend = "onnx"

    def __init__(self, export: OnnxExport, *, precision: str = "fp32") -> None:
        self.export = export
        self.precision = precision
        self._model = OnnxModel(export, precision=precision)
        self._truncation: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def load(self, missing_message: str = "") -> None:
        self._model.warm_up()

    @property
    def pad_id(self) -> int:
        return self.export.pad_id

    def windows(self, questions: Sequence[str], contexts: Sequence[str], *, max_length: int, stride: int) -> Windows:
        """The windows transformers' fast tokenizer makes (each pair's encoding, then its overflowing ones)."""
        tokenizer = self._model.tokenizer
        with self._lock:  # truncation is tokenizer state: set once per reader settings
            if self._truncation != (max_length, stride):
                tokenizer.enable_truncation(max_length, stride=stride, strategy="only_second")
                self._truncation = (max_length, stride)
            encodings = tokenizer.encode_batch([(q[:MAX_QUESTION_CHARS], c) for q, c in zip(questions, contexts)])
        flat = [(pair, e) for pair, first in enumerate(encodings) for e in [first, *first.overflowing]]
        features = {"input_ids": [e.ids for _, e in flat], "attention_mask": [e.attention_mask for _, e in flat],
                    "token_type_ids": [e.type_ids for _, e in flat]}
        return Windows({k: v for k, v in features.items() if k in self.export.inputs}, [e.offsets for _, e in flat],
                       [e.sequence_ids for _, e in flat], [pair for pair, _ in flat])

    def logits(self, arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Start and end logits, (windows, length) each. The int8 graph quantises its activations with one
        scale per tensor, so a window's logits would depend on the windows and padding beside it: there each
        window runs alone, at its own length (on these 2 cores a batch of 3 costs 3 single runs anyway)."""
        if self.precision == "int8":
            start, end = run_alone(self._model, arrays)
        else:
            start, end = self._model.run(arrays)  # the graph's outputs: start_logits, end_logits
        return start, end
