"""Responses as chat markdown/HTML: the answer, its confidence, and cited excerpts with the span highlighted.

Everything that comes from the corpus or the user goes through `escape`, so it shows as text and is never
rendered as markup; the only tags in the output are the ones built here.
"""
from __future__ import annotations

import html
from typing import Any

from embeddings.types import Passage
from qa.interfaces.render import kind_name
from qa.reading.alternatives import alternatives  # noqa: F401  (re-exported)
from qa.reading.confidence import describe
from qa.types import Answer, Hit, Part, Response

NO_ANSWER = "这些报告没有回答这个问题。"
# characters markdown or LaTeX would interpret, written as entities so they show as themselves
MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~$>"}
HTML_CHARS = set("&<>\"'")


def escape(text: str) -> str:
    """HTML-escape text and neutralise markdown: "<b>*1*</b>" -> "&lt;b&gt;&#42;1&#42;&lt;/b&gt;"."""
    # character by character, so the entities html.escape writes ("&#x27;") are not escaped again
    return "".join(html.escape(c, quote=True) if c in HTML_CHARS else MARKDOWN_CHARS.get(c, c)
                   for c in text).replace("\n", "<br>")


def citation(passage: Passage) -> str:
    """Where a passage comes from: 《title》 subtitle · date · section · 第N段 (escaped)."""
    parts = [f"《{passage.title}》" if passage.title else "", passage.subtitle, passage.date, passage.section,
             f"第{passage.paragraph}段" if passage.paragraph else ""]
    return " · ".join(escape(p) for p in parts if p)


def highlight(text: str, start: int, end: int) -> str:
    """text with text[start:end] wrapped in <mark>, all parts escaped: ("ab<c", 1, 2) -> "a<mark>b</mark>&lt;c"."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}:{end}] is outside a text of {len(text)} characters")
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def source_block(label: str, passage: Passage, *, span: tuple[int, int] | None = None, opened: bool = False) -> str:
    """A collapsible <details> block: citation in the summary, the excerpt (with the span marked) inside."""
    body = highlight(passage.text, *span) if span else escape(passage.text)
    attrs = ' class="qa-source" open' if opened else ' class="qa-source"'
    return (f"<details{attrs}><summary>{escape(label)} · {citation(passage)}</summary>"
            f"<blockquote class=\"qa-excerpt\">{body}</blockquote></details>")


def answer_block(answer: Answer) -> str:
    cell = answer.cell
    where = (f"<div class=\"qa-cell\">表格“{escape(cell.table)}”：{escape(cell.row)}行 · {escape(cell.column)}列</div>"
             if cell else "")
    return (f"**答案：** <mark>{escape(answer.text)}</mark>　<span class=\"qa-confidence\">"
            f"{escape(describe(answer.confidence, answer.score, answer.read_by))}</span>{where}")


def possible_block(answer: Answer) -> str:
    """A hedged answer: shown as 可能的答案 with its confidence and its cited excerpt, above the "not found"."""
    return (f"<div class=\"qa-possible\">**可能的答案（没有把握）：** <mark>{escape(answer.text)}</mark>　"
            f"<span class=\"qa-confidence\">{escape(describe(answer.confidence, answer.score))}</span></div>\n\n"
            + source_block("可能的出处", answer.passage, span=(answer.start, answer.end), opened=True))


def format_response(response: Response, *, rewritten_from: str | None = None, in_context: bool = True) -> str:
    """The chat reply for a response; `rewritten_from` is the user's message when the question answered differs
    from it, said 按上文理解为 when there was a conversation or filter to read it against (`in_context`), else
    理解为 (a question reworded in its passage's words, qa.reworded)."""
    parts = []
    used = response.question_used or response.question
    if rewritten_from is not None and rewritten_from.strip() != used:
        label = "按上文理解为" if in_context else "理解为"
        parts.append(f"<div class=\"qa-rewritten\">{label}：{escape(used)}</div>")
    if response.kind != "single":
        parts.append(format_parts(response))
    elif response.abstained:
        parts += [possible_block(a) for a in response.possible]
        parts.append(no_answer(response.hits, response.reason, searched=response.reason_code != "no_subject"))
    else:
        parts.append(answer_block(response.answers[0]))
        shown = [response.answers[0], *alternatives(response.answers)]
        parts += [source_block(f"来源 {i}" if i == 1 else f"其他可能的答案 {i}：{a.text}", a.passage,
                               span=(a.start, a.end), opened=i == 1)
                  for i, a in enumerate(shown, 1)]
    return "\n\n".join(parts)


def format_parts(response: Response) -> str:
    """A list, comparison or total: the one-line answer (or why there is none), a table of each place's value
    with its citation (every value marked as in its passage), and each place's cited excerpt below."""
    kind = escape(kind_name(response))
    if response.abstained:
        head = (f"<div class=\"qa-no-answer\">{NO_ANSWER}</div>"
                f"<div class=\"qa-no-answer-reason\">{escape(response.reason)}</div>")
    else:
        head = f"**{kind}：** <mark>{escape(response.summary or '')}</mark>"
    if not response.parts:
        return head
    rows = "".join(part_row(p) for p in response.parts)
    table = (f"<table class=\"qa-parts\"><thead><tr><th>地区</th><th>答案</th><th>置信度</th><th>出处</th></tr>"
             f"</thead><tbody>{rows}</tbody></table>")
    sources = [source_block(f"{p.place}：{p.answer.text}", p.answer.passage, span=(p.answer.start, p.answer.end),
                            opened=len(response.parts) == 1)  # one place (出处): its excerpt open, as a single answer's
               for p in response.parts if p.answer]
    return "\n\n".join([head, table, *sources])


def part_row(part: Part) -> str:
    """One table row: the place, its value marked (or why there is none), the confidence and the citation."""
    a = part.answer
    if a is None:
        why = escape(part.response.reason or "报告中没有找到")
        maybe = part.response.possible[0] if part.response.possible else None
        if maybe is None:
            return f"<tr><td>{escape(part.place)}</td><td>没有找到（{why}）</td><td></td><td></td></tr>"
        return (f"<tr><td>{escape(part.place)}</td><td>没有找到（{why}）；可能的答案（没有把握）："
                f"<mark>{escape(maybe.text)}</mark></td><td>{escape(describe(maybe.confidence, maybe.score))}</td>"
                f"<td>{citation(maybe.passage)}</td></tr>")
    return (f"<tr><td>{escape(part.place)}</td><td><mark>{escape(a.text)}</mark></td>"
            f"<td>{escape(describe(a.confidence, a.score, a.read_by))}</td><td>{citation(a.passage)}</td></tr>")


def no_answer(hits: tuple[Hit, ...] | list[Hit], reason: str = "", *, searched: bool = True) -> str:
    """The abstention message and why, with the closest passages (collapsed) for the reader to judge; a question
    not searched at all (`searched` False: it said nothing to look for) gets the reason alone."""
    why = f"<div class=\"qa-no-answer-reason\">{escape(reason)}</div>" if reason else ""
    head = f"<div class=\"qa-no-answer\">{NO_ANSWER}</div>{why}"
    if not hits and not searched:
        return head
    if not hits:
        return head + "\n\n没有找到相关段落：换个说法，或放宽报告/地区范围再试。"
    blocks = [source_block(f"相近段落 {h.rank}", h.passage) for h in hits]
    return "\n\n".join([head + "下面是最接近的段落，供参考：", *blocks])


def format_error(message: str) -> str:
    """A user-facing error line (the message escaped; never a traceback)."""
    return f"<div class=\"qa-error\">⚠️ {escape(message)}</div>"


def format_index_info(info: dict[str, Any]) -> str:
    """The 'what the index holds' panel as markdown: counts, encoder, reader, then the report list."""
    lines = [f"- 报告：{info.get('reports', '?')} 篇", f"- 段落（chunks）：{info.get('passages', '?')} 个",
             f"- 编码器：{escape(str(info.get('encoder', '?')))}", f"- 阅读器：{escape(str(info.get('reader', '?')))}"]
    rows = [f"| {r['number']} | {escape(r['subtitle'] or r['title'])} | {escape(r['date'])} | "
            f"{escape('、'.join(r['places']))} |" for r in info.get("report_list", [])]
    table = ["", "| 编号 | 报告 | 日期 | 地区 |", "|---|---|---|---|", *rows] if rows else []
    return "\n".join(lines + table)
