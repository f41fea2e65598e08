"""Which-report questions (有份报告说…，是哪个市的？, `qa.source`) scored on a labelled file, through the real assistant.

Each line: {"id", "question", "answers": the accepted forms of the place (["张掖", "张掖市"]), or [] when no report
says it}. Right when the best answer's place is one of them (by `embeddings.places.stem`), or, with no answers,
when the assistant says "not found".

    python -m eval.source --data eval/data/source_dev.jsonl [--index DIR]
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from embeddings.places import stem

log = logging.getLogger(__name__)


def judge(row: dict, response) -> dict:
    """The verdict on one question.

    >>> class R: best, abstained, reason_code, kind = None, True, "no_source", "single"
    >>> judge({"id": "s1", "question": "q", "answers": []}, R())["right"]
    True
    """
    accepted = {stem(a) for a in row.get("answers") or []}
    got = response.best.text if response.best is not None else None
    right = (got is not None and stem(got) in accepted) if accepted else response.abstained
    return {"id": row["id"], "question": row["question"], "expected": row.get("answers") or [], "got": got,
            "kind": response.kind, "reason_code": response.reason_code, "right": right}


def run(assistant, path: Path) -> dict:
    """Every question of the file asked and judged: {"summary": …, "items": […]}."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, row in enumerate(rows, 1):
        if "question" not in row or not isinstance(row.get("answers", []), list):
            raise ValueError(f'{path.name}:{number}: 每行需要 "question" 和 "answers"（地方的写法列表，报告没说时为 []）')
    items = [judge(row, assistant.ask(row["question"])) for row in rows]
    answerable = [i for i in items if i["expected"]]
    summary = {"questions": len(items), "right": sum(i["right"] for i in items),
               "answerable_right": f"{sum(i['right'] for i in answerable)}/{len(answerable)}",
               "unanswerable_right": f"{sum(i['right'] for i in items if not i['expected'])}/{len(items) - len(answerable)}"}
    return {"summary": summary, "items": items}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="a JSONL file of which-report questions")
    parser.add_argument("--index", help="an index folder (default: the shipped corpus's)")
    args = parser.parse_args(argv)
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings() if not args.index else Settings().with_(index_dir=Path(args.index))
    print(json.dumps(run(Assistant.load(settings), Path(args.data)), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
