"""Question-kind detection measured on a labelled set (eval/data/kinds.jsonl): accuracy per split, the
places of compare/total/each questions, the mistakes; and how many gold single questions look multi.

    python -m eval.kinds --split test
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from qa.kinds import detect
from qa.settings import ROOT, Settings

DATA = ROOT / "eval" / "data" / "kinds.jsonl"


def known_places(index_dir: str | Path) -> set[str]:
    """Every place the index's reports name (read from reports.jsonl, no model loaded)."""
    lines = (Path(index_dir) / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return {p for line in lines if line.strip() for p in json.loads(line).get("places", [])}


def score(rows: list[dict], known: set[str]) -> dict:
    """Kind accuracy, and kind-and-places accuracy, over labelled rows; the rows got wrong."""
    wrong, places_right = [], 0
    for row in rows:
        got = detect(row["question"], known)
        same_places = not row["places"] or list(got.places) == row["places"]
        places_right += got.kind == row["kind"] and same_places
        if got.kind != row["kind"] or not same_places:
            wrong.append({"question": row["question"], "want": row["kind"], "got": got.kind, "places": got.places})
    n = len(rows)
    return {"n": n, "kind_accuracy": round(sum(1 for r in rows if detect(r["question"], known).kind == r["kind"]) / n, 4),
            "kind_and_places_accuracy": round(places_right / n, 4), "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    args = parser.parse_args(argv)
    known = known_places(Settings().index_dir)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if args.split == "all" or r["split"] == args.split]
    result = score(rows, known)
    gold = [json.loads(line) for line in (ROOT / "eval" / "data" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    multi = [g["question"] for g in gold if detect(g["question"], known).kind != "single"]
    result["gold_single_detected_multi"] = {"n": len(gold), "multi": len(multi), "questions": multi}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
