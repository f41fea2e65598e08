"""Which files may be read at all: regular files only, links not followed out of a folder, one copy of each
content, archives (.docx, .zip) within limits on what they unpack to. A file refused here is skipped with its
reason (embeddings.ingest), never opened in a way that could hang or fill memory."""
from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from embeddings.errors import DocumentError

MAX_UNPACKED_BYTES = 100_000_000  # what one .docx or .zip may unpack to, in all (its members' declared sizes)
MAX_MEMBERS = 2_000  # a .docx has tens of parts, a few hundred with many pictures
# the XML of a .docx, parsed whole into a tree about ten times its size: a 1,000-page report has a few MB
MAX_XML_BYTES = 40_000_000


@dataclass
class Scan:
    """The files found under some paths, and those refused, each with its DocumentError."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, DocumentError]] = field(default_factory=list)


def check_regular(path: Path) -> os.stat_result:
    """The file's stat when it is a regular file; DocumentError for a pipe, device, socket or folder (reading
    one could block forever or never end: a FIFO named .txt, /dev/zero)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise DocumentError(f"cannot read {shown(path)}: {exc.strerror}", zh="无法读取该文件") from exc
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{shown(path)} is not a regular file ({_kind(info.st_mode)}): give a report file",
                            zh="不是普通文件（可能是管道或设备），未读取")
    return info


def check_size(path: Path, limit: int, size: int | None = None) -> None:
    """DocumentError when a file is over the size limit (ingestion time grows with the size)."""
    size = path.stat().st_size if size is None else size
    if size > limit:
        raise DocumentError(f"{shown(path)} is {size:,} bytes, the limit per file is {limit:,}: split it into "
                            "smaller files (one report or a few per file)",
                            zh=f"文件过大（超过 {limit / 1e6:g} MB）")


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file (DocumentError past it), opened without blocking: a file swapped
    for a pipe after it was checked cannot hang the read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DocumentError(f"cannot read {shown(path)}: {exc.strerror}", zh="无法读取该文件") from exc
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError(f"{shown(path)} is not a regular file: give a report file", zh="不是普通文件，未读取")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(f"{shown(path)} is over {limit:,} bytes: split it into smaller files",
                            zh=f"文件过大（超过 {limit / 1e6:g} MB）")
    return data


def check_archive(archive: zipfile.ZipFile, name: str | Path, *, max_bytes: int = MAX_UNPACKED_BYTES,
                  max_members: int = MAX_MEMBERS, max_xml: int | None = None) -> None:
    """DocumentError when a .docx or .zip holds too many members or unpacks to too much (its .xml parts to over
    `max_xml`, when given). The sizes checked are the declared ones, and zipfile never unpacks a member past its
    declared size, so a bomb (400 MB of XML in 1.2 MB) is refused before a byte of it is unpacked."""
    members = archive.infolist()
    if len(members) > max_members:
        raise DocumentError(f"{shown(name)} holds {len(members):,} files, the limit is {max_members:,}: is it a "
                            "real report?", zh=f"内含文件过多（{len(members):,} 个，上限 {max_members:,} 个）")
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_bytes:
        raise DocumentError(f"{shown(name)} unpacks to {unpacked:,} bytes, the limit is {max_bytes:,}: split it or "
                            "save it again without the large parts",
                            zh=f"解压后过大（{unpacked / 1e6:,.0f} MB，上限 {max_bytes // 1_000_000} MB）")
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if max_xml is not None and xml > max_xml:
        raise DocumentError(f"the text of {shown(name)} unpacks to {xml:,} bytes of XML, the limit is {max_xml:,}: "
                            "split it into smaller documents",
                            zh=f"文档内容解压后过大（{xml / 1e6:,.0f} MB，上限 {max_xml // 1_000_000} MB）")


def scan(paths: list[str | Path], suffixes: tuple[str, ...], max_bytes: int) -> Scan:
    """Expand files and folders into regular files ending in `suffixes`, each once.

    Refused: a link in a folder that leads out of it (or nowhere), a pipe or device, a path given directly
    that is not a regular file, a file over `max_bytes` (never read, not even to hash it), and a second copy (the same file named twice, or the same bytes under another
    name). A folder's link to a folder is not followed. DocumentError for a path that does not exist, a file
    of another type, or a folder with nothing to read."""
    found = Scan()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise DocumentError(f"path not found: {shown(path)} (give an existing file or folder of reports)",
                                zh=f"找不到路径 {shown(path.name)}")
        if path.is_dir():
            _scan_folder(path, suffixes, max_bytes, found)
        else:
            _scan_file(path, suffixes, max_bytes, found)
    named = [path for path in found.files if _encodable(path)]
    found.refused.extend((path, DocumentError(f"the name of {shown(path)} is not UTF-8: rename it (it would be "
                                              "garbled in the index and in citations)",
                                              zh="文件名不是 UTF-8 编码：请重命名后再试"))
                         for path in found.files if not _encodable(path))
    found.files, twins = _unique(named)
    found.refused.extend(twins)
    found.refused = [(Path(shown(path)), exc) for path, exc in found.refused]
    return found


def shown(path: Path | str) -> str:
    """A path as text that can be printed and saved: bytes of a name that are not UTF-8 written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _encodable(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _scan_file(path: Path, suffixes: tuple[str, ...], max_bytes: int, found: Scan) -> None:
    try:
        check_size(path, max_bytes, check_regular(path).st_size)
    except DocumentError as exc:
        found.refused.append((path, exc))
        return
    if path.suffix.lower() not in suffixes:
        raise DocumentError(f"unsupported file type {path.suffix or '(none)'!r} for {shown(path)}: use "
                            f"{', '.join(suffixes)}",
                            zh=f"不支持的文件类型 {path.suffix or '（无扩展名）'}")
    found.files.append(path)


def _scan_folder(folder: Path, suffixes: tuple[str, ...], max_bytes: int, found: Scan) -> None:
    root = folder.resolve()
    inside: list[Path] = []
    refused_before = len(found.refused)
    for top, dirs, names in os.walk(folder):  # links to folders are listed in dirs and not walked
        for name in sorted(dirs):
            if (Path(top) / name).is_symlink() and not _within(Path(top) / name, root):
                found.refused.append((Path(top) / name, _outside(Path(top) / name, folder)))
        for name in sorted(names):
            path = Path(top) / name
            if path.suffix.lower() not in suffixes:
                continue
            try:
                size = check_regular(path).st_size  # a link that loops or leads nowhere cannot be read: said so
                if path.is_symlink() and not _within(path, root):
                    raise _outside(path, folder)
                check_size(path, max_bytes, size)
            except DocumentError as exc:
                found.refused.append((path, exc))
                continue
            inside.append(path)
    if not inside and len(found.refused) == refused_before:
        raise DocumentError(f"no reports in folder {shown(folder)}: expected files ending in {', '.join(suffixes)}",
                            zh=f"文件夹 {shown(folder.name)} 中没有报告文件")
    found.files.extend(sorted(inside))


def _within(path: Path, root: Path) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    return target == root or root in target.parents


def _outside(path: Path, folder: Path) -> DocumentError:
    target = os.readlink(path)
    return DocumentError(f"{shown(path)} is a link to {shown(target)}, which leads out of the folder {shown(folder)} "
                         "(or nowhere): links are not followed out of a folder (copy the file in, or give it by name)",
                         zh="链接指向文件夹之外，未读取")


def _unique(files: list[Path]) -> tuple[list[Path], list[tuple[Path, DocumentError]]]:
    """The files without second copies: the same file again (by its real path), or the same bytes (hashed only
    where two files have the same size); each copy refused naming the first."""
    kept: list[Path] = []
    twins: list[tuple[Path, DocumentError]] = []
    by_real: dict[Path, Path] = {}
    by_size: dict[int, list[Path]] = {}
    digests: dict[Path, str] = {}
    for path in files:
        real = path.resolve()
        first = by_real.get(real)
        if first is None:
            same_size = by_size.setdefault(path.stat().st_size, [])
            first = next((other for other in same_size if _digest(other, digests) == _digest(path, digests)), None)
        if first is not None:
            twins.append((path, DocumentError(f"{shown(path)} is the same as {shown(first)}: each report is read "
                                              "once",
                                              zh=f"与 {first.name} 内容相同，已跳过")))
            continue
        by_real[real] = path
        by_size[path.stat().st_size].append(path)
        kept.append(path)
    return kept, twins


def _digest(path: Path, digests: dict[Path, str]) -> str:
    if path not in digests:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with open(fd, "rb") as handle:
                digests[path] = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:  # unreadable: no twin of anything (reading it later says why)
            digests[path] = f"unreadable {path}"
    return digests[path]


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")
