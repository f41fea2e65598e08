"""Bytes of a text file to text: UTF-8 (with or without a BOM), UTF-16 with a BOM (or without one, when only one
byte order reads as Chinese), else GB18030 or Big5 when the text reads as Chinese in that encoding. Almost any bytes decode as GB18030, so decoding is not enough: the
characters must be mostly common ones (random bytes and Big5 read as GB18030 are mostly rare ones)."""
from __future__ import annotations

import logging
from collections import Counter
from functools import lru_cache
from pathlib import Path

from embeddings.errors import DocumentError

log = logging.getLogger(__name__)

MIN_COMMON = 0.8  # share of common characters among the non-ASCII ones; Chinese reports: 0.97-1.0 in any 200
# characters of the shipped corpus; Big5 read as GB18030 about 0.35, random bytes 0.3-0.5
MAX_CONTROL = 0.01  # control characters (not tab, newline, form feed) in text


def decode_text(data: bytes, path: Path) -> str:
    """The text of a plain-text report file; DocumentError naming the file and the fix when it is binary or
    does not read as Chinese in any encoding tried.

    "擦亮雙擁新品牌".encode("big5") -> "擦亮雙擁新品牌", read as Big5 (kept as written, nothing converted); as
    GB18030 it would be "揽獹蛮局穝珇礟". Very short Big5 text may read as GB18030 (two characters can be both).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(_decode(data, "utf-16", path), path)
    if b"\x00" in data[:4096]:
        wide = _utf16_without_bom(data)
        if wide is not None:
            log.info("%s is UTF-16 text without a byte order mark: read as such", path)
            return _checked(wide, path)
        raise DocumentError(f"{path} looks binary, not text: give a UTF-8 .txt/.md file, a .docx or a .pdf",
                            zh="不是文本文件（含二进制内容）")
    try:
        return _checked(data.decode("utf-8-sig"), path)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    damaged = _damaged_utf8(data, path, first_bad)
    if damaged is not None:
        return damaged
    shares = {}
    for encoding, common in (("gb18030", gb_common()), ("cp950", big5_common())):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        shares[encoding] = common_share(text, common)
        if shares[encoding] >= MIN_COMMON:
            if encoding != "gb18030":
                log.info("%s is Big5 text: read as written", path)
            return _checked(text, path)
    tried = ", ".join(f"{'Big5' if e == 'cp950' else 'GB18030'}: {s:.0%} common characters" for e, s in shares.items())
    raise DocumentError(f"{path} is not UTF-8 and does not read as Chinese in GB18030 or Big5 "
                        f"({tried or 'neither decodes'}): save it as UTF-8 text",
                        zh="无法识别文件编码（不是 UTF-8，按 GB18030、Big5 读出的也不像中文）：请另存为 UTF-8 文本")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes saved without a byte order mark (Chinese and ASCII both hold NUL bytes then),
    when exactly one byte order reads as plausible text: no NUL or other control characters past 1%, the
    non-ASCII ones mostly common Chinese. None otherwise (binary data, UTF-32, random bytes).

    "测试县 2023".encode("utf-16-le") -> "测试县 2023"
    """
    if len(data) % 2:
        return None
    readings = []
    for order in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(order)
        except UnicodeDecodeError:  # a lone surrogate: not this byte order
            continue
        sample = text[:100_000]
        control = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
        if control <= MAX_CONTROL * len(sample) and common_share(sample, gb_common()) >= MIN_COMMON:
            readings.append(text)
    return readings[0] if len(readings) == 1 else None


def _damaged_utf8(data: bytes, path: Path, first_bad: int) -> str | None:
    """UTF-8 text with a few damaged bytes (about 1 in 1,000 characters), read with each replaced by U+FFFD and a
    warning; None when it is not that (another encoding, or too damaged)."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(n for ch, n in Counter(text).items() if ord(ch) > 127) - bad  # characters UTF-8 did decode
    # a damaged byte inside a character costs up to 3 replacements; GB18030 text has few valid UTF-8 sequences
    if bad > 3 * (len(text) // 1000 + 1) or wide < 50 * bad:
        return None
    log.warning("%s: damaged UTF-8 from byte %d, %d character(s) read as \ufffd", path, first_bad, bad)
    return _checked(text, path)


def common_share(text: str, common: frozenset[str]) -> float:
    """The share of the non-ASCII characters of text that are in `common` (1.0 when there are none).

    common_share("乙县abc", gb_common()) -> 1.0; common_share("揽獹蛮局穝珇礟", gb_common()) -> 0.43
    """
    counts = Counter(text)
    wide = sum(n for ch, n in counts.items() if ord(ch) > 127)
    if not wide:
        return 1.0
    return sum(n for ch, n in counts.items() if ch in common) / wide


@lru_cache(maxsize=1)
def gb_common() -> frozenset[str]:
    """GB2312's symbols (rows A1-A9) and its 3,755 level-1 characters (rows B0-D7), the common ones."""
    return _table("gb2312", range(0xA1, 0xAA), range(0xB0, 0xD8))


@lru_cache(maxsize=1)
def big5_common() -> frozenset[str]:
    """Big5's symbols (A1-A3) and its 5,401 frequently used characters (A4-C6)."""
    return _table("cp950", range(0xA1, 0xA4), range(0xA4, 0xC7))


def _table(encoding: str, *leads: range) -> frozenset[str]:
    chars = set()
    for lead in (b for r in leads for b in r):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(f"cannot decode {path} as {encoding.upper()}: save it as UTF-8 text",
                            zh="文件编码有误：请另存为 UTF-8 文本") from exc


def _checked(text: str, path: Path) -> str:
    """The text, unless control characters (binary data that happens to decode) make up more than 1% of it."""
    control = sum(1 for ch in text[:100_000] if ch < " " and ch not in "\t\n\r\f\v") + text[:100_000].count("\ufffd")
    if control > MAX_CONTROL * min(len(text), 100_000):
        raise DocumentError(f"{path} holds control characters, it looks binary: give a UTF-8 .txt/.md file, "
                            "a .docx or a .pdf", zh="不是文本文件（含控制字符）")
    return text.lstrip("\ufeff")
