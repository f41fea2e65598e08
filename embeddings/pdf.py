"""Read a PDF into paragraphs: lines broken by the page width rejoined, running headers, footers and page
numbers dropped.

pdfplumber gives each text line with its position. A line starts a new paragraph when it is indented, when the
line above stopped short of the right edge, or after a vertical gap; otherwise it continues the paragraph, also
across a page break. Lines in the top or bottom margin that repeat on other pages (digits aside), and page
numbers there ("3", "- 3 -", "第3页", "3/12"), are running headers and footers, and so are a browser's print
header and footer (a date and time, the page's address), on a one-page PDF too. A page without a text layer
that holds an image (a scan) is read by OCR (embeddings.ocr), its lines with their boxes assembled the same way.
"""
from __future__ import annotations

from pathlib import Path

from embeddings.errors import DependencyMissingError, DocumentError, QAError
from embeddings.pdf_layout import (BODY_INDENT, Line, drop_running_lines,  # noqa: F401  (re-exported)
                                   paragraphs)
from embeddings.reading import Reading

def read_pdf(path: Path) -> str:
    """The PDF's text, one paragraph a line; body paragraphs start with two ideographic spaces."""
    return read_pdf_lines(path)[0]


def read_pdf_lines(path: Path, *, reading: Reading | None = None) -> tuple[str, list[Line]]:
    """read_pdf's text and the page lines it was assembled from (a table as its stand-in line, whose `table`
    holds the cells): what ingestion aligns passages with to keep each passage's pages (embeddings.page_align).
    `reading`: whether to show OCR's progress, and gets the scanned pages OCR could not read."""
    from embeddings.pdf_tables import put_back  # a table's rows go back where its stand-in line is

    lines = [line for line in _lines(path, reading or Reading()) if line.text.strip()]
    return "\n".join(put_back(paragraphs(lines), lines)), lines


def _lines(path: Path, reading: Reading) -> list[Line]:
    try:
        import pdfplumber
    except ImportError as exc:
        raise DependencyMissingError("reading .pdf needs pdfplumber: pip install pdfplumber") from exc
    from embeddings.pdf_columns import mark_footnotes, text_lines
    from embeddings.pdf_tables import page_tables, with_tables  # ruled tables: out of the lines, back as rows
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(n, page.height, page.width, text_lines(page)) for n, page in enumerate(pdf.pages)]
            rules = {n: [edge["top"] for edge in page.horizontal_edges if edge["x1"] - edge["x0"] > 20]
                     for n, page in enumerate(pdf.pages)}
            tables = page_tables(pdf.pages)
            scans = _scans(pdf.pages, pages, path, reading)
    except QAError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise DocumentError(f"cannot read {path} as a PDF ({exc.__class__.__name__}): is it a real, unencrypted PDF?",
                            zh="文件已损坏（不是完好的 PDF，或已加密）") from exc
    lines = [Line(n, row["text"], row["x0"], row["x1"], row["top"], row["bottom"], width, column=column)
             for n, _, width, rows in pages for row, column in rows]
    if scans:
        lines = sorted(lines + [line for found in scans.values() for line in found], key=lambda line: line.page)
        if not lines:
            raise DocumentError(f"{path} is a scan and OCR read no text in it: is it a legible scan of a report?",
                                zh="扫描件无法识别文字")
    heights = {n: height for n, height, _, _ in pages}
    return with_tables(mark_footnotes(drop_running_lines(lines, heights), rules, heights), tables)


def _scans(pdf_pages: list, pages: list, path: Path, reading: Reading) -> dict[int, list[Line]]:
    """OCR lines of the pages without a text layer that hold an image (scanned), by page; {} when there are none."""
    scanned = [pdf_pages[n] for n, _, _, rows in pages if not rows and pdf_pages[n].images]
    if not scanned:
        return {}
    from embeddings.ocr import scanned_lines  # the OCR engine loads only for a PDF that needs it

    return scanned_lines(scanned, name=str(path), reading=reading)
