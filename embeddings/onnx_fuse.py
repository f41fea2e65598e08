"""Graphs with fused attention: ONNX Runtime's BERT fusions on a TorchScript export of the eager model (the reader
and the encoder).

torch.onnx's dynamo exporter writes attention as scaled_dot_product_attention's parts (MatMul, a Where over the
mask, IsNaN, Softmax, Transpose), which ONNX Runtime runs op by op. The TorchScript exporter, on the model with
eager attention, writes the pattern `onnxruntime.transformers.optimizer` knows, which fuses each layer's attention
into one `Attention` node (and the bias + GELU, residual + LayerNorm pairs). The outputs are the same up to float
rounding (checked against torch by embeddings.onnx_export like any export); reading a 200-token window takes about
a sixth less time, encoding a 21-token query 4.7 instead of 5.4 ms (docs/results.md, "Fused attention").

`fused_export(...)` returns the fused-operator counts, or None when the exporter or the optimizer is missing or
fails: the caller then keeps the plain dynamo export (logged).
"""
from __future__ import annotations

import contextlib
import io
import logging
import warnings
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

OPSET = 17
COUNTED = ("Attention", "SkipLayerNormalization", "BiasGelu", "FastGelu", "Gelu", "LayerNormalization")


def fused_export(graph: Any, sample: dict, inputs: tuple[str, ...], outputs: tuple[str, ...], config: Any,
                 path: Path) -> dict | None:
    """Export `graph` (a torch module taking the inputs in order) to `path` with attention fused.

    {"Attention": 12, "SkipLayerNormalization": 24, ...} for a 12-layer BERT-like reader; None (nothing
    written at `path`) when it cannot be done, e.g. an architecture the fusions do not know.
    """
    raw = path.with_name(path.stem + ".unfused.onnx")
    try:
        _torchscript(graph, sample, inputs, outputs, raw)
        counts = _optimize(raw, path, int(config.num_attention_heads), int(config.hidden_size))
    except Exception as err:  # the exporter and the optimizer raise many kinds; the plain export still works
        log.warning("no fused-attention export (%s: %s); keeping the plain one", type(err).__name__, err)
        path.unlink(missing_ok=True)
        return None
    finally:
        raw.unlink(missing_ok=True)
    if not counts.get("Attention"):
        log.warning("the optimizer fused no attention (%s); keeping the plain export", counts)
        path.unlink(missing_ok=True)
        return None
    return counts


def _torchscript(graph: Any, sample: dict, inputs: tuple[str, ...], outputs: tuple[str, ...], path: Path) -> None:
    import torch

    axes = {name: {0: "batch", 1: "length"} for name in (*inputs, *outputs)}
    with _quiet():
        torch.onnx.export(graph, tuple(sample[n] for n in inputs), str(path), dynamo=False, opset_version=OPSET,
                          input_names=list(inputs), output_names=list(outputs), dynamic_axes=axes)


def _optimize(source: Path, target: Path, heads: int, hidden: int) -> dict:
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    with _quiet():
        model = optimizer.optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden,
                                         optimization_options=FusionOptions("bert"), opt_level=0, use_gpu=False)
    counts = {k: int(v) for k, v in model.get_fused_operator_statistics().items() if k in COUNTED and v}
    model.save_model_to_file(str(target))
    return counts


@contextlib.contextmanager
def _quiet() -> Any:
    """The exporter's and the optimizer's warnings and prints (one per operator) kept out of the user's terminal."""
    loggers = [logging.getLogger(n) for n in ("torch.onnx", "onnxruntime", "onnxruntime.transformers")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def eager(load: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`load(*args, attn_implementation="eager", **kwargs)`, or plain `load(...)` where the model has no such
    option: the fusions look for eager attention's MatMul-Softmax-MatMul."""
    try:
        return load(*args, attn_implementation="eager", **kwargs)
    except (TypeError, ValueError):
        return load(*args, **kwargs)
