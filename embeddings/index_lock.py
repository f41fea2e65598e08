"""One build at a time per index folder, and the leftovers of a killed build cleared by the next one."""
from __future__ import annotations

import fcntl
import logging
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from embeddings.errors import IndexBusyError, InputError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


def lock_path(folder: Path) -> Path:
    """The lock file beside an index folder: indexes/default -> indexes/.default.lock."""
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's build lock, or raise IndexBusyError at once when another build holds it.

    An OS lock (flock): it goes with the process, so a killed build never leaves a stale lock behind.
    """
    check_out_folder(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path(folder).open("a")
    except (FileExistsError, NotADirectoryError) as exc:
        raise InputError(f"cannot create the index folder {folder}: a part of its path is a file ({exc.strerror})",
                         zh=f"无法创建索引文件夹 {folder}：路径中有一部分是文件") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(f"index folder {folder} is being built by another `qa index` right now (lock "
                                 f"{lock_path(folder)}): wait for it to finish, or build into another --out",
                                 zh=f"另一个 `qa index` 正在构建索引文件夹 {folder}：请等它完成，或换一个 --out") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
