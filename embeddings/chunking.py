"""Cut cleaned reports into passages: paragraphs that never split a sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.reports import Block
from embeddings.tables import is_row

SENTENCE = re.compile(r".+?(?:[。！？；!?;…]+[”’」』）)\"']*|$)", re.S)


@dataclass(frozen=True)
class ChunkSpec:
    """Chunking settings: long paragraphs split above max_chars, tiny ones join below min_chars."""

    max_chars: int = 360
    min_chars: int = 40
    overlap_sentences: int = 1


@dataclass(frozen=True)
class Chunk:
    """A span of a report's cleaned text with its section and paragraph number."""

    start: int
    end: int
    section: str
    paragraph: int


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, split after 。！？； and closing quotes.

    "共建12处。成效明显！" -> [(0, 6), (6, 11)]
    """
    return [(m.start() + offset, m.end() + offset) for m in SENTENCE.finditer(text) if m.group().strip()]


def chunk_blocks(blocks: tuple[Block, ...], spans: list[tuple[int, int]], spec: ChunkSpec) -> list[Chunk]:
    """Paragraph chunks of one report; spans are the blocks' offsets in the report text."""
    paragraphs = _paragraphs(blocks, spans)
    merged = _join_tiny(paragraphs, spec.min_chars)
    chunks: list[Chunk] = []
    for start, end, section, number, text in merged:
        if end - start <= spec.max_chars:
            chunks.append(Chunk(start, end, section, number))
        else:
            chunks.extend(Chunk(s, e, section, number) for s, e in _split_long(text, start, spec))
    return chunks


def _paragraphs(blocks, spans) -> list[tuple[int, int, str, int, str]]:
    out, section, number = [], "", 0
    for block, (start, end) in zip(blocks, spans):
        if block.kind == "heading":
            section = block.text
            continue
        number += 1
        out.append((start, end, section, number, block.text))
    return out


def _join_tiny(paragraphs, min_chars: int):
    """Join paragraphs shorter than min_chars to the next one in the same section (else the previous); a table
    row (embeddings.tables.is_row) stays a passage of its own, so that it is read with its headers alone."""
    out: list[list] = []
    pending = None
    for para in paragraphs:
        para, row = list(para), is_row(para[4])
        if pending is not None and pending[2] == para[2] and not row:
            para = [pending[0], para[1], para[2], pending[3], pending[4] + "\n" + para[4]]
        elif pending is not None:
            out = _attach_previous(out, pending)
        pending = None
        if para[1] - para[0] < min_chars and not row:
            pending = para
        else:
            out.append(para)
    if pending is not None:
        out = _attach_previous(out, pending)
    return [tuple(p) for p in out]


def _attach_previous(out: list[list], tiny: list) -> list[list]:
    if out and out[-1][2] == tiny[2] and not is_row(out[-1][4]):
        prev = out[-1]
        out[-1] = [prev[0], tiny[1], prev[2], prev[3], prev[4] + "\n" + tiny[4]]
    else:
        out.append(tiny)
    return out


def _split_long(text: str, offset: int, spec: ChunkSpec) -> list[tuple[int, int]]:
    """Windows of whole sentences up to max_chars, consecutive windows sharing overlap sentences; a sentence
    longer than max_chars (text without punctuation) is cut into pieces of max_chars first."""
    sentences = [piece for span in sentence_spans(text, offset) for piece in _pieces(span, spec.max_chars)]
    windows, i = [], 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and sentences[j][1] - sentences[i][0] <= spec.max_chars:
            j += 1
        windows.append((sentences[i][0], sentences[j - 1][1]))
        if j >= len(sentences):
            break
        i = max(j - spec.overlap_sentences, i + 1)
    return windows


def _pieces(span: tuple[int, int], size: int) -> list[tuple[int, int]]:
    """A span cut into consecutive pieces of at most size characters: ((0, 5), 2) -> [(0, 2), (2, 4), (4, 5)]."""
    start, end = span
    return [(at, min(at + size, end)) for at in range(start, end, size)]
