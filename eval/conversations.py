"""Follow-up turns scored through the real assistant (eval/data/conversations.jsonl): each conversation is
asked turn by turn with the system's own earlier answers as history; a turn is right when its answer states
the gold quantity (a comparison: when its summary starts with the gold winner); a turn whose gold is "" (the reports
do not say) is right when the assistant gives no answer ("not found", or only a possible answer). The first turn of
a conversation is a plain question and is not counted, unless the conversation sets report filters (places).

    python -m eval.conversations [--data FILE.jsonl]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from eval.multi import same
from qa.quantities import parse
from qa.settings import ROOT

DATA = ROOT / "eval" / "data" / "conversations.jsonl"


def matches(got: str, gold: str) -> bool:
    """Whether an answer states the gold: as quantities when the gold is one (`eval.multi.same`), else as text
    without quotation marks (a name: 强军号 for “强军号”).

    >>> matches("2000多亩", "2000多亩"), matches("“强军号”", "强军号"), matches("强军", "强军号")
    (True, True, False)
    """
    if parse(gold) is not None:
        return same(got, gold)
    return QUOTES.sub("", got).strip() == QUOTES.sub("", gold).strip()


QUOTES = re.compile(r"[“”\"「」《》]")


def turn_right(response, gold: str) -> bool:
    """Whether a turn's response states its gold (see the module's docstring); gold "": whether it answers nothing."""
    if not gold:
        return response.abstained
    got = response.summary or (response.best.text if response.best else "")
    value = got.rsplit("＝", 1)[-1] if response.kind == "total" else got  # a total: the sum after its "＝"
    return not response.abstained and (got.startswith(gold) if response.kind == "compare" else matches(value, gold))


def main(argv: list[str] | None = None) -> int:
    from qa.assistant import Assistant
    from qa.conversation import Turn

    parser = argparse.ArgumentParser(prog="python -m eval.conversations", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="conversations, one JSON object a line")
    args = parser.parse_args(argv)
    assistant = Assistant.load()
    turns = []
    for line in args.data.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        talk, history = json.loads(line), []
        for i, (question, gold) in enumerate(talk["turns"]):
            r = assistant.ask(question, history=history, places=talk.get("places"))
            got = r.summary or (r.best.text if r.best else "")
            right = turn_right(r, gold)
            if i or talk.get("places"):
                turns.append({"id": talk["id"], "turn": i, "question": question, "used": r.question_used,
                              "got": got or None, "gold": gold, "right": right})
            history.append(Turn(question, got))
    print(json.dumps({"follow_up_turns": len(turns), "right": sum(t["right"] for t in turns), "turns": turns},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
