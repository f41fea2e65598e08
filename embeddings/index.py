"""The index folder: FAISS vectors, passages (JSON Lines), BM25 state and a manifest, written atomically."""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from embeddings.chunking import ChunkSpec
from embeddings.encoders import Encoder
from embeddings.errors import IndexMismatchError, IndexNotFoundError, InputError
from embeddings.index_check import check_manifest, check_reports, check_vectors, read_part
from embeddings.index_lock import build_lock, check_out_folder, clear_leftovers
from embeddings.ingest import load_collection
from embeddings.keyword import KeywordIndex
from embeddings.loaders import find_files
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST, VECTORS, PASSAGES, REPORTS, BM25_DIR = "manifest.json", "vectors.faiss", "passages.jsonl", "reports.jsonl", "bm25"
INDEX_TYPES = ("flat", "hnsw")


@dataclass
class Index:
    """A loaded index: passages, reports, the FAISS index, BM25 and the manifest."""

    folder: Path
    manifest: dict
    passages: list[Passage]
    reports: list[Report]
    vectors: object  # faiss.Index
    keyword: KeywordIndex


def fingerprint(paths: list[str | Path], encoder_name: str, spec: ChunkSpec, index_type: str) -> tuple[str, list[dict]]:
    """A hash of the source files' bytes and every setting that shapes the index."""
    sources = [{"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in find_files(paths)]
    settings = {"format": FORMAT_VERSION, "encoder": encoder_name, "chunking": asdict(spec), "index_type": index_type,
                "code": _ingest_code_hash()}
    blob = json.dumps({"sources": [s["sha256"] for s in sources], "settings": settings}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16], sources


def _ingest_code_hash() -> str:
    """A hash of the code that shapes passages, so that changing it rebuilds old indexes."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("loaders.py", "normalize.py", "pdf.py", "reports.py", "chunking.py", "places.py", "ingest.py",
                 "keyword.py", "types.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def build_index(paths: list[str | Path], folder: str | Path, encoder: Encoder, *, spec: ChunkSpec = ChunkSpec(),
                index_type: str = "flat", progress: bool = False) -> Path:
    """Ingest, encode and write an index folder atomically; an existing index is replaced only on success.

    One build per folder at a time (IndexBusyError for a second one); a killed build's leftovers go first.
    """
    if index_type not in INDEX_TYPES:
        raise InputError(f"index type must be one of {INDEX_TYPES}, got {index_type!r}")
    folder = Path(folder)
    with build_lock(folder):
        clear_leftovers(folder)
        _build(paths, folder, encoder, spec=spec, index_type=index_type, progress=progress)
    return folder


def _build(paths: list[str | Path], folder: Path, encoder: Encoder, *, spec: ChunkSpec, index_type: str,
           progress: bool) -> None:
    started = time.perf_counter()
    key, sources = fingerprint(paths, encoder.name, spec, index_type)
    reports, passages = load_collection(paths, spec=spec)
    vectors = encoder.encode([p.index_text for p in passages], progress=progress)
    manifest = {
        "format_version": FORMAT_VERSION, "fingerprint": key, "encoder": encoder.name, "dim": int(vectors.shape[1]),
        "normalized": True, "metric": "inner_product", "index_type": index_type, "chunking": asdict(spec),
        "passages": len(passages), "reports": len(reports), "sources": sources,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        _write(tmp, manifest, passages, reports, vectors, index_type)
        manifest["build_seconds"] = round(time.perf_counter() - started, 2)
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _swap_into_place(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("built index %s: %d passages from %d reports in %.1fs", folder, len(passages), len(reports),
             manifest["build_seconds"])


def _write(tmp: Path, manifest: dict, passages: list[Passage], reports: list[Report], vectors: np.ndarray,
           index_type: str) -> None:
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT) if index_type == "hnsw" \
        else faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(tmp / VECTORS))
    _write_jsonl(tmp / PASSAGES, (p.to_dict() for p in passages))
    _write_jsonl(tmp / REPORTS, (asdict(r) for r in reports))
    KeywordIndex.build([p.index_text for p in passages]).save(tmp / BM25_DIR)


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _swap_into_place(tmp: Path, folder: Path) -> None:
    """Rename the new folder into place; the old one is removed only after the new one is there."""
    old = folder.with_name(f".{folder.name}.old-{int(time.time() * 1000)}")
    if folder.exists():
        check_out_folder(folder)
        folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def load_index(folder: str | Path, *, encoder_name: str | None = None) -> Index:
    """Load and check an index folder: every file's shape, and the files against each other and the
    manifest; raises IndexNotFoundError or IndexMismatchError naming the damaged file and the fix."""
    import faiss

    folder = Path(folder)
    manifest = read_manifest(folder)
    if encoder_name and manifest["encoder"] != encoder_name:
        raise IndexMismatchError(f"index {folder} was built with encoder {manifest['encoder']!r}, settings ask for "
                                 f"{encoder_name!r}: rebuild it with `qa index --out {folder}` or use that encoder")
    passages = read_part(folder / PASSAGES, lambda p: [Passage.from_dict(row) for row in _read_jsonl(p)])
    reports = read_part(folder / REPORTS, lambda p: [Report(**{**row, "places": tuple(row.get("places", ()))})
                                                     for row in _read_jsonl(p)])
    check_reports(folder, manifest, reports, passages)
    vectors = read_part(folder / VECTORS, lambda p: faiss.read_index(str(p)))
    keyword = read_part(folder / BM25_DIR, KeywordIndex.load)
    check_vectors(folder, manifest, vectors, keyword.size)
    return Index(folder, manifest, passages, reports, vectors, keyword)


def read_manifest(folder: Path) -> dict:
    """The folder's manifest, checked: IndexNotFoundError when there is none, IndexMismatchError when damaged."""
    path = folder / MANIFEST
    if not path.exists():
        what, zh = ("is not an index folder", "不是索引文件夹") if folder.is_dir() else ("does not exist", "不存在")
        raise IndexNotFoundError(f"no index at {folder} (it {what}: no {MANIFEST}): build one with "
                                 f"`qa index --out {folder} [REPORTS...]`",
                                 zh=f"{folder} {zh}（没有 {MANIFEST}）：请先用 `qa index --out {folder} [报告文件…]` 建立索引")
    manifest = read_part(path, lambda p: json.loads(p.read_text(encoding="utf-8")))
    if isinstance(manifest, dict) and manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(f"index {folder} has format {manifest.get('format_version')}, this version reads "
                                 f"{FORMAT_VERSION}: rebuild it with `qa index --out {folder}`")
    return check_manifest(path, manifest)


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if not all(isinstance(row, dict) for row in rows):
        raise ValueError("a line is not a JSON object")
    return rows


def ensure_index(paths: list[str | Path], folder: str | Path, encoder: Encoder, *, spec: ChunkSpec = ChunkSpec(),
                 index_type: str = "flat", progress: bool = False) -> Index:
    """Reuse the index at folder when its sources and settings are unchanged, else (re)build it."""
    folder = Path(folder)
    key, _ = fingerprint(paths, encoder.name, spec, index_type)
    try:
        if read_manifest(folder).get("fingerprint") == key:
            return load_index(folder, encoder_name=encoder.name)
        log.info("index %s is out of date (sources or settings changed): rebuilding", folder)
    except (IndexNotFoundError, IndexMismatchError) as exc:
        log.info("%s; building", exc)
    build_index(paths, folder, encoder, spec=spec, index_type=index_type, progress=progress)
    return load_index(folder, encoder_name=encoder.name)
