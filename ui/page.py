"""A cited answer shown where it stands (plain functions, no gradio): a PDF page or a scanned image with the answer
boxed, or for .docx, .txt and .md its paragraph in its section with the answer marked. Every text from a document goes
through ui.format's escaping: nothing a document holds is rendered as markup."""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from embeddings.errors import QAError
from qa.page import page_view, png_image
from qa.page_types import PageView
from qa.report_header import header_passage
from qa.types import Answer, Response
from ui.cell_table import row_table
from ui.format import escape, format_error, highlight

log = logging.getLogger(__name__)

KEY = re.compile(r"^(\d+):(\d+):(\d+)$")
HEADER_KEY = re.compile(r"^(\d+):h(\d+):(\d+)$")  # an answer from a report's header: its offsets in the header
SHOWN_DPI = 100


def shown_answers(response: Response | None) -> list[Answer]:
    """The answers a reply cites, in its order: the answers, the hedged ones, each place's of a list."""
    if response is None:
        return []
    parts = [p.answer for p in response.parts if p.answer is not None]
    return [*response.answers, *response.possible, *parts]


def citation_choices(response: Response | None) -> list[tuple[str, str]]:
    """(label, key) for each cited answer: "来源 1：17个 · 绍兴市城市更新工作报告 · 第2页", "3:120:123"."""
    out = []
    for n, answer in enumerate(shown_answers(response), 1):
        p = answer.passage
        page = f" · 第{p.pages[0]}页" if p.pages else ""
        label = f"来源 {n}：{answer.text} · {p.subtitle or p.title or p.source}{page}"
        key = (f"{p.report}:h{answer.start}:{answer.end}" if answer.read_by == "header" else  # in the header passage
               f"{p.report}:{answer.report_start}:{answer.report_end}")
        if key not in {k for _, k in out}:
            out.append((label, key))
    if not out and response is not None:  # "not found": the closest passages shown with it open on their page too
        for n, hit in enumerate(response.hits[:CLOSEST_SHOWN], 1):
            p = hit.passage
            page = f" · 第{p.pages[0]}页" if p.pages else ""
            out.append((f"最接近的段落 {n}：{p.text[:12]}… · {p.subtitle or p.title or p.source}{page}",
                        f"{p.report}:{p.start}:{p.end}"))
    return out


CLOSEST_SHOWN = 3  # closest passages of a "not found" offered in 原文定位 (the reply lists them too)


def show_source(assistant: Any, key: str | None, *, dpi: int = SHOWN_DPI) -> tuple[Any, str]:
    """The page image (PIL, None for other formats or on error) and the HTML beside it for a citation key
    ("report:start:end"); a problem is said in Chinese, never as a traceback."""
    if not key:
        return None, ""
    if header := HEADER_KEY.match(str(key)):
        return None, header_html(assistant, *(int(g) for g in header.groups()))
    found = KEY.match(str(key))
    if not found:
        return None, format_error(f"无法显示原文：来源编号“{key}”无效")
    report, start, end = (int(g) for g in found.groups())
    try:
        view = page_view(assistant.retriever.index, report, start, end, dpi=dpi)
    except QAError as exc:
        log.info("page view of %s: %s", key, exc)
        return None, format_error(f"无法显示原文：{getattr(exc, 'zh', None) or '找不到这段原文'}")
    except Exception:  # noqa: BLE001 - the chat must keep working; the log has the traceback
        log.exception("page view of %s failed", key)
        return None, format_error("无法显示原文：发生内部错误，请稍后再试")
    return png_image(view), source_html(view)


def source_html(view: PageView) -> str:
    """The view as HTML: the file and page, whether the answer is boxed, a cited table row as a small table, and
    the passage in its section."""
    where = f"{escape(view.source)} · 第 {view.page}/{view.pages} 页" if view.page else escape(view.source)
    lines = [f"<div class=\"qa-page-source\">{where}</div>"]
    if view.page and not view.placed:
        lines.append(f"<div class=\"qa-page-note\">⚠️ 未能在页面上准确框出答案：{escape(view.note)}</div>")
    elif view.page:
        unit = f"{escape(view.note)}；" if view.note else ""
        lines.append(f"<div class=\"qa-page-note\">{unit}红框为答案，黄色为所在段落。</div>")
    if view.section:
        lines.append(f"<div class=\"qa-page-section\"><b>{escape(view.section)}</b></div>")
    if view.text and (table := row_table(view.text, view.start, view.end)):
        lines.append(table)  # a table row as the table it was cut from, the answer's cell highlighted
    if view.text:
        passage = f"<span class=\"qa-paragraph\">{highlight(view.text, view.start, view.end)}</span>"
        lines.append(f"<blockquote class=\"qa-excerpt\">{escape(view.before)}{passage}{escape(view.after)}</blockquote>")
    return "\n".join(lines)


def header_html(assistant: Any, report: int, start: int, end: int) -> str:
    """A report's header (title, subtitle, date) with the answer cut from it marked: such an answer is in no page's
    body text, so no page is shown."""
    found = assistant.reports().get(report)
    text = header_passage(found).text if found else ""
    if not 0 <= start < end <= len(text):
        return format_error(f"无法显示原文：第 {report} 篇报告没有这段标题或日期")
    return (f"<div class=\"qa-page-source\">{escape(Path(found.source).name)} · 报告的标题和日期</div>\n"
            f"<div class=\"qa-page-note\">答案取自报告开头的标题和日期，不在正文段落中。</div>\n"
            f"<blockquote class=\"qa-excerpt\">{highlight(text, start, end)}</blockquote>")
