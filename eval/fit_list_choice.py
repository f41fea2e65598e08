"""Fit the model that chooses which places naming a list's thing are listed (`qa.list_choice`), on list
questions with their right places (eval/data/lists_*.jsonl and the lists of multi.jsonl by default).

    python -m eval.fit_list_choice                       # fit, report leave-one-file-out figures, write the weights
    python -m eval.fit_list_choice --no-save --data F…   # figures only

Only retrieval runs (no reader): each question's named places and their features, as `qa.lists.list_parts`
computes them. The figures are leave-one-file-out: each file's lists chosen by a model fitted on the others;
a list is right when its listed places include 80% of the right ones and nothing else (as `eval.multi`).
"""
from __future__ import annotations

import argparse
import glob
import json
import logging
from pathlib import Path

import numpy as np

from embeddings.places import stem
from qa.kinds import detect
from qa.list_choice import FEATURES, WEIGHTS
from qa.lists import candidates

log = logging.getLogger(__name__)
DEFAULT_DATA = sorted(glob.glob("eval/data/lists_*.jsonl")) + ["eval/data/multi.jsonl"]


def labelled(assistant, files: list[str]) -> list[dict]:
    """One row per place naming the thing of each list question: its file, id, place, label and features."""
    rows = []
    for path in files:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("kind") != "list" or not item.get("items"):
                continue
            found = candidates(assistant.retriever, item["question"], detect(item["question"], assistant.known_places()))
            right = {stem(p) for p in item["items"]}
            for (place, _, _), row in zip(found.named, found.features()):
                rows.append({"file": Path(path).name, "id": item["id"], "place": place, "right": place in right,
                             "items": sorted(right), **row})
    return rows


def fit(x: np.ndarray, y: np.ndarray, *, steps: int = 3000, rate: float = 0.1, l2: float = 1.0):
    """Logistic regression on standardised features by gradient descent (deterministic): mean, scale, weights, bias."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= rate * float((p - y).mean())
    return mean, scale, w, b


def probabilities(model, x: np.ndarray) -> np.ndarray:
    mean, scale, w, b = model
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b)))


def verdicts(rows: list[dict], chosen: np.ndarray) -> dict:
    """Lists right (recall >= 0.8, no extra place), right places listed and extra places, over the questions."""
    by_id: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_id.setdefault(r["id"], []).append(i)
    right = found = extra = 0
    for ids in by_id.values():
        gold = set(rows[ids[0]]["items"])
        listed = {rows[i]["place"] for i in ids if chosen[i]}
        right += len(listed & gold) / len(gold) >= 0.8 and not listed - gold
        found, extra = found + len(listed & gold), extra + len(listed - gold)
    return {"lists": len(by_id), "right": right, "right_places": found, "extra_places": extra}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    from qa.assistant import Assistant

    rows = labelled(Assistant.load(), args.data)
    x = np.array([[r[f] for f in FEATURES] for r in rows], dtype=float)
    y = np.array([r["right"] for r in rows], dtype=float)
    held = np.zeros(len(rows))
    for name in sorted({r["file"] for r in rows}):
        mine = np.array([r["file"] == name for r in rows])
        held[mine] = probabilities(fit(x[~mine], y[~mine]), x[mine])
    report = {"candidates": len(rows), "right_candidates": int(y.sum()),
              "leave_one_file_out": verdicts(rows, held >= args.threshold)}
    mean, scale, w, b = fit(x, y)
    model = {"features": list(FEATURES), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
             "weights": w.round(6).tolist(), "bias": round(b, 6), "threshold": args.threshold,
             "fitted_on": [Path(f).name for f in args.data], "figures": report,
             "command": "python -m eval.fit_list_choice"}
    if not args.no_save:
        WEIGHTS.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        log.info("wrote %s", WEIGHTS)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return model


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()
