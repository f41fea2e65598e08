"""Make small Chinese PDFs for the ingestion tests, laid out like a typeset report.

The font is a non-embedded CID font whose ToUnicode map gives each glyph's text, which is how real PDFs carry
their text layer; `look_alikes` lets a test map glyphs to Kangxi radicals as broken PDFs do.
"""
from __future__ import annotations

SIZE, LEFT, PER_LINE, TOP, BOTTOM, PAGE_W, PAGE_H = 12, 72, 30, 760, 80, 595, 842


def layout(paragraphs: list[str], *, header: str = "", centered: int = 0) -> list[list[tuple[float, float, str]]]:
    """Pages of (x, y, text) lines: the first `centered` paragraphs centred, the others indented by two
    characters and broken at the line width; a running header and a page number on every page."""
    lines: list[tuple[float, str]] = []
    for n, text in enumerate(paragraphs):
        if n < centered:
            lines.append((LEFT + (PER_LINE - len(text)) * SIZE / 2, text))
            continue
        first, rest = text[:PER_LINE - 2], text[PER_LINE - 2:]
        lines.append((LEFT + 2 * SIZE, first))
        lines.extend((LEFT, rest[i:i + PER_LINE]) for i in range(0, len(rest), PER_LINE))
    per_page = int((TOP - BOTTOM) / (SIZE * 1.5))
    pages = []
    for p, i in enumerate(range(0, len(lines), per_page), 1):
        page = [(x, TOP - k * SIZE * 1.5, t) for k, (x, t) in enumerate(lines[i:i + per_page])]
        if header:
            page.insert(0, (LEFT, PAGE_H - 40, header))
        page.append((PAGE_W / 2 - SIZE, 40, f"- {p} -"))
        pages.append(page)
    return pages


def pdf_bytes(pages: list[list[tuple[float, float, str]]], *, look_alikes: dict[str, str] | None = None,
              rules: list[list[tuple[float, float, float, float]]] | None = None) -> bytes:
    """A PDF of positioned lines (x, y, text) or (x, y, text, font size); look_alikes maps a shown character to
    the text its glyph extracts as; rules[i] are the straight lines (x0, y0, x1, y1) drawn on page i (a ruled table's grid)."""
    chars = sorted({ch for page in pages for item in page for ch in item[2]})
    code = {ch: n + 1 for n, ch in enumerate(chars)}
    look_alikes = look_alikes or {}
    cmap = _to_unicode({code[ch]: look_alikes.get(ch, ch) for ch in chars})
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type0 /BaseFont /Song "
               "/Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
               "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) "
               "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>",
               _stream(cmap),
               "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
               "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"]
    kids = []
    for n, page in enumerate(pages):
        content = "".join(f"BT /F1 {item[3] if len(item) > 3 else SIZE} Tf {item[0]:.1f} {item[1]:.1f} Td "
                          f"<{''.join(f'{code[c]:04X}' for c in item[2])}> Tj ET\n" for item in page)
        content += "".join(f"0.5 w {x0:.1f} {y0:.1f} m {x1:.1f} {y1:.1f} l S\n"
                           for x0, y0, x1, y1 in (rules[n] if rules and n < len(rules) else []))
        objects.append(_stream(content))
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    return assemble(objects)


def _to_unicode(mapping: dict[int, str]) -> str:
    entries = "".join(f"<{c:04X}> <{''.join(f'{b:04X}' for b in _utf16(t))}>\n" for c, t in mapping.items())
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(mapping)} beginbfchar\n{entries}endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")


def _utf16(text: str) -> list[int]:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def _stream(body: str) -> str:
    return f"<< /Length {len(body.encode('latin-1'))} >>\nstream\n{body}\nendstream"


def assemble(objects: list[str]) -> bytes:
    out, offsets = "%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")
