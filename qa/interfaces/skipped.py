"""The files an index build left out, and the pages left out of files it read, named on stderr (shared by the
FAISS and Milvus index commands)."""
from __future__ import annotations

import sys


def report_skipped(skipped: list[dict], *, strict: bool, warnings: list[dict] = ()) -> int:
    """Name each file left out, and each page left out of a file read (a scanned page OCR could not read), with
    its reason, on stderr; the exit status: 1 under --strict when anything was."""
    for row in skipped:
        print(f"skipped {row['path']}: {row['zh']} ({row['reason']})", file=sys.stderr)
    for row in warnings:
        print(f"warning: {row['path']}, page {row.get('page', '?')}: {row['zh']} ({row['reason']})", file=sys.stderr)
    if (skipped or warnings) and strict:
        pages = f" and {len(warnings)} page(s)" if warnings else ""
        print(f"error: {len(skipped)} file(s){pages} skipped (--strict)", file=sys.stderr)
        return 1
    return 0
