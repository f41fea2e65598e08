"""Export a transformers model folder to ONNX for embeddings.onnx (needs torch, transformers and onnxscript).

`export_model(folder, "question-answering")` writes model.onnx (dynamic batch and length), the fast
tokenizer as tokenizer.json and meta.json into the cache, after checking that ONNX Runtime gives the
same outputs as torch on inputs of another batch size and length than the ones traced.
"""
from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import warnings
from pathlib import Path

from embeddings.errors import DependencyMissingError, ModelMissingError
from embeddings.onnx import META_VERSION, TASKS, OnnxExport, OnnxModel, export_folder, pad_rows
from embeddings.onnx_fuse import eager, fused_export
from embeddings.onnx_quantize import add_int8

log = logging.getLogger(__name__)

TOLERANCE = 1e-3  # largest |torch - onnx| output accepted; float rounding gives ~1e-5
TRACE_TEXTS = ["张掖市累计为驻地部队划拨土地2000多亩。", "开展军民共建活动500余次。"]
CHECK_TEXTS = ["乙县为驻地部队提供用地527亩，用于建设训练场地。", "双拥林2处。", "投入资金3.5亿元完成建设项目30多个。"]
QUESTIONS = ["划拨了多少亩土地？", "开展了多少次活动？", "投入了多少资金？"]


def export_model(model_dir: str | Path, task: str, *, force: bool = False, int8: bool = False) -> tuple[OnnxExport, bool]:
    """The model's export for a task, made now unless an up-to-date one exists; returns (export, made).
    With int8 (readers only), also its checked int8 copy (embeddings.onnx_quantize)."""
    int8 = int8 and task == "question-answering"
    folder = export_folder(model_dir, task)
    if not force and _meta(folder).get("version") == META_VERSION:
        export = OnnxExport.read(folder)
        if int8 and not (_meta(folder).get("int8") or {}).get("kept"):  # asked for, and not made yet
            return add_int8(export, lambda: check_pairs(export)), True
        return export, False
    tokenizer, model = _load(Path(model_dir), task)
    inputs = tuple(n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names)
    work = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        _save_tokenizer(tokenizer, work / "tokenizer.json")
        made = OnnxExport(work, task, inputs, tokenizer.pad_token_id or 0, int(model.config.hidden_size),
                          str(Path(model_dir).resolve()), 0.0)
        fused, diff = _export_checked(model, tokenizer, made, task)
        meta = {"version": META_VERSION, "task": task, "inputs": list(inputs), "pad_id": made.pad_id,
                "hidden_size": made.hidden_size, "source": made.source, "max_abs_diff": diff,
                "graph": "fused" if fused else "plain", "fused": fused or {}}
        (work / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _drop_older(folder, made.source)
    export = OnnxExport.read(folder)
    if int8:
        export = add_int8(export, lambda: check_pairs(export))
    return export, True


def _export_checked(model, tokenizer, made: OnnxExport, task: str) -> tuple[dict | None, float]:
    """Write made.model_file, fused where the fusions apply and it still matches torch, else the plain dynamo
    export (checked in turn: ModelMissingError when that differs too); returns (fused counts or None, max diff)."""
    graph = _graph(model, made.inputs, task)
    sample = _sample(tokenizer, task, TRACE_TEXTS, made.inputs)
    fused = fused_export(graph, sample, made.inputs, OUTPUTS[task], model.config, made.model_file)
    if fused is not None:
        try:
            return fused, _check(model, tokenizer, made, task)
        except ModelMissingError as err:
            log.warning("the fused graph differs from torch (%s): exporting the plain graph", err)
    _trace(graph, sample, made.inputs, task, made.model_file)
    return None, _check(model, tokenizer, made, task)


def _meta(folder: Path) -> dict:
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def check_pairs(export: OnnxExport) -> tuple[dict, "np.ndarray"]:
    """The check (question, text) pairs as the export's tokenizer encodes them, and their context-token mask."""
    import numpy as np

    encodings = OnnxModel(export).tokenizer.encode_batch(list(zip(QUESTIONS, CHECK_TEXTS)))
    arrays = {"input_ids": pad_rows([e.ids for e in encodings], export.pad_id),
              "attention_mask": pad_rows([e.attention_mask for e in encodings], 0),
              "token_type_ids": pad_rows([e.type_ids for e in encodings], 0)}
    context = pad_rows([[int(i == 1) for i in e.sequence_ids] for e in encodings], 0).astype(bool)
    return {k: v for k, v in arrays.items() if k in export.inputs}, np.asarray(context)


def _load(model_dir: Path, task: str):
    try:
        import torch
        from transformers import AutoModel, AutoModelForQuestionAnswering, AutoTokenizer
    except ImportError as err:
        raise DependencyMissingError(f"exporting needs torch and transformers ({err})") from err
    if not (model_dir / "config.json").exists():
        raise ModelMissingError(f"{model_dir} is not a transformers model folder (no config.json): give a local folder")
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    if not getattr(tokenizer, "is_fast", False):
        raise ModelMissingError(f"{model_dir} has no fast tokenizer (tokenizer.json): it cannot be exported")
    auto = AutoModelForQuestionAnswering if task == "question-answering" else AutoModel
    # eager attention: the pattern embeddings.onnx_fuse fuses
    return tokenizer, eager(auto.from_pretrained, str(model_dir), dtype=torch.float32).eval()


def _sample(tokenizer, task: str, texts: list[str], inputs: tuple[str, ...]) -> dict:
    """Padded int64 tensors of the model's inputs for some texts (question + text pairs for QA)."""
    pairs = (QUESTIONS[:len(texts)], texts) if task == "question-answering" else (texts,)
    encoded = tokenizer(*pairs, padding=True, return_tensors="pt")
    return {name: encoded[name] for name in inputs}


# what each task's graph returns: the encoder's last hidden state, the reader's start and end logits
OUTPUTS = {"feature-extraction": ("last_hidden_state",), "question-answering": ("start_logits", "end_logits")}


def _outputs(task: str, out) -> tuple:
    return tuple(getattr(out, name) for name in OUTPUTS[task])


def _graph(model, inputs: tuple[str, ...], task: str):
    """The model as a torch module taking its inputs in order and returning the task's outputs as a tuple."""
    import torch

    class Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            return _outputs(task, self.model(**dict(zip(inputs, tensors))))

    return Graph().eval()  # a new module trains; the TorchScript exporter would leave the model training


def _trace(graph, sample: dict, inputs: tuple[str, ...], task: str, path: Path) -> None:
    """The dynamo export (any architecture torch.export handles)."""
    import torch

    model = graph.model
    batch = torch.export.Dim("batch")
    length = torch.export.Dim("length", max=min(int(getattr(model.config, "max_position_embeddings", 512)), 512))
    quiet = logging.getLogger("torch.onnx")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # "torchvision is not installed" and the like, once per operator
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            torch.onnx.export(graph, tuple(sample[n] for n in inputs), str(path), dynamo=True, external_data=False,
                              input_names=list(inputs), output_names=list(OUTPUTS[task]),
                              dynamic_shapes=(tuple({0: batch, 1: length} for _ in inputs),), verbose=False)
    except ImportError as err:
        raise DependencyMissingError(f"exporting needs onnx and onnxscript: `pip install onnx onnxscript` ({err})") from err
    finally:
        quiet.setLevel(level)


def _save_tokenizer(tokenizer, path: Path) -> None:
    """The fast tokenizer as transformers builds it, without the truncation or padding of its last call."""
    from tokenizers import Tokenizer

    backend = Tokenizer.from_str(tokenizer.backend_tokenizer.to_str())
    backend.no_truncation()
    backend.no_padding()
    backend.save(str(path))


def _check(model, tokenizer, export: OnnxExport, task: str) -> float:
    """The largest |torch - onnx| output on texts of another batch size and length than the traced ones."""
    import numpy as np
    import torch

    sample = _sample(tokenizer, task, CHECK_TEXTS, export.inputs)
    with torch.inference_mode():
        expected = [t.float().numpy() for t in _outputs(task, model(**sample))]
    got = OnnxModel(export).run({k: v.numpy() for k, v in sample.items()})
    diff = max(float(np.abs(e - g).max()) for e, g in zip(expected, got))
    if not diff <= TOLERANCE:
        raise ModelMissingError(f"the ONNX export of {export.source} differs from torch by {diff:.2g} "
                                f"(over {TOLERANCE}): keep QA_BACKEND=torch for this model")
    log.info("exported %s (%s): max |torch - onnx| = %.2g", export.source, task, diff)
    return diff


def _drop_older(folder: Path, source: str) -> None:
    """Remove this model's earlier exports (other fingerprints) for the same task."""
    stem = folder.name.rsplit("-", 1)[0]
    for other in folder.parent.glob(f"{stem}-*"):
        if other == folder or not (other / "meta.json").exists():
            continue
        try:
            same = json.loads((other / "meta.json").read_text(encoding="utf-8")).get("source") == source
        except (OSError, ValueError):
            same = False
        if same:
            shutil.rmtree(other, ignore_errors=True)


__all__ = ["TASKS", "export_model"]
