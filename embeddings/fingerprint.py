"""What an index is built from: a hash of its source files, its settings and the code that shapes passages.
An index whose fingerprint differs from its sources' is rebuilt (embeddings.index.ensure_index)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from embeddings.chunking import ChunkSpec
from embeddings.loaders import find_files

# 2: columns.npz (passage offsets, report numbers, text hashes) beside passages.jsonl; 3: the manifest holds each
# file's size and checksums and its own checksum (an older index has nothing to verify its files by: rebuilt);
# 4: a PDF passage holds its pages and its scanned pages' OCR lines (the page view; an older index has none)
FORMAT_VERSION = 4


def fingerprint(paths: list[str | Path], encoder_name: str, spec: ChunkSpec, index_type: str) -> tuple[str, list[dict]]:
    """A hash of the source files' bytes and every setting that shapes the index."""
    sources = source_hashes(find_files(paths))
    return fingerprint_of(sources, encoder_name, spec, index_type), sources


def source_hashes(files: list[Path]) -> list[dict]:
    """Each file's absolute path and the sha256 of its bytes: what a manifest records of its sources."""
    return [{"path": str(p.resolve()), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in files]


def fingerprint_of(sources: list[dict], encoder_name: str, spec: ChunkSpec, index_type: str) -> str:
    """The fingerprint of sources already hashed ({"path", "sha256"} each)."""
    settings = {"format": FORMAT_VERSION, "encoder": encoder_name, "chunking": asdict(spec), "index_type": index_type,
                "code": _ingest_code_hash()}
    blob = json.dumps({"sources": [s["sha256"] for s in sources], "settings": settings}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _ingest_code_hash() -> str:
    """A hash of the code that shapes passages, so that changing it rebuilds old indexes."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("loaders.py", "normalize.py", "pdf.py", "pdf_layout.py", "ocr.py", "reports.py", "chunking.py",
                 "places.py", "ingest.py", "keyword.py", "types.py", "tables.py", "markdown_tables.py",
                 "pdf_tables.py", "pdf_unruled.py", "decoding.py", "safe_files.py", "page_glyphs.py",
                 "passage_pages.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]
