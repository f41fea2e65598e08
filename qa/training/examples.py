"""Example questions for a collection: made from its own passages, kept only when the assistant answers them.

The chat UI shows them, so a user of any collection gets questions that work on it. The question generator
of `qa.training.generate` asks for a figure of a passage; a question is kept when the assistant answers it with
exactly that figure. Results are cached per index (its fingerprint) under `settings.cache_dir`.
"""
from __future__ import annotations

import json
import logging
import random
import re
from pathlib import Path
from typing import Any

from embeddings.errors import QAError
from embeddings.types import Passage
from qa.training.generate import positives

log = logging.getLogger(__name__)

MAX_TRIES = 12  # questions asked at most: each costs one `ask` (~0.1 s on a CPU)


def example_questions(assistant: Any, *, n: int = 3, seed: int = 7, max_tries: int = MAX_TRIES) -> list[str]:
    """Up to n questions about different reports that the assistant answers with the span they ask for."""
    index = assistant.retriever.index
    cache = _cache_path(assistant, index.manifest)
    if cache is not None and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))[:n]
    rng = random.Random(seed)
    found: list[str] = []
    for passage in spread(index.passages, rng)[:max_tries]:
        if len(found) >= n:
            break
        for example in positives(passage, rng, per_passage=1):
            if well_formed(example.question) and _answered(assistant, example.question, example.answer):
                found.append(example.question)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    log.info("example questions: %d found", len(found))
    return found


ASKING = re.compile(r"多少|几|哪|什么|谁|何|怎么|怎样|如何|是否|吗")
PAIRS = ("“”", "《》", "（）", "()", "‘’", "「」")


def well_formed(question: str) -> bool:
    """Whether a generated question reads as one whole question: one question mark, at the end; a question
    word; quotes and brackets paired; no clause left hanging at either end; 6 to 60 characters.

    well_formed("张掖为驻地部队划拨了多少亩土地？") -> True; well_formed("和“兵支书”多少名？") -> False
    """
    body = question[:-1]
    if not 6 <= len(question) <= 60 or not question.endswith("？") or "？" in body or "?" in body:
        return False
    if not ASKING.search(question) or re.match(r"^[，、；：,.和及与并而但且或”》）]", question):
        return False
    if re.search(r"[，、；：和及与的]$", body):
        return False
    return all(question.count(a) == question.count(b) for a, b in PAIRS)


def spread(passages: list[Passage], rng: random.Random) -> list[Passage]:
    """Passages in an order that visits every report before a second passage of any: r1, r2, r3, r1, …"""
    by_report: dict[int, list[Passage]] = {}
    for passage in passages:
        by_report.setdefault(passage.report, []).append(passage)
    for group in by_report.values():
        rng.shuffle(group)
    order = list(by_report)
    rng.shuffle(order)
    depth = max((len(g) for g in by_report.values()), default=0)
    return [by_report[r][i] for i in range(depth) for r in order if i < len(by_report[r])]


def _answered(assistant: Any, question: str, answer: str) -> bool:
    try:
        response = assistant.ask(question)
    except QAError as exc:  # a generated question the checks refuse is simply not shown
        log.debug("example %r refused: %s", question, exc)
        return False
    return not response.abstained and response.best.text == answer


def _cache_path(assistant: Any, manifest: dict) -> Path | None:
    key = manifest.get("fingerprint")
    folder = getattr(getattr(assistant, "settings", None), "cache_dir", None)
    return Path(folder) / f"examples-{key}.json" if key and folder else None
