"""What verifying an index's files costs on open: load_index with every file hashed (the per-process cache
emptied) against load_index with the checksum step skipped, in one process, the order alternated each round.

    python -m eval.open_cost indexes/default --rounds 150        # CPU time (a busy machine: steadier)
    python -m eval.open_cost /tmp/qa-scale/faiss-100000 --rounds 12 --wall
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import embeddings.index as index_module
from embeddings import index_checksums

NAMES = ("columns.npz", "passages.jsonl", "reports.jsonl", "vectors.faiss", "bm25")


class Unchecked:
    """Verification's stand-in that checks nothing."""

    def __init__(self, folder: Path, *_) -> None:
        self.folder = folder

    def ready(self, name: str) -> Path:
        return self.folder / name


def measure(folder: Path, rounds: int, clock) -> dict[str, float]:
    """Median milliseconds of a checked and an unchecked open, and of the hashing alone."""
    real, times = index_module.Verification, {True: [], False: []}
    index_module.load_index(folder)
    try:
        for i in range(rounds):
            for check in ((True, False) if i % 2 else (False, True)):
                index_module.Verification = real if check else Unchecked
                index_checksums._verified.clear()
                started = clock()
                index_module.load_index(folder)
                times[check].append(clock() - started)
    finally:
        index_module.Verification = real
    manifest, hashing = index_module.read_manifest(folder), []
    for _ in range(rounds):
        index_checksums._verified.clear()
        started = clock()
        index_checksums.verify_files(folder, manifest, NAMES)
        hashing.append(clock() - started)
    return {"unchecked_ms": statistics.median(times[False]) * 1000, "checked_ms": statistics.median(times[True]) * 1000,
            "hashing_ms": statistics.median(hashing) * 1000}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.open_cost", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--wall", action="store_true", help="wall-clock time (default: CPU time of the process)")
    args = parser.parse_args(argv)
    r = measure(args.folder, args.rounds, time.perf_counter if args.wall else time.process_time)
    print(f"{args.folder}: {'wall' if args.wall else 'CPU'} time of load_index, median {r['unchecked_ms']:.1f} ms "
          f"unchecked, {r['checked_ms']:.1f} ms checked ({(r['checked_ms'] / r['unchecked_ms'] - 1) * 100:+.1f}%); "
          f"hashing alone {r['hashing_ms']:.1f} ms ({r['hashing_ms'] / r['unchecked_ms'] * 100:.1f}% of the open)")


if __name__ == "__main__":
    main()
