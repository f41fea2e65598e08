"""Hostile report files through ingestion (embeddings.ingest.read_collection, what `qa index`, `--add` and the
chat's uploads call), each in a forked child under a time and memory limit; a few through `qa index` itself.

A file must be read right (its text as written) or refused with a reason (the file named as skipped, or a
DocumentError): never read as garbage, never a traceback, never hang or fill memory."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Callable

from eval.hostile import makers as mk
from eval.hostile.common import Case, cli_case, in_child

TRADITIONAL = ("魚水情深\n測試縣雙擁工作綜述\n（2023年7月31日）\n　　近年來，測試縣為駐地部隊提供用地527畝，累計投入3.5億元資金為部隊"
               "購置訓練裝備。\n　　測試縣成立雙擁工作領導小組，縣委書記任組長。\n")
BODY = "为驻地部队提供用地527亩"
MEMORY = 2 << 30  # a report needs far less; a bomb that gets through hits this
TIMEOUT = 60


def read(paths: list[str]) -> dict:
    """What read_collection makes of paths: report texts and skipped files (runs in the child)."""
    import time

    from embeddings.ingest import read_collection

    started = time.perf_counter()
    collection = read_collection(paths)
    return {"texts": [r.text[:2000] for r in collection.reports], "skipped": [s.to_dict() for s in collection.skipped],
            "seconds": round(time.perf_counter() - started, 2)}


def judge(result: dict, expect: str, *, target: str, must: str = "") -> tuple[bool, str]:
    """expect "refuse": target skipped with a reason (or a DocumentError) mentioning `must`; "read": its text
    holds `must`; "either": one of the two; "ok": no error (reports may or may not come)."""
    if "killed" in result:
        return False, result["killed"]
    if "error" in result:
        refused = "DocumentError" in result["bases"] or "QAError" in result["bases"]
        text = result["message"]
        good = refused and expect in ("refuse", "either") and "MemoryError" not in text and \
            (expect == "either" or must.lower() in text.lower())
        return good, f"{result['error']}: {text[:300]}" + ("" if refused else " | " + result["traceback"][-400:])
    skipped = [s for s in result["value"]["skipped"] if Path(s["path"]).name == Path(target).name]
    texts = result["value"]["texts"]
    seconds = result["value"]["seconds"]
    if skipped:
        reason = f"{skipped[0]['zh']} / {skipped[0]['reason']}"
        good = expect in ("refuse", "either", "ok") and bool(skipped[0]["zh"]) and "MemoryError" not in reason \
            and (expect != "refuse" or must.lower() in reason.lower())
        return good, f"skipped ({seconds}s): {reason[:300]}"
    read_right = any(must in t for t in texts)
    good = expect == "ok" or (expect in ("read", "either") and read_right)
    return good, f"read ({seconds}s) {len(texts)} report(s): {(texts[0][:120] if texts else '')!r}"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _bombs(d: Path) -> list[tuple[str, Callable[[], Path], str, str]]:
    """(name, make the file, expect, must); the big ones are made lazily."""
    def many(n: int, name: str) -> Path:
        return mk.docx(d / name, ["测试县双拥工作综述", mk.REPORT], extra={f"word/media/x{i}.png": b"x" for i in range(n)})

    def declared_big() -> Path:
        path = mk.docx(d / "big-image.docx", ["测试县双拥工作综述", mk.REPORT])
        with zipfile.ZipFile(path, "a") as z:
            mk.zero_member(z, "word/media/huge.bin", 120 << 20)
        return path

    def xml_bomb() -> Path:
        path = d / "xml-bomb.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", mk.DOCX_TYPES)
            z.writestr("_rels/.rels", mk.DOCX_RELS)
            with z.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(mk.document_xml([mk.REPORT]).encode()[:-len("</w:body></w:document>")])
                for _ in range(60):
                    member.write(b"<w:p/>" * (1 << 18))  # 60 x 1.5 MB of empty paragraphs
                member.write(b"</w:body></w:document>")
        return path

    def entity_bomb() -> Path:
        lol = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
               '&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;'
               '&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
               '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
               f'<w:document xmlns:w="{mk.W}"><w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p></w:body></w:document>')
        path = mk.docx(d / "entity-bomb.docx", [])
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("word/document2.xml", lol)
        data = path.read_bytes()
        with zipfile.ZipFile(d / "entity-bomb.docx", "w") as z:
            z.writestr("[Content_Types].xml", mk.DOCX_TYPES)
            z.writestr("_rels/.rels", mk.DOCX_RELS)
            z.writestr("word/document.xml", lol)
        del data
        return path

    def lying_size() -> Path:
        """A member whose central directory declares 100 bytes but which unpacks to 50 MB."""
        path = d / "lying.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", mk.DOCX_TYPES)
            z.writestr("_rels/.rels", mk.DOCX_RELS)
            z.writestr("word/document.xml", mk.document_xml([mk.REPORT]) + " " * (50 << 20))
        data = bytearray(path.read_bytes())
        for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory: size field
            i = -1
            while (i := data.find(sig, i + 1)) != -1:
                name_len = int.from_bytes(data[i + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
                start = i + (30 if sig == b"PK\x03\x04" else 46)
                if data[start:start + name_len] == b"word/document.xml":
                    data[i + at:i + at + 4] = (100).to_bytes(4, "little")
        path.write_bytes(bytes(data))
        return path

    return [
        ("docx with 3,000 members", lambda: many(3000, "members-3000.docx"), "refuse", ""),
        ("docx with 1,990 members (under the limit)", lambda: many(1990, "members-1990.docx"), "read", BODY),
        ("docx with a member declared 120 MB", declared_big, "refuse", ""),
        ("docx whose document.xml unpacks to 90 MB", xml_bomb, "refuse", ""),
        ("docx with an XML entity expansion (billion laughs)", entity_bomb, "refuse", ""),
        ("docx whose member lies about its size", lying_size, "refuse", ""),
        ("docx holding a zip nested 20 deep", lambda: mk.docx(d / "nested.docx", ["测试县双拥工作综述", mk.REPORT],
                                                                extra={"word/embeddings/x.zip": mk.nested_zip(
                                                                    20, mk.REPORT.encode())}), "read", BODY),
        ("empty .docx (0 bytes)", lambda: write(d, "empty.docx", b""), "refuse", ""),
        ("docx that is an empty zip", lambda: write(d, "emptyzip.docx", b"PK\x05\x06" + bytes(18)), "refuse", ""),
        ("docx with only empty paragraphs", lambda: mk.docx(d / "blank.docx", ["", "", ""]), "refuse", ""),
        ("docx without word/document.xml", lambda: _zip(d / "nodoc.docx", {"[Content_Types].xml": mk.DOCX_TYPES}),
         "refuse", ""),
        ("a zip named .docx holding a report.txt", lambda: _zip(d / "zip.docx", {"report.txt": mk.REPORT}), "refuse",
         ""),
        ("a PDF named .docx", lambda: write(d, "pdf.docx", mk.pdf_pages(1)), "refuse", ""),
        ("an OLE (encrypted Word) file named .docx", lambda: write(d, "ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                                                                   + bytes(4000)), "refuse", ""),
    ]


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


def _pdfs(d: Path) -> list[tuple[str, Callable[[], Path], str, str]]:
    return [
        ("PDF whose content stream unpacks to 400 MB", lambda: write(d, "stream-bomb.pdf", mk.pdf_big_stream(400 << 20)),
         "refuse", ""),
        ("PDF whose content stream unpacks to 60 MB", lambda: write(d, "stream-60.pdf", mk.pdf_big_stream(60 << 20)),
         "refuse", ""),
        ("PDF of 20,000 pages", lambda: write(d, "pages-20000.pdf", mk.pdf_pages(20000)), "refuse", ""),
        ("PDF of 300 pages (a long report)", lambda: write(d, "pages-300.pdf", mk.pdf_pages(300)), "ok", ""),
        ("PDF with 300,000 objects", lambda: write(d, "objects.pdf", mk.pdf_many_objects(300_000)), "either", ""),
        ("PDF whose page tree loops", lambda: write(d, "loop.pdf", mk.pdf_page_loop()), "either", ""),
        ("PDF with an array nested 200,000 deep", lambda: write(d, "nested.pdf", mk.pdf_nested(200_000)), "either",
         ""),
        ("PDF page 200,000 pt wide with an image (scan)", lambda: write(d, "huge-page.pdf", mk.pdf_image(
            100, 100, media=b"[0 0 200000 200000]")), "refuse", ""),
        ("PDF with an image declared 100,000 x 100,000 px", lambda: write(d, "huge-image.pdf",
                                                                          mk.pdf_image(100000, 100000)), "refuse", ""),
        ("PDF truncated to its first 300 bytes", lambda: write(d, "cut.pdf", mk.pdf_pages(3)[:300]), "refuse", ""),
        ("PDF that is only a header", lambda: write(d, "header.pdf", b"%PDF-1.7\n"), "refuse", ""),
        ("a .txt renamed .pdf", lambda: write(d, "text.pdf", mk.REPORT), "refuse", ""),
    ]


def _texts(d: Path) -> list[tuple[str, Callable[[], Path], str, str]]:
    report = mk.REPORT
    return [
        ("UTF-16-LE text without BOM", lambda: write(d, "u16le.txt", report.encode("utf-16-le")), "read", BODY),
        ("UTF-16-BE text without BOM", lambda: write(d, "u16be.txt", report.encode("utf-16-be")), "read", BODY),
        ("UTF-16-LE text without BOM, no ASCII at all", lambda: write(
            d, "u16pure.txt", report.replace("\n", "。").replace("527", "五百").replace("3.5", "三").replace("500", "五百")
            .replace("2023", "二〇二三").replace("31", "三十一").replace("7", "七").encode("utf-16-le")), "read", "驻地部队"),
        ("UTF-32 text without BOM", lambda: write(d, "u32.txt", report.encode("utf-32-le")), "either", BODY),
        ("UTF-8 text with NUL bytes between lines", lambda: write(d, "nul.txt", report.replace("\n", "\n\x00")),
         "either", BODY),
        ("a text file of 100,000 NUL bytes", lambda: write(d, "nuls.txt", bytes(100_000)), "refuse", ""),
        ("UTF-8 text with one NUL after 5,000 bytes", lambda: write(d, "late-nul.txt", report * 30 + "\x00" + report),
         "either", BODY),
        ("Shift-JIS Japanese text", lambda: write(d, "sjis.txt", "日本の報告書です。自衛隊の基地について説明します。\n".encode(
            "shift_jis") * 20), "refuse", ""),
        ("GBK text", lambda: write(d, "gbk.txt", report.encode("gbk")), "read", BODY),
        ("Big5 text", lambda: write(d, "big5.txt", TRADITIONAL.encode("big5")), "either", "駐地部隊"),
        ("half UTF-8, half GBK", lambda: write(d, "mixed.txt", report.encode() + report.encode("gbk")), "either",
         BODY),
        ("Latin-1 bytes", lambda: write(d, "latin1.txt", ("Caf\xe9 r\xe9sum\xe9 na\xefve " * 200).encode("latin-1")),
         "refuse", ""),
        ("random bytes", lambda: write(d, "random.txt", os.urandom(20_000)), "refuse", ""),
        ("UTF-8 with BOM", lambda: write(d, "bom.txt", "\ufeff" + report), "read", BODY),
        ("one 3 MB line", lambda: write(d, "long-line.txt", "鱼水情深\n测试县双拥工作综述\n" + "驻地部队" * 250_000),
         "ok", ""),
        ("500,000 empty lines around a report", lambda: write(d, "blank-lines.txt", "\n" * 500_000 + report),
         "read", BODY),
        ("only whitespace and control characters", lambda: write(d, "ctrl.txt", " \t\x0b\x0c\r\n" * 1000), "refuse",
         ""),
        (".md with script tags", lambda: write(d, "script.md", report + "\n<script>alert(1)</script>\n"), "read", BODY),
        (".txt of HTML", lambda: write(d, "page.txt", f"<html><body><script>alert(1)</script><p>{report}</p></body>"
                                                       "</html>"), "either", "驻地部队"),
        ("text over the 20 MB limit", lambda: write(d, "huge.txt", b"a" * 20_000_001), "refuse", ""),
        ("a PNG that is random bytes", lambda: write(d, "bad.png", b"\x89PNG\r\n\x1a\n" + os.urandom(2000)), "refuse",
         ""),
        ("a PNG declaring 60,000 x 60,000 px", lambda: write(d, "bomb.png", _png_bomb()), "refuse", ""),
    ]


def _png_bomb() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(60001 * 10))) + \
        chunk(b"IEND", b"")
