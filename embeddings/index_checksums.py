"""A checksum of every file of an index folder, written into the manifest at build time and verified on open,
as Lucene checks each file's footer: a damaged file is named, never served.

CRC-32 (zlib) per block of BLOCK bytes: damage detection, not a defence against forgery; at 3.6 GB/s on one
core the cheapest hash in the standard library (blake2b 0.8, sha256 1.6 GB/s measured here), and the blocks of a
large file are checked on several cores. A file is checked once per process: the result is kept by the file's
device, inode, size and modification time (a rename keeps them, so a freshly written version is not read again).
"""
from __future__ import annotations

import json
import mmap
import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

from embeddings.errors import IndexDamagedError

MANIFEST = "manifest.json"
BLOCK = 64 << 20  # bytes per checksum: the blocks of one file are checked in parallel
PARALLEL_FROM = 2 * BLOCK  # smaller files are checked on the calling thread (a pool costs more than it saves)
_verified: dict[tuple[int, int, int, int], tuple[int, ...]] = {}


def damaged(path: Path, problem: str) -> IndexDamagedError:
    """The error for a damaged index file, with the fix."""
    return IndexDamagedError(f"index file {path} is damaged ({problem}): rebuild the index with "
                             f"`qa index --out {_index_folder(path)} --force [REPORTS...]`",
                             zh=f"索引文件 {path} 已损坏（{problem}）：请用 `qa index --out {_index_folder(path)} --force` "
                                f"重建索引", path=str(path))


def _index_folder(path: Path) -> Path:
    """The index folder a file belongs to: bm25/data.csc.index.npy -> the folder above bm25/."""
    return path.parent.parent if path.parent.name == "bm25" else path.parent


def file_table(folder: Path) -> dict[str, dict]:
    """{relative path: {"size", "crc32": [one per block]}} of every file under folder but the manifest;
    remembers each as verified (the writer has just read it)."""
    table = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        crcs = _block_crcs(path)
        _verified[_key(path)] = crcs
        table[path.relative_to(folder).as_posix()] = {"size": path.stat().st_size, "crc32": list(crcs)}
    return table


def manifest_checksum(manifest: dict) -> int:
    """The CRC-32 of the manifest's content less its own "checksum" field (keys sorted): an edit is caught."""
    content = {k: v for k, v in manifest.items() if k != "checksum"}
    return zlib.crc32(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def verify_manifest(path: Path, manifest: dict) -> None:
    """IndexDamagedError naming the manifest when its checksum is missing or is not its content's."""
    stored = manifest.get("checksum")
    if not isinstance(stored, int) or isinstance(stored, bool) or stored != manifest_checksum(manifest):
        raise damaged(path, f"its content does not match its checksum {stored!r:.20}: it was edited or damaged")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(_is_entry(e) for e in files.values()):
        raise damaged(path, "its table of files and checksums is missing or malformed")


def _is_entry(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("size"), int) and isinstance(entry.get("crc32"), list)
            and all(isinstance(c, int) for c in entry["crc32"]))


def verify_files(folder: Path, manifest: dict, names: Iterable[str]) -> None:
    """Each named file (a path relative to folder; a folder name stands for every file the manifest lists
    under it) is there, of the manifest's size and checksum; IndexDamagedError naming the first that is not."""
    files = manifest["files"]
    for name in names:
        listed = [n for n in files if n == name or n.startswith(f"{name}/")]
        if not listed:
            raise damaged(folder / MANIFEST, f"it lists no checksum for {name}")
        for relative in listed:
            verify_file(folder / relative, files[relative])


def verify_file(path: Path, entry: dict) -> None:
    """path has the entry's size, then its checksums (read once per process while the file is unchanged)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise damaged(path, f"it cannot be read: {exc.strerror or exc}") from exc
    if size != entry["size"]:
        raise damaged(path, f"it holds {size} bytes, the manifest says {entry['size']}")
    key = _key(path)
    if _verified.get(key) == tuple(entry["crc32"]):
        return
    crcs = _block_crcs(path)
    if crcs != tuple(entry["crc32"]):
        bad = next(i for i, (a, b) in enumerate(zip(crcs, entry["crc32"])) if a != b) if len(crcs) == len(
            entry["crc32"]) else 0
        raise damaged(path, f"its bytes from offset {bad * BLOCK} do not match the checksum in the manifest")
    _verified[key] = crcs


def _key(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _block_crcs(path: Path) -> tuple[int, ...]:
    """The CRC-32 of each BLOCK bytes of the file (one for an empty file), read through a memory map."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return (zlib.crc32(b""),)
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped, memoryview(mapped) as view:
            starts = range(0, size, BLOCK)
            if size < PARALLEL_FROM:
                return tuple(zlib.crc32(view[s:s + BLOCK]) for s in starts)
            # zlib releases the GIL while it sums: the blocks of a large file on all cores
            with ThreadPoolExecutor(min(len(starts), os.cpu_count() or 1)) as pool:
                return tuple(pool.map(lambda s: zlib.crc32(view[s:s + BLOCK]), starts))
