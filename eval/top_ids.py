"""BM25's top k by one sort (`faiss_store.top_ids`, now) against np.partition (before), on one index's
keyword scores, the two alternating question by question, CPU time of the thread (steady on a busy machine),
each pair's ids compared.

    python -m eval.top_ids /tmp/qa-scale/faiss-1000000 --queries /tmp/qa-scale/queries.json
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from eval.loadtest import percentile


def by_partition(scores: np.ndarray, depth: int) -> list[int]:
    """top_ids as it was: the cut found by np.partition."""
    depth = min(depth, len(scores))
    if depth <= 0:
        return []
    if depth < len(scores):
        cut = np.partition(scores, len(scores) - depth)[len(scores) - depth]
        above = np.flatnonzero(scores > cut)
        chosen = np.concatenate([above, np.flatnonzero(scores == cut)[: depth - len(above)]])
    else:
        chosen = np.arange(len(scores))
    chosen = chosen[scores[chosen] > 0]
    return [int(i) for i in chosen[np.lexsort((chosen, -scores[chosen]))]]


def measure(folder: Path, texts: list[str], depth: int = 50) -> dict:
    from embeddings.keyword import KeywordIndex
    from qa.retrieval.stores.faiss_store import top_ids

    keyword = KeywordIndex.load(folder / "bm25")
    times: dict[str, list[float]] = {"partition": [], "sort": []}
    differ = 0
    for i, text in enumerate(texts):
        scores = keyword.scores(text)
        found = {}
        for name in (("partition", "sort") if i % 2 else ("sort", "partition")):
            started = time.thread_time()
            found[name] = (by_partition if name == "partition" else top_ids)(scores, depth)
            times[name].append((time.thread_time() - started) * 1000)
        differ += found["partition"] != found["sort"]
    return {name: {"p50_ms": round(percentile(t, 50), 2), "p95_ms": round(percentile(t, 95), 2),
                   "max_ms": round(max(t), 2)} for name, t in times.items()} | {"ids_differ": differ}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.top_ids", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="an index folder (its bm25/ is read)")
    parser.add_argument("--queries", type=Path, help="a JSON list of questions (default: the gold questions)")
    args = parser.parse_args(argv)
    if args.queries:
        texts = json.loads(args.queries.read_text(encoding="utf-8"))
    else:
        gold = Path(__file__).resolve().parent / "data" / "gold.jsonl"
        texts = [json.loads(line)["question"] for line in gold.open(encoding="utf-8")]
    print(json.dumps({"folder": str(args.folder), "questions": len(texts), **measure(args.folder, texts)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
