"""Calibrate the abstention threshold on the dev questions, and measure the assistant end to end.

    python -m qa.training.calibrate --questions eval/data/gold.jsonl --split dev     # writes calibration.json
    python -m qa.training.calibrate --questions eval/data/gold.jsonl --split test --no-save
    python -m qa.training.calibrate --split dev --also eval/data/single_heldout1.jsonl ...  # pooled: see --also

Scores are CMRC 2018 style: punctuation and whitespace removed, character F1 from the longest
common substring, best over the gold answers; an unanswerable question scores 1 only if abstained.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What the assistant said to one gold question, before any threshold: best text and margin."""

    id: str
    answers: tuple[str, ...]
    prediction: str
    margin: float
    ms: float
    reader_score: float | None = None  # the best answer's own margin (what its confidence is computed from)
    hedgeable: bool = False  # the best answer has the asked shape: below the threshold it may be offered as 可能的答案


def em_f1(prediction: str, answers: Sequence[str]) -> tuple[float, float]:
    """Best EM and char F1 over gold answers (eval.metrics); an empty prediction means abstained."""
    from qa.metrics import score_answer

    return score_answer(prediction or None, answers)


def given(o: Outcome, threshold: float) -> bool:
    """Whether the assistant gives the answer at `threshold`: the best span's margin and the answer's own reader
    margin (a list grown from a surer span keeps its own) both at or above it (`Assistant._response`)."""
    return o.margin >= threshold and (o.reader_score is None or o.reader_score >= threshold)


def score(outcomes: Sequence[Outcome], threshold: float, band: float = 0.0) -> dict:
    """EM/F1 on answerable and overall, abstention precision/recall, at one threshold; with a hedge `band`
    also how often "not found" comes with a possible answer (hedged) and how often that one is right."""
    rows = []
    for o in outcomes:  # given as the assistant gives it: its best span, and the answer's own margin, at the threshold
        pred = o.prediction if given(o, threshold) else ""
        rows.append((bool(o.answers), not pred, *em_f1(pred, o.answers)))
    hedged = [o for o in outcomes if o.prediction and not given(o, threshold) and o.hedgeable
              and (threshold - band <= o.margin < threshold or o.margin >= threshold)]
    answerable = [r for r in rows if r[0]]
    abstained = [r for r in rows if r[1]]
    unanswerable = [r for r in rows if not r[0]]
    mean = lambda xs: round(sum(xs) / len(xs), 4) if xs else None  # noqa: E731
    return {"threshold": threshold, "n": len(rows), "answerable": len(answerable),
            "em_answerable": mean([r[2] for r in answerable]), "f1_answerable": mean([r[3] for r in answerable]),
            "em_all": mean([r[2] for r in rows]), "f1_all": mean([r[3] for r in rows]),
            "abstain_precision": mean([float(not r[0]) for r in abstained]),
            "abstain_recall": mean([float(r[1]) for r in unanswerable]),
            "abstain_rate_answerable": mean([float(r[1]) for r in answerable]),
            "hedge_band": band, "hedged": len(hedged),
            "hedged_right": sum(em_f1(o.prediction, o.answers)[1] >= CORRECT_F1 for o in hedged if o.answers),
            "hedged_unanswerable": sum(1 for o in hedged if not o.answers),
            "hard_abstain_rate_answerable": round((sum(r[1] for r in answerable) - sum(1 for o in hedged if o.answers))
                                                  / len(answerable), 4) if answerable else None}





MAX_ANSWERABLE_ABSTAIN = 0.05


def best_threshold(outcomes: Sequence[Outcome], *, max_answerable_abstain: float = MAX_ANSWERABLE_ABSTAIN) -> float:
    """The threshold that abstains on most unanswerable questions while abstaining on at most
    `max_answerable_abstain` of the answerable ones; ties go to the best overall F1, then the lower one."""
    margins = sorted({round(o.margin, 3) for o in outcomes if o.margin > float("-inf")})
    candidates = [-100.0] + [round(m + 0.001, 3) for m in margins]
    scored = [(t, score(outcomes, t)) for t in candidates]
    allowed = [(t, s) for t, s in scored if (s["abstain_rate_answerable"] or 0.0) <= max_answerable_abstain]
    pool = allowed or scored[:1]
    return max(pool, key=lambda ts: (ts[1]["abstain_recall"] or 0.0, ts[1]["f1_all"], -ts[0]))[0]


def run(assistant, rows: Sequence, *, k: int = 5) -> list[Outcome]:
    """Ask every question once with abstention off; keep best text, margin and latency."""
    from qa.reading.abstain import of_asked_type

    outcomes = []
    for row in rows:
        started = time.perf_counter()
        response = assistant.ask(row.question, k=k)
        ms = (time.perf_counter() - started) * 1000
        best = response.best.text if response.best else ""
        read = response.best is not None and response.best.read_by == "reader"  # a header's date is no reader's
        reader_score = response.best.reader_score if read else None
        hedgeable = bool(response.best) and of_asked_type(row.question, response.best)
        outcomes.append(Outcome(row.id, row.answers, best, -response.no_answer_score, ms, reader_score, hedgeable))
    return outcomes


CORRECT_F1 = 0.5  # an answer counts as right for the confidence curve when its char F1 reaches this


def pooled_threshold(outcomes: Sequence[Outcome]) -> tuple[float, dict] | None:
    """The confidence curve fitted on every answer the reader gives (at any margin), and the threshold where it
    crosses 0.5: an answer is then given only when it is at least as likely right as not, and 可能的答案 (below 0.5)
    is what the issue calls a hedge. Fitted on questions of another hand beside the dev split, whose margins spread
    where the gold questions have none. None when no curve can be fitted.

    >>> right = [Outcome(f"r{i}", ("甲",), "甲", m, 1.0, m) for i, m in enumerate([9, 7, 5, 3, 1, -4])]
    >>> wrong = [Outcome(f"w{i}", ("甲",), "乙", m, 1.0, m) for i, m in enumerate([2, -2, -6, -8, -9])]
    >>> threshold, curve = pooled_threshold(right + wrong)
    >>> -4 < threshold < 2, curve["fitted_on"]
    (True, 11)
    """
    from qa.reading.confidence import Confidence

    fitted = fit_confidence(outcomes, float("-inf"))
    if fitted is None:
        return None
    return round(Confidence.from_dict(fitted).margin_at(0.5), 3), fitted


def answers_given(outcomes: Sequence[Outcome], threshold: float) -> tuple[list[float], list[bool]]:
    """The reader margins of the answers given at `threshold`, and whether each is right (F1 >= 0.5)."""
    given = [o for o in outcomes if o.prediction and o.margin >= threshold and o.reader_score is not None]
    return [o.reader_score for o in given], [em_f1(o.prediction, o.answers)[1] >= CORRECT_F1 for o in given]


def fit_confidence(outcomes: Sequence[Outcome], threshold: float) -> dict | None:
    """The margin-to-probability curve fitted on the answers given at `threshold` (right: F1 >= 0.5),
    with its Brier score on them; None when too few answers or only one kind of outcome."""
    from qa.reading.confidence import brier, fit

    margins, right = answers_given(outcomes, threshold)
    if len(margins) < 10 or all(right) or not any(right):
        log.warning("confidence not fitted: %d answers, %d right", len(margins), sum(right))
        return None
    curve = fit(margins, right)
    return {**curve.to_dict(), "fitted_on": len(margins), "right": sum(right), "brier": brier(curve, margins, right)}


def check_confidence(outcomes: Sequence[Outcome], threshold: float, curve) -> dict:
    """How a saved curve fares on other questions: Brier score, mean probability and share right."""
    from qa.reading.confidence import brier

    margins, right = answers_given(outcomes, threshold)
    mean_p = sum(curve.probability(m) for m in margins) / max(1, len(margins))
    return {"answers": len(margins), "right": round(sum(right) / max(1, len(right)), 4),
            "mean_confidence": round(mean_p, 4), "brier": brier(curve, margins, right)}


def latency(outcomes: Sequence[Outcome]) -> dict:
    ms = sorted(o.ms for o in outcomes)
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1)}


def update_card(reader_dir: Path, result: dict) -> None:
    """Replace (or add) this split's results section in the reader's model_card.md."""
    card = reader_dir / "model_card.md"
    if not card.exists():
        return
    heading = f"## Measured results: {result['split']} split, end to end (k={result['k']})"
    text = card.read_text(encoding="utf-8")
    text = re.sub(rf"\n{re.escape(heading)}\n```json\n.*?```\n", "\n", text, flags=re.S)
    text = re.sub(r"\n{3,}", "\n\n", text).rstrip("\n")  # the removed section leaves no blank lines behind
    keep = {k: v for k, v in result.items() if k != "questions"}
    card.write_text(f"{text}\n\n{heading}\n```json\n{json.dumps(keep, ensure_ascii=False, indent=2)}\n```\n",
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.training.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default="eval/data/gold.jsonl")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--reader", default=None, help="reader folder (default: Settings.reader)")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--reports", default="", help="only questions about these reports, e.g. 25-34")
    parser.add_argument("--quantize", action="store_true", default=None, help="int8 dynamic quantization of the reader")
    parser.add_argument("--max-length", type=int, default=None, help="reader window length in tokens")
    parser.add_argument("--stride", type=int, default=None, help="overlap of reader windows in tokens")
    parser.add_argument("--max-answer-len", type=int, default=None, help="longest answer in tokens")
    parser.add_argument("--retrieval-weight", type=float, default=None)
    parser.add_argument("--type-weight", type=float, default=None, help="weight of the answer-type prior (0: off)")
    parser.add_argument("--also", nargs="+", default=[], metavar="QUESTIONS",
                        help="question files written by another hand (every question of each, whatever its split), "
                             "pooled with the split's: the confidence curve is fitted on every answer the reader "
                             "gives them and the threshold is its margin at confidence 0.5 (`pooled_threshold`)")
    parser.add_argument("--no-save", action="store_true", help="evaluate with the saved threshold, write nothing")
    parser.add_argument("--no-card", action="store_true", help="leave the model card's results as they are (ablations)")
    parser.add_argument("--out", default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    import torch

    from qa.assistant import Assistant
    from qa.calibration import CALIBRATION_FILE, calibrated_threshold
    from qa.settings import Settings

    torch.set_num_threads(2)
    settings = Settings().with_(reader=args.reader, no_answer_threshold=-1e9)
    given = {"quantize": args.quantize, "max_length": args.max_length, "stride": args.stride,
             "max_answer_len": args.max_answer_len, "retrieval_weight": args.retrieval_weight,
             "type_weight": args.type_weight}
    assistant = Assistant.load(settings, reader_options={k: v for k, v in given.items() if v is not None})
    options = {k: getattr(assistant.reader, k) for k in given}  # what was used: flags, else the saved ones
    from qa.training.gold import load_gold

    rows = load_gold(args.questions, split=args.split)
    if args.reports:
        from qa.training.generate import parse_reports

        wanted = parse_reports(args.reports)
        rows = [r for r in rows if r.report in wanted]
    outcomes = run(assistant, rows, k=args.k)
    saved = calibrated_threshold(settings.reader)
    fits = args.also and not args.no_save  # the other hand's questions are read only to fit a threshold
    pool = outcomes + [o for path in args.also if fits for o in run(assistant, load_gold(path, split="all"), k=args.k)]
    pooled = pooled_threshold(pool) if fits else None
    threshold = saved if args.no_save and saved is not None else pooled[0] if pooled else best_threshold(outcomes)
    band = Settings().hedge_band or 0.0
    result = {"split": args.split, "questions": args.questions, "k": args.k, "reader_options": options,
              "reader_top_k": settings.reader_top_k, "reports": args.reports or "all",
              **score(outcomes, threshold, band),
              **latency(outcomes), "threshold_source": "saved" if args.no_save else "fitted on this split" if not pooled
              else f"confidence 0.5 on this split and {len(pool) - len(outcomes)} questions of another hand"}
    if args.no_save:
        from qa.calibration import calibrated_confidence

        curve = calibrated_confidence(settings.reader)
        result["confidence_check"] = check_confidence(outcomes, threshold, curve) if curve else None
    else:
        result["confidence"] = pooled[1] if pooled else fit_confidence(outcomes, threshold)
    if not args.no_save and not args.reports:
        (Path(settings.reader) / CALIBRATION_FILE).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if not args.reports and not args.no_card:
        update_card(Path(settings.reader), result)
    if args.out:
        Path(args.out).write_text(json.dumps({"result": result, "outcomes": [o.__dict__ for o in outcomes]},
                                             ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
