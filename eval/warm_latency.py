"""Warm `ask` latency in one process: the assistant loaded once, then each question of a gold split asked
alone (the chat UI's and the service's case), e.g. to compare runtimes (QA_BACKEND) on the same machine.

    python -m eval.warm_latency --split dev --backend onnx
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.warm_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--backend", choices=("auto", "onnx", "torch"), default="auto")
    parser.add_argument("-n", type=int, default=80, help="questions (default 80)")
    args = parser.parse_args(argv)
    print(json.dumps({"split": args.split, **measure(args.backend, questions(args.split, args.n))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
