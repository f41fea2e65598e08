"""One chat turn as a plain function: check the question, resolve follow-ups, ask, format (no gradio here)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from embeddings.errors import InputError, QAError
from qa.conversation import CONTEXT_TURNS, Turn as ConversationTurn
from qa.interfaces.followup import next_context
from qa.text import EXAMPLE, check_query
from ui.collection import filter_problem
from ui.format import escape, format_error, format_response

log = logging.getLogger(__name__)

CJK = re.compile(r"[\u3400-\u9fff]")
SHOWN_CHARS = 200  # a huge message is echoed shortened in the chat
DEFAULT_MAX_CHARS = 500


@dataclass(frozen=True)
class Turn:
    """The result of one turn: the new chat history and the question actually answered (None on error)."""

    history: list[dict[str, str]]
    answered: str | None
    response: Any = None  # the assistant's Response (None on error): its cited answers open on their page (ui.page)
    # the earlier turns a follow-up is read against, (question as answered, answer) each, the last CONTEXT_TURNS:
    # 哪个更多？ after 张掖… and 那芜湖呢？ needs both (the chat's state)
    context: tuple[tuple[str, str], ...] = ()


def check_question(text: object, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The normalised question (`qa.text.check_query`: the same check as the CLI and HTTP), or InputError
    saying in Chinese what to fix; the chat also asks for Chinese, the language of the reports."""
    question = check_query(text, max_chars)
    if not CJK.search(question):
        raise InputError(f"the reports are in Chinese and {shorten(question, 40)!r} has no Chinese characters: "
                         f"ask in Chinese, e.g. {EXAMPLE}",
                         zh=f"报告是中文的，而“{shorten(question, 40)}”不含汉字：请用中文提问，例如：{EXAMPLE}")
    return question


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """text cut to limit characters with a note of its full length: ("abcdef", 3) -> "abc…（共 6 字）"."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字）"


def known_places(assistant: Any) -> list[str]:
    """Every place the index's reports name, in report order, without repeats."""
    seen: dict[str, None] = {}
    for report in assistant.retriever.index.reports:
        for place in report.places:
            seen.setdefault(place, None)
    return list(seen)


def index_info(assistant: Any) -> dict[str, Any]:
    """What the index holds: counts, encoder, reader and the report list (for the UI panel)."""
    index = assistant.retriever.index
    settings = getattr(assistant, "settings", None)
    reports = [{"number": r.number, "title": r.title, "subtitle": r.subtitle, "date": r.date,
                "places": list(r.places)} for r in index.reports]
    return {"reports": len(reports), "passages": index.manifest.get("passages", len(index.passages)),
            "encoder": index.manifest.get("encoder", "?"), "reader": getattr(settings, "reader", "?"),
            "report_list": reports}


def user_message(message: object) -> dict[str, str]:
    """The chat's copy of what a person asked: escaped, shortened, "（空）" for nothing.

    >>> user_message("  张掖<划拨> ")
    {'role': 'user', 'content': '张掖&lt;划拨&gt;'}
    """
    shown = escape(shorten(message.strip() if isinstance(message, str) else str(message)))
    return {"role": "user", "content": shown or "（空）"}


def respond(assistant: Any, message: str, history: list[dict[str, str]] | None, previous: Any, *,
            reports: Iterable[int] | None = None, places: Iterable[str] | None = None) -> Turn:
    """Answer one chat message; errors become a clear chat reply, never a traceback. `previous` is the chat's
    state: the last turn's `context` (or one earlier question as answered, or None)."""
    history = list(history or [])
    history.append(user_message(message))
    response = None
    earlier = context_of(previous)
    answered = earlier[-1][0] if earlier else None
    try:
        max_chars = getattr(getattr(assistant, "settings", None), "max_query_chars", DEFAULT_MAX_CHARS)
        question = check_question(message, max_chars)
        problem = filter_problem(assistant.retriever.index, reports, places)
        if problem:
            history.append({"role": "assistant", "content": format_error(problem)})
            return Turn(history, answered, None, earlier)
        # the same follow-up resolution as /ask and MCP (qa.conversation), the last real questions as history
        conversation = [ConversationTurn(q, a) for q, a in earlier] or None
        response = assistant.ask(question, reports=list(reports or []) or None, places=list(places or []) or None,
                                 history=conversation)
        reply = format_response(response, rewritten_from=question, in_context=bool(earlier or places))
        last = earlier[-1][0] if earlier else None
        answered = next_context(last, replace(response, question=response.question_used or response.question),
                                known_places(assistant))
        if answered is not None and answered != last:
            shown = response.summary or (response.best.text if response.best else "")
            earlier = (*earlier, (answered, shown))[-CONTEXT_TURNS:]
    except InputError as exc:
        reply = format_error(f"无法回答：{chinese(exc, '输入有误，请换个问法再试。')}")
    except QAError as exc:
        log.warning("assistant error: %s", exc)
        reply = format_error(f"系统尚未就绪：{chinese(exc, '索引或模型不可用，请稍后再试或联系管理员。')}")
    except Exception:  # noqa: BLE001 - the chat must keep working; the log has the traceback
        log.exception("unexpected error answering %r", shorten(str(message), 80))
        reply = format_error("出错了：回答这个问题时发生内部错误，请稍后再试或换个问法。")
    history.append({"role": "assistant", "content": reply})
    return Turn(history, answered, response, earlier)


def context_of(previous: Any) -> tuple[tuple[str, str], ...]:
    """The chat's earlier turns from its state: a Turn's `context`, or one question as answered (a str).

    >>> context_of("张掖划拨了多少亩土地？"), context_of(None)
    ((('张掖划拨了多少亩土地？', ''),), ())
    """
    if not previous:
        return ()
    if isinstance(previous, str):
        return ((previous, ""),)
    return tuple((str(q), str(a)) for q, a in previous)


def chinese(exc: QAError, fallback: str) -> str:
    """The Chinese message of an error (its `zh`), or fallback when it has only an English one."""
    return getattr(exc, "zh", None) or fallback
