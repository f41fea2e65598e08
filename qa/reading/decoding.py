"""Span decoding: start/end logits of tokenized windows -> character spans of passages.

Pure numpy, no model: the reader feeds it logits, the tests feed it hand-built ones.
Offsets are the truth: every span is a (start, end) pair of CHARACTER offsets into its passage,
taken from the tokenizer's offset mapping, never re-aligned to words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from embeddings.errors import InputError


@dataclass(frozen=True)
class Window:
    """One tokenized window over a passage, with the model's logits for it.

    `offsets[i]` is the (char_start, char_end) of token i in its passage text, `is_context[i]`
    says whether token i belongs to the passage (not the question, [CLS], [SEP] or padding).
    """

    passage: int
    start_logits: np.ndarray
    end_logits: np.ndarray
    offsets: Sequence[tuple[int, int]]
    is_context: Sequence[bool]


@dataclass(frozen=True)
class Span:
    """A decoded answer: character offsets into passage number `passage`.

    `score` is start_logit + end_logit; `margin` is score minus the null ([CLS]) score of the
    window it came from, comparable across windows and used for abstention.
    """

    passage: int
    start: int
    end: int
    score: float
    margin: float


def null_score(window: Window) -> float:
    """The "no answer" score of a window: start_logit[0] + end_logit[0] at [CLS]."""
    return float(window.start_logits[0] + window.end_logits[0])


def window_spans(window: Window, *, max_answer_len: int = 30, top_n: int = 3, n_best: int = 20) -> list[Span]:
    """The best `top_n` valid spans of one window, best first.

    Valid: both tokens are context, start <= end < start + max_answer_len. Example: logits that
    peak at tokens 3 and 4 of "[CLS] 问 [SEP] 共 建 12 处 [SEP]" give the characters of "建12".
    """
    if max_answer_len < 1:
        raise InputError(f"max_answer_len must be >= 1, got {max_answer_len}")
    start_logits = np.asarray(window.start_logits, dtype=np.float64)
    end_logits = np.asarray(window.end_logits, dtype=np.float64)
    context = np.asarray(window.is_context, dtype=bool)[: len(start_logits)]
    if not context.any():
        return []
    masked_start = np.where(context, start_logits, -np.inf)
    masked_end = np.where(context, end_logits, -np.inf)
    starts = [i for i in np.argsort(-masked_start, kind="stable")[:n_best] if context[i]]
    ends = [j for j in np.argsort(-masked_end, kind="stable")[:n_best] if context[j]]
    null = null_score(window)
    found = []
    for i in starts:
        for j in ends:
            if not (i <= j < i + max_answer_len):
                continue
            char_start, char_end = window.offsets[i][0], window.offsets[j][1]
            if char_end <= char_start:
                continue
            score = float(start_logits[i] + end_logits[j])
            found.append(Span(window.passage, int(char_start), int(char_end), score, score - null))
    found.sort(key=lambda s: (-s.score, s.start, s.end))
    return found[:top_n]


def decode(windows: Sequence[Window], *, max_answer_len: int = 30, top_n: int = 3) -> tuple[list[Span], float]:
    """Distinct top-n spans over all windows (ranked by margin) and the question's null margin.

    A span seen in two overlapping windows is kept once, with its better margin. The second value
    is the best margin over all windows (best span score minus that window's null score):
    negative means every window prefers "no answer"; -inf when nothing could be decoded.
    """
    best: dict[tuple[int, int, int], Span] = {}
    for window in windows:
        for span in window_spans(window, max_answer_len=max_answer_len, top_n=max(top_n, 5)):
            key = (span.passage, span.start, span.end)
            if key not in best or span.margin > best[key].margin:
                best[key] = span
    ranked = sorted(best.values(), key=lambda s: (-s.margin, s.passage, s.start, s.end))
    best_margin = ranked[0].margin if ranked else float("-inf")
    return ranked[:top_n], best_margin


SENTENCE_END = "。！？；"
PAIRS = {"“": "”", "（": "）", "《": "》", "(": ")", "‘": "’", "「": "」", "『": "』", "【": "】", "〈": "〉"}
# never the first or last character of an answer: white space (a PDF's line break before "7月23日") and the
# marks that join or end clauses ("、安定两土司" -> "安定两土司")
EDGE = " \t\r\n\u3000、，,：:；;"


def tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of text[start:end] cut at its first sentence end, without unpaired quotes or brackets
    at its edges and without white space or a clause mark at either end: "杨伦工作室”。“最美拥军人物" ->
    "杨伦工作室", "\n7月23日" -> "7月23日". An answer never spans two sentences."""
    s, e = start, end
    cut = min((i for i in range(s, e - 1) if text[i] in SENTENCE_END), default=None)
    if cut is not None and cut > s:
        e = cut
    changed = True
    while changed and e - s > 1:
        changed = False
        span = text[s:e]
        if span[0] in EDGE:
            s, changed = s + 1, True
        elif span[-1] in SENTENCE_END or span[-1] in EDGE or (span[-1] in PAIRS.values() and
                                          not any(o in span for o, c in PAIRS.items() if c == span[-1])):
            e, changed = e - 1, True
        elif span[0] in PAIRS and PAIRS[span[0]] not in span:
            s, changed = s + 1, True
    return requoted(text, s, closed(text, s, e))


def requoted(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that starts inside quotation marks it closes and ends inside ones it opens (中国梦”和“强军梦), grown over
    the marks around it: “中国梦”和“强军梦”; else unchanged (三说会堂”新模式 is cut later, at its closing mark).

    >>> t = "实现“中国梦”和“强军梦”的目标"
    >>> t[slice(*requoted(t, 3, 12))], t[slice(*requoted(t, 2, 13))], t[slice(*requoted(t, 3, 7))]
    ('“中国梦”和“强军梦”', '“中国梦”和“强军梦”', '中国梦”')
    """
    span = text[start:end]
    inside = 0 <= span.find("”") < span.find("“") and span.rfind("“") > span.rfind("”")  # …”和“…: inside both
    if inside and start > 0 and text[start - 1] == "“" and text[end:end + 1] == "”":
        return start - 1, end + 1
    return start, end


def closed(text: str, start: int, end: int, reach: int = 8) -> int:
    """The end moved past the ）that closes a bracket opened inside the span, when it comes within `reach` characters
    and no clause mark is between: "行政（参公" -> "行政（参公）"; else `end`.

    >>> t = "享受行政（参公）编制待遇"
    >>> t[2:closed(t, 2, 7)], closed(t, 2, 4)
    ('行政（参公）', 4)
    """
    span = text[start:end]
    for opening, closing in (("（", "）"), ("(", ")")):
        if span.count(opening) > span.count(closing):
            found = re.match(rf"[^{closing}，,。；;！？!?\n]{{0,{reach}}}{re.escape(closing)}", text[end:])
            return end + found.end() if found else end
    return end
