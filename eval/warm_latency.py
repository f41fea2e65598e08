"""Warm `ask` latency in one process: the assistant loaded once, then each question of a gold split asked
alone (the chat UI's and the service's case), e.g. to compare runtimes (QA_BACKEND) on the same machine.

    python -m eval.warm_latency --split dev --backend onnx
    python -m eval.warm_latency --split test -n 120 --vs-graph OLD/model.onnx   # A B A B against another graph

With --vs-graph, a second assistant runs the reader from that ONNX file (e.g. the previous export, kept aside)
and the two are asked each question in turn, alternating which goes first; the report gives both and counts
the questions whose answers differ.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from qa.settings import ROOT, Settings


def questions(split: str, n: int) -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "data" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["question"] for r in rows if r.get("split", "test") == split][:n]


def measure(backend: str, asked: list[str]) -> dict:
    """p50 / p95 / mean ms of `ask` over the questions, after three warm-up questions."""
    from qa.assistant import Assistant

    assistant = Assistant.load(Settings(backend=backend))
    assistant.ask_batch(asked[:3])
    ms = []
    for q in asked:
        started = time.perf_counter()
        assistant.ask(q)
        ms.append((time.perf_counter() - started) * 1000)
    ms.sort()
    return {"backend": backend, "n": len(ms), "p50_ms": round(ms[len(ms) // 2], 1),
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1), "mean_ms": round(statistics.mean(ms), 1)}


def _answers(response) -> list[tuple]:
    return [(a.text, a.passage.id, a.start, a.end) for a in response.answers] or [("no answer", response.reason)]


def alternate(graph: str, asked: list[str]) -> dict:
    """A (the current export) and B (the reader on `graph`) asked each question in turn, in one process."""
    from embeddings.onnx import OnnxModel
    from qa.assistant import Assistant

    pair = [Assistant.load(Settings(backend="onnx")) for _ in range(2)]
    runtime = pair[1].reader.runtime
    runtime._model = OnnxModel(runtime.export, model_file=Path(graph))
    for assistant in pair:
        assistant.ask_batch(asked[:3])
    ms: list[list[float]] = [[], []]
    differ = []
    for i, q in enumerate(asked):
        got = [None, None]
        for side in ((0, 1) if i % 2 == 0 else (1, 0)):
            started = time.perf_counter()
            got[side] = pair[side].ask(q)
            ms[side].append((time.perf_counter() - started) * 1000)
        if _answers(got[0]) != _answers(got[1]):
            differ.append(q)
    return {"n": len(asked), "A_current": _stats(ms[0]), "B_graph": {"file": graph, **_stats(ms[1])},
            "answers_differ": len(differ), "differing": differ[:20]}


def _stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50_ms": round(ms[len(ms) // 2], 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
            "mean_ms": round(statistics.mean(ms), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.warm_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--backend", choices=("auto", "onnx", "torch"), default="auto")
    parser.add_argument("-n", type=int, default=80, help="questions (default 80)")
    parser.add_argument("--vs-graph", metavar="FILE", help="also run the reader from this ONNX file, alternating")
    args = parser.parse_args(argv)
    if args.vs_graph:
        print(json.dumps({"split": args.split, **alternate(args.vs_graph, questions(args.split, args.n))},
                         ensure_ascii=False))
        return 0
    print(json.dumps({"split": args.split, **measure(args.backend, questions(args.split, args.n))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
