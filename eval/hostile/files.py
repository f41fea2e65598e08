"""The files family: hostile report files (eval.hostile.file_kinds), odd names, links, pipes and copies in a
folder, and a few through `qa index` itself."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from eval.hostile import makers as mk
from eval.hostile.common import Case, cli_case, in_child
from eval.hostile.file_kinds import BODY, MEMORY, TIMEOUT, _bombs, _pdfs, _texts, judge, read, write

FAMILY = "files"


def _names(d: Path) -> list[tuple[str, Callable[[], Path], str, str]]:
    def folder(name: str, fill: Callable[[Path], None]) -> Callable[[], Path]:
        def make() -> Path:
            path = d / name
            path.mkdir()
            fill(path)
            return path
        return make

    return [
        ("a name with a newline", lambda: write(d, "a\nb.txt", mk.REPORT), "read", BODY),
        ("a name with ../ in it (a folder named '..x')", folder("..x", lambda f: write(f, "..report.txt", mk.REPORT)),
         "read", BODY),
        ("a name of only dots and spaces", lambda: write(d, " . .txt", mk.REPORT), "read", BODY),
        ("a name with a tab and a quote", lambda: write(d, 'a\t"b".txt', mk.REPORT), "read", BODY),
        ("a name in GBK bytes (not UTF-8)", lambda: _raw_name(d, "报告".encode("gbk") + b".txt", mk.REPORT), "refuse",
         "UTF-8"),
        ("a 250-character name", lambda: write(d, "报" * 80 + ".txt", mk.REPORT), "read", BODY),
        ("a folder holding a link loop", folder("loop", lambda f: (os.symlink(f / "b.txt", f / "a.txt"),
                                                                   os.symlink(f / "a.txt", f / "b.txt"),
                                                                   write(f, "c.txt", mk.REPORT))), "ok", ""),
        ("a folder holding a link to /dev/zero", folder("devzero", lambda f: (os.symlink("/dev/zero", f / "z.txt"),
                                                                              write(f, "c.txt", mk.REPORT))), "ok", ""),
        ("a folder holding a FIFO named .md", folder("fifo", lambda f: (os.mkfifo(f / "pipe.md"),
                                                                        write(f, "c.txt", mk.REPORT))), "ok", ""),
        ("a folder holding a folder named x.txt", folder("dirtxt", lambda f: ((f / "x.txt").mkdir(),
                                                                              write(f, "c.txt", mk.REPORT))), "ok", ""),
        ("a folder holding the same report three times", folder("copies", lambda f: [
            write(f, f"copy{i}.txt", mk.REPORT) for i in range(3)]), "ok", ""),
        ("a folder of 2,000 one-character files", folder("tiny", lambda f: [write(f, f"t{i}.txt", "字")
                                                                            for i in range(2000)]), "refuse", ""),
        ("a folder holding only unsupported files", folder("other", lambda f: [write(f, n, mk.REPORT) for n in (
            "a.html", "b.csv", "c")]), "refuse", ""),
        ("an .html file given by name", lambda: write(d, "page.html", f"<script>x</script>{mk.REPORT}"), "refuse",
         "html"),
        ("a file without read permission", lambda: _unreadable(d), "refuse", ""),
    ]


def _raw_name(d: Path, name: bytes, text: str) -> Path:
    path = os.path.join(os.fsencode(d), name)
    with open(path, "wb") as fh:
        fh.write(text.encode())
    return Path(os.fsdecode(path))


def _unreadable(d: Path) -> Path:
    path = write(d, "secret.txt", mk.REPORT)
    path.chmod(0)
    return path


def cases(tmp: Path) -> list[Case]:
    out = []
    for name, make, expect, must in _bombs(tmp) + _pdfs(tmp) + _texts(tmp) + _names(tmp):
        try:
            path = make()
        except Exception as exc:  # noqa: BLE001 - a file this machine cannot make (a name it refuses)
            out.append(Case(FAMILY, "python", name, "(could not be made here)", "", f"not run: {exc}", True))
            continue
        started = time.perf_counter()
        result = in_child(read, [str(path)], timeout=TIMEOUT, memory=MEMORY)
        passed, observed = judge(result, expect, target=str(path), must=must)
        if name.startswith("a file without read permission") and os.geteuid() == 0:
            passed, observed = True, "not run as root (root reads any file): " + observed
        expected = {"refuse": "skipped with a reason in Chinese and English (or a DocumentError), quickly, in bounded "
                              "memory", "read": f"read right (its text holds {must!r})",
                    "either": f"read right (holds {must!r}) or refused with a reason", "ok": "no error, no hang"}[expect]
        out.append(Case(FAMILY, "python read_collection", name, f"{path.name!r} ({_size(path)})", expected, observed,
                        passed, round(time.perf_counter() - started, 2)))
        _remove(path)
    return out + _cli(tmp)


def _size(path: Path) -> str:
    if path.is_dir():
        return "folder"
    try:
        return f"{path.stat().st_size:,} bytes"
    except OSError:
        return "?"


def _remove(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _cli(tmp: Path) -> list[Case]:
    """Through `qa index`: a folder of good and hostile files indexes the good one and names each other."""
    folder = tmp / "mixed"
    folder.mkdir()
    write(folder, "good.txt", mk.REPORT)
    write(folder, "zcopy.txt", mk.REPORT)
    write(folder, "random.txt", os.urandom(5000))
    os.symlink("/etc/passwd", folder / "passwd.txt")
    mk.docx(folder / "members.docx", ["x"], extra={f"m/{i}": b"" for i in range(2500)})
    write(folder, "bomb.pdf", mk.pdf_big_stream(300 << 20))
    names = ("zcopy.txt", "random.txt", "passwd.txt", "members.docx", "bomb.pdf")
    out = [cli_case(FAMILY, "a folder of one good and five hostile files, --strict",
                    ["index", "--out", str(tmp / "idx1"), "--encoder", "hashing-64", "--strict", str(folder)],
                    must_name=names, anywhere=True, expected="the good file indexed, each other one named as skipped on stderr, "
                                              "exit 1 under --strict, no traceback")]
    run = out[-1]
    out.append(cli_case(FAMILY, "the same folder without --strict",
                        ["index", "--out", str(tmp / "idx2"), "--encoder", "hashing-64", str(folder)], ok=True,
                        must_show=tuple(f"skipped {folder / n}" for n in names) + ("1 reports",)))
    del run
    return out
