"""What the page view hands out (qa.page): the page image, the boxes drawn on it and the text under them."""
from __future__ import annotations

from dataclasses import dataclass

DPI = 100
MAX_PAGES = 30  # pages searched for a PDF passage that has none recorded
SECTION_CHARS = 1500  # of a section's text shown on each side of a passage


@dataclass(frozen=True)
class Box:
    """A rectangle on the page image, in pixels from its top left, and the characters under it."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass(frozen=True)
class PageView:
    """Where an answer is in its report.

    PDF: `page` (from 1) of `pages`, `png` that page with `boxes` (the answer's characters, one box per run on a
    line) and `shaded` (the passage) drawn. Other formats: page 0, no image. Both: the passage's `section`,
    `text`, and the answer's `start:end` in it. `placed` False, with `note` saying why in Chinese, when the
    answer's characters could not be found exactly on the page: then no answer box is drawn. `placed` with a
    `note`: a table value boxed whose unit is in its column's header, or this page's part of an answer that runs
    over a page break (the other part is boxed on the other page).
    """

    report: int
    source: str  # the file's name
    page: int
    pages: int
    png: bytes
    boxes: tuple[Box, ...]
    shaded: tuple[Box, ...]
    section: str
    text: str
    start: int
    end: int
    placed: bool
    note: str = ""
    dpi: int = DPI
    before: str = ""  # the section's text before the passage (other formats; at most SECTION_CHARS)
    after: str = ""  # and after it

    @property
    def answer(self) -> str:
        return self.text[self.start:self.end]
