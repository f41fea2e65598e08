"""An image report's page view (qa.page): the scan itself (a frame of a multi-page TIFF), the answer's characters
boxed and its passage shaded from the OCR lines kept in the passage at ingestion (boxes in the image's pixels),
placed the way a scanned PDF page's are (embeddings.page_align)."""
from __future__ import annotations

import io
from pathlib import Path

from embeddings.errors import DocumentError, InputError
from embeddings.page_align import place
from embeddings.page_glyphs import ocr_glyphs
from embeddings.page_render import drawn_png
from embeddings.types import Passage, Report
from qa.page_pdf import on_page, view_of
from qa.page_types import PageView

A4_POINTS = 595  # an image is shown as wide as an A4 page would be at the asked dpi (never enlarged)
NO_LINES = "建立索引时没有记录这张图片上文字的位置：重建索引（qa index --force）后可在原图上标出答案"


def image_view(data: bytes, report: Report, passage: Passage | None, span: tuple[int, int], *, page: int | None,
               dpi: int) -> PageView:
    """The view of an image report: frame `page` (from 1), else the one the answer is on, drawn at about `dpi`."""
    frames = _frames(data, report)
    if page is not None and not 1 <= page <= len(frames):
        raise InputError(f"page must be 1 to {len(frames)} for this report, got {page}",
                         zh=f"页码应在 1 到 {len(frames)} 之间，收到 {page}")
    glyphs = ocr_glyphs(passage.ocr_lines) if passage is not None else []
    placement = place(passage.text, *span, glyphs) if glyphs else None
    on = on_page(placement, glyphs, passage, page, unplaced=NO_LINES)
    image = frames[on.page - 1]
    scale = min(1.0, dpi / 72 * A4_POINTS / max(1, image.width))
    if scale < 1.0:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    png = drawn_png(image, scale=scale, boxes=[r[1:5] for r in on.answer], shade=[r[1:5] for r in on.shade])
    return view_of(report, passage, span, on, len(frames), png, scale=scale, dpi=dpi)


def _frames(data: bytes, report: Report) -> list:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DocumentError(f"cannot read {Path(report.source).name} as an image ({exc.__class__.__name__})",
                            zh="文件已损坏（不是完好的图片）") from exc

