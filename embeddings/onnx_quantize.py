"""An int8 copy of an exported reader: ONNX Runtime's dynamic quantisation of the MatMul weights, per channel.

The weights of every matrix product become int8 (one scale per output column); activations are quantised on
the fly, row by row. `quantize_export` writes `model.int8.onnx` beside the fp32 `model.onnx` and keeps it only
when it picks the same answer span as fp32 on the check texts; what it measured goes into meta.json under
"int8". `qa export-onnx --int8` makes it; QA_READER_PRECISION=int8 (Settings.reader_precision) runs it.

Not the default: on the gold questions its answers agree with fp32 on 93% (the bar was 99%) and DRCD held-out
F1 drops 1.5 points, for about 27% less time a question (docs/results.md, `python -m eval.int8_check`): one
activation scale per tensor cannot hold the outliers after the feed-forward layers' GELU.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Callable

import numpy as np

from embeddings.errors import DependencyMissingError, InputError, ModelMissingError
from embeddings.onnx import INT8_FILE, OnnxExport, OnnxModel

log = logging.getLogger(__name__)

PRECISIONS = ("fp32", "int8", "bf16")  # bf16: the reader on torch (qa.reading.runtime.TorchQA)


def check_precision(precision: str) -> str:
    """precision itself when it is one of PRECISIONS, else InputError naming the setting."""
    if precision not in PRECISIONS:
        raise InputError(f"reader precision must be one of {list(PRECISIONS)}, got {precision!r} "
                         "(QA_READER_PRECISION / Settings.reader_precision)")
    return precision


def run_alone(model: OnnxModel, arrays: dict[str, np.ndarray]) -> list[np.ndarray]:
    """The model's outputs with each row run alone at its own length (the attention mask's sum; rows are
    padded on the right), padded back to the batch's shape with -1e4: what a row gets never depends on its
    batch mates or its padding, which an int8 graph's per-tensor activation scales would otherwise make it."""
    lengths = arrays["attention_mask"].sum(axis=1)
    if len(lengths) == 1 and lengths[0] == arrays["attention_mask"].shape[1]:
        return model.run(arrays)
    outputs: list[np.ndarray] = []
    for row, n in enumerate(lengths):
        got = model.run({k: v[row:row + 1, :n] for k, v in arrays.items()})
        if not outputs:
            outputs = [np.full(arrays["input_ids"].shape, -1e4, dtype=np.float32) for _ in got]
        for out, g in zip(outputs, got):
            out[row, :n] = g[0]
    return outputs


def best_spans(start: np.ndarray, end: np.ndarray, context: np.ndarray, max_len: int = 30) -> list[tuple[int, int]]:
    """Per row, the (start, end) token pair inside the context with the highest start + end logit.

    >>> s = np.array([[0., 5., 1., 0.]]); e = np.array([[0., 0., 4., 9.]])
    >>> best_spans(s, e, np.array([[False, True, True, False]]))
    [(1, 2)]
    """
    spans = []
    for s, e, c in zip(start, end, context):
        s = np.where(c, s, -np.inf)
        e = np.where(c, e, -np.inf)
        scores = s[:, None] + e[None, :]
        n = len(s)
        allowed = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(np.ones((n, n), dtype=bool), k=max_len)
        scores = np.where(allowed, scores, -np.inf)
        i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
        spans.append((int(i), int(j)))
    return spans


def quantize_export(export: OnnxExport, sample: Callable[[], tuple[dict[str, np.ndarray], np.ndarray]]) -> dict:
    """Write and check the int8 copy of a question-answering export; return what goes under meta["int8"].

    `sample()` gives int64 model inputs for a few (question, text) pairs and a mask of their context tokens.
    The copy is kept when its best span equals fp32's for every pair; else it is removed and
    {"kept": False, ...} says why (the reader then runs fp32).
    """
    if export.task != "question-answering":
        raise InputError(f"only readers get an int8 copy, not a {export.task} export")
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as err:
        raise DependencyMissingError(f"the int8 reader needs onnxruntime's quantization tools ({err})") from err
    target = export.folder / INT8_FILE
    work = target.with_name(f".{INT8_FILE}.tmp-{os.getpid()}")
    quiet = logging.getLogger()
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # "Please consider to run pre-processing before quantization"
    try:
        quantize_dynamic(str(export.model_file), str(work), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"],
                         extra_options={"DefaultTensorType": 1})  # FLOAT: fused graphs (onnx_fuse) hold contrib ops
    finally:
        quiet.setLevel(level)
    arrays, context = sample()
    full = OnnxModel(export).run(arrays)
    small = run_alone(OnnxModel(export, precision="int8", model_file=work), arrays)
    real = arrays["attention_mask"].astype(bool)  # padding positions hold -1e4 in the rows run alone
    diff = max(float(np.abs(a - b)[real].max()) for a, b in zip(full, small))
    same = best_spans(*full, context) == best_spans(*small, context)
    if same:
        os.replace(work, target)
    else:
        work.unlink(missing_ok=True)
        target.unlink(missing_ok=True)  # an earlier copy of another graph must not outlive the check
        log.warning("the int8 copy of %s picks other spans than fp32 on the check texts: not kept", export.source)
    return {"file": INT8_FILE, "kept": same, "max_abs_diff": diff, "same_spans": same}


def add_int8(export: OnnxExport, sample: Callable[[], tuple[dict[str, np.ndarray], np.ndarray]]) -> OnnxExport:
    """The export with its int8 copy made and recorded in meta.json (fp32 untouched)."""
    found = quantize_export(export, sample)
    meta_file = export.folder / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelMissingError(f"the ONNX export at {export.folder} is damaged ({err}): "
                                "run `qa export-onnx --force`") from err
    meta["int8"] = found
    tmp = meta_file.with_name(f".meta.json.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.replace(tmp, meta_file)
    return OnnxExport.read(Path(export.folder))
