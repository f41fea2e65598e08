"""Risk against coverage of the reader's answers, from a `qa.training.calibrate --out` file.

    python -m qa.training.calibrate --split test --no-save --no-card --out /tmp/cal-test.json
    python -m eval.risk_coverage /tmp/cal-test.json --out eval/reports/reader/risk-coverage-test.json

Questions are answered from the most confident down (by the reader's margin); at each coverage (the share of
all questions answered) risk is the share of those answers that are wrong (F1 < 0.5, or any answer to an
unanswerable question). A question a rule check abstains on (no prediction at any margin) is never answered.
The row at the calibrated threshold is marked. With the reader's confidence curve (its `calibration.json`), it
also says how often the answers given and marked 高 (confidence >= 0.8) are right.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from qa.reading.confidence import HIGH


def curve(outcomes: list[dict], threshold: float, steps: int = 10) -> list[dict]:
    """Rows (coverage, margin cut, answered, risk) at every 1/steps of coverage, plus the threshold's row.

    >>> rows = curve([{"margin": 3.0, "right": True}, {"margin": 1.0, "right": False}], 2.0, steps=2)
    >>> [(r["coverage"], r["risk"]) for r in rows]
    [(0.5, 0.0), (1.0, 0.5), (0.5, 0.0)]
    """
    total = len(outcomes)
    ranked = sorted((o for o in outcomes if o.get("answered", True)), key=lambda o: -o["margin"])
    rows = []
    for i in range(1, steps + 1):
        n = round(total * i / steps)
        if n <= len(ranked) and n:
            rows.append(_row(ranked[:n], total, ranked[n - 1]["margin"]))
    kept = [o for o in ranked if o["margin"] >= threshold]
    rows.append({**_row(kept, total, threshold), "at_threshold": True})
    return rows


def _row(answered: list[dict], total: int, cut: float) -> dict:
    wrong = sum(1 for o in answered if not o["right"])
    return {"coverage": round(len(answered) / total, 3), "margin_cut": round(cut, 2), "answered": len(answered),
            "risk": round(wrong / len(answered), 3) if answered else 0.0}


def marked_high(outcomes: list[dict], threshold: float, probability) -> dict:
    """The answers given at the threshold whose confidence is 高, and the share of them that are right.

    >>> marked_high([{"margin": 3.0, "score": 3.0, "right": True}, {"margin": 2.5, "score": 0.1, "right": False}],
    ...             2.0, lambda s: 0.9 if s > 1 else 0.3)
    {'given': 2, 'high': 1, 'right_among_high': 1.0}
    """
    given = [o for o in outcomes if o.get("answered", True) and o["margin"] >= threshold and o["score"] is not None]
    high = [o for o in given if probability(o["score"]) >= HIGH]
    right = sum(1 for o in high if o["right"])
    return {"given": len(given), "high": len(high), "right_among_high": round(right / len(high), 3) if high else 0.0}


def main(argv: list[str] | None = None) -> int:
    from qa.calibration import calibration
    from qa.reading.confidence import Confidence
    from qa.training.calibrate import CORRECT_F1, em_f1

    parser = argparse.ArgumentParser(prog="python -m eval.risk_coverage", description=__doc__.splitlines()[0])
    parser.add_argument("calibration", help="a JSON file written by qa.training.calibrate --out")
    parser.add_argument("--out", required=True)
    parser.add_argument("--reader", default="models/reader", help="the reader whose calibration.json holds its curve")
    args = parser.parse_args(argv)
    data = json.loads(Path(args.calibration).read_text(encoding="utf-8"))
    outcomes = [{"margin": o["margin"], "answered": bool(o["prediction"]) and o["margin"] > float("-inf"),
                 "score": o.get("reader_score"), "right": bool(o["answers"]) and bool(o["prediction"])
                 and em_f1(o["prediction"], o["answers"])[1] >= CORRECT_F1} for o in data["outcomes"]]
    rows = curve(outcomes, data["result"]["threshold"])
    report = {"split": data["result"]["split"], "questions": len(outcomes), "rows": rows}
    fitted = (calibration(args.reader) or {}).get("confidence")
    if fitted:
        report["marked_high"] = marked_high(outcomes, data["result"]["threshold"], Confidence.from_dict(fitted).probability)
        print(f"marked 高: {report['marked_high']}")
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print("| coverage | margin ≥ | answered | risk (wrong among answered) |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['coverage']:.0%}{' (threshold)' if r.get('at_threshold') else ''} | {r['margin_cut']} | "
              f"{r['answered']} | {r['risk']:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
