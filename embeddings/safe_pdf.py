"""Limits a PDF must keep before it is read (embeddings.pdf): pages, what its streams unpack to, page size. A
PDF is small on disk and can unpack to anything: a content stream of 400 MB packed in 400 KB, 20,000 pages sharing
one stream, a page 200,000 points wide that OCR would render at 200 dpi. Each is refused with its reason before
pdfminer decodes a byte of it, in memory bounded by one chunk."""
from __future__ import annotations

import logging
import zlib
from itertools import islice
from pathlib import Path

from embeddings.errors import DocumentError
from embeddings.safe_files import shown

log = logging.getLogger(__name__)

MAX_PAGES = 2_000  # a long report has a few hundred
MAX_STREAM_BYTES = 64_000_000  # one stream unpacked (a whole embedded CJK font is 10-30 MB)
MAX_CONTENT_BYTES = 64_000_000  # page content unpacked, over all pages (pdfminer reads a few MB a second)
MAX_PAGE_POINTS = 14_400  # the largest page side PDF allows (200 inches)
CHUNK = 1 << 20


def check_pdf(path: Path) -> None:
    """DocumentError when the PDF has too many pages, a page larger than PDF allows, or a stream it would
    interpret or unpack (page content, forms, fonts) that unpacks to too much; a PDF too broken to inspect is
    left to the reader (which names it). Walks only what pdfminer itself would touch, so it costs a fraction
    of the reading."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:  # the reader says which package is missing
        return
    with path.open("rb") as handle:
        try:
            pages = list(islice(PDFPage.create_pages(PDFDocument(PDFParser(handle))), MAX_PAGES + 1))
        except Exception as exc:  # noqa: BLE001 - pdfminer's many types for a broken file: the reader names it
            log.debug("%s could not be inspected (%s): left to the reader", path, exc)
            return
        if len(pages) > MAX_PAGES:
            raise DocumentError(f"{shown(path)} has over {MAX_PAGES:,} pages: split it into smaller PDFs",
                                zh=f"PDF 页数过多（超过 {MAX_PAGES:,} 页）")
        sizes: dict[int, int] = {}
        content = 0
        for page in pages:
            _check_page_size(path, page.mediabox)
            for stream in _drawn(page):
                content += _size(path, stream, sizes)
            for stream in _fonts(page):
                _size(path, stream, sizes)
            if content > MAX_CONTENT_BYTES:
                raise DocumentError(f"the pages of {shown(path)} unpack to over {MAX_CONTENT_BYTES:,} bytes of "
                                    "content: is it a real report? (split it, or print it to a new PDF)",
                                    zh=f"PDF 页面内容解压后过大（超过 {MAX_CONTENT_BYTES // 1_000_000} MB）")


def _check_page_size(path: Path, box) -> None:
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return
    side = max(abs(x1 - x0), abs(y1 - y0))
    if side > MAX_PAGE_POINTS:
        raise DocumentError(f"{shown(path)} has a page {side:,.0f} points wide or high, PDF allows at most "
                            f"{MAX_PAGE_POINTS:,}: is it a real report?",
                            zh=f"PDF 页面尺寸过大（{side:,.0f} 点，上限 {MAX_PAGE_POINTS:,} 点）")


def _streams(value) -> list:
    from pdfminer.pdftypes import PDFStream, resolve1

    value = resolve1(value)
    items = value if isinstance(value, list) else [value]
    return [s for s in (resolve1(v) for v in items) if isinstance(s, PDFStream)]


def _resources(page, kind: str) -> list:
    from pdfminer.pdftypes import resolve1

    resources = resolve1(page.resources) if page.resources else {}
    table = resolve1(resources.get(kind)) if isinstance(resources, dict) else None
    return [resolve1(v) for v in table.values()] if isinstance(table, dict) else []


def _drawn(page) -> list:
    """The streams a page's content interprets: its contents and its form XObjects (not images)."""
    forms = [x for x in _resources(page, "XObject") if _name(getattr(x, "attrs", {}).get("Subtype")) == "Form"]
    return [s for s in page.contents if s is not None] + forms


def _fonts(page) -> list:
    """The font programs a page's fonts embed (FontFile, FontFile2, FontFile3), descendant fonts included."""
    from pdfminer.pdftypes import resolve1

    out, fonts = [], [f for f in _resources(page, "Font") if isinstance(f, dict)]
    for font in fonts + [resolve1(d) for f in fonts for d in (resolve1(f.get("DescendantFonts")) or [])
                         if isinstance(resolve1(f.get("DescendantFonts")), list)]:
        descriptor = resolve1(font.get("FontDescriptor")) if isinstance(font, dict) else None
        if isinstance(descriptor, dict):
            for key in ("FontFile", "FontFile2", "FontFile3"):
                out += _streams(descriptor.get(key)) if descriptor.get(key) is not None else []
    return out


def _name(value) -> str:
    return str(getattr(value, "name", value))


def _size(path: Path, stream, sizes: dict[int, int]) -> int:
    """A stream's unpacked size, each stream unpacked once (by its object id)."""
    key = stream.objid if stream.objid is not None else id(stream)
    if key not in sizes:
        sizes[key] = _unpacked(path, stream)
    return sizes[key]


def _unpacked(path: Path, stream) -> int:
    """What a Flate stream unpacks to, counted a chunk at a time; DocumentError past MAX_STREAM_BYTES. Other
    filters count their packed size (pdfminer's own limits apply to them)."""
    filters = stream.attrs.get("Filter")
    first = filters[0] if isinstance(filters, list) and filters else filters
    raw = stream.rawdata if stream.rawdata is not None else b""
    if _name(first) not in ("FlateDecode", "Fl"):
        return len(raw)
    unpacker, size, data = zlib.decompressobj(), 0, raw
    try:
        while data and size <= MAX_STREAM_BYTES:
            size += len(unpacker.decompress(data, CHUNK))
            data = unpacker.unconsumed_tail
    except zlib.error:
        return size  # damaged: pdfminer's own recovery decides
    if size > MAX_STREAM_BYTES:
        raise DocumentError(f"a stream of {shown(path)} unpacks to over {MAX_STREAM_BYTES:,} bytes ({len(raw):,} "
                            "packed): is it a real report?",
                            zh=f"PDF 中的数据解压后过大（超过 {MAX_STREAM_BYTES // 1_000_000} MB）")
    return size
