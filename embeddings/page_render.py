"""A PDF page as a PNG image, with the answer's characters boxed and its paragraph shaded (pypdfium2 renders,
PIL draws); boxes are in points from the page's top left, as pdfplumber and OCR give them."""
from __future__ import annotations

import io
from typing import Iterable

from embeddings.errors import DependencyMissingError, DocumentError, InputError

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom
SHADE = (255, 214, 64, 80)  # a pale yellow over the paragraph
OUTLINE = (220, 20, 20, 255)  # red around the answer's characters


def page_count(data: bytes) -> int:
    """How many pages a PDF has."""
    pdf = _open(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_page(data: bytes, page: int, *, dpi: int, boxes: Iterable[Rect] = (), shade: Iterable[Rect] = ()) -> bytes:
    """Page `page` (from 1) of a PDF as PNG bytes at `dpi`, `shade` filled and `boxes` outlined."""
    pdf = _open(data)
    try:
        if not 1 <= page <= len(pdf):
            raise InputError(f"page must be 1 to {len(pdf)} for this file, got {page}",
                             zh=f"页码应在 1 到 {len(pdf)} 之间，收到 {page}")
        image = pdf[page - 1].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    return drawn_png(image, scale=dpi / 72, boxes=boxes, shade=shade)


def drawn_png(image, *, scale: float, boxes: Iterable[Rect] = (), shade: Iterable[Rect] = ()) -> bytes:
    """A PIL image as PNG bytes with `shade` filled and `boxes` outlined; rects are multiplied by `scale` (pixels
    per point for a PDF page, the resize factor for an image file)."""
    from PIL import Image, ImageDraw

    image = image.convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for rect in shade:
        draw.rectangle(_pixels(rect, scale, pad=1), fill=SHADE)
    for rect in boxes:
        draw.rectangle(_pixels(rect, scale, pad=1), outline=OUTLINE, width=max(1, round(scale * 72 / 50)))
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(out, "PNG")
    return out.getvalue()


def _pixels(rect: Rect, scale: float, *, pad: float = 0.0) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = rect
    return x0 * scale - pad, top * scale - pad, x1 * scale + pad, bottom * scale + pad


def _open(data: bytes):
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        raise DependencyMissingError("showing a PDF page needs pypdfium2: pip install pypdfium2") from exc
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"cannot render the PDF ({exc}): is it a real, unencrypted PDF?",
                            zh="文件已损坏（无法显示 PDF 页面）") from exc
