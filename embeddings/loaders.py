"""Read report files (.txt, .md, .docx, .pdf) into plain text."""
from __future__ import annotations

import logging
from pathlib import Path

from embeddings.errors import DependencyMissingError, DocumentError
from embeddings.normalize import normalize_text
from embeddings.pdf import BODY_INDENT, read_pdf
from embeddings.reports import heading_like

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf")
MAX_FILE_BYTES = 20_000_000  # a report is at most a few MB; a bigger file is likely not a report


def find_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of supported report files."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise DocumentError(f"path not found: {path} (give an existing file or folder of reports)")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not inside:
                raise DocumentError(f"no reports in folder {path}: expected files ending in {', '.join(SUPPORTED)}")
            found.extend(inside)
        elif path.suffix.lower() not in SUPPORTED:
            raise DocumentError(f"unsupported file type {path.suffix or '(none)'!r} for {path}: use {', '.join(SUPPORTED)}")
        else:
            found.append(path)
    return found


def read_text(path: Path) -> str:
    """Return the normalised text of one report file; raises DocumentError for empty, binary or broken files.

    Every format comes out the same shape: one paragraph or heading a line, body paragraphs of .docx and .pdf
    indented, text NFKC-normalised with radical look-alikes mapped (see embeddings.normalize).
    """
    check_size(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = read_pdf(path)
    else:
        text = _read_plain(path)
    text = normalize_text(text)
    if not text.strip():
        raise DocumentError(f"file is empty: {path} (it holds no text to index)")
    return text


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """DocumentError when a file is over the size limit (ingestion time grows with the size)."""
    size = path.stat().st_size
    if size > limit:
        raise DocumentError(f"{path} is {size:,} bytes, the limit per file is {limit:,}: split it into smaller "
                            "files (one report or a few per file)")


def _read_plain(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{path} looks binary, not text: give a UTF-8 .txt/.md file, a .docx or a .pdf")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"cannot decode {path} as UTF-8 or GB18030: save it as UTF-8 text")


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:
        raise DependencyMissingError("reading .docx needs python-docx: pip install python-docx") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for broken files
        raise DocumentError(f"cannot open {path} as a Word document ({exc.__class__.__name__}): is it a real .docx?") from exc
    return "\n".join(docx_lines(document.paragraphs))


def docx_lines(paragraphs) -> list[str]:
    """One line per non-empty Word paragraph: headings (by style) as "# …", body paragraphs indented.

    Title and Subtitle paragraphs, and short unpunctuated Normal ones, stay plain lines, so that the report's
    headline, subtitle and date are found as in a text file.
    """
    lines = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if not text:
            continue
        if style.startswith("heading"):
            lines.append(f"# {text}")
        elif style in ("title", "subtitle") or heading_like(text):
            lines.append(text)
        else:
            lines.append(BODY_INDENT + text)
    return lines
