"""Hostile files made on the fly: zip and .docx bombs, nested zips, PDFs that unpack to a lot or have many pages
or objects, text in odd encodings."""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

REPORT = ("鱼水情深\n测试县双拥工作综述\n（2023年7月31日）\n"
          "　　近年来，测试县为驻地部队提供用地527亩，累计投入3.5亿元资金为部队购置训练装备。\n"
          "　　测试县成立双拥工作领导小组，县委书记任组长，每年开展军民共建活动500余次。\n")
DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
              'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
              'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
              'main+xml"/></Types>')
DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(paragraphs: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def docx(path: Path, paragraphs: list[str], *, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .docx of plain paragraphs, plus `extra` members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        z.writestr("word/document.xml", document_xml(paragraphs))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def zero_member(z: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of `size` zero bytes written in pieces (never `size` bytes in memory)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED  # packed small: only the unpacked size can refuse it
    with z.open(info, "w", force_zip64=True) as member:
        piece = bytes(1 << 20)
        for _ in range(size >> 20):
            member.write(piece)


def nested_zip(depth: int, inner: bytes) -> bytes:
    """A zip of a zip of ... `depth` levels around `inner` (a report's bytes)."""
    data = inner
    for level in range(depth):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(f"level{level}.zip" if level else "report.txt", data)
        data = buffer.getvalue()
    return data


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1-based: object 1 is the catalog) with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, flate: bool = True) -> bytes:
    body = zlib.compress(data, 9) if flate else data
    return b"<< /Length %d %s%s >>\nstream\n" % (len(body), b"/Filter /FlateDecode " if flate else b"", extra) + \
        body + b"\nendstream"


def flate_of_zeros(size: int) -> bytes:
    """zlib of `size` spaces, made in pieces."""
    packer, piece, out = zlib.compressobj(9), b" " * (1 << 20), []
    for _ in range(size >> 20):
        out.append(packer.compress(piece))
    out.append(packer.flush())
    return b"".join(out)


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Report page text, 2023.) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages(n: int, content: bytes = TEXT_PAGE, *, media: bytes = b"[0 0 595 842]") -> bytes:
    """n pages sharing one content stream (object 4) and a font (object 3)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), FONT,
               stream(content)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
                % media] * n
    return pdf(objects)


def pdf_big_stream(size: int) -> bytes:
    """One page whose content stream unpacks to `size` bytes (spaces)."""
    packed = flate_of_zeros(size)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 4 0 R >>"]
    return pdf(objects)


def pdf_image(width: int, height: int, *, media: bytes = b"[0 0 595 842]") -> bytes:
    """One page without text holding a gray image declared width x height (its data a few bytes): a 'scan'."""
    image = stream(b"\x80" * 16, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8" % (width, height))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", image,
               stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q"),
               b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /XObject << /Im1 3 0 R >> >> "
               b"/Contents 4 0 R >>" % media]
    return pdf(objects)


def pdf_many_objects(n: int) -> bytes:
    """One page of text and n unused small objects."""
    base = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", FONT,
            stream(TEXT_PAGE), b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R"
                               b" >> >> /Contents 4 0 R >>"]
    return pdf(base + [b"[%d]" % i for i in range(n)])


def pdf_page_loop() -> bytes:
    """A page tree whose Pages node lists itself among its kids."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
               stream(TEXT_PAGE), b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"]
    return pdf(objects)


def pdf_nested(depth: int) -> bytes:
    """A content stream holding an array nested `depth` deep."""
    return pdf_pages(1, b"[" * depth + b"]" * depth + b" " + TEXT_PAGE)
