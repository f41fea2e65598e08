"""The scale benchmark: build time, memory, disk and search latency of each store at growing sizes.

    python -m eval.scale --n 10000,100000,1000000 --stores faiss,milvus --out eval/reports/scale.json

Synthetic passages (eval.scale_data: real texts replicated and made distinct, vectors near the real ones'
and never encoded) so that only
indexing and search are timed; the questions are encoded once beforehand, and that is timed on its own. Each build and each search run
is a child process, so that its resident memory is its own.
"""
from __future__ import annotations

import argparse
import json
import logging
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from eval.loadtest import percentile

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "data" / "gold.jsonl"
log = logging.getLogger(__name__)


def _base():
    from embeddings.index import load_index

    index = load_index(ROOT / "indexes" / "default")
    return list(index.passages), index.reports, index.vectors.reconstruct_n(0, index.vectors.ntotal)


def build(store: str, n: int, work: Path) -> dict:
    """Build the n-passage collection into the store; the build's seconds and size on disk."""
    from embeddings.keyword import KeywordIndex
    from eval.scale_data import synthetic

    base, base_reports, base_vectors = _base()
    dim = base_vectors.shape[1]
    reports, passages, vectors, tokens = synthetic(base, base_reports, n, base_vectors=base_vectors)
    target = work / f"{store}-{n}"
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    if store == "faiss":
        from embeddings.index import FORMAT_VERSION, vector_index, write_version

        manifest = {"format_version": FORMAT_VERSION, "fingerprint": f"synthetic-{n}", "encoder": f"random-{dim}",
                    "dim": dim, "normalized": True, "metric": "inner_product", "index_type": "auto",
                    "chunking": {}, "passages": n, "reports": len(reports), "sources": []}
        keyword = KeywordIndex.from_tokens(tokens)
        vector_seconds = time.perf_counter()
        index = vector_index(vectors, "auto")
        vector_seconds = time.perf_counter() - vector_seconds
        manifest["index_type"] = type(index).__name__
        target.parent.mkdir(parents=True, exist_ok=True)
        write_version(target, manifest, reports, passages, index, started=started, keyword=keyword)
        extra = {"vector_index": manifest["index_type"], "vector_index_seconds": round(vector_seconds, 1)}
    else:
        from qa.retrieval.stores.milvus_store import MilvusStore

        target.mkdir(parents=True)
        MilvusStore.build(str(target / "milvus.db"), "scale", reports, passages, vectors, encoder_name=f"random-{dim}")
        extra = {}
    seconds = time.perf_counter() - started
    disk = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    return {"build_seconds": round(seconds, 1), "disk_mb": round(disk / 2**20, 1), "build_peak_rss_mb": _peak_mb(), **extra}


def search(store: str, n: int, work: Path, queries: int) -> dict:
    """Load the store and time each search mode over the gold questions (their real vectors, encoded before)."""
    from eval.scale_data import KnownQueryEncoder
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    target = work / f"{store}-{n}"
    started = time.perf_counter()
    if store == "faiss":
        from qa.retrieval.stores.faiss_store import FaissStore

        opened = FaissStore.open(target)
    else:
        from qa.retrieval.stores.milvus_store import MilvusStore

        opened = MilvusStore.open(str(target / "milvus.db"), "scale")
    load_seconds = time.perf_counter() - started
    known = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    encoder = KnownQueryEncoder(known, np.load(work / "queries.npy"), opened.encoder)
    if store == "faiss":  # the synthetic vectors were never encoded: the passages the encoder check probes map to
        from qa.retrieval.encoder_fit import probe_ids  # their stored vectors, as from the encoder that made them

        for i in probe_ids(len(opened.passages)):
            encoder.vectors[opened.passages[i].index_text] = opened.index.vectors.reconstruct(i)
    retriever = Retriever(opened, encoder, settings=Settings(quantize_queries=False))
    texts = list(known)
    texts = (texts * (queries // len(texts) + 1))[:queries]
    rng = np.random.default_rng(1)
    numbers = [r.number for r in opened.reports]
    places = [p for r in opened.reports[:34] for p in r.places]
    cases = {"bm25": lambda q: {"mode": "bm25"}, "dense": lambda q: {"mode": "dense"}, "hybrid": lambda q: {},
             "hybrid_report_filter": lambda q: {"reports": [int(rng.choice(numbers))]},
             "hybrid_place_filter": lambda q: {"places": [str(rng.choice(places))]}}
    out = {"load_seconds": round(load_seconds, 2)}
    for name, options in cases.items():
        for q in texts[:10]:
            retriever.search(q, 5, **options(q))  # warm caches
        times = []
        for q in texts:
            chosen = options(q)
            t = time.perf_counter()
            retriever.search(q, 5, **chosen)
            times.append((time.perf_counter() - t) * 1000)
        out[name] = {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}
    out["rss_mb"] = _rss_mb()
    if store == "faiss":
        out["dense_recall_at_50"] = _recall(opened, retriever, texts[:100])
    return out


def _recall(store, retriever, texts: list[str]) -> float:
    """How many of the exact 50 nearest passages the index's dense search finds (1.0 for an exact index)."""
    import faiss

    vectors = store.index.vectors
    if "IVF" not in type(vectors).__name__:
        return 1.0
    found = 0
    for q in texts:
        v = retriever.query_encoder.encode([q])
        approx = set(store.dense(v[0], 50))
        _, exact = vectors.search(v, 50, params=faiss.SearchParametersIVF(nprobe=vectors.nlist))
        found += len(approx & set(exact[0].tolist()))
    return round(found / (50 * len(texts)), 3)


def query_encoding(work: Path, split: str = "all") -> dict:
    """Encode the gold questions with the real query encoder (the shipped index's, int8 as served), timing
    each; the vectors are saved for the search runs (work/queries.npy)."""
    from embeddings.encoders import for_queries, make_encoder
    from embeddings.index import read_manifest

    encoder = for_queries(make_encoder(read_manifest(ROOT / "indexes" / "default")["encoder"]))
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    texts = list(dict.fromkeys(r["question"] for r in rows if split == "all" or r.get("split") == split))
    encoder.encode(texts[:3])
    times, vectors = [], []
    for q in texts:
        t = time.perf_counter()
        vectors.append(encoder.encode([q])[0])
        times.append((time.perf_counter() - t) * 1000)
    np.save(work / "queries.npy", np.vstack(vectors))
    (work / "queries.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {"encoder": encoder.name, "questions": len(texts), "p50_ms": round(percentile(times, 50), 2),
            "p95_ms": round(percentile(times, 95), 2)}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _child(step: str, store: str, n: int, work: Path, queries: int) -> dict:
    command = [sys.executable, "-m", "eval.scale", "--child", step, "--stores", store, "--n", str(n),
               "--work", str(work), "--queries", str(queries)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"{step} {store} n={n} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.scale", description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="10000,100000,1000000", help="sizes, comma-separated")
    parser.add_argument("--stores", default="faiss,milvus")
    parser.add_argument("--milvus-max", type=int, default=100_000, help="largest n tried with Milvus Lite")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--split", default="all", help="which gold questions are the queries: all, dev or test")
    parser.add_argument("--work", default="/tmp/qa-scale", help="where the synthetic indexes are built")
    parser.add_argument("--out", default=str(ROOT / "eval" / "reports" / "scale.json"))
    parser.add_argument("--keep", action="store_true", help="keep the synthetic indexes")
    parser.add_argument("--reuse", action="store_true", help="time searches on indexes kept by --keep")
    parser.add_argument("--child", choices=("build", "search"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.n.split(",")]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.child:
        step = build if args.child == "build" else search
        extra = (args.queries,) if args.child == "search" else ()
        print(json.dumps(step(args.stores, sizes[0], work, *extra)))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = {"machine": f"{__import__('os').cpu_count()} cores", "queries": args.queries,
               "split": args.split,
               "query_encoding": query_encoding(work, args.split), "runs": []}
    for store in args.stores.split(","):
        for n in sizes:
            if store == "milvus" and n > args.milvus_max:
                continue
            saved = work / f"{store}-{n}.build.json"
            if not (args.reuse and saved.exists() and (work / f"{store}-{n}").exists()):
                saved.write_text(json.dumps(_child("build", store, n, work, args.queries)))
            row = {"store": store, "n": n, **json.loads(saved.read_text())}
            row.update(_child("search", store, n, work, args.queries))
            log.info("%s", json.dumps(row, ensure_ascii=False))
            results["runs"].append(row)
            if not args.keep:
                shutil.rmtree(work / f"{store}-{n}", ignore_errors=True)
                saved.unlink(missing_ok=True)
            Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    from eval.plots import scale_plot

    scale_plot(results, Path(args.out).with_suffix(".png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
