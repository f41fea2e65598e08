"""Split a report file's text into reports and clean each body.

A compilation (like the shipped one) is recognised by its date lines, e.g. "（2023年8月3日）":
the two lines above a date line are the report's headline and subtitle, and everything before
the first report (title page, table of contents) is dropped. A file without such date lines is one report: its headline, subtitle ("——泉州市双拥工作综述" or a second
heading line) and date ("2023年8月3日", "2023-08-03", "日期：2023年8月3日") come from its first lines when
they look like them, else the first heading is the title.
Body clean-up: lines broken at page breaks are rejoined, short unindented lines become section
headings, ellipsis-only lines and end markers such as "##paidend##" are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATE_LINE = re.compile(r"^\s*[（(]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*[)）]\s*$")
END_MARKER = re.compile(r"^#{2,}\w+#{2,}$")
ELLIPSIS_ONLY = re.compile(r"^[\s…\.。·]+$")
SENTENCE_END = re.compile(r"(?:[。！？；!?;…]|(?<![0-9])\.)[”’」』）)\"']*$")
HEADING_PUNCT = re.compile(r"[，。；！？,;!?]|\.(?=\s|$)")
INDENT = ("　", " ", "\t")
NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
MAX_HEADING = 40
LOOSE_DATE = re.compile(r"^\s*[（(]?\s*(?:日期\s*[:：]\s*)?(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*"
                        r"(\d{1,2})\s*日?\s*[)）]?\s*$")
SUBTITLE_DASH = re.compile(r"^(?:——|—|⸺|⸻|--|－－)\s*")  # ⸺: how Chromium's PDFs give "——"
HEADER_LINES = 4


@dataclass(frozen=True)
class Block:
    """A cleaned line of a report body: a heading or a paragraph."""

    kind: str  # "heading" or "paragraph"
    text: str


@dataclass(frozen=True)
class ParsedReport:
    """A report before numbering: headline, subtitle, date and cleaned body blocks."""

    title: str
    subtitle: str
    date: str
    blocks: tuple[Block, ...]


def split_reports(text: str, *, fallback_title: str = "") -> list[ParsedReport]:
    """Split a file's text into reports (one per date line, or the whole file)."""
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not END_MARKER.match(line.strip())]
    dates = [i for i, line in enumerate(lines) if DATE_LINE.match(line)]
    if not dates:
        return [_single_report(lines, fallback_title)]
    starts = [_report_start(lines, i) for i in dates]
    reports = []
    for n, date_idx in enumerate(dates):
        end = starts[n + 1] if n + 1 < len(dates) else len(lines)
        title, subtitle = _header(lines, starts[n], date_idx)
        date = DATE_LINE.match(lines[date_idx]).group(1)
        reports.append(ParsedReport(title, subtitle, date, tuple(clean_body(lines[date_idx + 1:end]))))
    return reports


def _report_start(lines: list[str], date_idx: int) -> int:
    """Index of the headline above a date line (headline and subtitle, or subtitle alone)."""
    start = date_idx
    for i in range(date_idx - 1, max(date_idx - 3, -1), -1):
        if lines[i].strip() and heading_like(lines[i]):
            start = i
        else:
            break
    return start


def _header(lines: list[str], start: int, date_idx: int) -> tuple[str, str]:
    header = [_plain(lines[i]) for i in range(start, date_idx) if lines[i].strip()]
    if len(header) >= 2:
        return header[0], header[-1]
    return (header[0], header[0]) if header else ("", "")


def _single_report(lines: list[str], fallback_title: str) -> ParsedReport:
    title, subtitle, date, rest = single_header(lines)
    blocks = clean_body(rest)
    if not title:
        title = fallback_title
        if blocks and blocks[0].kind == "heading":
            title, blocks = blocks[0].text, blocks[1:]
    return ParsedReport(title, subtitle or title, date, tuple(blocks))


def single_header(lines: list[str]) -> tuple[str, str, str, list[str]]:
    """Headline, subtitle, date and the remaining lines of a one-report file ("" where not found).

    ["擦亮双拥新品牌", "——泉州市双拥工作综述", "2023年8月3日", "　　正文。"]
    -> ("擦亮双拥新品牌", "泉州市双拥工作综述", "2023年8月3日", ["　　正文。"])
    """
    head: list[int] = []
    for i in [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]:
        date = LOOSE_DATE.match(lines[i])
        if date:
            texts = [SUBTITLE_DASH.sub("", _plain(lines[j])) for j in head]
            year, month, day = (int(g) for g in date.groups())
            return (texts[0] if texts else ""), (texts[-1] if texts else ""), f"{year}年{month}月{day}日", lines[i + 1:]
        if not heading_like(lines[i]):
            break
        head.append(i)
    if len(head) >= 2 and SUBTITLE_DASH.match(_plain(lines[head[1]])):
        return _plain(lines[head[0]]), SUBTITLE_DASH.sub("", _plain(lines[head[1]])), "", lines[head[1] + 1:]
    return "", "", "", lines


def _plain(line: str) -> str:
    return line.strip().lstrip("#").strip()


def heading_like(line: str) -> bool:
    """A short unindented line without sentence punctuation, whose brackets and quotes all close: a wrapped line
    "出台《关于做好…发放工作的" (its 》 on the next line) is a sentence's start, not a heading.

    >>> heading_like("二、找准定位，聚焦重点"), heading_like("二、找准定位"), heading_like("出台《关于做好驻通部队…工作的")
    (False, True, False)
    """
    text = line.strip().lstrip("#").strip()
    return (bool(text) and len(text) <= MAX_HEADING and not HEADING_PUNCT.search(text) and not line.startswith(INDENT)
            and not _unclosed(text))


def _unclosed(text: str) -> bool:
    """Whether a bracket or quotation mark opens in the text and does not close there."""
    return any(text.count(a) > text.count(b) for a, b in ("《》", "“”", "（）", "()", "「」", "【】"))


def _starts_heading(line: str) -> bool:
    return line.lstrip().startswith("#") or (bool(NUMBERED_HEADING.match(line)) and heading_like(line))


def clean_body(lines: list[str]) -> list[Block]:
    """Turn raw body lines into heading and paragraph blocks.

    A line that is not indented and follows a paragraph without sentence-final punctuation
    continues that paragraph (a page break); consecutive heading lines form one heading.
    """
    blocks: list[Block] = []
    open_paragraph = False  # last block is a paragraph that may continue on the next line
    for raw in lines:
        if not raw.strip():
            open_paragraph = False
            continue
        if ELLIPSIS_ONLY.match(raw):
            continue
        text = raw.strip().lstrip("#").strip() if raw.lstrip().startswith("#") else raw.strip()
        indented = raw.startswith(INDENT)
        if open_paragraph and not indented and not _starts_heading(raw):
            blocks[-1] = Block("paragraph", blocks[-1].text + text)
        elif not indented and heading_like(raw):
            if blocks and blocks[-1].kind == "heading":
                blocks[-1] = Block("heading", f"{blocks[-1].text} {text}")
            else:
                blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
        last = blocks[-1]
        open_paragraph = last.kind == "paragraph" and not SENTENCE_END.search(last.text)
    return blocks


def report_text(blocks: tuple[Block, ...]) -> tuple[str, list[tuple[int, int]]]:
    """Join blocks into the report's cleaned text; returns it and each block's (start, end)."""
    spans, parts, pos = [], [], 0
    for block in blocks:
        spans.append((pos, pos + len(block.text)))
        parts.append(block.text)
        pos += len(block.text) + 1
    return "\n".join(parts), spans


def fallback_title(path: Path) -> str:
    return path.stem
