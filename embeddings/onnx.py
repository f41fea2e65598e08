"""ONNX Runtime copies of transformers models: the encoder and the reader without torch or transformers.

Importing torch and transformers and loading the models that way takes about 8 s of a fresh `qa ask`;
onnxruntime and tokenizers start in well under one. `qa export-onnx` (embeddings.onnx_export, which
needs torch) writes one export per model folder and task into the cache folder:

    <cache>/onnx/<folder name>-<task>-<fingerprint>/  model.onnx  tokenizer.json  meta.json

The fingerprint covers the model folder's path and its files' sizes and times, so a retrained or
replaced model has no export until it is exported again. Which runtime runs a model is a setting
(Settings.backend, QA_BACKEND): "auto" uses the export when there is one (torch otherwise), "onnx"
requires it, "torch" never uses it. The two give the same outputs to float rounding (checked when
exporting, and by tests on tiny models and the shipped ones).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.errors import DependencyMissingError, InputError, ModelMissingError
from embeddings.paths import cache_root

log = logging.getLogger(__name__)

BACKENDS = ("auto", "onnx", "torch")
# threads each ONNX Runtime session computes with (0: its own default, the cores); `set_threads` before loading
THREADS = {"intra_op": 0}


def set_threads(n: int) -> None:
    """Threads for ONNX Runtime sessions loaded from now on, e.g. 1 where several model calls run at once
    (`qa serve --workers 2`); 0 for ONNX Runtime's default.

    >>> set_threads(1); THREADS["intra_op"]
    1
    >>> set_threads(0)
    """
    if n < 0:
        raise InputError(f"ONNX Runtime threads must be >= 0, got {n}")
    THREADS["intra_op"] = n
TASKS = ("feature-extraction", "question-answering")
MODEL_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "sentencepiece.bpe.model",
               "model.safetensors", "pytorch_model.bin")
META_VERSION = 2  # 2: the reader's graph may be fused (embeddings.onnx_fuse); older exports are made again
INT8_FILE = "model.int8.onnx"  # the reader's int8 copy (embeddings.onnx_quantize), beside model.onnx


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise InputError(f"backend must be one of {list(BACKENDS)}, got {backend!r} (QA_BACKEND / Settings.backend)")
    return backend


def fingerprint(model_dir: str | Path) -> str:
    """A hash of the folder's resolved path and each model file's name, size and modification time."""
    folder = Path(model_dir).resolve()
    digest = hashlib.sha256(str(folder).encode())
    for name in MODEL_FILES:
        path = folder / name
        if path.exists():
            stat = path.stat()
            digest.update(f"|{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def export_folder(model_dir: str | Path, task: str) -> Path:
    """Where the export of a model folder for a task lives (whether or not it exists yet)."""
    if task not in TASKS:
        raise InputError(f"task must be one of {list(TASKS)}, got {task!r}")
    folder = Path(model_dir).resolve()
    slug = re.sub(r"[^\w.-]+", "-", folder.name) or "model"
    return cache_root() / "onnx" / f"{slug}-{task}-{fingerprint(folder)[:16]}"


@dataclass(frozen=True)
class OnnxExport:
    """An exported model: its folder, the inputs the graph takes and what the export check measured."""

    folder: Path
    task: str
    inputs: tuple[str, ...]
    pad_id: int
    hidden_size: int
    source: str
    max_abs_diff: float
    int8_checked: bool = False  # an int8 copy was made and picks fp32's spans on the check texts

    @property
    def model_file(self) -> Path:
        return self.folder / "model.onnx"

    @property
    def int8_file(self) -> Path | None:
        """The checked int8 copy of a reader's graph, or None (none made, or it failed its check)."""
        path = self.folder / INT8_FILE
        return path if self.int8_checked and path.exists() else None

    @property
    def tokenizer_file(self) -> Path:
        return self.folder / "tokenizer.json"

    @classmethod
    def read(cls, folder: Path) -> "OnnxExport":
        """The export in a folder; a damaged one is an error naming the fix."""
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            export = cls(folder, meta["task"], tuple(meta["inputs"]), int(meta["pad_id"]), int(meta["hidden_size"]),
                         meta["source"], float(meta["max_abs_diff"]), bool((meta.get("int8") or {}).get("kept")))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ModelMissingError(f"the ONNX export at {folder} is damaged ({err}): run `qa export-onnx --force`") from err
        missing = [p.name for p in (export.model_file, export.tokenizer_file) if not p.exists()]
        if missing:
            raise ModelMissingError(f"the ONNX export at {folder} lacks {missing}: run `qa export-onnx --force`")
        return export


def find_export(model_dir: str | Path, task: str) -> OnnxExport | None:
    """The up-to-date export of a local model folder for a task, or None (not a folder, or not exported)."""
    if not Path(model_dir).is_dir():
        return None
    folder = export_folder(model_dir, task)
    return OnnxExport.read(folder) if (folder / "meta.json").exists() else None


def choose_export(model_dir: str | Path, task: str, backend: str) -> OnnxExport | None:
    """The export to run for a backend setting, or None to run the model with torch.

    "torch" -> None; "onnx" -> the export, or ModelMissingError naming `qa export-onnx`; "auto" -> the
    export when there is one and onnxruntime is installed, else None (logged)."""
    if check_backend(backend) == "torch":
        return None
    export = find_export(model_dir, task)
    if backend == "onnx":
        if export is None:
            raise ModelMissingError(f"no ONNX export of {model_dir} ({task}): run `qa export-onnx`, "
                                    "or set QA_BACKEND=torch")
        if not _runtime_installed():
            raise DependencyMissingError("the onnx backend needs onnxruntime and tokenizers: "
                                         "`pip install onnxruntime tokenizers`, or set QA_BACKEND=torch")
        return export
    if export is None:
        log.info("no ONNX export of %s (%s): running it with torch; `qa export-onnx` makes start-up faster",
                 model_dir, task)
        return None
    if not _runtime_installed():
        log.info("onnxruntime or tokenizers is not installed: running %s with torch", model_dir)
        return None
    return export


def _runtime_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "tokenizers"))


class OnnxModel:
    """An ONNX Runtime session and the model's tokenizer, both created on first use (thread-safe).

    precision "int8" runs the export's int8 copy (ModelMissingError when it has none); `model_file` overrides
    the graph file (for checking a copy before it is kept)."""

    def __init__(self, export: OnnxExport, *, precision: str = "fp32", model_file: Path | None = None) -> None:
        if model_file is None and precision == "int8":
            model_file = export.int8_file
            if model_file is None:
                raise ModelMissingError(f"the ONNX export at {export.folder} has no checked int8 copy: run "
                                        "`qa export-onnx --force`, or set QA_READER_PRECISION=fp32")
        self.export = export
        self.precision = precision
        self.model_file = model_file or export.model_file
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime
            from tokenizers import Tokenizer

            try:
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                # no busy-waiting between runs, so that spinning threads leave the 2 cores to BM25, FAISS and
                # decoding: ask p50 over 80 dev questions 177-180 ms without, 174-192 ms with (within noise);
                # over 80 test questions 172-180 ms without, 232-236 ms with (README, Start-up; eval.warm_latency)
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                if THREADS["intra_op"]:
                    options.intra_op_num_threads = THREADS["intra_op"]
                session = onnxruntime.InferenceSession(str(self.model_file), options,
                                                       providers=["CPUExecutionProvider"])
                self._tokenizer = Tokenizer.from_file(str(self.export.tokenizer_file))
            except Exception as err:  # onnxruntime raises its own exception types for a damaged file
                raise ModelMissingError(f"cannot load the ONNX export at {self.export.folder} ({err}): "
                                        "run `qa export-onnx --force`") from err
            self._session = session
            log.info("loaded the ONNX export %s", self.export.folder)

    @property
    def tokenizer(self) -> Any:
        """The `tokenizers` Tokenizer (no truncation or padding set: callers set their own once)."""
        self.warm_up()
        return self._tokenizer

    def run(self, arrays: dict[str, np.ndarray]) -> list[np.ndarray]:
        """The graph's outputs for int64 inputs named like the model's (only those it takes are passed)."""
        self.warm_up()
        feed = {name: np.ascontiguousarray(arrays[name], dtype=np.int64) for name in self.export.inputs}
        return self._session.run(None, feed)


def pad_rows(rows: list[list[int]], value: int) -> np.ndarray:
    """Rows of token ids as one int64 array, padded on the right: pad_rows([[5, 6], [7]], 0) -> [[5, 6], [7, 0]]."""
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), width), value, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out
