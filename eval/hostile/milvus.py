"""`qa index --add` into a Milvus store names the files it skips the same way as into a FAISS folder: a link out
of the folder, a second copy, unreadable bytes, a bomb; exit 1 under --strict (the known leftover of issue 22)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from eval.hostile import makers as mk
from eval.hostile.common import ROOT, Case, clean_env, run_cli

FAMILY = "milvus"
HOSTILE = ("zcopy.txt", "random.txt", "passwd.txt", "members.docx", "pipe.txt")


def _folder(tmp: Path) -> Path:
    folder = tmp / "adds"
    folder.mkdir()
    (folder / "good.txt").write_text(mk.REPORT, encoding="utf-8")
    (folder / "zcopy.txt").write_text(mk.REPORT, encoding="utf-8")
    (folder / "random.txt").write_bytes(os.urandom(5000))
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.mkfifo(folder / "pipe.txt")
    mk.docx(folder / "members.docx", ["x"], extra={f"m/{i}": b"" for i in range(2500)})
    return folder


def _skipped(err: str) -> dict[str, str]:
    """{file name: reason} from the `skipped PATH: reason` lines."""
    return {Path(m.group(1)).name: m.group(2) for m in re.finditer(r"^skipped (.+?): (.+)$", err, re.M)}


def cases(tmp: Path) -> list[Case]:
    folder, corpus = _folder(tmp), str(ROOT / "data" / "corpus")
    env = clean_env(QA_MILVUS_URI=str(tmp / "m.db"))
    built = run_cli(["index", "--store", "milvus", "--encoder", "hashing-64", corpus], env=env, timeout=300)
    out = [Case(FAMILY, "cli", "a Milvus Lite store is built", "qa index --store milvus --encoder hashing-64 CORPUS",
                "exit 0", f"rc={built.rc} {built.err[-200:]}", built.rc == 0, built.seconds)]
    faiss = run_cli(["index", "--out", str(tmp / "faiss"), "--encoder", "hashing-64", corpus], timeout=300)
    if built.rc != 0 or faiss.rc != 0:
        return out
    runs = {"milvus": run_cli(["index", "--store", "milvus", "--add", str(folder), "--strict"], env=env, timeout=300),
            "faiss": run_cli(["index", "--out", str(tmp / "faiss"), "--add", str(folder), "--strict"], timeout=300)}
    for store, run in runs.items():
        named = _skipped(run.err)
        missing = [n for n in HOSTILE if n not in named]
        good = run.rc == 1 and not missing and "Traceback" not in run.err and "error:" in run.err
        out.append(Case(FAMILY, "cli", f"--add a folder of one good and five hostile files ({store}, --strict)",
                        f"qa index --store {store} --add FOLDER --strict", "the good file added; each hostile one named "
                        "on a `skipped PATH: 中文 (English)` line; exit 1", f"rc={run.rc}; missing {missing}; "
                        f"{run.err.strip()[-300:]}", good, run.seconds))
    same = _skipped(runs["milvus"].err) == _skipped(runs["faiss"].err)
    out.append(Case(FAMILY, "cli", "Milvus and FAISS name the same skipped files with the same reasons",
                    "the two --add runs above", "identical skipped lines (file names and reasons)",
                    f"milvus {sorted(_skipped(runs['milvus'].err))} faiss {sorted(_skipped(runs['faiss'].err))}", same))
    nothing = tmp / "nothing"
    nothing.mkdir()
    (nothing / "random.txt").write_bytes(os.urandom(3000))
    run = run_cli(["index", "--store", "milvus", "--add", str(nothing)], env=env, timeout=300)
    out.append(Case(FAMILY, "cli", "--add a folder with nothing readable (milvus)", "qa index --store milvus --add "
                    "FOLDER(random.txt)", "error: naming random.txt and its reason, exit 1, nothing added",
                    f"rc={run.rc} {run.err.strip()[-300:]}", run.rc == 1 and "random.txt" in run.err and
                    "Traceback" not in run.err, run.seconds))
    return out
