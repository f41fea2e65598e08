"""A bounded load test of the HTTP service on loopback: throughput and latency percentiles per endpoint.

    python -m eval.loadtest --url http://127.0.0.1:8000 --requests 500 --concurrency 8

Each endpoint gets at most --requests requests and --seconds of wall time, whichever ends first. The questions
(the first 200 gold ones) come round again with other requests in flight, so /ask also counts the questions
answered differently at different times (`varied`): an answer must never depend on what is asked beside it.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlparse

GOLD = Path(__file__).resolve().parent / "data" / "gold.jsonl"
FALLBACK = ["张掖市累计为驻地部队划拨了多少亩土地？", "延安为武警某队划拨土地多少亩？", "濮阳市财政投入多少万元建成武警支队训练基地？"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Result:
    endpoint: str
    requests: int
    ok: int
    statuses: dict[str, int]
    seconds: float
    throughput: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    varied: int = 0  # /ask: questions whose first answer (or "not found") differed between their repeats


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank: ([1, 2, 3, 4], 50) -> 2."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered), math.ceil(q / 100 * len(ordered))) - 1)]


def load_questions(path: Path = GOLD, limit: int = 200) -> list[str]:
    if not path.exists():
        return FALLBACK
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows[:limit]] or FALLBACK


async def run_endpoint(url: str, endpoint: str, questions: list[str], *, requests: int, concurrency: int,
                       seconds: float, timeout: float, transport: object = None) -> Result:
    """Send up to `requests` POSTs from `concurrency` workers until done or `seconds` pass (through `transport`,
    e.g. httpx.ASGITransport(app), when given)."""
    import httpx

    field = "query" if endpoint == "/search" else "question"
    cycle = itertools.cycle(questions)
    sent = itertools.count()
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    seen: dict[str, set] = {}
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        while next(sent) < requests and time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                question = next(cycle)
                response = await client.post(endpoint, json={field: question})
                statuses[str(response.status_code)] += 1
                if endpoint == "/ask" and response.status_code == 200:
                    seen.setdefault(question, set()).add(first_answer(response.json()))
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=timeout, transport=transport) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    done = len(latencies)
    return Result(endpoint, done, statuses.get("200", 0), dict(statuses), round(elapsed, 2),
                  round(statuses.get("200", 0) / elapsed, 1) if elapsed else 0.0,
                  round(percentile(latencies, 50), 1), round(percentile(latencies, 95), 1),
                  round(max(latencies, default=0.0), 1), sum(len(texts) > 1 for texts in seen.values()))


def first_answer(body: dict) -> str | None:
    """What a user sees first in an /ask response: the best answer's text, or None for "not found"."""
    answers = body.get("answers") or []
    return answers[0].get("text") if answers else None


def check_loopback(url: str) -> str:
    host = urlparse(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"error: --url must be on loopback (127.0.0.1/localhost), got {host!r}")
    return url.rstrip("/")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running service (loopback only)")
    parser.add_argument("--endpoints", nargs="+", default=["/search", "/ask"], choices=["/search", "/ask"])
    parser.add_argument("--requests", type=int, default=500, help="at most this many per endpoint (default 500)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    parser.add_argument("--seconds", type=float, default=120.0, help="at most this long per endpoint (default 120)")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.seconds <= 0:
        parser.error("--requests and --concurrency must be >= 1 and --seconds > 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = check_loopback(args.url)
    questions = load_questions()
    results = []
    for endpoint in args.endpoints:
        result = asyncio.run(run_endpoint(url, endpoint, questions, requests=args.requests,
                                          concurrency=args.concurrency, seconds=args.seconds, timeout=args.timeout))
        results.append(result)
        print(f"{endpoint:8} {result.requests:5d} requests  {result.ok:5d} ok  {result.throughput:7.1f} req/s  "
              f"p50 {result.p50_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms  max {result.max_ms:7.1f} ms  "
              f"statuses {result.statuses}" + (f"  varied {result.varied}" if endpoint == "/ask" else ""), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(r.ok == r.requests and not r.varied for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
