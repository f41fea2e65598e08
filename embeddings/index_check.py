"""Checks of an index folder's files against each other: each error names the damaged file and the fix."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Callable, TypeVar

import numpy as np

from embeddings.index_checksums import damaged  # noqa: F401  (re-exported: the one damage error)

T = TypeVar("T")
# the manifest's keys and the types their values must have
MANIFEST_KEYS: dict[str, type | tuple[type, ...]] = {
    "format_version": int, "fingerprint": str, "encoder": str, "dim": int, "normalized": bool, "metric": str,
    "index_type": str, "chunking": dict, "passages": int, "reports": int, "sources": list,
}
HASHING = re.compile(r"^hashing(?:-(\d+))?(?:-\d+)?$")


def read_part(path: Path, read: Callable[[Path], T]) -> T:
    """read(path), with any failure to read or parse it named as damage to that file."""
    try:
        return read(path)
    except (OSError, ValueError, TypeError, KeyError, RuntimeError, AttributeError, IndexError, EOFError,
            zipfile.BadZipFile) as exc:
        raise damaged(path, f"{exc.__class__.__name__}: {str(exc)[:120]}") from exc


def check_manifest(path: Path, manifest: Any) -> dict:
    """The manifest when it is an object with every expected key of the expected type."""
    if not isinstance(manifest, dict):
        raise damaged(path, f"it holds a JSON {type(manifest).__name__}, not an object")
    for key, kind in MANIFEST_KEYS.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise damaged(path, f"{key!r} should be {getattr(kind, '__name__', kind)}, it is {value!r:.60}")
    if manifest["dim"] < 1 or manifest["passages"] < 1 or manifest["reports"] < 1:
        raise damaged(path, "dim, passages and reports must be >= 1")
    dim = encoder_dim(manifest["encoder"])
    if dim is not None and dim != manifest["dim"]:
        raise damaged(path, f"encoder {manifest['encoder']!r} makes {dim}-d vectors, the manifest says "
                            f"dim {manifest['dim']}")
    return manifest


def encoder_dim(name: str) -> int | None:
    """The dimension an encoder name implies without loading it: "hashing-128-2" -> 128; None if unknown."""
    match = HASHING.match(name)
    if not match:
        return None
    return int(match.group(1)) if match.group(1) else 256


CHECK_ALL_BELOW = 20_000  # passages checked one by one; a larger index has an even sample of this many checked


def check_reports(folder: Path, manifest: dict, reports: list, passages, columns: dict) -> None:
    """reports.jsonl, passages.jsonl and columns.npz agree with the manifest and with each other (offsets are
    the truth); every passage of an index below CHECK_ALL_BELOW passages, an even sample of a larger one."""
    reports_file, passages_file = folder / "reports.jsonl", folder / "passages.jsonl"
    if len(reports) != manifest["reports"]:
        raise damaged(reports_file, f"{len(reports)} reports, the manifest says {manifest['reports']}")
    if len(passages) != manifest["passages"]:
        raise damaged(passages_file, f"{len(passages)} passages, the manifest says {manifest['passages']}")
    texts = {r.number: r.text for r in reports}
    if len(texts) != len(reports):
        raise damaged(reports_file, "report numbers repeat")
    n = len(passages)
    for i in (range(n) if n <= CHECK_ALL_BELOW else np.linspace(0, n - 1, CHECK_ALL_BELOW).astype(int)):
        p = passages[i]
        if int(columns["report"][i]) != p.report:
            raise damaged(folder / "columns.npz", f"row {i} says report {columns['report'][i]}, passage {p.id} "
                                                  f"belongs to report {p.report}")
        if p.report not in texts:
            raise damaged(passages_file, f"passage {p.id} belongs to report {p.report}, which reports.jsonl lacks")
        if texts[p.report][p.start:p.end] != p.text:
            raise damaged(passages_file, f"passage {p.id}'s text is not report {p.report}'s text at "
                                         f"[{p.start}:{p.end}]")


def check_vectors(folder: Path, manifest: dict, vectors: Any, keyword_size: int) -> None:
    """The FAISS file and BM25 state hold one row per passage, of the manifest's dimension."""
    if vectors.d != manifest["dim"]:
        raise damaged(folder / "vectors.faiss", f"{vectors.d}-d vectors, the manifest (encoder "
                                                f"{manifest['encoder']!r}) says {manifest['dim']}")
    if vectors.ntotal != manifest["passages"]:
        raise damaged(folder / "vectors.faiss", f"{vectors.ntotal} vectors for {manifest['passages']} passages")
    if keyword_size != manifest["passages"]:
        raise damaged(folder / "bm25", f"{keyword_size} documents for {manifest['passages']} passages")
