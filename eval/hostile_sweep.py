"""The hostile sweep: new variants of each family of issue 22 against the real interfaces; every case records the
interface, the input, the expected behaviour, what happened and whether that passed.

    python -m eval.hostile_sweep --out eval/reports/hostile_sweep.json
    python -m eval.hostile_sweep --family http --family mcp      # some families only
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

FAMILIES = {"index": "eval.hostile.index_damage", "files": "eval.hostile.files", "http": "eval.hostile.http",
            "mcp": "eval.hostile.mcp", "cli": "eval.hostile.cli_settings", "milvus": "eval.hostile.milvus"}


def run(families: list[str]) -> list[dict]:
    """Every case of the named families, in order, as dicts."""
    results = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for family in families:
            started = time.perf_counter()
            folder = Path(tmp) / family
            folder.mkdir()
            cases = importlib.import_module(FAMILIES[family]).cases(folder)
            failed = [c for c in cases if not c.passed]
            print(f"{family}: {len(cases) - len(failed)}/{len(cases)} passed in {time.perf_counter() - started:.0f}s",
                  file=sys.stderr, flush=True)
            for case in failed:
                print(f"  FAIL {case.interface} {case.name}: {case.observed[:300]}", file=sys.stderr, flush=True)
            results += [c.to_dict() for c in cases]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.hostile_sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="eval/reports/hostile_sweep.json", help="where the JSON report goes")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only this family (repeatable)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run(args.family or list(FAMILIES))
    by_family = Counter(r["family"] for r in results)
    failed = Counter(r["family"] for r in results if not r["passed"])
    summary = {"cases": len(results), "passed": sum(r["passed"] for r in results),
               "failed": sum(not r["passed"] for r in results), "seconds": round(time.perf_counter() - started, 1),
               "families": {f: {"cases": n, "failed": failed.get(f, 0)} for f, n in by_family.items()}}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"summary": summary, "cases": results}, ensure_ascii=False, indent=1),
                              encoding="utf-8")
    print(f"{summary['passed']}/{summary['cases']} passed, {summary['failed']} failed in {summary['seconds']}s: "
          f"{args.out}")
    return 0 if not summary["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
