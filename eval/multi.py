"""Lists, comparisons and totals scored on a labelled file (eval/data/multi.jsonl), through the real assistant.

Each line: question, kind, and either `answerable: false` (or `unanswerable: true`; right when not found), or
the gold:
- compare: `winner` and `values` (place -> answer text): right when the summary names the winner first and
  every part's value equals the gold (as numbers, `qa.quantities`);
- total: `total` and `values`: right when the total (the summary's end) equals the gold total;
- list of values (各/分别): `values`: right when every place's value equals the gold;
- list of places: `items`: item recall and extra items; right when recall >= 0.8 and nothing extra.

    python -m eval.multi [--data eval/data/multi.jsonl]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from embeddings.places import stem
from qa.quantities import parse
from qa.settings import ROOT

DATA = ROOT / "eval" / "data" / "multi.jsonl"


def same(text: str | None, gold: str) -> bool:
    """Whether an answer states the gold quantity: same number, like unit ("2000多亩" == "2000多亩")."""
    got, want = parse(text or ""), parse(gold)
    return got is not None and want is not None and got.like(want) and abs(got.value - want.value) < 1e-6


def score_one(row: dict, response) -> dict:
    """The verdict on one question: right, and what was got."""
    got = {p.place: (p.answer.text if p.answer else None) for p in response.parts}
    out = {"id": row["id"], "question": row["question"], "kind": response.kind, "abstained": response.abstained,
           "summary": response.summary, "reason": response.reason, "got": got}
    if not answerable(row):
        return {**out, "right": response.abstained}
    if "items" in row:
        kept = set(got)
        recall = len(kept & set(row["items"])) / len(row["items"])
        extra = sorted(kept - set(row["items"]))
        return {**out, "recall": round(recall, 3), "extra": extra, "right": recall >= 0.8 and not extra}
    named = {**reported(response.parts), **got}  # a place the question names otherwise (庆阳 for the report on 陇东)
    values = all(same(named.get(p), v) for p, v in row["values"].items())
    if "winner" in row:
        winners = {row["winner"]} | {p.place for p in response.parts if p.answer and report_place(p) == row["winner"]}
        first = (response.summary or "")
        return {**out, "right": not response.abstained and values and any(first.startswith(w) for w in winners)}
    if "total" in row:
        end = (response.summary or "").rsplit("＝", 1)[-1]
        return {**out, "right": not response.abstained and same(end, row["total"])}
    return {**out, "right": values}


def report_place(part) -> str | None:
    """The place of the report a part's answer comes from (its passage's first place, as `embeddings.places.stem`
    writes it), None without an answer or a place."""
    a = part.answer
    return stem(a.passage.places[0]) if a is not None and a.passage.places else None


def reported(parts) -> dict[str, str]:
    """Each answered part's answer keyed by the place of its report: a gold file names a report's place (陇东)
    where the question, and so the part, says another name for it (庆阳)."""
    return {place: p.answer.text for p in parts if (place := report_place(p))}


def answerable(row: dict) -> bool:
    """Whether a row has an answer: `answerable: false` and `unanswerable: true` both say it has none."""
    return row.get("answerable") is not False and row.get("unanswerable") is not True


def check_row(row: dict, where: str) -> None:
    """A row the scorer can read, else a ValueError naming it and what it lacks.

    >>> check_row({"id": "m1", "question": "张掖和芜湖谁多？", "kind": "compare", "winner": "张掖"}, "f.jsonl:1")
    Traceback (most recent call last):
    ...
    ValueError: f.jsonl:1 (m1): 有答案的比较/合计题需要 "values"（地方 -> 答案），或写 "answerable": false
    """
    if "question" not in row:
        raise ValueError(f'{where}: 缺少 "question"')
    if answerable(row) and "items" not in row and "values" not in row:
        raise ValueError(f'{where} ({row.get("id", "?")}): 有答案的比较/合计题需要 "values"（地方 -> 答案），'
                         '或写 "answerable": false')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=[str(DATA)], help="one file or several (a summary each)")
    args = parser.parse_args(argv)
    from qa.assistant import Assistant

    assistant = Assistant.load()
    runs = {Path(f).stem: run(assistant, Path(f)) for f in args.data}
    if len(runs) == 1:
        print(json.dumps(next(iter(runs.values())), ensure_ascii=False, indent=2))
    else:
        print(json.dumps({"summaries": {k: v["summary"] for k, v in runs.items()},
                          "items": {k: v["items"] for k, v in runs.items()}}, ensure_ascii=False, indent=2))
    return 0


def run(assistant, path: Path) -> dict:
    """Every question of one file asked and scored: {"summary": …, "items": […]}; a list's summary also has its
    mean item recall and its extra items."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    for number, row in enumerate(rows, 1):
        check_row(row, f"{path.name}:{number}")
    results, seconds = [], []
    for row in rows:
        started = time.perf_counter()
        response = assistant.ask(row["question"])
        seconds.append(time.perf_counter() - started)
        results.append(score_one(row, response))
    with_answer = [r for r, row in zip(results, rows) if answerable(row)]
    answered_not_right = [r["id"] for r in results if not r["right"] and not r["abstained"]]  # wrong or partial
    summary = {"n": len(rows), "right": sum(r["right"] for r in results),
               "answerable": len(with_answer), "answerable_right": sum(r["right"] for r in with_answer),
               "answered_not_right": answered_not_right, "seconds_p50": round(sorted(seconds)[len(seconds) // 2], 2)}
    lists = [r for r in results if "recall" in r]
    if lists:
        summary |= {"lists": len(lists), "list_recall": round(sum(r["recall"] for r in lists) / len(lists), 3),
                    "list_extras": sum(len(r["extra"]) for r in lists)}
    return {"summary": summary, "items": results}


if __name__ == "__main__":
    raise SystemExit(main())
