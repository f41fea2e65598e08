"""What reading one file is asked and what it noticed besides the text: whether to show a progress bar for the
slow pages (OCR), and the pages left out because OCR read nothing on them (named in the index's warnings)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reading:
    """Passed down to the PDF and image readers, filled as they read. `unread`: (page from 1, why in English)."""

    progress: bool = False
    unread: list[tuple[int, str]] = field(default_factory=list)
