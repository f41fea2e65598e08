"""Managing the collection from the chat: add uploaded files (or a .zip of them), list and remove reports.
Plain functions over the assistant (no gradio): the app wires them to its upload and remove controls."""
from __future__ import annotations

import logging
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from embeddings.errors import DiskFullError, QAError, is_disk_full
from embeddings.loaders import MAX_FILE_BYTES, SUPPORTED
from embeddings.safe_files import check_archive

log = logging.getLogger(__name__)

MAX_UPLOAD_FILES = 50
MAX_ZIP_BYTES = 100_000_000  # what a .zip may unpack to, in all
DISK_FULL = "磁盘空间不足，索引没有更改：请释放磁盘空间后重试"


@dataclass(frozen=True)
class Outcome:
    """What a change did, said in Chinese for the page: `ok` False when nothing was changed."""

    ok: bool
    message: str


def upload_folder(index_dir: str | Path) -> Path:
    """Where uploaded files are kept, beside the index (they are its sources: a rebuild reads them again).

    upload_folder("indexes/default") -> Path("indexes/default-uploads")
    """
    index_dir = Path(index_dir)
    return index_dir.with_name(f"{index_dir.name}-uploads")


def add_files(assistant: Any, uploads: list[str | Path], *, progress: Callable[[float, str], None] | None = None) -> Outcome:
    """Check, keep and index the uploaded files, then serve the new version of the index. Every readable file is
    added; each one left out (wrong type, too big, broken, a scan OCR cannot read) is named with its reason, and
    so is each scanned page OCR cannot read (file and page). A scan's pages advance the panel's progress bar (the
    OCR's tqdm bar, which gradio tracks).
    Nothing changes when no file could be added, or when one is already there."""
    progress = progress or (lambda *_: None)
    folder = _faiss_folder(assistant)
    if folder is None:
        return Outcome(False, "上传文件只适用于本地索引（faiss 存储）：Milvus 请用 `qa index --store milvus --add`")
    if not uploads:
        return Outcome(False, f"请选择要上传的文件（{' '.join(SUPPORTED)} 或它们的 .zip）")
    staging = upload_folder(folder) / ".incoming"
    shutil.rmtree(staging, ignore_errors=True)
    skipped: list[tuple[str, str]] = []  # (file name, reason)
    try:
        staging.mkdir(parents=True)
        progress(0.05, "检查文件")
        files = _accept(uploads, staging, skipped)
        if not files:
            return Outcome(False, f"没有添加任何文件：{_skipped_text(skipped)}")
        kept = _keep(files, upload_folder(folder))
        progress(0.2, "读取并编码新报告")
        from embeddings.index_update import add_to_index

        try:
            change = add_to_index(folder, kept, assistant.retriever.encoder, progress=True)
        except BaseException:
            for path in kept:
                path.unlink(missing_ok=True)
            raise
        unread = {s.path for s in change.skipped}
        for path in kept:
            if str(path) in unread:  # not a source of the index: not kept either
                path.unlink(missing_ok=True)
        skipped += [(Path(s.path).name, s.zh) for s in change.skipped]
        progress(0.9, "载入新索引")
        assistant.reload_index()
    except QAError as exc:
        also = f"；另跳过 {_skipped_text(skipped)}" if skipped else ""
        return Outcome(False, f"没有添加任何文件：{getattr(exc, 'zh', None) or exc}{also}")
    except OSError as exc:  # the upload folder itself could not be made
        if not is_disk_full(exc):
            raise
        return Outcome(False, f"没有添加任何文件：{DISK_FULL}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    numbers = "、".join(map(str, change.added))
    added = len(kept) - len(change.skipped)
    note = f"；跳过 {len(skipped)} 个：{_skipped_text(skipped)}" if skipped else ""
    if change.warnings:  # pages left out of files that were added: a scanned page OCR could not read
        note += f"；略过 {len(change.warnings)} 页：{_skipped_text([(w.where, w.zh) for w in change.warnings])}"
    return Outcome(True, f"已添加 {added} 个文件，新报告编号 {numbers}；索引现有 {change.reports} 篇报告、"
                         f"{change.passages} 个段落，可以提问了{note}")


def _skipped_text(skipped: list[tuple[str, str]]) -> str:
    """[("扫描.pdf", "扫描件无法识别文字"), ("表.xlsx", "不支持的类型")] -> "扫描.pdf（扫描件无法识别文字）、表.xlsx（不支持的类型）"."""
    return "、".join(f"{name}（{why}）" for name, why in skipped)


def remove_report(assistant: Any, number: int | None) -> Outcome:
    """Remove one report from the index (its file stays in the upload folder, nothing is deleted)."""
    folder = _faiss_folder(assistant)
    if folder is None:
        return Outcome(False, "删除报告只适用于本地索引（faiss 存储）")
    if number is None:
        return Outcome(False, "请先选择要删除的报告")
    from embeddings.index_update import remove_from_index

    try:
        change = remove_from_index(folder, [str(int(number))])
        assistant.reload_index()
    except QAError as exc:
        return Outcome(False, f"没有删除：{getattr(exc, 'zh', None) or exc}")
    return Outcome(True, f"已删除报告 {number}；索引现有 {change.reports} 篇报告、{change.passages} 个段落")


def _faiss_folder(assistant: Any) -> Path | None:
    store = getattr(assistant.retriever, "index", None)
    return Path(store.folder) if getattr(store, "name", "") == "faiss" else None


def _accept(uploads: list[str | Path], staging: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """The report files among the uploads (a .zip unpacked into staging); each other one is added to `skipped`
    with its reason. QAError when there are too many."""
    files: list[Path] = []
    for raw in uploads:
        path = Path(raw)
        suffix = path.suffix.lower()
        try:
            if suffix == ".zip":
                files.extend(_unzip(path, staging, skipped))
            elif suffix in SUPPORTED:
                _check_size(path)
                files.append(path)
            else:
                skipped.append((path.name, f"不支持的类型（可上传 {' '.join(SUPPORTED)} 或 .zip）"))
        except DiskFullError:
            raise
        except QAError as exc:
            skipped.append((path.name, exc.zh or str(exc)))
    if len(files) > MAX_UPLOAD_FILES:
        raise QAError(f"{len(files)} files", zh=f"一次最多上传 {MAX_UPLOAD_FILES} 个文件，这次有 {len(files)} 个")
    return files


def _unzip(path: Path, staging: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """The report files inside a .zip, unpacked (names flattened, so nothing lands outside staging); a member
    too big, empty, encrypted or packed in a way zipfile cannot unpack is added to `skipped` unpacked. QAError
    for a broken .zip, one with too many members or unpacking to too much (embeddings.safe_files), or one
    without reports."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, max_bytes=MAX_ZIP_BYTES)
            members = [m for m in archive.infolist() if not m.is_dir() and Path(m.filename).suffix.lower() in SUPPORTED]
            if not members:
                raise QAError("empty zip", zh=f"里面没有报告文件（{' '.join(SUPPORTED)}）")
            out = []
            for member in members:
                target = staging / f"{len(out):03d}-{Path(member.filename).name}"
                try:
                    _unpack(archive, member, target)
                    out.append(target)
                except DiskFullError:
                    raise
                except QAError as exc:
                    target.unlink(missing_ok=True)
                    skipped.append((Path(member.filename).name, exc.zh or str(exc)))
            return out
    except zipfile.BadZipFile as exc:
        raise QAError(f"broken zip {path.name}", zh="文件已损坏（不是完好的 .zip 文件）") from exc


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path) -> None:
    """Unpack one member, its declared size checked first (zipfile never unpacks past it)."""
    if member.flag_bits & 0x1:
        raise QAError(f"{member.filename} is encrypted", zh="文件已加密，无法读取")
    if member.file_size > MAX_FILE_BYTES:
        raise QAError(f"{member.filename} is {member.file_size} bytes", zh=f"文件过大（{member.file_size / 1e6:.1f} "
                                                                       f"MB，上限 {MAX_FILE_BYTES // 1_000_000} MB）")
    try:
        with archive.open(member) as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    except (NotImplementedError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise QAError(f"cannot unpack {member.filename}: {exc}", zh="文件已损坏或压缩方式不受支持") from exc
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(f"no space left to unpack {member.filename}", zh=DISK_FULL) from exc
        raise
    _check_size(target)


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise QAError(f"{path.name} is {size} bytes", zh=f"文件过大（{size / 1e6:.1f} MB，上限 "
                                                         f"{MAX_FILE_BYTES // 1_000_000} MB）")
    if size == 0:
        raise QAError(f"{path.name} is empty", zh="空文件")


def _keep(files: list[Path], folder: Path) -> list[Path]:
    """Copies of the files in the upload folder, under their own names (a zip's members lose their prefix);
    none is left when one cannot be copied (DiskFullError for a full disk)."""
    folder.mkdir(parents=True, exist_ok=True)
    kept: list[Path] = []
    try:
        for path in files:
            name = path.name.split("-", 1)[1] if path.parent.name == ".incoming" else path.name
            target = folder / name
            stem, n = target.stem, 1
            while target.exists() or target in kept:
                n += 1
                target = folder / f"{stem}-{n}{target.suffix}"
            kept.append(target)
            shutil.copyfile(path, target)
    except OSError as exc:
        for path in kept:
            path.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFullError(f"no space left for the upload in {folder}", zh=DISK_FULL) from exc
        raise
    return kept
