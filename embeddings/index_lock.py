"""One build at a time per index folder, and the leftovers of a killed build cleared by the next one."""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from embeddings.errors import DiskFullError, IndexBusyError, InputError, is_disk_full

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


def lock_path(folder: Path) -> Path:
    """The lock file beside an index folder: indexes/default -> indexes/.default.lock."""
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's build lock, or raise IndexBusyError at once when another build holds it.

    An OS lock (flock): it goes with the process, so a killed build never leaves a stale lock behind; the lock
    file is removed when the build ends. A full disk while the lock is held is one DiskFullError naming the
    folder (the build's temporary folder is gone by then: nothing was changed)."""
    check_out_folder(folder)
    try:
        handle = _locked(folder)
        try:
            yield
        finally:
            lock_path(folder).unlink(missing_ok=True)  # still held: a build that opened it sees it gone, retries
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
    except (OSError, RuntimeError) as exc:
        if not is_disk_full(exc):
            raise
        raise DiskFullError(f"no space left on the disk of {folder.parent} while writing the index {folder}: nothing "
                            f"was changed; free some space and run it again, or build into another --out on another "
                            f"disk", zh="磁盘空间不足，索引没有更改：请释放磁盘空间后重试") from exc


def _locked(folder: Path):
    """The lock file, open and locked; a file its holder removed as we opened it is not the lock: try again."""
    for _ in range(20):
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            handle = lock_path(folder).open("a")
        except (FileExistsError, NotADirectoryError) as exc:
            raise InputError(f"cannot create the index folder {folder}: a part of its path is a file ({exc.strerror})",
                             zh=f"无法创建索引文件夹 {folder}：路径中有一部分是文件") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise _busy(folder) from exc
        if _same_file(handle, lock_path(folder)):
            return handle
        handle.close()
    raise _busy(folder)


def _same_file(handle, path: Path) -> bool:
    try:
        here, there = os.fstat(handle.fileno()), path.stat()
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _busy(folder: Path) -> IndexBusyError:
    return IndexBusyError(f"index folder {folder} is being built by another `qa index` right now (lock "
                          f"{lock_path(folder)}): wait for it to finish, or build into another --out",
                          zh="另一个 `qa index` 正在构建这个索引：请等它完成后再试")


def check_out_folder(folder: Path) -> None:
    """InputError when folder is a file, or a folder with files that is not an index (nothing is replaced)."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--out {folder} is a file, not a folder: give a folder for the index, e.g. "
                         f"--out {folder.with_name(folder.name + '-index')}",
                         zh=f"--out {folder} 是一个文件而不是文件夹：请给出索引文件夹的路径")
    if folder.is_dir() and not (folder / MANIFEST).exists() and any(folder.iterdir()):
        raise InputError(f"{folder} exists and is not an index folder: choose another --out or empty it",
                         zh=f"{folder} 已存在且不是索引文件夹：请换一个 --out 或先清空它")


def clear_leftovers(folder: Path) -> None:
    """Remove the temp and old folders a killed build left beside folder (call with the lock held).

    Killed between moving the old index aside and the new one in, a build leaves no index but an old one:
    that one is put back first, so that a crash never loses the last good index.
    """
    olds = sorted(folder.parent.glob(f".{folder.name}.old-*"))
    if not folder.exists():
        complete = [o for o in olds if (o / MANIFEST).exists()]
        if complete:
            complete[-1].rename(folder)
            log.warning("restored %s from %s, left by a build that was killed", folder, complete[-1].name)
    for leftover in [*folder.parent.glob(f".{folder.name}.tmp-*"), *folder.parent.glob(f".{folder.name}.old-*")]:
        log.info("removing %s, left by a build that was killed", leftover)
        shutil.rmtree(leftover, ignore_errors=True)
