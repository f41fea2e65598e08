"""A checksum of every file of an index folder, written into the manifest at build time and verified on open,
as Lucene checks each file's footer: a damaged file is named, never served.

XXH3 (64 bits) over a memory map of each file: damage detection, not a defence against forgery. It runs at
memory speed, which keeps the open cost within 10%: over the 377 MB of a 10^5-passage index, 72 ms against 200-290
ms for zlib's CRC-32 (the fastest hash of the standard library; blake2b and sha256 are slower still), for a 1.5 s
open. A file is checked once per process: the result is kept by the file's device, inode, size and modification
time (a rename keeps them, so the version a process has just written is not read again).
"""
from __future__ import annotations

import json
import mmap
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

from embeddings.errors import DependencyMissingError, IndexDamagedError

MANIFEST = "manifest.json"
AHEAD_FROM = 32 << 20  # bytes: an index this large is hashed on a worker thread (below, the thread costs more)
_verified: dict[tuple[int, int, int, int], str] = {}


def damaged(path: Path, problem: str) -> IndexDamagedError:
    """The error for a damaged index file, with the fix."""
    return IndexDamagedError(f"index file {path} is damaged ({problem}): rebuild the index with "
                             f"`qa index --out {_index_folder(path)} --force [REPORTS...]`",
                             # the Chinese part is what the chat UI shows: the file's name, not the server's path
                             zh=f"索引文件 {path.name} 已损坏或被改动过：请重建索引（qa index --force）", path=str(path))


def _index_folder(path: Path) -> Path:
    """The index folder a file belongs to: bm25/data.csc.index.npy -> the folder above bm25/."""
    return path.parent.parent if path.parent.name == "bm25" else path.parent


def file_table(folder: Path) -> dict[str, dict]:
    """{relative path: {"size", "xxh3"}} of every file under folder but the manifest; remembers each as
    verified (the writer has just written it)."""
    table = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest = file_hash(path)
        _verified[_key(path)] = digest
        table[path.relative_to(folder).as_posix()] = {"size": path.stat().st_size, "xxh3": digest}
    return table


def manifest_checksum(manifest: dict) -> str:
    """The hash of the manifest's content less its own "checksum" field (keys sorted): an edit is caught."""
    content = {k: v for k, v in manifest.items() if k != "checksum"}
    return _xxhash().xxh3_64_hexdigest(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def verify_manifest(path: Path, manifest: dict) -> None:
    """IndexDamagedError naming the manifest when its checksum is missing or is not its content's."""
    stored = manifest.get("checksum")
    if not isinstance(stored, str) or stored != manifest_checksum(manifest):
        raise damaged(path, f"its content does not match its checksum {stored!r:.20}: it was edited or damaged")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(_is_entry(e) for e in files.values()):
        raise damaged(path, "its table of files and checksums is missing or malformed")
    outside = next((name for name in files if not _inside(name)), None)
    if outside is not None:
        raise damaged(path, f"its table of files names {outside!r:.80}, which is not a file inside the folder")


def _is_entry(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("size"), int) and isinstance(entry.get("xxh3"), str) \
        and not isinstance(entry["size"], bool) and entry["size"] >= 0


def _inside(name: str) -> bool:
    """Whether a file table's name stays inside the folder: "bm25/data.npy" yes, "../x" or "/etc/x" no."""
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and all(p not in ("", ".", "..") for p in parts)


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


class Verification:
    """The named files of an index checked before each is read. In a large index they are checked one after
    another on a worker thread (xxhash lets go of the GIL) while the caller reads those already checked: the
    hashing overlaps the parsing, and nothing is parsed unchecked."""

    def __init__(self, folder: Path, manifest: dict, names: Iterable[str]) -> None:
        self.folder, self.manifest, self._checks = folder, manifest, {}
        if sum(entry["size"] for entry in manifest["files"].values()) >= AHEAD_FROM:
            pool = ThreadPoolExecutor(1, thread_name_prefix="verify-index")
            self._checks = {name: pool.submit(verify_files, folder, manifest, (name,)) for name in names}
            pool.shutdown(wait=False)  # the worker goes on through the queue, then ends

    def ready(self, name: str) -> Path:
        """The path of file (or folder) `name` once it is checked; IndexDamagedError if it is damaged."""
        if name in self._checks:
            self._checks[name].result()
        else:
            verify_files(self.folder, self.manifest, (name,))
        return self.folder / name


def verify_file(path: Path, entry: dict) -> None:
    """path has the entry's size, then its hash (read once per process while the file is unchanged)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise damaged(path, f"it cannot be read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):  # hashing a pipe would block forever, a folder cannot be hashed
        raise damaged(path, "it is not a regular file (a folder, a pipe or a device)")
    size = info.st_size
    if size != entry["size"]:
        raise damaged(path, f"it holds {size} bytes, the manifest says {entry['size']}")
    key = _key(path)
    if _verified.get(key) == entry["xxh3"]:
        return
    digest = file_hash(path)
    if digest != entry["xxh3"]:
        raise damaged(path, f"its bytes do not match their checksum in the manifest ({digest}, not {entry['xxh3']})")
    _verified[key] = digest


def _key(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def file_hash(path: Path) -> str:
    """The XXH3-64 of the file's bytes as 16 hex digits, read through a memory map (no copy)."""
    xxhash = _xxhash()
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return xxhash.xxh3_64_hexdigest(b"")
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return xxhash.xxh3_64_hexdigest(mapped)


def _xxhash():
    try:
        import xxhash
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise DependencyMissingError("index checksums need xxhash: pip install xxhash") from exc
    return xxhash
