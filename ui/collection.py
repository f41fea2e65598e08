"""What the chat UI says about the collection it serves: its title, description, example questions, and the
plain-Chinese message when the chosen filters leave nothing to search (no gradio here).

The title and description come from the settings (QA_UI_TITLE, QA_UI_DESCRIPTION), else from a
`collection.json` next to the collection's files ({"title", "description", "examples"}; the shipped corpus has
one), else from the reports themselves. Examples not given there are made from the collection's passages and
kept only when the assistant answers them (`qa.training.examples`).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from embeddings.places import stem
from qa.training.examples import example_questions

log = logging.getLogger(__name__)

COLLECTION_FILE = "collection.json"
PROMISE = "从报告原文中摘取答案，并标出处；报告没有写的，就说没有。"


@dataclass(frozen=True)
class Branding:
    """The UI's heading, description, question placeholder and example questions."""

    title: str
    description: str
    examples: tuple[str, ...]

    @property
    def placeholder(self) -> str:
        return f"用中文提问，例如：{self.examples[0]}" if self.examples else "用中文提问"


def branding(assistant: Any, *, make_examples: Callable[[Any], list[str]] = example_questions) -> Branding:
    """The branding of the collection the assistant serves (settings first, then collection.json, then derived)."""
    index = assistant.retriever.index
    settings = getattr(assistant, "settings", None)
    own = collection_file(index.manifest)
    title = getattr(settings, "ui_title", "") or own.get("title") or derived_title(index.reports)
    description = getattr(settings, "ui_description", "") or own.get("description") or derived_description(index.reports)
    examples = own.get("examples") or make_examples(assistant)
    return Branding(str(title), str(description), tuple(str(e) for e in examples))


def collection_file(manifest: dict) -> dict:
    """The first collection.json found beside the index's source files ({} when there is none or it is broken)."""
    for folder in dict.fromkeys(Path(s["path"]).parent for s in manifest.get("sources", []) if "path" in s):
        path = folder / COLLECTION_FILE
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                return data if isinstance(data, dict) else {}
            except (OSError, ValueError) as exc:
                log.warning("ignoring %s: %s (it should be a JSON object with title, description, examples)", path, exc)
    return {}


def derived_title(reports: list) -> str:
    """"《泉州市双拥工作综述》问答" for one report, "3篇报告问答" for several."""
    if len(reports) == 1:
        return f"《{reports[0].subtitle or reports[0].title}》问答"
    return f"{len(reports)}篇报告问答"


def derived_description(reports: list) -> str:
    """What the collection covers, the promise of cited answers, and a follow-up hint with two of its places."""
    places = list(dict.fromkeys(stem(p) for r in reports for p in r.places))
    dates = sorted(r.date for r in reports if r.date)
    covers = "、".join(places[:6]) + ("等" if len(places) > 6 else "")
    when = f"，{dates[0]}至{dates[-1]}" if len(dates) > 1 and dates[0] != dates[-1] else (f"，{dates[0]}" if dates else "")
    about = f"共{len(reports)}篇报告（{covers}{when}）。" if covers or when else f"共{len(reports)}篇报告。"
    hint = f"可以接着问：先问{places[0]}，再问“那{places[1]}呢？”。" if len(places) >= 2 else ""
    return about + PROMISE + hint


def filter_problem(index: Any, reports: Iterable[int] | None, places: Iterable[str] | None) -> str:
    """Why the chosen reports and places leave no passage to search, in plain Chinese ("" when some remain).

    (reports [25], places ["开封市"]) -> "所选报告中没有开封市的段落：去掉地区筛选，或改选关于开封市的报告。"
    """
    reports, places = [int(r) for r in reports or []], [p for p in places or [] if p.strip()]
    known = {r.number for r in index.reports}
    missing = [r for r in reports if r not in known]
    if missing:
        return f"没有编号为{'、'.join(map(str, missing))}的报告：请从列表中选择报告。"
    pool = [r for r in index.reports if not reports or r.number in reports]  # a passage has its report's places
    wanted = {stem(p) for p in places}
    if wanted and not any(wanted & {stem(x) for x in r.places} for r in pool):
        named = "、".join(places)
        if reports:
            return f"所选报告中没有{named}的段落：去掉地区筛选，或改选关于{named}的报告。"
        return f"这些报告中没有{named}的段落：去掉地区筛选再问。"
    return ""
