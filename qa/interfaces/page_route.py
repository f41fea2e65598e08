"""GET /page: an answer on its PDF page (or scanned image) as a PNG, its characters boxed and its passage shaded (qa.page).

The report is named by its number in the loaded index (GET /reports), never by a path: only a file that is a
source of the index, unchanged since it was built, is ever opened.
"""
from __future__ import annotations

import json
import re
import threading
from typing import Any

from fastapi import FastAPI, Query
from fastapi.responses import Response

from embeddings.errors import InputError
from qa.page import DPI, MAX_DPI, MIN_DPI, page_view

HIGHLIGHT = re.compile(r"^(\d{1,9}):(\d{1,9})$")
# pdfium is not thread-safe, and FastAPI runs plain handlers in a thread pool: one page is drawn at a time
_DRAWING = threading.Lock()
PNG = {"content": {"image/png": {}}, "description": "the page; headers X-Page, X-Pages, X-Answer-Placed, "
       "X-Answer-Boxes (JSON: the answer's boxes in pixels and the characters under each)"}
ERROR = {"content": {"application/json": {"example": {"error": "…", "type": "ReportNotFoundError"}}}}


def install_page_route(app: FastAPI, holder: Any) -> None:
    """Add GET /page to the service's app; `holder.get()` gives the assistant (its retriever's index is read)."""

    @app.get("/page", response_class=Response, summary="An answer on its PDF page or scanned image, as a PNG image",
             responses={200: PNG, 404: ERROR, 409: ERROR, 422: ERROR})
    def page(report: int = Query(..., ge=1, description="the report's number (GET /reports; an answer's citation)"),
             highlight: str | None = Query(None, description="start:end of the answer in the report's text, as in "
                                                             "an answer's citation (start, end)"),
             page: int | None = Query(None, ge=1, description="the page to show (from 1); default: the answer's"),
             dpi: int = Query(DPI, ge=MIN_DPI, le=MAX_DPI, description="resolution of the image")) -> Response:
        start, end = _span(highlight)
        with _DRAWING:
            view = page_view(holder.get().retriever.index, report, start, end, page=page, dpi=dpi)
        if not view.png:
            raise InputError(f"report {report} ({view.source}) is not a PDF or an image and has no page image: its "
                             "passage and the answer's offsets are in the answer's citation (POST /ask)")
        boxes = [{"x0": b.x0, "top": b.top, "x1": b.x1, "bottom": b.bottom, "text": b.text} for b in view.boxes]
        headers = {"X-Page": str(view.page), "X-Pages": str(view.pages), "X-Answer-Placed": str(view.placed).lower(),
                   "X-Answer-Boxes": json.dumps(boxes)}  # ASCII (\u escapes): a header holds no other text
        return Response(view.png, media_type="image/png", headers=headers)


def _span(highlight: str | None) -> tuple[int | None, int | None]:
    """"12:17" -> (12, 17); None -> (None, None); InputError for anything else."""
    if highlight is None:
        return None, None
    found = HIGHLIGHT.match(highlight.strip())
    if not found:
        raise InputError(f"highlight must be start:end (two offsets, e.g. 120:125), got {highlight!r}")
    return int(found.group(1)), int(found.group(2))
