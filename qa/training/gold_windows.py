"""Gold dev questions as reader windows, so that a run far from this machine keeps the epoch that reads
the product's own questions best, not only the SQuAD files' dev articles.

Each answerable gold question is paired with the passage of its report that holds its evidence; each
unanswerable one with the passage of its report that shares most character pairs with it (what a
retriever would hand the reader). Every answer the gold line accepts ("37万元", "37万") gives one
labelled span per window; a window counts as read right when the reader cuts any of them.

    examples = gold_examples(load_gold("eval/data/gold.jsonl", split="dev"), passages)
    spans = gold_features(tokenizer, examples, max_length=256, stride=96)

Only the dev split is ever packed: the test split stays held out.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Sequence

from embeddings.types import Passage
from qa.reading.reader import passage_header
from qa.training.features import Feature, build_features
from qa.training.generate import Example
from qa.training.gold import GoldItem

log = logging.getLogger(__name__)
MAX_ALTERNATIVES = 4
_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without white space, for finding evidence across line breaks.

    >>> squeeze("37万元 防疫\\n物资")
    '37万元防疫物资'
    """
    return _SPACE.sub("", text)


def pairs(text: str) -> set[str]:
    """Character pairs of a text.

    >>> sorted(pairs("芜湖公交"))
    ['公交', '湖公', '芜湖']
    """
    return {text[i:i + 2] for i in range(len(text) - 1)}


def evidence_passage(item: GoldItem, passages: Sequence[Passage]) -> Passage | None:
    """The passage of the item's report holding its evidence (white space ignored), or None."""
    want = squeeze(item.evidence)
    return next((p for p in passages if p.report == item.report and want and want in squeeze(p.text)), None)


def closest_passage(item: GoldItem, passages: Sequence[Passage]) -> Passage | None:
    """The passage of the item's report sharing most character pairs with its question."""
    mine = [p for p in passages if p.report == item.report] or list(passages)
    asked = pairs(item.question)
    return max(mine, key=lambda p: len(asked & pairs(p.text)), default=None)


def answer_at(item: GoldItem, passage: Passage) -> list[tuple[str, int]]:
    """(answer, start) for each accepted answer found in the passage, nearest the evidence first."""
    near = passage.text.find(item.evidence[:8]) if item.evidence else -1
    found = []
    for answer in item.answers:
        starts = [m.start() for m in re.finditer(re.escape(answer), passage.text)]
        if starts:
            found.append((answer, min(starts, key=lambda s: abs(s - max(near, 0)))))
    return found[:MAX_ALTERNATIVES]


def gold_examples(items: Sequence[GoldItem], passages: Sequence[Passage]) -> list[list[Example]]:
    """Per gold item, one Example per accepted answer (same context); one "no answer" Example when unanswerable.

    Items whose evidence or answer cannot be found in the corpus are left out (and counted in the log).
    """
    out, lost = [], 0
    for item in items:
        passage = evidence_passage(item, passages) if item.answerable else closest_passage(item, passages)
        found = answer_at(item, passage) if passage and item.answerable else []
        if passage is None or (item.answerable and not found):
            lost += 1
            continue
        base = Example(item.id, item.question, passage.id, passage.report, passage_header(passage),
                       passage.text, "", -1, "gold")
        out.append([replace(base, answer=a, answer_start=s) for a, s in found] or [base])
    log.info("gold windows: %d of %d items placed in the corpus (%d left out)", len(out), len(items), lost)
    return out


def gold_features(tokenizer: Any, examples: Sequence[Sequence[Example]], *, max_length: int,
                  stride: int) -> tuple[list[Feature], list[list[tuple[int, int]]]]:
    """Windows of the first answer of each item, and per window every accepted (start, end), (0, 0) for none."""
    firsts = build_features(tokenizer, [variants[0] for variants in examples], max_length=max_length, stride=stride)
    spans = [{(f.start, f.end)} for f in firsts]
    for k in range(1, MAX_ALTERNATIVES):
        chosen = [i for i, variants in enumerate(examples) if len(variants) > k]
        if not chosen:
            break
        alt = build_features(tokenizer, [examples[i][k] for i in chosen], max_length=max_length, stride=stride)
        where, count = {}, {}  # (item, n-th window of that item) -> index in firsts
        for index, f in enumerate(firsts):
            count[f.example] = count.get(f.example, -1) + 1
            where[(f.example, count[f.example])] = index
        seen: dict[int, int] = {}
        for f in alt:
            item = chosen[f.example]
            n = seen[item] = seen.get(item, -1) + 1
            if (item, n) in where and (f.start, f.end) != (0, 0):
                spans[where[(item, n)]].add((f.start, f.end))
    return firsts, [sorted(s - {(0, 0)} if len(s) > 1 else s) for s in spans]
