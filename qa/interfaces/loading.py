"""The assistant a server command serves: loaded on first use from its --index / --reader, or the fake."""
from __future__ import annotations

import argparse
import logging
import os
from typing import Any, Callable, Mapping

log = logging.getLogger(__name__)


def assistant_factory(args: argparse.Namespace, *, precision: str | None = None) -> Callable[[], Any]:
    """A no-argument callable that loads the assistant `args` ask for (`qa serve`, `qa mcp`). The settings are
    read now, so a bad QA_* value is an error at start-up, not on the first request. `precision` (when given)
    is the reader's, in place of the settings' (`serving_precision`)."""
    if args.fake:
        from qa.interfaces.fake import FakeAssistant

        return FakeAssistant
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings().with_(index_dir=args.index, reader=args.reader)
    if precision:
        settings = settings.with_(reader_precision=precision)
    return lambda: Assistant.load(settings)


def serving_precision(environ: Mapping[str, str] = os.environ, *, has_units: bool | None = None) -> str | None:
    """The reader precision a long-running server answers with: "bf16" (qa.reading.bf16, on torch) where the CPU
    multiplies bfloat16 in hardware and neither QA_READER_PRECISION nor QA_BACKEND=onnx says otherwise; None keeps
    the settings' own. Measured here: /ask 16.6 -> 23-26 req/s with `--workers 2`, the same answers to all 356
    gold questions (docs/results.md, "Sixteenth session").

    >>> serving_precision({}, has_units=True), serving_precision({}, has_units=False)
    ('bf16', None)
    >>> serving_precision({"QA_READER_PRECISION": "fp32"}, has_units=True), serving_precision({"QA_BACKEND": "onnx"}, has_units=True)
    (None, None)
    """
    if "QA_READER_PRECISION" in environ or environ.get("QA_BACKEND", "auto") == "onnx":
        return None
    if has_units is None:
        from qa.reading.bf16 import bf16_units

        has_units = bf16_units()
    return "bf16" if has_units else None


def set_model_threads(threads: int, *, torch_too: bool) -> None:
    """Threads each model call computes with, in ONNX Runtime sessions loaded from now on and (with `torch_too`)
    in torch: 1 where several calls run at once (`qa serve --workers 2`)."""
    from embeddings.onnx import set_threads

    set_threads(threads)
    if torch_too:
        import torch

        torch.set_num_threads(threads)
    log.info("model calls compute with %d thread(s) each", threads)
