"""Read report files (.txt, .md, .docx, .pdf) into plain text."""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from embeddings.decoding import decode_text
from embeddings.errors import DependencyMissingError, DocumentError
from embeddings.markdown_tables import rewrite_tables
from embeddings.normalize import normalize_text
from embeddings.pdf import BODY_INDENT, Line, read_pdf_lines
from embeddings.reading import Reading
from embeddings.reports import heading_like
from embeddings.safe_pdf import check_pdf
from embeddings import safe_files
from embeddings.safe_files import MAX_XML_BYTES, Scan, check_archive, check_regular, read_bytes, scan
from embeddings.tables import SEP, Table, table_lines, table_title

log = logging.getLogger(__name__)

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")  # scans, read by OCR (embeddings.ocr)
SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf") + IMAGE_TYPES
MAX_FILE_BYTES = 20_000_000  # a report is at most a few MB; a bigger file is likely not a report


def find_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of supported report files, each once (see scan_files)."""
    return scan_files(paths).files


def scan_files(paths: list[str | Path]) -> Scan:
    """The supported report files under paths, and those refused with the reason (a link out of a folder, a
    pipe or device, a second copy): embeddings.safe_files.scan."""
    return scan(paths, SUPPORTED, MAX_FILE_BYTES)


def read_text(path: Path) -> str:
    """Return the normalised text of one report file; raises DocumentError for empty, binary or broken files.

    Every format comes out the same shape: one paragraph or heading a line, body paragraphs of .docx and .pdf
    indented, text NFKC-normalised with radical look-alikes mapped (see embeddings.normalize).
    """
    return read_with_lines(path)[0]


def read_with_lines(path: Path, *, reading: Reading | None = None) -> tuple[str, list[Line]]:
    """read_text's text and, for a PDF or an image, the page lines it was read from (embeddings.pdf_layout.Line);
    [] for other formats. `reading` (scans and images): whether to show OCR's progress; gets the pages OCR could not read."""
    check_regular(path)
    check_size(path)
    suffix = path.suffix.lower()
    lines: list[Line] = []
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        check_pdf(path)  # pages, unpacked sizes, page size: refused before pdfminer unpacks anything
        text, lines = read_pdf_lines(path, reading=reading)
    elif suffix in IMAGE_TYPES:
        from embeddings.ocr import read_image_lines  # the OCR engine loads only for a file that needs it

        text, lines = read_image_lines(path, reading=reading)
    elif suffix in (".md", ".markdown"):
        text = rewrite_tables(_read_plain(path))
    else:
        text = _read_plain(path)
    text = normalize_text(text)
    if not text.strip():
        raise DocumentError(f"file is empty: {path} (it holds no text to index)", zh="文件中没有文字")
    return text, lines


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """DocumentError when a file is over the size limit (ingestion time grows with the size)."""
    safe_files.check_size(path, limit)


def _read_plain(path: Path) -> str:
    return decode_text(read_bytes(path, MAX_FILE_BYTES), path)


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:
        raise DependencyMissingError("reading .docx needs python-docx: pip install python-docx") from exc
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path, max_xml=MAX_XML_BYTES)
        document = docx.Document(str(path))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises several unrelated types for broken files
        raise DocumentError(f"cannot open {path} as a Word document ({exc.__class__.__name__}): is it a real .docx?") from exc
    return "\n".join(docx_lines(document.iter_inner_content()))


def docx_lines(items) -> list[str]:
    """One line per non-empty Word paragraph, and a table's rows where the table stands (embeddings.tables).

    Headings (by style) come out as "# …", body paragraphs indented; Title and Subtitle paragraphs, and short
    unpunctuated Normal ones, stay plain lines, so that the report's headline, subtitle and date are found as in
    a text file. A table takes its title from a caption or lead-in paragraph just above it, else the heading.
    """
    lines: list[str] = []
    heading = before = caption = ""
    for item in items:
        if not hasattr(item, "rows"):  # a paragraph
            line, style = _docx_paragraph(item)
            if line:
                lines.append(line)
                heading = line if not line.startswith(BODY_INDENT) else heading
                before, caption = line, (line if style == "caption" else "")
            continue
        title = table_title(caption=caption, before=before, heading=heading)
        lines.extend(docx_table_lines(item, title))
        before = caption = ""
    return lines


def _docx_paragraph(paragraph) -> tuple[str, str]:
    """A paragraph's line ("" when empty) and its style name in lower case."""
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if not text:
        return "", style
    if style.startswith("heading"):
        return f"# {text}", style
    if style in ("title", "subtitle") or heading_like(text):
        return text, style
    return BODY_INDENT + text, style


def docx_table_lines(table, title: str) -> list[str]:
    """A Word table's row lines, then those of the tables nested in its cells (titled by their row's name).

    python-docx repeats a merged cell's object over the grid columns and rows it covers: a repeat within a row
    is a horizontal merge (None, see embeddings.tables.Table), a repeat down a column keeps its text.
    """
    if all(len({id(c._tc) for c in row.cells}) == 1 for row in table.rows):
        return _docx_box_lines(table)
    grid, nested, seen = [], [], {}
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            repeat = previous is not None and cell._tc is previous._tc
            cells.append(None if repeat else _docx_cell_text(cell))
            if id(cell._tc) not in seen:  # a merged cell's nested tables once, not once per row it covers
                seen[id(cell._tc)] = cell._tc
                nested.extend((cells[0] or "", inner) for inner in cell.tables)
            previous = cell
        grid.append(tuple(cells))
    lines = table_lines(Table(title, tuple(grid), _docx_header_rows(table)))
    for name, inner in nested:
        lines.extend(docx_table_lines(inner, SEP.join(part for part in (title, name) if part)))
    return lines


def _docx_box_lines(table) -> list[str]:
    """A table of one cell a row is a box around text (a 专栏, a note): its paragraphs, headings and tables."""
    lines, seen = [], set()
    for row in table.rows:
        cell = row.cells[0]
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            lines.extend(docx_lines(cell.iter_inner_content()))
    return lines + [""]


def _docx_cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _docx_header_rows(table) -> int | None:
    """Rows marked "repeat as header row" in Word head the table; None (guess) when none is marked."""
    marked = 0
    for row in table.rows:
        tr_pr = row._tr.trPr
        if tr_pr is None or not tr_pr.xpath("./w:tblHeader"):
            break
        marked += 1
    return marked or None
