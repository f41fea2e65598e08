"""The answer on its page: a PDF page or a scanned image rendered with the answer's characters boxed and its
passage shaded; for a .docx, .txt or .md report, the passage in its section with the answer's offsets.

Everything comes from the offsets the answer carries (a report number and `start:end` in the report's cleaned
text): the passage that holds them, its pages (kept at ingestion, embeddings.passage_pages), and the characters
of those pages (embeddings.page_align). Only a file that is a source of the loaded index is opened, and only
while its bytes are the ones the index was built from (the manifest's sha256).
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from embeddings.errors import InputError, ReportNotFoundError, SourceChangedError
from embeddings.types import Passage, Report
from qa.page_types import DPI, SECTION_CHARS, Box, PageView  # noqa: F401  (re-exported)

MIN_DPI, MAX_DPI = 36, 300


def page_view(index: Any, report: int, start: int | None = None, end: int | None = None, *, page: int | None = None,
              dpi: int = DPI) -> PageView:
    """The view of report `report`'s text [start:end) (offsets as in an answer's citation) or, without them,
    of page `page`. ReportNotFoundError for an unknown report, SourceChangedError when its file changed."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise InputError(f"dpi must be {MIN_DPI} to {MAX_DPI}, got {dpi}")
    found = _report(index, report)
    passage = _passage_at(index, found, start, end) if start is not None or end is not None else None
    if passage is None and page is None:
        raise InputError("give highlight=start:end (an answer's offsets in its report) or a page number",
                         zh="请给出答案的位置（start:end）或页码")
    span = (start - passage.start, end - passage.start) if passage else (0, 0)
    from embeddings.loaders import IMAGE_TYPES

    suffix = Path(found.source).suffix.lower()
    if suffix in IMAGE_TYPES:
        from qa.page_image import image_view  # PIL loads only to show an image

        return image_view(source_bytes(index, found), found, passage, span, page=page, dpi=dpi)
    if suffix != ".pdf":
        if passage is None:
            raise InputError(f"report {report} ({Path(found.source).name}) has no pages: ask for an answer's "
                             "highlight=start:end instead", zh=f"报告 {report} 不是 PDF 或图片，没有页面：请按答案位置查看")
        before, after = _around(index, found, passage)
        return PageView(report, Path(found.source).name, 0, 0, b"", (), (), passage.section, passage.text, *span,
                        placed=True, dpi=dpi, before=before, after=after)
    from qa.page_pdf import pdf_view  # pdfplumber, pypdfium2 and PIL load only to show a PDF page

    return pdf_view(source_bytes(index, found), found, passage, span, page=page, dpi=dpi)


def _report(index: Any, number: int) -> Report:
    for report in index.reports:
        if report.number == number:
            return report
    numbers = [r.number for r in index.reports]
    raise ReportNotFoundError(f"no report {number} in the index: its reports are numbered "
                              f"{min(numbers, default=0)} to {max(numbers, default=0)} (GET /reports lists them)",
                              zh=f"索引中没有第 {number} 篇报告")


def _passage_at(index: Any, report: Report, start: int | None, end: int | None) -> Passage:
    """The shortest passage of the report that holds [start, end)."""
    if start is None or end is None or not 0 <= start < end <= len(report.text):
        raise InputError(f"highlight must be start:end with 0 <= start < end <= {len(report.text)} (the length of "
                         f"report {report.number}'s text), got {start}:{end}")
    inside = [p for p in _passages_of(index, report.number) if p.start <= start and end <= p.end]
    if not inside:
        raise InputError(f"highlight {start}:{end} is not within one passage of report {report.number}: give an "
                         "answer's start:end (its citation's)")
    return min(inside, key=lambda p: p.end - p.start)


def _around(index: Any, report: Report, passage: Passage) -> tuple[str, str]:
    """The text of the passage's section before and after it (its section's passages' stretch of the report),
    cut to SECTION_CHARS at a line break."""
    same = [p for p in _passages_of(index, report.number) if p.section == passage.section]
    lo, hi = min(p.start for p in same), max(p.end for p in same)
    before, after = report.text[lo:passage.start], report.text[passage.end:hi]
    if len(before) > SECTION_CHARS:
        before = before[before.find("\n", len(before) - SECTION_CHARS) + 1:]
    if len(after) > SECTION_CHARS:
        cut = after.rfind("\n", 0, SECTION_CHARS)
        after = after[:cut if cut > 0 else SECTION_CHARS]
    return before, after


def _passages_of(index: Any, number: int) -> list[Passage]:
    columns = getattr(index, "columns", None)
    if columns is not None and "report" in columns:  # the index's column: no passage parsed but the report's
        import numpy as np

        return [index.passages[int(i)] for i in np.flatnonzero(columns["report"] == number)]
    return [p for p in index.passages if p.report == number]


def source_bytes(index: Any, report: Report) -> bytes:
    """The bytes of a report's file, when it is a source of the index and unchanged since the index was built."""
    path = Path(report.source)
    name = path.name
    known = {str(Path(s["path"]).resolve()): s.get("sha256") for s in index.manifest.get("sources", [])}
    expected = known.get(str(path.resolve()))
    if expected is None:
        raise SourceChangedError(f"the file of report {report.number} ({name}) is not a source of this index: "
                                 "rebuild the index with `qa index --force`",
                                 zh=f"报告 {report.number} 的原文件（{name}）不在索引的来源中：请重建索引")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceChangedError(f"the file of report {report.number} ({name}) cannot be read "
                                 f"({exc.__class__.__name__}): was it moved or deleted? Put it back or rebuild the "
                                 "index with `qa index --force`",
                                 zh=f"报告 {report.number} 的原文件（{name}）已被移动或删除：请放回原处或重建索引") from exc
    if hashlib.sha256(data).hexdigest() != expected:
        raise SourceChangedError(f"the file of report {report.number} ({name}) changed after the index was built: "
                                 "rebuild the index with `qa index --force`",
                                 zh=f"报告 {report.number} 的原文件（{name}）在建立索引后已被修改：请重建索引")
    return data


def png_image(view: PageView):
    """The view's page as a PIL image (None without a page), for interfaces that show images."""
    if not view.png:
        return None
    from PIL import Image

    return Image.open(io.BytesIO(view.png))
