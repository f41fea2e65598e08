"""Settings: every model and path is a setting, overridable by QA_* environment variables."""
from __future__ import annotations

import argparse
import math
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable

from embeddings.errors import InputError
from embeddings.onnx import check_backend
from embeddings.onnx_quantize import check_precision
from embeddings.paths import cache_root
from qa.text import check_query  # noqa: F401  (re-exported: the one check of user text)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INDEX_DIR = ROOT / "indexes" / "default"


MAX_K = 100  # passages one search or question may ask for (the HTTP service's limit too)


def _env_list(name: str, default: list[str]) -> list[str]:
    """Paths joined by ':' from the environment; set but naming none ("::") is an error, not the empty list."""
    value = os.environ.get(name)
    if not value:
        return default
    paths = [p for p in value.split(os.pathsep) if p.strip()]
    if not paths:
        raise InputError(f"{name} names no path, got {value!r}: give folders or files joined by "
                         f"{os.pathsep!r}, or unset it", zh=f"{name} 没有给出任何路径，现为 {value!r}")
    return paths


ABSTAIN_CHECKS = ("unknown_place", "other_place", "other_unit", "uncounted", "other_kind")


# How far below the no-answer threshold a best span of the asked type is still shown as 可能的答案 (hedged, 低)
# beside the "not found": chosen on dev (docs/results.md, "Seventeenth session").
HEDGE_BAND = 4.0
# The margin a whole list answer gains for a question asking several things (qa.reading.list_margin): dev-chosen.
LIST_CREDIT = 9.0
# The margin a table cell gains when the question names its row (qa.reading.row_margin): chosen on the new users' sets.
ROW_CREDIT = 10.0
# How far below the threshold a figure of the asked kind with its unit is lifted to it (qa.reading.unit_margin).
UNIT_CREDIT = 5.5


def _env_int(name: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole-number setting from the environment: QA_K=8 -> 8; a bad value names itself and the fix."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise InputError(f"{name} must be a whole number >= {minimum}, got {value!r}: unset it or give e.g. "
                         f"{name}={default}", zh=f"{name} 应为不小于 {minimum} 的整数，现为 {value!r}")
    if maximum is not None and number > maximum:
        raise InputError(f"{name} must be at most {maximum}, got {value!r}: unset it or give e.g. {name}={default}",
                         zh=f"{name} 不能大于 {maximum}，现为 {value!r}")
    return number


def _env_yes_no(name: str, default: bool) -> bool:
    """A yes/no setting from the environment: 1/0, true/false, yes/no, on/off; anything else names itself
    (QA_QUANTIZE_QUERIES=maybe is an error, not a yes)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise InputError(f"{name} must be 1/0, true/false or yes/no, got {value!r}",
                     zh=f"{name} 应为 1/0、true/false 或 yes/no，现为 {value!r}")


def _env_float(name: str, default: float | None, *, minimum: float = -math.inf) -> float | None:
    """A number setting from the environment, or "none": QA_HEDGE_BAND=2.5 -> 2.5; a bad value names itself."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    if value.strip().lower() == "none":
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not math.isfinite(number) or number < minimum:
        bounded = minimum > -math.inf
        least, zh_least = (f" of at least {minimum:g}", f"不小于 {minimum:g} 的") if bounded else ("", "")
        raise InputError(f"{name} must be a number{least} or 'none', got {value!r}: unset it or give e.g. "
                         f"{name}={default}", zh=f"{name} 应为{zh_least}数字或 none，现为 {value!r}")
    return number


def _env_checks() -> tuple[str, ...]:
    value = os.environ.get("QA_ABSTAIN_CHECKS")
    if value is None:
        return ABSTAIN_CHECKS
    chosen = tuple(c.strip() for c in value.split(",") if c.strip() and c.strip() != "none")
    bad = sorted(set(chosen) - set(ABSTAIN_CHECKS))
    if bad:
        raise InputError(f"QA_ABSTAIN_CHECKS names unknown checks {bad}: choose from {list(ABSTAIN_CHECKS)} or 'none'")
    return chosen


@dataclass(frozen=True)
class Settings:
    """Where the corpus, index and models are, and the knobs of retrieval and reading.

    Environment: QA_CORPUS (paths joined by ':'), QA_INDEX_DIR, QA_INDEX_TYPE, QA_STORE, QA_MILVUS_URI,
    QA_MILVUS_COLLECTION, QA_ENCODER, QA_READER, QA_K, QA_QUANTIZE_QUERIES, QA_ABSTAIN_CHECKS,
    QA_UI_TITLE and QA_UI_DESCRIPTION (the chat UI's heading; default: the collection's), QA_CACHE_DIR, QA_BACKEND,
    QA_READER_PRECISION.
    """

    corpus: list[str] = field(default_factory=lambda: _env_list("QA_CORPUS", [str(ROOT / "data" / "corpus")]))
    index_dir: str = field(default_factory=lambda: os.environ.get("QA_INDEX_DIR", str(DEFAULT_INDEX_DIR)))
    encoder: str = field(default_factory=lambda: os.environ.get("QA_ENCODER", "m3e-small"))
    reader: str = field(default_factory=lambda: os.environ.get("QA_READER", str(ROOT / "models" / "reader")))
    k: int = field(default_factory=lambda: _env_int("QA_K", 5, maximum=MAX_K))
    # "auto": exact search below embeddings.index.HNSW_FROM passages, HNSW from there; or "flat" / "hnsw"
    index_type: str = field(default_factory=lambda: os.environ.get("QA_INDEX_TYPE", "auto"))
    # Where passages live: "faiss" (the index folder, embedded) or "milvus" (QA_MILVUS_URI: a local file runs
    # Milvus Lite in-process, http://host:19530 a Milvus server or cluster; one collection per index)
    store: str = field(default_factory=lambda: os.environ.get("QA_STORE", "faiss"))
    milvus_uri: str = field(default_factory=lambda: os.environ.get("QA_MILVUS_URI", str(ROOT / "indexes" / "milvus.db")))
    milvus_collection: str = field(default_factory=lambda: os.environ.get("QA_MILVUS_COLLECTION", "reports"))
    # Encode queries with an int8 copy of the encoder on torch (passages stay fp32). Off by default since the
    # encoder runs on ONNX Runtime (embeddings.onnx): full-precision queries are as fast there, need no torch
    # at start-up, and on the dev split gave hybrid hit@1 0.936 vs 0.930, answers EM 87.6 vs 87.0.
    quantize_queries: bool = field(default_factory=lambda: _env_yes_no("QA_QUANTIZE_QUERIES", False))
    rrf_k: int = 60
    dense_weight: float = 0.5  # RRF weights, tuned on the dev split: BM25 over jieba is the stronger retriever here
    bm25_weight: float = 1.0
    candidates: int = 50
    max_query_chars: int = 500
    # Passages the reader may read: 3 was chosen on dev over 2 (one answerable question fewer abstained on,
    # same EM and unanswerable recall; p95 ask latency 142 -> 216 ms).
    reader_top_k: int = 3
    # Read passages 2..reader_top_k only when the top passage's best margin is below this (None: always
    # read them all). Chosen on the dev split for the shipped reader: as accurate, ~40% less reading.
    read_more_below: float | None = 4.0
    no_answer_threshold: float | None = None  # None: the value calibrated into the reader's folder
    # A list question (哪些城市…) reads the best passage of at most this many places, the most promising first: a
    # count, not a time budget, so an answer never depends on the machine's load (all 32 shipped places: ~7 s here).
    list_places: int = 16
    # Which places naming a list's thing are listed, in a scope of 8 places or more: the model fitted on the dev lists
    # (qa.list_choice; QA_LIST_CHOICE=0: the rules of qa.lists, as in smaller scopes). docs/results.md, "Eighth session".
    list_choice: bool = field(default_factory=lambda: os.environ.get("QA_LIST_CHOICE", "1") != "0")
    # The rule checks of qa.reading.abstain.decide that run after the threshold (QA_ABSTAIN_CHECKS, comma-separated;
    # "none" for none): each one's effect with and without it is measured in the README.
    abstain_checks: tuple[str, ...] = field(default_factory=lambda: _env_checks())
    # A best span of the asked type whose margin is below the threshold by at most this is shown as 可能的答案
    # (hedged, 低) beside the "not found" (QA_HEDGE_BAND, >= 0; "none": never). It travels with the threshold, so a
    # retrained reader's hedges stay where its own "not found" starts. Measured on dev and held out in docs/results.md.
    hedge_band: float | None = field(default_factory=lambda: _env_float("QA_HEDGE_BAND", HEDGE_BAND, minimum=0.0))
    # The margin a whole list (three items or more) gains when the question asks for several things (哪些 / 哪几;
    # qa.reading.list_margin; QA_LIST_CREDIT, >= 0; 0: none). Chosen on dev in docs/results.md, "Twenty-second session".
    list_credit: float = field(default_factory=lambda: _env_float("QA_LIST_CREDIT", LIST_CREDIT, minimum=0.0) or 0.0)
    # The margin a whole table cell gains when the question names its row (qa.reading.row_margin; QA_ROW_CREDIT, >= 0;
    # 0: none). Chosen on the new users' collections in docs/results.md, "Twenty-third session".
    row_credit: float = field(default_factory=lambda: _env_float("QA_ROW_CREDIT", ROW_CREDIT, minimum=0.0) or 0.0)
    # How far below the threshold a figure of the asked kind with its unit may lie and still be lifted to it, given at
    # the lowest confidence (qa.reading.unit_margin; QA_UNIT_CREDIT, >= 0; 0: none). docs/results.md, "Twenty-sixth session".
    unit_credit: float = field(default_factory=lambda: _env_float("QA_UNIT_CREDIT", UNIT_CREDIT, minimum=0.0) or 0.0)
    # A question the reader abstains on is read again in its top passage's words (qa.reworded; QA_REWORD=0: never).
    reword: bool = field(default_factory=lambda: os.environ.get("QA_REWORD", "1") != "0")
    ui_title: str = field(default_factory=lambda: os.environ.get("QA_UI_TITLE", ""))
    ui_description: str = field(default_factory=lambda: os.environ.get("QA_UI_DESCRIPTION", ""))
    cache_dir: str = field(default_factory=lambda: str(cache_root()))
    # What runs the encoder and the reader (embeddings.onnx): "auto" = their ONNX exports on ONNX Runtime when
    # `qa export-onnx` made them (a fresh `qa ask` then imports neither torch nor transformers), else torch;
    # "onnx" requires the exports; "torch" never uses them. Outputs agree to float rounding.
    backend: str = field(default_factory=lambda: os.environ.get("QA_BACKEND", "auto"))
    # The reader's ONNX graph: "fp32", or "int8", its copy made by `qa export-onnx --int8` (embeddings.onnx_quantize):
    # ~27% faster, but its answers agree with fp32 on only 93% of the gold questions (docs/results.md).
    reader_precision: str = field(default_factory=lambda: os.environ.get("QA_READER_PRECISION", "fp32"))

    def __post_init__(self) -> None:
        check_backend(self.backend)
        if Path(self.cache_dir).exists() and not Path(self.cache_dir).is_dir():  # else the exports are silently
            raise InputError(f"QA_CACHE_DIR must be a folder, {self.cache_dir} is a file: give a folder (it is "  # not found
                             "created when missing) or unset it", zh=f"QA_CACHE_DIR 应为文件夹，{self.cache_dir} 是文件")
        check_precision(self.reader_precision)

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed; None values are ignored (handy for CLI flags)."""
        known = {f.name for f in fields(self)}
        bad = set(changes) - known
        if bad:
            raise InputError(f"unknown setting(s) {sorted(bad)}: known are {sorted(known)}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def check_k(k: int) -> int:
    """k as given when it is a whole number from 1 to MAX_K (JSON true is not 1, 10**9 is not "all")."""
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InputError(f"k must be an integer >= 1, got {k!r}")
    if k > MAX_K:
        raise InputError(f"k must be at most {MAX_K}, got {k}: ask for fewer passages", zh=f"k 不能大于 {MAX_K}，现为 {k}")
    return k


def builds_missing_index(settings: Settings) -> bool:
    """Whether loading may build the index: only the shipped default folder, only when it is absent.

    A folder the user names (--index, QA_INDEX_DIR) is never built or rebuilt behind their back."""
    folder = Path(settings.index_dir)
    return folder.resolve() == DEFAULT_INDEX_DIR.resolve() and not folder.exists()


def server_parser(prog: str, description: str, *, port: int) -> argparse.ArgumentParser:
    """The options every server command shares: where to listen and which index and reader to load."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port_number, default=port, help=f"port, 1-65535 (default {port})")
    parser.add_argument("--index", help="index folder (default: settings / QA_INDEX_DIR)")
    parser.add_argument("--reader", help="reader model folder (default: settings / QA_READER)")
    parser.add_argument("--fake", action="store_true", help="a tiny fake assistant (no models): for trying the plumbing")
    return parser


def port_number(text: str) -> int:
    """--port's type: a whole number 1-65535 ("99999" is an error, not some other port)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 1 to 65535, got {text!r}")
    return port


def count_of(what: str, most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to `most` ("0" or "two" is an error naming the option --what)."""
    def parse(text: str) -> int:
        if not text.strip().isdigit() or not 1 <= int(text) <= most:
            raise argparse.ArgumentTypeError(f"--{what} is a whole number from 1 to {most}, got {text!r}")
        return int(text)
    return parse


def check_port_free(host: str, port: int) -> None:
    """InputError, before anything loads, when the server could not listen on host:port (in use, or an address
    this machine does not have); the message names the port and the fix."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is free
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = port + 1 if port < 65535 else 8000
            raise InputError(f"port {port} on {host} is already in use (another `qa serve` or `qa ui`, or another "
                             f"program): stop it, or choose another port with --port {other}",
                             zh=f"端口 {port} 已被占用：请先停止占用它的程序，或用 --port 换一个端口") from exc
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}): give an address of this machine "
                         f"with --host (default 127.0.0.1) and a port you may use with --port",
                         zh=f"无法在 {host}:{port} 上监听：请检查 --host 和 --port") from exc
