"""How long adding and removing one report takes on the shipped index, against a full rebuild.

    python -m eval.incremental --repeats 5 --out eval/reports/incremental.json

The added report is one of the shipped reports under a new headline (so every passage is new to the index
and is encoded). Timed in-process with the encoder loaded (as the chat UI does it) and as the whole
`qa index --add` / `--remove` command (a fresh process: imports and the model load included).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _report_file(folder: Path) -> Path:
    """A single-report .txt made from the shipped index's longest report, under a headline of its own."""
    from embeddings.index import load_index

    report = max(load_index(ROOT / "indexes" / "default").reports, key=lambda r: len(r.text))
    path = folder / "added-report.txt"
    body = "\n".join(f"　　{line}" for line in report.text.split("\n"))
    path.write_text(f"补充报告\n{report.subtitle or report.title}（补充）\n（{report.date or '2023年12月1日'}）\n{body}\n",
                    encoding="utf-8")
    return path


def _in_process(work: Path, report: Path, repeats: int) -> dict:
    from embeddings.encoders import make_encoder
    from embeddings.index import build_index, read_manifest
    from embeddings.index_update import add_to_index, remove_from_index

    folder = work / "index"
    encoder = make_encoder(read_manifest(ROOT / "indexes" / "default")["encoder"])
    encoder.encode(["预热"])
    adds, removes = [], []
    shutil.copytree(ROOT / "indexes" / "default", folder)
    for _ in range(repeats):
        t = time.perf_counter()
        change = add_to_index(folder, [report], encoder)
        adds.append(time.perf_counter() - t)
        t = time.perf_counter()
        remove_from_index(folder, [str(change.added[0])])
        removes.append(time.perf_counter() - t)
    corpus = [s["path"] for s in read_manifest(ROOT / "indexes" / "default")["sources"]] + [str(report)]
    t = time.perf_counter()
    build_index(corpus, work / "rebuilt", encoder, reuse=False)
    rebuild = time.perf_counter() - t
    return {"add_s": _median(adds), "remove_s": _median(removes), "passages_added": change.passages -
            read_manifest(ROOT / "indexes" / "default")["passages"], "full_rebuild_s": round(rebuild, 2)}


def _commands(work: Path, report: Path, repeats: int) -> dict:
    folder = work / "cli-index"
    shutil.copytree(ROOT / "indexes" / "default", folder)
    qa = [sys.executable, "-m", "qa", "index", "--out", str(folder)]
    adds, removes = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        out = subprocess.run([*qa, "--add", str(report)], capture_output=True, text=True, check=True, cwd=ROOT).stdout
        adds.append(time.perf_counter() - t)
        number = out.split("added report(s) ")[1].split(";")[0]
        t = time.perf_counter()
        subprocess.run([*qa, "--remove", number], capture_output=True, text=True, check=True, cwd=ROOT)
        removes.append(time.perf_counter() - t)
    return {"add_command_s": _median(adds), "remove_command_s": _median(removes)}


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.incremental", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "eval" / "reports" / "incremental.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = _report_file(work)
        result = {"repeats": args.repeats, **_in_process(work, report, args.repeats),
                  **_commands(work, report, args.repeats)}
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
