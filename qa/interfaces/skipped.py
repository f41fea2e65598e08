"""The files an index build left out, named on stderr (shared by the FAISS and Milvus index commands)."""
from __future__ import annotations

import sys


def report_skipped(skipped: list[dict], *, strict: bool) -> int:
    """Name each file left out, with its reason, on stderr; the exit status: 1 under --strict when any was."""
    for row in skipped:
        print(f"skipped {row['path']}: {row['zh']} ({row['reason']})", file=sys.stderr)
    if skipped and strict:
        print(f"error: {len(skipped)} file(s) skipped (--strict)", file=sys.stderr)
        return 1
    return 0
