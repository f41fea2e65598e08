"""The index folder: FAISS vectors, passages (JSON Lines), BM25 state and a manifest, written atomically."""
from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from embeddings.chunking import ChunkSpec
from embeddings.encoders import Encoder
from embeddings.errors import IndexMismatchError, IndexNotFoundError, InputError
from embeddings.fingerprint import FORMAT_VERSION, fingerprint, fingerprint_of, source_hashes  # noqa: F401
from embeddings.index_check import check_manifest, check_reports, check_vectors, read_part
from embeddings.index_checksums import Verification, file_table, manifest_checksum, verify_file, verify_manifest
from embeddings.index_lock import build_lock, check_out_folder, clear_leftovers
from embeddings.ingest import read_collection
from embeddings.keyword import KeywordIndex, tokenize
from embeddings.passage_table import PassageTable, write_passages
from embeddings.reuse import encode_reusing, keep_numbers
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)

MANIFEST, VECTORS, PASSAGES, REPORTS, BM25_DIR = "manifest.json", "vectors.faiss", "passages.jsonl", "reports.jsonl", "bm25"
COLUMNS, TOKENS = "columns.npz", "tokens.npz"
INDEX_TYPES = ("flat", "ivf", "hnsw", "auto")
# "auto": exact search below this many passages, IVF from it (exact search at 10^5 passages: ~50 ms a query on
# 2 cores; an IVF index at 10^6 builds in about a minute, HNSW over random-like vectors took over 20)
APPROXIMATE_FROM = 100_000


@dataclass
class Index:
    """A loaded index: passages (read from disk on demand), reports, the FAISS index, BM25, the manifest and
    the per-passage columns (`report`: report numbers, `hash`: index-text hashes)."""

    folder: Path
    manifest: dict
    passages: Sequence[Passage]
    reports: list[Report]
    vectors: object  # faiss.Index
    keyword: KeywordIndex
    columns: dict[str, np.ndarray]


def build_index(paths: list[str | Path], folder: str | Path, encoder: Encoder, *, spec: ChunkSpec = ChunkSpec(),
                index_type: str = "flat", progress: bool = False, reuse: bool = True) -> Path:
    """Ingest, encode and write an index folder atomically; an existing index is replaced only on success,
    and (with `reuse`) lends its vectors and report numbers.

    One build per folder at a time (IndexBusyError for a second one); a killed build's leftovers go first.
    """
    if index_type not in INDEX_TYPES:
        raise InputError(f"index type must be one of {INDEX_TYPES}, got {index_type!r}")
    folder = Path(folder)
    with build_lock(folder):
        clear_leftovers(folder)
        _build(paths, folder, encoder, spec=spec, index_type=index_type, progress=progress, reuse=reuse)
    return folder


def _build(paths: list[str | Path], folder: Path, encoder: Encoder, *, spec: ChunkSpec, index_type: str,
           progress: bool, reuse: bool) -> None:
    """Ingest and write; an index already in the folder lends its vectors (same texts are not encoded
    again) and its report numbers (a report keeps its number when others are added)."""
    started = time.perf_counter()
    key, sources = fingerprint(paths, encoder.name, spec, index_type)
    collection = read_collection(paths, spec=spec, progress=progress)
    reports, passages = collection.reports, collection.passages
    previous = _previous(folder) if reuse else None
    edited = previous is not None and previous.manifest.get("edited") and \
        {s["path"] for s in previous.manifest["sources"]} == {s["path"] for s in sources}
    if previous is not None:
        removed = {tuple(k) for k in previous.manifest.get("removed", [])} if edited else set()
        reports, passages = keep_numbers(previous.reports, reports, passages, removed=removed)
    vectors = encode_reusing(encoder, passages, previous, progress=progress)
    manifest = {
        "format_version": FORMAT_VERSION, "fingerprint": key, "encoder": encoder.name, "dim": int(vectors.shape[1]),
        "normalized": True, "metric": "inner_product", "index_type": resolve_index_type(index_type, len(passages)),
        "requested_type": index_type,
        "chunking": asdict(spec), "passages": len(passages), "reports": len(reports), "sources": sources,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "skipped": [s.to_dict() for s in collection.skipped],  # files that could not be read, with the reason
        "warnings": [s.to_dict() for s in collection.warnings],  # pages left out of files read (OCR read nothing)
    }
    if edited:  # rebuilt from its own files (changed, or new code): it stays an edited index
        manifest.update(edited=True, removed=previous.manifest.get("removed", []))
    write_version(folder, manifest, reports, passages, vector_index(vectors, index_type), started=started)


def _previous(folder: Path) -> "Index | None":
    """The index now in the folder, if one loads (its vectors and numbers are reused), else None."""
    try:
        return load_index(folder) if (folder / MANIFEST).exists() else None
    except (IndexNotFoundError, IndexMismatchError) as exc:
        log.info("not reusing %s: %s", folder, exc)
        return None


def write_version(folder: Path, manifest: dict, reports: list[Report], passages: Iterable[Passage], vectors, *,
                  started: float, keyword: KeywordIndex | None = None, tokens: list[list[str]] | None = None) -> None:
    """Write a whole index (the FAISS index `vectors` given built) into a temporary folder beside `folder`
    and rename it into place: readers of the old version never see a half-written one. BM25 is built from
    `tokens` (each passage's, in order) when given, else from the passages' texts; the tokens are kept."""
    import faiss

    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        faiss.write_index(vectors, str(tmp / VECTORS))
        columns = write_passages(tmp / PASSAGES, passages)
        np.savez(tmp / COLUMNS, **columns)
        _write_jsonl(tmp / REPORTS, (asdict(r) for r in reports))
        if keyword is None:
            if tokens is None:
                tokens = [tokenize(t) for t in PassageTable(tmp / PASSAGES, columns["offsets"]).index_texts()]
            keyword = KeywordIndex.from_tokens(tokens)
            KeywordIndex.save_tokens(tmp / TOKENS, tokens)
        keyword.save(tmp / BM25_DIR)
        manifest.update(passages=len(columns["report"]), reports=len(reports), dim=int(vectors.d),
                        build_seconds=round(time.perf_counter() - started, 2), files=file_table(tmp))
        manifest["checksum"] = manifest_checksum(manifest)
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _swap_into_place(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("wrote index %s: %d passages from %d reports in %.1fs", folder, manifest["passages"], len(reports),
             manifest["build_seconds"])


def resolve_index_type(index_type: str, n: int) -> str:
    """"auto" as "flat" or "ivf" by the number of passages: resolve_index_type("auto", 1500) -> "flat"."""
    if index_type != "auto":
        return index_type
    return "ivf" if n >= APPROXIMATE_FROM else "flat"


def vector_index(vectors: np.ndarray, index_type: str):
    """A FAISS inner-product index over the vectors: exact ("flat"), IVF (sqrt(n) lists, k-means on a
    sample), HNSW, or chosen by size ("auto")."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    chosen = resolve_index_type(index_type, len(vectors))
    d = vectors.shape[1]
    if chosen == "hnsw":
        index = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 64
    elif chosen == "ivf":
        lists = max(1, int(np.sqrt(len(vectors))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), 40 * lists), replace=False)
        index.train(vectors[np.sort(sample)])
        index.nprobe = IVF_PROBES
        index.make_direct_map()  # reconstruct() by id: incremental changes copy vectors out
    else:  # exact
        index = faiss.IndexFlatIP(d)
    index.add(vectors)
    return index


IVF_PROBES = 32  # lists searched per query


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
    """Load and check an index folder: every file's size and checksum (once per process), its shape, and the
    files against each other and the manifest; raises IndexNotFoundError, or IndexMismatchError
    (IndexDamagedError for a damaged file) naming the file and the fix."""
    import faiss

    folder = Path(folder)
    manifest = read_manifest(folder)
    if encoder_name and manifest["encoder"] != encoder_name:
        raise IndexMismatchError(f"index {folder} was built with encoder {manifest['encoder']!r}, settings ask for "
                                 f"{encoder_name!r}: rebuild it with `qa index --out {folder}` or use that encoder")
    checked = Verification(folder, manifest, (COLUMNS, PASSAGES, REPORTS, VECTORS, BM25_DIR))  # in reading order
    columns = read_part(checked.ready(COLUMNS), _read_columns)
    passages = read_part(checked.ready(PASSAGES), lambda p: PassageTable(p, columns["offsets"]))
    reports = read_part(checked.ready(REPORTS), lambda p: [Report(**{**row, "places": tuple(row.get("places", ()))})
                                                           for row in _read_jsonl(p)])
    check_reports(folder, manifest, reports, passages, columns)
    vectors = read_part(checked.ready(VECTORS), lambda p: faiss.read_index(str(p)))
    keyword = read_part(checked.ready(BM25_DIR), KeywordIndex.load)
    check_vectors(folder, manifest, vectors, keyword.size)
    return Index(folder, manifest, passages, reports, vectors, keyword, columns)


def passage_tokens(index: Index) -> list[list[str]]:
    """Each passage's BM25 tokens: from the folder's tokens.npz (checked against the manifest), or tokenized
    again when the index has none."""
    path, entry = index.folder / TOKENS, index.manifest["files"].get(TOKENS)
    if entry is not None:
        verify_file(path, entry)
    tokens = read_part(path, KeywordIndex.load_tokens) if entry is not None else None
    if tokens is None or len(tokens) != len(index.passages):
        tokens = [tokenize(t) for t in index.passages.index_texts()]
    return tokens


def _read_columns(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        columns = {name: data[name] for name in ("offsets", "report", "hash")}
    if not len(columns["offsets"]) == len(columns["report"]) + 1 == len(columns["hash"]) + 1:
        raise ValueError("its columns differ in length")
    return columns


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
                                 f"{FORMAT_VERSION} (each file's checksum; each PDF passage's pages): rebuild it "
                                 f"with `qa index --force --out {folder}`",
                                 zh=f"索引 {folder} 的格式是 {manifest.get('format_version')}，本版本读取格式 "
                                    f"{FORMAT_VERSION}：请用 `qa index --force --out {folder}` 重建索引")
    verify_manifest(path, check_manifest(path, manifest))
    return manifest


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if not all(isinstance(row, dict) for row in rows):
        raise ValueError("a line is not a JSON object")
    return rows


def ensure_index(paths: list[str | Path], folder: str | Path, encoder: Encoder, *, spec: ChunkSpec = ChunkSpec(),
                 index_type: str = "flat", progress: bool = False, keep_edited: bool = True) -> Index:
    """Reuse the index at folder when its sources and settings are unchanged, else (re)build it, encoding
    only new or changed passages. With `keep_edited`, an index changed by `qa index --add/--remove` (or an
    upload in the chat) answers for its own files, not for `paths` (the default corpus): it is kept while
    they are unchanged, else rebuilt from them."""
    folder = Path(folder)
    key, _ = fingerprint(paths, encoder.name, spec, index_type)
    try:
        manifest = read_manifest(folder)
        if manifest.get("fingerprint") == key:
            return load_index(folder, encoder_name=encoder.name)
        if manifest.get("edited") and keep_edited:
            paths = [s["path"] for s in manifest["sources"]]
            if fingerprint(paths, encoder.name, spec, index_type)[0] == manifest["fingerprint"]:
                log.info("index %s was changed with --add/--remove: kept (`qa index --force PATHS` starts it "
                         "again from PATHS)", folder)
                return load_index(folder, encoder_name=encoder.name)
        log.info("index %s is out of date (sources or settings changed): rebuilding", folder)
    except (IndexNotFoundError, IndexMismatchError) as exc:
        log.info("%s; building", exc)
    build_index(paths, folder, encoder, spec=spec, index_type=index_type, progress=progress)
    return load_index(folder, encoder_name=encoder.name)
