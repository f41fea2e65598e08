"""Plain-text rendering of a Response for the terminal."""
from __future__ import annotations

from qa.reading.confidence import describe
from qa.source import answers_source
from qa.types import Answer, Response

EXCERPT = 60  # characters of context shown on each side of the answer


def citation(answer: Answer) -> str:
    p = answer.passage
    where = f"报告{p.report}《{p.subtitle or p.title}》（{p.date}）{p.section or '正文'}" + (f" 第{p.paragraph}段" if p.paragraph else "")
    cell = answer.cell
    return where + (f"，表格“{cell.table}”：{cell.row}行 · {cell.column}列" if cell else "")


def excerpt(answer: Answer, *, width: int = EXCERPT) -> str:
    """The passage around the answer with the span marked 【like this】."""
    text = answer.passage.text
    left = max(0, answer.start - width)
    right = min(len(text), answer.end + width)
    return ("…" if left else "") + text[left:answer.start] + "【" + answer.text + "】" + text[answer.end:right] \
        + ("…" if right < len(text) else "")


KIND_NAMES = {"list": "列举", "compare": "比较", "total": "合计"}


def kind_name(response: Response) -> str:
    """What a person is told the answer is (the CLI's and the chat's label): 列举 / 比较 / 合计, or 出处 for which
    report says something (`qa.source`)."""
    return "出处" if answers_source(response) else KIND_NAMES.get(response.kind, response.kind)


def render_parts(response: Response) -> str:
    """A list, comparison or total: the one-line answer (or why there is none), then each place's own
    answer with its citation and excerpt, or why its report does not say."""
    head = f"答：{response.summary}" if not response.abstained else \
        f"答：报告中没有找到这个问题的答案（{response.reason}）。"
    lines = [f"问：{response.question}（{kind_name(response)}）", head]
    for part in response.parts:
        a = part.answer
        if a is None:
            lines.append(f"  - {part.place}：没有找到（{part.response.reason}）  子问题：{part.question}")
            lines += [f"    可能的答案（没有把握）：{m.text}  出处：{citation(m)}" for m in part.response.possible]
            continue
        lines += [f"  - {part.place}：{a.text}  （{describe(a.confidence, a.score, a.read_by)}）  子问题：{part.question}",
                  f"    出处：{citation(a)}", f"    原文：{excerpt(a, width=30)}"]
    lines.append(f"用时：{response.timings.get('total_ms', 0):.0f} ms")
    return "\n".join(lines)


def asked(response: Response) -> str:
    """The question line, with the question as answered when a follow-up or a script change rewrote it."""
    used = response.question_used
    return f"问：{response.question}" + (f"（理解为：{used}）" if used and used != response.question else "")


def render_response(response: Response) -> str:
    if response.kind != "single":
        return render_parts(response)
    if response.abstained:
        why = f"（{response.reason}）" if response.reason else ""
        lines = [asked(response), f"答：报告中没有找到这个问题的答案{why}。"]
        for maybe in response.possible:
            lines += [f"可能的答案（没有把握）：{maybe.text}  （{describe(maybe.confidence, maybe.score)}）",
                      f"出处：{citation(maybe)}", f"原文：{excerpt(maybe)}"]
        lines.append("最接近的段落：")
        for hit in response.hits[:3]:
            p = hit.passage
            lines.append(f"  - 报告{p.report}《{p.subtitle or p.title}》 第{p.paragraph}段：{p.text[:80]}…")
        return "\n".join(lines)
    best = response.best
    return "\n".join([asked(response), f"答：{best.text}  （{describe(best.confidence, best.score, best.read_by)}）",
                      f"出处：{citation(best)}", f"原文：{excerpt(best)}",
                      f"用时：{response.timings.get('total_ms', 0):.0f} ms"])
