"""Each PDF passage's pages, and the OCR lines of the scanned ones: what the page view needs from ingestion.

The passages of one PDF are aligned, in order, with the glyphs of the lines the PDF was read from
(embeddings.page_glyphs.line_glyphs): each against a window of the page text that starts where the passage
before it started, the whole rest of the file when the window holds too little of it (a long table of contents
skipped). A text page's characters are read again when the page is shown (they are exact); an OCR line is kept
in the passage, since reading a scan again takes seconds a page.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Sequence

from embeddings.page_glyphs import Glyph, folded, line_glyphs
from embeddings.pdf_layout import Line
from embeddings.types import Passage

log = logging.getLogger(__name__)

SLACK = 2000  # folded characters past a passage's length that its window reaches
MIN_BLOCK = 3  # a shorter matching block may be chance (a comma, a digit) and does not name a page


def with_pages(passages: Sequence[Passage], lines: Sequence[Line]) -> list[Passage]:
    """The passages of one PDF (in order) with `pages` and, on scanned pages, `ocr_lines` filled in."""
    glyphs = line_glyphs(lines)
    chars = "".join(g.char for g in glyphs)
    out, cursor = [], 0
    for passage in passages:
        hits = _hits(folded(passage.text)[0], chars, cursor)
        if not hits:
            log.warning("%s: passage %s not found on any page; it will show without its page", passage.source,
                        passage.id)
            out.append(passage)
            continue
        cursor = hits[0]
        out.append(replace(passage, pages=tuple(sorted({glyphs[i].page for i in hits})),
                           ocr_lines=_ocr_lines(hits, glyphs, lines)))
    return out


def _hits(text: str, chars: str, cursor: int) -> list[int]:
    """Sorted offsets of `chars` that `text` aligns with in blocks of MIN_BLOCK or more (any block when the text
    is that short): in the window from `cursor`, else in the whole rest."""
    for end in (cursor + 3 * len(text) + SLACK, len(chars)):
        matcher = SequenceMatcher(None, text, chars[cursor:end], autojunk=False)
        blocks = [(j, n) for _, j, n in matcher.get_matching_blocks() if n >= min(MIN_BLOCK, len(text))]
        if sum(n for _, n in blocks) * 2 >= len(text) or end >= len(chars):
            return sorted(cursor + j + k for j, n in blocks for k in range(n))
    return []


def _ocr_lines(hits: list[int], glyphs: list[Glyph], lines: Sequence[Line]) -> tuple:
    """The OCR lines the hits fall on: (page from 1, x0, top, x1, bottom, text), boxes rounded to 0.01 pt."""
    numbers = sorted({glyphs[i].line for i in hits if lines[glyphs[i].line].ocr})
    return tuple((lines[n].page + 1, *(round(v, 2) for v in (lines[n].x0, lines[n].top, lines[n].x1, lines[n].bottom)),
                  lines[n].text) for n in numbers)
