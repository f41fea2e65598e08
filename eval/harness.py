"""The evaluation harness: retrieval per mode, answers end to end, and reader comparisons on gold questions.

`run_eval` takes the components (anything behind the Retriever / Assistant interfaces), so tests run it
on fakes; `main` is `qa eval`, loading the real ones.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from embeddings.errors import InputError, ModelMissingError, QAError
from eval.compare import ReadFn, reader_read_fn, run_compare
from eval.metrics import first_hit_rank, grouped, latency, qa_breakdown, retrieval_summary, score_answer
from eval.report import format_summary, write_report
from eval.results import EvalReport, ItemResult
from qa.settings import Settings, check_k
from qa.training.gold import GoldItem, load_gold
from qa.types import Hit, Response

log = logging.getLogger(__name__)

MODES = ("bm25", "dense", "hybrid")
RETRIEVAL_DEPTH = 20


class RetrieverLike(Protocol):
    def search(self, query: str, k: int | None = None, **options: Any) -> list[Hit]: ...


class AssistantLike(Protocol):
    def ask(self, question: str, k: int | None = None, reports: Any = None, places: Any = None) -> Response: ...


def run_eval(questions: Sequence[GoldItem], *, retriever: RetrieverLike, assistant: AssistantLike | None = None,
             read: ReadFn | None = None, passages: Sequence[Any] = (), k: int = 5, read_k: int | None = None,
             modes: Sequence[str] = MODES, meta: dict[str, Any] | None = None) -> EvalReport:
    """Evaluate retrieval in every mode, then (with an assistant) answers, then (with `read`) the comparison.

    Args:
        questions: the gold items to run, already filtered to a split.
        retriever: has `search(q, k, mode=...)` returning ranked hits.
        assistant: has `ask(q, k=...)` returning a Response; None for retrieval only.
        read: `read(question, hits) -> Answer | None`; given, adds the per-mode reader comparison.
        passages: every indexed passage, to find each item's gold evidence passage for the comparison.
        k: passages retrieved per question; read_k: how many of them the comparison reads (default k).
    """
    if not questions:
        raise InputError("no questions to evaluate: check --split and the questions file")
    ranks, ms = _retrieve_all(questions, retriever, modes)
    items = [_base_item(q, {m: ranks[m][n] for m in modes}, {m: ms[m][n] for m in modes})
             for n, q in enumerate(questions)]
    qa = None
    if assistant is not None:
        items = [_with_answer(item, q, resp, t) for item, q, (resp, t) in
                 zip(items, questions, _ask_all(questions, assistant, k))]
        qa = {**qa_breakdown([i.scored() for i in items]), "latency": latency([i.latency_ms for i in items])}
    compare = None
    if read is not None:
        # the comparison reads what the assistant reads: the top `read_k` hits of each mode
        compare, predictions = run_compare(questions, retriever, read, passages=passages, k=read_k or k, modes=modes)
        items = [replace(item, compare=p) for item, p in zip(items, predictions)]
    meta = {**(meta or {}), "n": len(questions), "answerable": sum(q.answerable for q in questions), "k": k,
            "modes": list(modes), "retrieval_depth": RETRIEVAL_DEPTH}
    return EvalReport(meta, _retrieval_summary(items, modes), tuple(items), qa, compare)


def _retrieve_all(questions: Sequence[GoldItem], retriever: RetrieverLike,
                  modes: Sequence[str]) -> tuple[dict[str, list[int | None]], dict[str, list[float]]]:
    """First-hit rank and latency of every question in every mode, timed after a warm-up search."""
    if hasattr(retriever, "warm_up"):
        retriever.warm_up()
    ranks: dict[str, list[int | None]] = {}
    ms: dict[str, list[float]] = {}
    for mode in modes:
        retriever.search(questions[0].question, RETRIEVAL_DEPTH, mode=mode)  # warm-up, untimed
        ranks[mode], ms[mode] = [], []
        for q in questions:
            start = time.perf_counter()
            hits = retriever.search(q.question, RETRIEVAL_DEPTH, mode=mode)
            ms[mode].append(round((time.perf_counter() - start) * 1000, 3))
            ranks[mode].append(_rank(q, hits))
        log.info("retrieval %s: %d questions", mode, len(questions))
    return ranks, ms


def _rank(q: GoldItem, hits: Sequence[Hit]) -> int | None:
    if not q.answerable:
        return None
    return first_hit_rank([h.passage.text for h in hits], q.evidence, q.answers)


def _ask_all(questions: Sequence[GoldItem], assistant: AssistantLike, k: int) -> list[tuple[Response, float]]:
    """Each question through the assistant, wall-clock timed after one untimed warm-up question."""
    if hasattr(assistant, "warm_up"):
        assistant.warm_up()
    assistant.ask(questions[0].question, k=k)
    out = []
    for q in questions:
        start = time.perf_counter()
        response = assistant.ask(q.question, k=k)
        out.append((response, round((time.perf_counter() - start) * 1000, 3)))
    return out


def _base_item(q: GoldItem, ranks: dict[str, int | None], ms: dict[str, float]) -> ItemResult:
    return ItemResult(q.id, q.question, q.type, q.style, q.split, q.answerable, q.report, ranks, ms)


def _with_answer(item: ItemResult, q: GoldItem, response: Response, ms: float) -> ItemResult:
    best = response.best
    prediction = best.text if best else None
    em, f1 = score_answer(prediction, q.answers)
    shown = best or (response.possible[0] if response.possible else None)
    return replace(item, prediction=prediction, abstained=best is None, reason=response.reason or None,
                   reason_code=response.reason_code or None, confidence=shown.confidence if shown else None,
                   hedged=response.possible[0].text if response.possible else None,
                   score=best.score if best else None, em=em, f1=f1, first_hit_rank=_rank(q, response.hits),
                   cited_report=best.passage.report if best else None, latency_ms=ms)


def _retrieval_summary(items: Sequence[ItemResult], modes: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per mode: hit@k and MRR@10 over answerable items (overall, by style, by type) and latency over all."""
    answerable = [i for i in items if i.answerable]
    out = {}
    for mode in modes:
        summarize = lambda group, m=mode: retrieval_summary([i.ranks[m] for i in group])  # noqa: E731
        out[mode] = {"overall": summarize(answerable),
                     "by_style": grouped(answerable, lambda i: i.style, summarize),
                     "by_type": grouped(answerable, lambda i: i.type, summarize),
                     "latency": latency([i.retrieval_ms[mode] for i in items])}
    return out


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa eval", description="Measure retrieval and answers on gold questions.")
    p.add_argument("--questions", required=True,
                   help="questions, JSON Lines (e.g. eval/data/gold.jsonl); only 'question' and 'answers' are required. "
                        "For a SQuAD-format file use `qa eval --squad FILE` (see python -m eval.squad --help)")
    p.add_argument("--out", required=True, help="report.json path; report.md and PNG plots go beside it")
    p.add_argument("--index", help="index folder (default: settings.index_dir)")
    p.add_argument("--reader", help="reader model folder or name (default: settings.reader)")
    p.add_argument("--k", type=int, help="passages read per question (default: settings.k)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="all",
                   help="which questions by their 'split' field (default: all; a missing field counts as test)")
    p.add_argument("--retrieval-only", action="store_true", help="skip the reader: retrieval metrics only")
    p.add_argument("--compare", action="store_true",
                   help="also read each retrieval mode's hits and the gold evidence passage with the same reader")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging (configured by `qa`)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """`qa eval`: exit 0 on success, 2 on a bad questions file or option; `--squad FILE` goes to eval.squad."""
    if argv is not None and "--squad" in argv:
        from eval.squad import main as squad_main

        return squad_main(argv)
    args = build_parser().parse_args(argv)
    try:
        questions = load_gold(args.questions, split=args.split)
        settings = Settings().with_(index_dir=args.index, reader=args.reader, k=args.k)
        check_k(settings.k)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.retrieval_only and args.compare:
        print("error: --compare needs the reader: drop --retrieval-only", file=sys.stderr)
        return 2
    report = run_eval(questions, **_components(settings, args), k=settings.k, read_k=settings.reader_top_k,
                      meta=_meta(args, settings))
    paths = write_report(report, args.out)
    print(format_summary(report))
    print(f"wrote {', '.join(str(p) for p in paths)}")
    return 0


def _components(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    """The retriever, and unless --retrieval-only the assistant (and with --compare its reader), loaded once."""
    from qa.retrieval.retriever import Retriever

    if args.retrieval_only:
        return {"retriever": Retriever.load(settings.index_dir, settings=settings)}
    try:
        from qa.assistant import Assistant
    except ImportError as exc:
        raise ModelMissingError(f"the assistant cannot be imported ({exc}): run `qa eval --retrieval-only` "
                                "until qa/assistant.py lands") from exc
    assistant = Assistant.load(settings)
    retriever = getattr(assistant, "retriever", None) or Retriever.load(settings.index_dir, settings=settings)
    out: dict[str, Any] = {"retriever": retriever, "assistant": assistant}
    if args.compare:
        reader = getattr(assistant, "reader", None)
        if reader is None:
            from qa.reading.reader import Reader

            reader = Reader(settings.reader)
        out["read"] = reader_read_fn(reader, threshold=_no_answer_threshold(assistant, settings))
        out["passages"] = retriever.passages
    return out


def _no_answer_threshold(assistant: Any, settings: Settings) -> float | None:
    """The margin below which the assistant abstains, so the comparison abstains alike (None: never)."""
    for value in (settings.no_answer_threshold, getattr(assistant, "no_answer_threshold", None),
                  getattr(assistant, "threshold", None)):
        if isinstance(value, (int, float)):
            return float(value)
    log.warning("no no-answer threshold found on the assistant: the reader comparison never abstains")
    return None


def _meta(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from embeddings.index import read_manifest

    manifest: dict[str, Any] = {}
    with contextlib.suppress(QAError):
        manifest = read_manifest(Path(settings.index_dir))
    digest = hashlib.sha256(Path(args.questions).read_bytes()).hexdigest()[:16]
    return {"questions": str(args.questions), "questions_sha256": digest, "split": args.split, "index": settings.index_dir,
            "encoder": manifest.get("encoder"), "passages": manifest.get("passages"),
            "index_build_seconds": manifest.get("build_seconds"),
            "reader": None if args.retrieval_only else settings.reader,
            "retrieval_settings": {name: getattr(settings, name, None)
                                   for name in ("rrf_k", "candidates", "dense_weight", "bm25_weight")},
            "retrieval_only": args.retrieval_only, "created": time.strftime("%Y-%m-%dT%H:%M:%S")}


if __name__ == "__main__":
    sys.exit(main())
