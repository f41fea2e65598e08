"""Score the reader on a SQuAD-format file: reader only (CMRC style) and end to end (retrieve, then read).

Reader only: each question against its own paragraph; the reader always answers (its best span), as
in the CMRC 2018 and DRCD evaluations. End to end: the file's articles become a collection (one report
per article, one passage per paragraph), indexed with the settings' encoder, and each question goes
through the whole assistant; an abstention scores 0.

    qa eval --squad ../shared/mrc/drcd_test.zh-hans.json --part heldout --mode both --out eval/reports/drcd-heldout.json
    python -m eval.squad ...   (the same)
"""
from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from embeddings.types import Passage
from eval.metrics import char_f1, exact_match, latency
from qa.training.squad import PARTS, SquadQuestion, load_squad

log = logging.getLogger(__name__)


def reader_only(reader: Any, questions: Sequence[SquadQuestion], *, batch: int = 16) -> dict[str, Any]:
    """EM / F1 (percent) of the reader's best span, each question read against its own paragraph."""
    rows = []
    for lo in range(0, len(questions), batch):
        part = questions[lo:lo + batch]
        passages = [[Passage(f"sq-{q.paragraph}", 0, q.context, 0, len(q.context), title=q.title)] for q in part]
        for q, result in zip(part, reader.read_batch([q.question for q in part], passages, top_n=1)):
            best = result.answers[0].text if result.answers else ""
            rows.append({"id": q.id, "question": q.question, "answers": list(q.answers), "prediction": best,
                         "margin": round(float(result.margin), 3), "em": exact_match(best, q.answers),
                         "f1": char_f1(best, q.answers)})
    return {"n": len(rows), **_means(rows), "items": rows}


def write_collection(questions: Sequence[SquadQuestion], folder: Path) -> Path:
    """One .txt report per article (title line, then one indented paragraph a line); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    articles: dict[str, dict[str, str]] = {}
    for q in questions:
        articles.setdefault(q.title, {})[q.paragraph] = q.context
    for n, (title, paragraphs) in enumerate(articles.items(), 1):
        body = "\n".join("　　" + " ".join(text.split()) for _, text in sorted(paragraphs.items(), key=_order))
        (folder / f"{n:04d}.txt").write_text(f"{title}\n{body}\n", encoding="utf-8")
    return folder


def _order(item: tuple[str, str]) -> tuple[str, int]:
    stem, _, index = item[0].rpartition(":")
    return stem, int(index) if index.isdigit() else 0


def end_to_end(questions: Sequence[SquadQuestion], settings: Any, *, workdir: Path | None = None,
               k: int | None = None) -> dict[str, Any]:
    """Index the questions' articles as a collection, then ask every question through the assistant."""
    from embeddings.encoders import make_encoder
    from embeddings.index import build_index
    from qa.assistant import Assistant

    workdir = Path(workdir or tempfile.mkdtemp(prefix="squad-e2e-"))
    docs = write_collection(questions, workdir / "docs")
    settings = settings.with_(corpus=[str(docs)], index_dir=str(workdir / "index"))
    build_index([docs], settings.index_dir, make_encoder(settings.encoder), index_type=settings.index_type)
    assistant = Assistant.load(settings)
    rows, ms = [], []
    for q in questions:
        t0 = time.perf_counter()
        response = assistant.ask(q.question, k=k)
        ms.append((time.perf_counter() - t0) * 1000)
        best = response.answers[0].text if response.answers else ""
        rows.append({"id": q.id, "question": q.question, "answers": list(q.answers), "prediction": best,
                     "abstained": not response.answers, "reason": getattr(response, "reason_code", ""),
                     "em": exact_match(best, q.answers) if best else 0.0,
                     "f1": char_f1(best, q.answers) if best else 0.0})
    abstained = sum(r["abstained"] for r in rows)
    return {"n": len(rows), **_means(rows), "abstain_rate": round(100 * abstained / max(1, len(rows)), 1),
            "latency_ms": latency(ms), "items": rows}


def _means(rows: Sequence[dict]) -> dict[str, float]:
    n = max(1, len(rows))
    return {"em": round(100 * sum(r["em"] for r in rows) / n, 1), "f1": round(100 * sum(r["f1"] for r in rows) / n, 1)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa eval --squad", description=__doc__.splitlines()[0])
    parser.add_argument("--squad", required=True, help="a SQuAD-format JSON file")
    parser.add_argument("--part", default="all", choices=PARTS + ("all",),
                        help="one split of its articles (qa.training.squad.part_of); 'all' for a user's own file")
    parser.add_argument("--mode", default="reader", choices=("reader", "e2e", "both"))
    parser.add_argument("--reader", help="reader folder (default: the settings' reader)")
    parser.add_argument("--type-weight", type=float, help="weight of the answer-type prior (0: off; default: saved)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N questions")
    parser.add_argument("--out", help="write the report (JSON) here")
    parser.add_argument("--with-items", action="store_true",
                        help="keep every question's prediction in --out (leave it out for data you may not copy)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from qa.calibration import calibration
    from qa.reading.reader import Reader
    from qa.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    settings = Settings().with_(reader=args.reader)
    questions = load_squad(args.squad, part=args.part)
    questions = questions[: args.limit] if args.limit else questions
    report: dict[str, Any] = {"squad": args.squad, "part": args.part, "reader": settings.reader}
    if args.mode in ("reader", "both"):
        saved = (calibration(settings.reader) or {}).get("reader_options", {})
        options = {k: v for k, v in saved.items() if k in ("max_length", "stride", "type_weight")}
        if args.type_weight is not None:
            options["type_weight"] = args.type_weight
        reader = Reader(settings.reader, backend=settings.backend, precision=settings.reader_precision, **options)
        report["reader_only"] = reader_only(reader, questions)
    if args.mode in ("e2e", "both"):
        report["end_to_end"] = end_to_end(questions, settings)
    summary = {key: {k: v for k, v in val.items() if k != "items"} for key, val in report.items() if isinstance(val, dict)}
    print(json.dumps({**{k: v for k, v in report.items() if not isinstance(v, dict)}, **summary}, ensure_ascii=False))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        kept = report if args.with_items else {k: ({m: x for m, x in v.items() if m != "items"} if isinstance(v, dict) else v)
                                               for k, v in report.items()}
        Path(args.out).write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
