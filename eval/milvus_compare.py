"""FAISS against Milvus on the gold dev split: the shipped index copied into a Milvus Lite file, the same
retriever over each store, hit@1 / hit@5 / MRR@10 per mode, how often the two agree on the top 5, and
latency. Queries are encoded once, before either store is timed, so latencies are the stores' and fusion's
alone: per mode through the retriever (depth 20, as `qa eval`), and the bare store calls (`candidates` deep).

    python -m eval.milvus_compare [--index indexes/default] [--split dev] [--out eval/reports/milvus_compare.json]

Build the index first if it is missing: `python -m qa index` (about 80 s).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from embeddings.errors import QAError

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("hit@1", "hit@5", "mrr@10")
TARGET = 0.02  # Milvus within this of FAISS on each figure
MODES = ("bm25", "dense", "hybrid")


def figures(report, mode: str) -> dict[str, Any]:
    """hit@1, hit@5, MRR@10 and end-to-end search latency of one mode of an EvalReport."""
    summary = report.retrieval[mode]
    return {**{f: summary["overall"][f] for f in FIGURES}, "n": summary["overall"]["n"],
            "search_p50_ms": summary["latency"]["p50_ms"], "search_p95_ms": summary["latency"]["p95_ms"]}


class CachedQueries:
    """An encoder that hands out vectors encoded beforehand, one query at a time as the retriever does (any
    other text, such as the warm-up's, goes to the encoder)."""

    def __init__(self, encoder, queries: Sequence[str]) -> None:
        self.encoder, self.name = encoder, encoder.name
        self.vectors = {q: encoder.encode([q])[0] for q in dict.fromkeys(queries)}

    def encode(self, texts: list[str], **options) -> np.ndarray:
        return np.vstack([self.vectors[t] if t in self.vectors else self.encoder.encode([t])[0] for t in texts])


class Recorder:
    """A retriever that remembers each search's top-5 passage ids by (mode, query)."""

    def __init__(self, retriever) -> None:
        self.retriever, self.top = retriever, {}

    def warm_up(self) -> None:
        self.retriever.warm_up()

    def search(self, query: str, k: int | None = None, **options):
        hits = self.retriever.search(query, k, **options)
        self.top[options.get("mode", "hybrid"), query] = [h.passage.id for h in hits[:5]]
        return hits


def store_latency(store, queries: CachedQueries, depth: int) -> dict[str, Any]:
    """p50/p95 of the store's dense and keyword calls alone, after a warm-up."""
    from eval.metrics import latency

    questions, vectors = list(queries.vectors), list(queries.vectors.values())
    store.warm_up()
    out = {}
    calls = (("dense", lambda q, v: store.dense(v, depth)), ("keyword", lambda q, v: store.keyword(q, depth)))
    for name, call in calls:
        ms = []
        for q, v in zip(questions, vectors):
            start = time.perf_counter()
            call(q, v)
            ms.append(round((time.perf_counter() - start) * 1000, 3))
        out[name] = latency(ms)
    return out


def agreement(faiss: Recorder, milvus: Recorder, questions: Sequence[str]) -> dict[str, float]:
    """Per mode, the share of questions whose top-5 passage ids are the same in both stores."""
    return {f"{mode}_same_top5": round(sum(faiss.top[mode, q] == milvus.top[mode, q] for q in questions)
                                       / len(questions), 4) for mode in MODES}


def measure(stores: dict, encoder, settings, questions) -> dict[str, Any]:
    """Each store's figures and latencies through its own retriever, and how often the stores agree."""
    from eval.harness import run_eval
    from qa.retrieval.retriever import Retriever

    retrievers = {name: Retriever(store, encoder, settings=settings) for name, store in stores.items()}
    queries = CachedQueries(retrievers["faiss"].query_encoder, [q.question for q in questions])
    result: dict[str, Any] = {}
    recorders = {}
    for name, retriever in retrievers.items():
        retriever.query_encoder = queries
        recorders[name] = Recorder(retriever)
        report = run_eval(questions, retriever=recorders[name], modes=MODES)
        result[name] = {"retrieval": {mode: figures(report, mode) for mode in MODES},
                        "store_latency": store_latency(stores[name], queries, settings.candidates)}
    result["agreement"] = agreement(recorders["faiss"], recorders["milvus"], [q.question for q in questions])
    return result


def compare(index_dir: Path, questions_path: Path, split: str) -> dict[str, Any]:
    """Build the Milvus copy of the index in a temporary file and measure both stores."""
    from embeddings.encoders import make_encoder
    from embeddings.index import load_index
    from eval.harness import RETRIEVAL_DEPTH
    from qa.retrieval.stores.faiss_store import FaissStore
    from qa.retrieval.stores.milvus_store import MilvusStore
    from qa.settings import Settings
    from qa.training.gold import load_gold

    index = load_index(index_dir)
    encoder, settings = make_encoder(index.manifest["encoder"]), Settings()
    questions = load_gold(questions_path, split=split)
    with tempfile.TemporaryDirectory(prefix="milvus-compare-") as tmp:
        started = time.perf_counter()
        milvus = MilvusStore.build(str(Path(tmp) / "compare.db"), "compare", index.reports, list(index.passages),
                                   index.vectors.reconstruct_n(0, index.vectors.ntotal), encoder_name=encoder.name,
                                   manifest={"fingerprint": index.manifest.get("fingerprint")})
        build_s = round(time.perf_counter() - started, 2)
        result = measure({"faiss": FaissStore(index), "milvus": milvus}, encoder, settings, questions)
        milvus.close()
    delta = {mode: {f: round(result["milvus"]["retrieval"][mode][f] - result["faiss"]["retrieval"][mode][f], 4)
                    for f in FIGURES} for mode in MODES}
    meta = {"index": str(index_dir), "encoder": encoder.name, "passages": index.manifest["passages"],
            "questions": str(questions_path), "split": split, "n": len(questions),
            "answerable": sum(q.answerable for q in questions), "candidates": settings.candidates,
            "retrieval_depth": RETRIEVAL_DEPTH, "query_encoding": "cached: latencies exclude encoding",
            "milvus_build_seconds": build_s, "target": f"|milvus - faiss| <= {TARGET} on {', '.join(FIGURES)}",
            "within_target": all(abs(d) <= TARGET for by_mode in delta.values() for d in by_mode.values()),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S")}
    return {"meta": meta, **result, "delta": delta}


def summary(result: dict[str, Any]) -> str:
    lines = [f"{result['meta']['n']} {result['meta']['split']} questions, {result['meta']['passages']} passages, "
             f"encoder {result['meta']['encoder']}"]
    for mode in MODES:
        for store in ("faiss", "milvus"):
            f = result[store]["retrieval"][mode]
            lines.append(f"{mode:7s} {store:7s} hit@1 {f['hit@1']:.3f}  hit@5 {f['hit@5']:.3f}  "
                         f"MRR@10 {f['mrr@10']:.3f}  search p50 {f['search_p50_ms']:.1f} ms")
    for store in ("faiss", "milvus"):
        lat = result[store]["store_latency"]
        lines.append(f"{store} store calls: dense p50 {lat['dense']['p50_ms']:.2f} / p95 {lat['dense']['p95_ms']:.2f} "
                     f"ms, keyword p50 {lat['keyword']['p50_ms']:.2f} / p95 {lat['keyword']['p95_ms']:.2f} ms")
    lines.append(f"agreement {result['agreement']}; within target: {result['meta']['within_target']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.milvus_compare", description=__doc__.split("\n")[0])
    p.add_argument("--index", type=Path, default=ROOT / "indexes" / "default", help="FAISS index folder")
    p.add_argument("--questions", type=Path, default=ROOT / "eval" / "data" / "gold.jsonl")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    p.add_argument("--out", type=Path, default=ROOT / "eval" / "reports" / "milvus_compare.json")
    args = p.parse_args(argv)
    try:
        result = compare(args.index, args.questions, args.split)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(summary(result))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
