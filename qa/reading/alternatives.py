"""The answers worth showing after the best one: distinct, not part of one shown, not a fragment of a figure
or a word. Applied in the abstention decision (qa.reading.abstain.decide), so the CLI, HTTP, MCP and the chat
UI list the same alternatives."""
from __future__ import annotations

import re
from functools import lru_cache

from qa.reading.answer_types import MEASURES
from qa.types import Answer

# a span of units and approximators only ("多亩", "万元", "余人"): a figure's tail, not an answer
EDGE_PUNCTUATION = "，。、；：！？,.;:!? "  # "个，" is "个": a unit and a comma are no answer
APPROX = "多余万亿千百十近约"  # what may stand between a figure and its unit
UNITS = "亩元年月日名个人次处场所家项条户座台辆%％"
UNIT_TAIL = re.compile(f"^[{APPROX}]*[{UNITS}]+$")
FIGURE_TAIL = APPROX + UNITS + MEASURES  # what may follow a figure's digits: 多, 亩, and 块 of 11821块 too


def alternatives(answers: tuple[Answer, ...] | list[Answer], *, limit: int | None = None) -> list[Answer]:
    """The answers after the first worth showing (at most `limit`): distinct, not part of one shown, not a fragment.

    Dropped: "2000多亩" next to "2000多亩土地" (one is inside the other), "3亩" cut from inside "3573亩" (a
    digit just outside the span), "亩", "多亩", "万元", "个，" (a unit without its figure), "当欢快喜庆" cut from
    inside a word of its passage. A passage is cut into words only while alternatives are wanted (and kept:
    `word_edges`).
    """
    if not answers:
        return []
    kept: list[Answer] = [answers[0]]
    for answer in answers[1:]:
        if limit is not None and len(kept) > limit:
            break
        text = answer.text.strip().strip(EDGE_PUNCTUATION)
        if len(text) < 2 or UNIT_TAIL.match(text) or _cut_from_number(answer):
            continue
        if any(text in k.text or k.text in text for k in kept):
            continue
        edges = word_edges(answer.passage.text)
        if answer.start in edges and answer.end in edges:
            kept.append(answer)
    return kept[1:]


def _cut_from_number(answer: Answer) -> bool:
    """Whether the span starts or ends inside a figure of its passage: inside its number ("3亩" of "3573亩", "0名"
    of "30名"), or between the number and its unit ("个村" of "1038个村", "…划拨土地2000" of "2000多亩")."""
    text, start, end = answer.passage.text, answer.start, answer.end
    tail = FIGURE_TAIL
    inside_left = 0 < start < len(text) and text[start - 1].isdigit() and (text[start].isdigit() or text[start] in tail)
    inside_right = 0 < end < len(text) and text[end - 1].isdigit() and (text[end].isdigit() or text[end] in tail)
    return bool(inside_left or inside_right)


@lru_cache(maxsize=4096)
def word_edges(text: str) -> frozenset[int]:
    """The offsets where jieba's words of text start and end: "芜湖市为驻军" -> {0, 3, 4, 6}.

    Kept for the passages last cut (a collection's passages come back question after question; jieba's
    tagger took about 7 ms of a warm `ask` before)."""
    from embeddings.places import posseg

    edges, pos = {0}, 0
    for word, _ in posseg().cut(text):
        pos += len(word)
        edges.add(pos)
    return frozenset(edges)
