"""How long a list question (哪些城市…) takes, warm, through the real assistant, and how many places it read.

Runs every list-of-places question (`items` in the gold) of a labelled file `--repeat` times after one warm-up
ask, timed with time.perf_counter around `Assistant.ask`; prints JSON: p50 and max seconds, and per question
the places in scope, the places read (at most Settings.list_places) and the places listed.

    python -m eval.list_latency [--data eval/data/multi.jsonl] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eval.multi import DATA


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from qa.assistant import Assistant

    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if "items" in r]
    assistant = Assistant.load()
    assistant.ask(rows[0]["question"])  # warm: the encoder, the reader and the places
    seconds, items = [], []
    for row in rows:
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = assistant.ask(row["question"])
            seconds.append(time.perf_counter() - started)
        items.append({"id": row["id"], "question": row["question"], "places": response.timings.get("places"),
                      "places_read": response.timings.get("places_read"), "listed": [p.place for p in response.parts]})
    seconds.sort()
    summary = {"asks": len(seconds), "seconds_p50": round(seconds[len(seconds) // 2], 2),
               "seconds_max": round(seconds[-1], 2)}
    print(json.dumps({"summary": summary, "items": items}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
