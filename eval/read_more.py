"""How many passages the reader reads, and what that buys: `read_more_below` and the rule checks on a gold split.

    python -m eval.read_more --split dev --values 4 8 12 none --out eval/reports/reader/read-more-dev.json
    python -m eval.read_more --split test --values 8 --threshold-from eval/reports/reader/read-more-dev.json

For each value of `Settings.read_more_below` (read the 2nd and 3rd passages only when the 1st leaves the
reader's best margin below it; `none`: always read all three) and each set of rule checks, every question of
the split is asked once in one process with abstention off; on dev the "not found" threshold is fitted for
each setting (`qa.training.calibrate.best_threshold`), on test it is taken from the dev run's file. Reports
the scores at that threshold, the passages read per question (mean), and the CPU milliseconds per question.
"""
from __future__ import annotations

import argparse
import json
import logging
import time
from dataclasses import replace
from pathlib import Path


def count_passages(reader) -> list[int]:
    """Patch a loaded reader to count the (question, passage) pairs it reads; returns the live counter."""
    counter, windows = [0], reader._windows

    def counted(questions, passages):
        counter[0] += len(passages)
        return windows(questions, passages)

    reader._windows = counted
    return counter


def measure(rows, value: float | None, checks: tuple[str, ...], threshold: float | None) -> dict:
    from qa.assistant import Assistant
    from qa.settings import Settings
    from qa.training.calibrate import best_threshold, run, score

    settings = replace(Settings().with_(no_answer_threshold=-1e9), read_more_below=value, abstain_checks=checks)
    assistant = Assistant.load(settings)
    assistant.ask(rows[0].question)  # warm up: models loaded outside the timing
    read = count_passages(assistant.reader)
    cpu = time.process_time()
    outcomes = run(assistant, rows)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(rows)
    fitted = best_threshold(outcomes) if threshold is None else threshold
    keep = ("threshold", "em_all", "em_answerable", "f1_answerable", "abstain_recall", "abstain_rate_answerable")
    result = score(outcomes, fitted)
    return {"read_more_below": value, "checks": list(checks), **{k: result[k] for k in keep},
            "passages_per_question": round(read[0] / len(rows), 3), "cpu_ms": round(cpu_ms, 1),
            "answers": {o.id: o.prediction if o.margin >= fitted else "" for o in outcomes}}


def main(argv: list[str] | None = None) -> int:
    from qa.settings import ABSTAIN_CHECKS
    from qa.training.gold import load_gold

    parser = argparse.ArgumentParser(prog="python -m eval.read_more", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default="eval/data/gold.jsonl")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--values", nargs="+", default=["4", "8", "none"])
    parser.add_argument("--checks", nargs="+", default=[",".join(ABSTAIN_CHECKS)],
                        help="sets of rule checks, each comma-separated ('none': no checks)")
    parser.add_argument("--threshold-from", help="a dev run's --out file: use its fitted thresholds")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rows = load_gold(args.questions, split=args.split)
    fitted = {}
    if args.threshold_from:
        for r in json.loads(Path(args.threshold_from).read_text(encoding="utf-8"))["runs"]:
            fitted[(r["read_more_below"], tuple(r["checks"]))] = r["threshold"]
    runs = []
    for checks in args.checks:
        chosen = tuple(c for c in checks.split(",") if c and c != "none")
        for text in args.values:
            value = None if text == "none" else float(text)
            runs.append(measure(rows, value, chosen, fitted.get((value, chosen))))
            print(json.dumps({k: v for k, v in runs[-1].items() if k != "answers"}, ensure_ascii=False), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps({"split": args.split, "runs": runs}, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
