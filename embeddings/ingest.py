"""From files to numbered reports and their passages."""
from __future__ import annotations

import logging
from pathlib import Path

from embeddings.chunking import ChunkSpec, chunk_blocks
from embeddings.errors import DocumentError
from embeddings.loaders import find_files, read_text
from embeddings.places import posseg, report_places, stem
from embeddings.reports import report_text, split_reports
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)


def load_collection(paths: list[str | Path], *, spec: ChunkSpec = ChunkSpec()) -> tuple[list[Report], list[Passage]]:
    """Read files or folders into reports (numbered from 1 in file order) and their passages."""
    reports: list[Report] = []
    passages: list[Passage] = []
    for path in find_files(paths):
        for parsed in split_reports(read_text(path), fallback_title=path.stem):
            text, spans = report_text(parsed.blocks)
            if not any(b.kind == "paragraph" for b in parsed.blocks):
                log.warning("skipping a report with no paragraphs in %s: %r", path, parsed.title)
                continue
            body = "\n".join(b.text for b in parsed.blocks if b.kind == "paragraph")
            places = tuple(p for p in report_places(parsed.subtitle or parsed.title, body) if is_place_name(p))
            report = Report(len(reports) + 1, parsed.title, parsed.subtitle, parsed.date, str(path), text, places)
            reports.append(report)
            passages.extend(_passages(report, chunk_blocks(parsed.blocks, spans, spec)))
    if not passages:
        raise DocumentError(f"no report text found in {', '.join(map(str, paths))}: the files hold no paragraphs")
    log.info("loaded %d reports, %d passages", len(reports), len(passages))
    return reports, passages


def is_place_name(name: str) -> bool:
    """Whether a name found in a title is a place: "泉州市", "和平区", "漳州" yes; "城市", "市区", "新区" no.

    A name ending in 省 市 县 区 needs a stem of two characters or more (jieba tags 城市 and 新区 as places);
    any other needs jieba's place tag (泉州, 漳州: a two-character 州 name is a place).
    """
    if len(name) < 2:
        return False
    if name[-1] in "省市县区":
        return stem(name) != name
    return any(word == name and flag == "ns" for word, flag in posseg().cut(name))


def _passages(report: Report, chunks) -> list[Passage]:
    return [
        Passage(id=f"r{report.number:03d}-p{n:03d}", report=report.number, text=report.text[c.start:c.end],
                start=c.start, end=c.end, title=report.title, subtitle=report.subtitle, date=report.date,
                section=c.section, paragraph=c.paragraph, places=report.places, source=report.source)
        for n, c in enumerate(chunks, 1)
    ]
