"""The dataclasses that carry documents through ingestion and indexing."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Report:
    """One report of a collection, with its cleaned body text.

    `text` is the cleaned body (paragraphs separated by "\n"); passage offsets point into it.
    """

    number: int
    title: str
    subtitle: str
    date: str
    source: str
    text: str
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A chunk of one report: `report_text[start:end] == text`."""

    id: str
    report: int
    text: str
    start: int
    end: int
    title: str = ""
    subtitle: str = ""
    date: str = ""
    section: str = ""
    paragraph: int = 0
    places: tuple[str, ...] = ()
    source: str = ""
    pages: tuple[int, ...] = ()  # the PDF pages or image frames (from 1) it was read from; () for other formats
    # the OCR lines of scanned pages it was read from: (page, x0, top, x1, bottom, text), from the top left in
    # points on a PDF page, in pixels on an image file (embeddings.page_glyphs.OcrLine); a text page's
    # characters are read from the PDF when shown
    ocr_lines: tuple[tuple, ...] = ()

    @property
    def context(self) -> str:
        """The report context prepended to the text that is embedded and keyword-indexed."""
        parts = [p for p in (self.subtitle or self.title, "/".join(self.places), self.section) if p]
        return "｜".join(parts)

    @property
    def index_text(self) -> str:
        """What the encoders and BM25 see: report context, then the paragraph."""
        return f"{self.context}｜{self.text}" if self.context else self.text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Passage":
        data = dict(data)
        data["places"] = tuple(data.get("places", ()))
        data["pages"] = tuple(data.get("pages", ()))
        data["ocr_lines"] = tuple(tuple(line) for line in data.get("ocr_lines", ()))
        return cls(**data)
