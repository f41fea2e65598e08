"""Where the project keeps what it can rebuild: the cache folder (qa/settings.py's `cache_dir` reads it too)."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def cache_root() -> Path:
    """The cache folder: $QA_CACHE_DIR when set, else <repo>/runs/cache.

    QA_CACHE_DIR=/tmp/c -> Path("/tmp/c"); unset -> REPO_ROOT / "runs" / "cache"
    """
    env = os.environ.get("QA_CACHE_DIR")
    return Path(env) if env else REPO_ROOT / "runs" / "cache"
