"""Damaged index folders, each a copy of indexes/default damaged one new way: every file truncated, zeroed in
the middle, a byte flipped, deleted, replaced by a folder or a pipe; two files swapped; manifests with wrong
counts, dimension or encoder (with their checksum recomputed too); passages with a line repeated or missing.
Each is opened through the CLI (`qa search`, `qa reports`, `qa index --add` for tokens.npz)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Callable

from eval.hostile.common import ERROR, Q, ROOT, Case, cli_case

FAMILY = "index"
SOURCE = ROOT / "indexes" / "default"
SERVED = ["bm25/data.csc.index.npy", "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy",
          "bm25/params.index.json", "bm25/vocab.index.json", "columns.npz", "passages.jsonl", "reports.jsonl",
          "vectors.faiss"]
NEW_REPORT = "鱼水情深\n测试县双拥工作综述\n（2023年7月31日）\n　　近年来，测试县为驻地部队提供用地321亩，投入资金2亿元。\n"


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zero_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    size = max(1, min(4096, len(data) // 4))
    start = (len(data) - size) // 2
    data[start:start + size] = bytes(size)
    path.write_bytes(bytes(data))


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) * 2 // 3] ^= 0x5A
    path.write_bytes(bytes(data))


def to_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def to_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


DAMAGES: dict[str, Callable[[Path], None]] = {"truncated to half": truncate, "4 KB zeroed in the middle": zero_middle,
                                              "one byte flipped": flip_byte, "deleted": Path.unlink}
ODD: dict[str, Callable[[Path], None]] = {"replaced by a folder": to_folder, "replaced by a named pipe": to_fifo}
SWAPS = [("bm25/data.csc.index.npy", "bm25/indices.csc.index.npy"), ("passages.jsonl", "reports.jsonl"),
         ("bm25/params.index.json", "bm25/vocab.index.json"), ("columns.npz", "tokens.npz")]


def _lines(path: Path, change: Callable[[list[bytes]], list[bytes]]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        target = folder / path
        target.write_bytes(b"".join(change(target.read_bytes().splitlines(keepends=True))))
    return apply


def _manifest(change: Callable[[dict], dict], *, rehash: bool) -> Callable[[Path], None]:
    """Edit the manifest; with rehash its checksum is recomputed, as a tool that rewrites it would."""
    def apply(folder: Path) -> None:
        from embeddings.index_checksums import manifest_checksum

        path = folder / "manifest.json"
        manifest = change(json.loads(path.read_text(encoding="utf-8")))
        if rehash:
            manifest["checksum"] = manifest_checksum(manifest)
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return apply


def _swap(a: str, b: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        (folder / a).rename(folder / "swap.tmp")
        (folder / b).rename(folder / a)
        (folder / "swap.tmp").rename(folder / b)
    return apply


# (name, damage of the folder, the file the error must name)
def folder_damages() -> list[tuple[str, Callable[[Path], None], str]]:
    out = []
    for relative in SERVED:
        for how, damage in DAMAGES.items():
            out.append((f"{relative} {how}", lambda f, r=relative, d=damage: d(f / r), Path(relative).name))
    for relative in ("vectors.faiss", "passages.jsonl", "bm25/vocab.index.json"):
        for how, damage in ODD.items():
            out.append((f"{relative} {how}", lambda f, r=relative, d=damage: d(f / r), Path(relative).name))
    for a, b in SWAPS:
        out.append((f"{a} and {b} swapped", _swap(a, b), ""))
    dup = lambda rows: rows[:10] + [rows[10]] + rows[10:]  # noqa: E731
    out += [
        ("passages.jsonl with line 11 repeated", _lines(Path("passages.jsonl"), dup), "passages.jsonl"),
        ("passages.jsonl with line 11 missing", _lines(Path("passages.jsonl"), lambda r: r[:10] + r[11:]),
         "passages.jsonl"),
        ("passages.jsonl lines 3 and 4 swapped", _lines(Path("passages.jsonl"), lambda r: r[:2] + [r[3], r[2]] + r[4:]),
         "passages.jsonl"),
        ("reports.jsonl with its last line repeated", _lines(Path("reports.jsonl"), lambda r: r + r[-1:]),
         "reports.jsonl"),
        ("passages.jsonl with CRLF line ends", _lines(Path("passages.jsonl"), lambda r: [x.rstrip(b"\n") + b"\r\n"
                                                                                           for x in r]), "passages.jsonl"),
        ("manifest.json with a UTF-8 BOM", lambda f: (f / "manifest.json").write_bytes(
            b"\xef\xbb\xbf" + (f / "manifest.json").read_bytes()), "manifest.json"),
        ("manifest.json truncated", lambda f: truncate(f / "manifest.json"), "manifest.json"),
        ("manifest.json emptied", lambda f: (f / "manifest.json").write_bytes(b""), "manifest.json"),
        ("manifest.json in UTF-16", lambda f: (f / "manifest.json").write_bytes(
            (f / "manifest.json").read_text(encoding="utf-8").encode("utf-16")), "manifest.json"),
    ]
    for rehash in (False, True):
        tag = "checksum recomputed" if rehash else "checksum left"
        out += [
            (f"manifest passages +1 ({tag})", _manifest(lambda m: {**m, "passages": m["passages"] + 1}, rehash=rehash),
             "passages.jsonl" if rehash else "manifest.json"),
            (f"manifest reports -1 ({tag})", _manifest(lambda m: {**m, "reports": m["reports"] - 1}, rehash=rehash),
             "reports.jsonl" if rehash else "manifest.json"),
            (f"manifest dim 384 ({tag})", _manifest(lambda m: {**m, "dim": 384}, rehash=rehash),
             "vectors.faiss" if rehash else "manifest.json"),
            (f"manifest encoder bge-small-zh-v1.5 ({tag}), hybrid search", _manifest(lambda m: {**m, "encoder": "bge-small-zh-v1.5"},
                                                                      rehash=rehash), "" if rehash else "manifest.json"),
            (f"manifest encoder hashing-512, same dim ({tag}), hybrid search", _manifest(
                lambda m: {**m, "encoder": "hashing-512"}, rehash=rehash), "hashing-512" if rehash else "manifest.json"),
            (f"manifest file table without vectors.faiss ({tag})", _manifest(
                lambda m: {**m, "files": {k: v for k, v in m["files"].items() if k != "vectors.faiss"}},
                rehash=rehash), "vectors.faiss" if rehash else "manifest.json"),
        ]
    out += [
        ("manifest checksum field removed", _manifest(lambda m: {k: v for k, v in m.items() if k != "checksum"},
                                                      rehash=False), "manifest.json"),
        ("manifest format_version 2 (rehashed)", _manifest(lambda m: {**m, "format_version": 2}, rehash=True),
         "format"),
        ("manifest passages as a string (rehashed)", _manifest(lambda m: {**m, "passages": "603"}, rehash=True),
         "manifest.json"),
        ("manifest files entry with a negative size (rehashed)", _manifest(
            lambda m: {**m, "files": {**m["files"], "columns.npz": {"size": -1, "xxh3": "0"}}}, rehash=True),
         "manifest.json"),
        ("manifest lists bm25/../../pipe, a FIFO outside the folder (rehashed)", _outside_fifo, "pipe"),
    ]
    return out


def _outside_fifo(folder: Path) -> None:
    """The manifest's file table names a named pipe outside the folder (hashing it would block forever)."""
    pipe = folder.parent / f"{folder.name}-pipe"
    os.mkfifo(pipe)
    entry = {"size": 0, "xxh3": "0"}
    _manifest(lambda m: {**m, "files": {**m["files"], f"bm25/../../{pipe.name}": entry}}, rehash=True)(folder)


def _copy(tmp: Path, n: int) -> Path:
    folder = tmp / f"index-{n:03d}"
    shutil.copytree(SOURCE, folder)
    return folder


def cases(tmp: Path) -> list[Case]:
    out = []
    for n, (name, damage, named) in enumerate(folder_damages()):
        folder = _copy(tmp, n)
        damage(folder)
        mode = "hybrid" if "hybrid" in name else "bm25"
        command = ["reports", "--index", str(folder)] if n % 5 == 4 and mode == "bm25" else \
            ["search", "--index", str(folder), "--mode", mode, "-k", "2", Q]
        case = cli_case(FAMILY, name, command, must_name=(named,) if named else ())
        case.input = f"{name}; qa {command[0]} --index COPY …"
        out.append(case)
        shutil.rmtree(folder, ignore_errors=True)
    out += _controls(tmp) + _tokens(tmp) + _hybrid(tmp)
    return out


def _controls(tmp: Path) -> list[Case]:
    """Changes that are no damage: the index must still answer."""
    out = []
    changes = [("a stray file added to the folder", lambda f: (f / "notes.txt").write_text("hello")),
               ("manifest re-indented (same content)", lambda f: (f / "manifest.json").write_text(
                   json.dumps(json.loads((f / "manifest.json").read_text(encoding="utf-8")), indent=4,
                              ensure_ascii=True), encoding="utf-8")),
               ("index folder read-only", lambda f: [os.chmod(p, 0o555 if p.is_dir() else 0o444)
                                                     for p in [*f.rglob("*"), f]])]
    for n, (name, change) in enumerate(changes):
        folder = _copy(tmp, 500 + n)
        change(folder)
        case = cli_case(FAMILY, name, ["search", "--index", str(folder), "--mode", "bm25", "-k", "1", Q], ok=True,
                        must_show=("2000多亩",))
        case.input = f"{name}; qa search --index COPY --mode bm25 Q"
        out.append(case)
        for p in [folder, *folder.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
    return out


def _tokens(tmp: Path) -> list[Case]:
    """tokens.npz is read by --add and --remove only: damaged, they must name it."""
    out = []
    for n, (how, damage) in enumerate(DAMAGES.items()):
        folder = _copy(tmp, 600 + n)
        damage(folder / "tokens.npz")
        report = tmp / f"new-{n}.txt"
        report.write_text(NEW_REPORT.replace("321", str(300 + n)), encoding="utf-8")
        case = cli_case(FAMILY, f"tokens.npz {how}, then --add", ["index", "--out", str(folder), "--add", str(report)],
                        must_name=("tokens.npz",))
        case.input = f"tokens.npz {how}; qa index --out COPY --add new.txt"
        out.append(case)
    return out


def _hybrid(tmp: Path) -> list[Case]:
    """A few damages through the full `qa ask` (encoder and reader loaded)."""
    out = []
    for n, (relative, damage) in enumerate([("vectors.faiss", zero_middle), ("bm25/indptr.csc.index.npy", flip_byte),
                                            ("columns.npz", truncate)]):
        folder = _copy(tmp, 700 + n)
        damage(folder / relative)
        case = cli_case(FAMILY, f"{relative} damaged, qa ask", ["ask", "--index", str(folder), Q],
                        must_name=(Path(relative).name,))
        case.input = f"{relative} damaged; qa ask --index COPY Q"
        case.expected = ERROR + f"; names {Path(relative).name}"
        out.append(case)
    return out
