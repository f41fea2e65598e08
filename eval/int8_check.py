"""The int8 (or bf16) reader against fp32, in one process (issue 23): do they give the same answers, and how fast?

Both assistants load the same index; each gold question is asked of both, in alternating order (A B, B A, …),
and timed. Answers agree when both give the same text, or both say "not found". With --squad, both readers
also read a SQuAD-format file's questions against their own paragraphs (reader only), for EM / F1.

    python -m eval.int8_check --split all --squad ../shared/mrc/drcd_test.zh-hans.json --part heldout \\
        --out eval/reports/reader/int8.json
    python -m eval.int8_check --against bf16 ...   (the bf16 reader on torch; fp32 stays the ONNX export)
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from pathlib import Path
from typing import Any, Sequence

from qa.metrics import score_answer
from qa.settings import ROOT, Settings

log = logging.getLogger(__name__)
PRECISIONS = ("fp32", "int8")


def backend_of(precision: str) -> str:
    """The backend a precision runs on: bf16 on torch (auto keeps the encoder's ONNX export), the others on ONNX."""
    return "auto" if precision == "bf16" else "onnx"


def gold(split: str) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "data" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if split == "all" or r.get("split", "test") == split]


def outcome(response: Any) -> str | None:
    """What a user sees first: the best answer's text, or None for "not found"."""
    return None if response.abstained else response.answers[0].text


def compare(assistants: dict[str, Any], rows: Sequence[dict]) -> dict[str, Any]:
    """Agreement, EM / F1 and latency of each assistant over the rows (questions asked alternately)."""
    seen: dict[str, list] = {p: [] for p in assistants}
    ms: dict[str, list[float]] = {p: [] for p in assistants}
    for i, row in enumerate(rows):
        order = list(assistants) if i % 2 == 0 else list(reversed(assistants))
        for p in order:
            started = time.perf_counter()
            response = assistants[p].ask(row["question"])
            ms[p].append((time.perf_counter() - started) * 1000)
            seen[p].append(outcome(response))
    differ = [{"question": r["question"], **{p: seen[p][i] for p in assistants}}
              for i, r in enumerate(rows) if len({seen[p][i] for p in assistants}) > 1]
    scores = {p: [score_answer(seen[p][i], r.get("answers", [])) for i, r in enumerate(rows)] for p in assistants}
    return {"n": len(rows), "agree": round(1 - len(differ) / max(len(rows), 1), 4), "differ": differ,
            **{p: {"em": _pct([s[0] for s in scores[p]]), "f1": _pct([s[1] for s in scores[p]]),
                   "p50_ms": round(statistics.median(ms[p]), 1),
                   "p95_ms": round(sorted(ms[p])[int(0.95 * (len(ms[p]) - 1))], 1)} for p in assistants}}


def _pct(values: Sequence[float]) -> float:
    return round(100 * sum(values) / max(len(values), 1), 2)


def squad_scores(settings: Settings, path: str, part: str, precisions: Sequence[str] = PRECISIONS) -> dict[str, Any]:
    """Reader-only EM / F1 of each precision on a SQuAD-format file's part (eval.squad.reader_only)."""
    from eval.squad import reader_only
    from qa.calibration import calibration
    from qa.reading.reader import Reader
    from qa.training.squad import load_squad

    questions = load_squad(path, part=part)
    saved = (calibration(settings.reader) or {}).get("reader_options", {})
    options = {k: v for k, v in saved.items() if k in ("max_length", "stride", "type_weight")}
    out = {}
    for p in precisions:
        found = reader_only(Reader(settings.reader, backend=backend_of(p), precision=p, **options), questions)
        out[p] = {k: v for k, v in found.items() if k != "items"}
        out[p]["predictions"] = [row["prediction"] for row in found["items"]]
    first, second = (out[p].pop("predictions") for p in precisions)
    same = sum(a == b for a, b in zip(first, second))
    return {"file": path, "part": part, "n": len(questions), "same_best_span": round(same / max(len(questions), 1), 4),
            **out}


def main(argv: list[str] | None = None) -> int:
    from qa.assistant import Assistant

    parser = argparse.ArgumentParser(prog="python -m eval.int8_check", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--squad", help="a SQuAD-format file to compare the readers on (reader only)")
    parser.add_argument("--part", default="heldout", help="which part of --squad (qa.training.squad.PARTS)")
    parser.add_argument("--against", choices=("int8", "bf16"), default="int8", help="the precision set against fp32")
    parser.add_argument("--out", help="write the report (JSON) here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    settings = Settings().with_(backend="onnx")
    precisions = ("fp32", args.against)
    assistants = {p: Assistant.load(settings.with_(reader_precision=p, backend=backend_of(p))) for p in precisions}
    rows = gold(args.split)
    for assistant in assistants.values():
        assistant.ask_batch([r["question"] for r in rows[:3]])  # warm up
    report: dict[str, Any] = {"reader": settings.reader, "split": args.split, "gold": compare(assistants, rows)}
    if args.squad:
        report["squad"] = squad_scores(settings, args.squad, args.part, precisions)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
