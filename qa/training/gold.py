"""Load gold questions (JSON Lines) into frozen dataclasses, naming the line of any format error.

The hand-labelled questions (eval/data/gold.jsonl) that calibration fits the threshold on and the eval
harness scores against; it lives here so that training never imports `eval/`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embeddings.errors import InputError

TYPES = ("number", "count", "entity", "date", "phrase", "unanswerable", "other")  # other: not labelled
STYLES = ("lexical", "paraphrase")
SPLITS = ("dev", "test")


class GoldFormatError(InputError):
    """A gold questions file is missing, unreadable or has a malformed line."""


@dataclass(frozen=True)
class GoldItem:
    """One gold question; `answers` empty means the corpus does not answer it."""

    id: str
    question: str
    answers: tuple[str, ...]
    evidence: str
    report: int | None
    type: str
    style: str
    split: str

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def load_gold(path: str | Path, *, split: str = "all") -> list[GoldItem]:
    """All items of a gold file, or those of one split ("dev", "test" or "all")."""
    if split not in (*SPLITS, "all"):
        raise GoldFormatError(f"split must be one of {(*SPLITS, 'all')}, got {split!r}")
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read questions file {path} ({exc.__class__.__name__}): "
                              f"pass a UTF-8 JSON Lines file with --questions") from exc
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = parse_line(line, f"{path.name} line {n}", number=n)
        if item.id in seen:
            raise GoldFormatError(f"{path.name} line {n}: id {item.id!r} already used on line {seen[item.id]}: "
                                  f"give each question its own id")
        seen[item.id] = n
        items.append(item)
    if not items:
        raise GoldFormatError(f"{path} holds no questions: one JSON object per line is expected")
    chosen = [item for item in items if split == "all" or item.split == split]
    if not chosen:
        held = sorted({item.split for item in items})
        raise GoldFormatError(f"{path} has no {split!r} questions (it holds {held}): choose --split from those")
    return chosen


def parse_line(line: str, where: str, *, number: int = 0) -> GoldItem:
    """One JSON line as a GoldItem; unknown fields are ignored.

    Only `question` and `answers` are required (a user's own questions): a missing `id` becomes
    "q<line number>", a missing `type` "other" ("unanswerable" without answers), `style` "lexical" and `split` "test".

    >>> parse_line('{"question": "划拨了多少亩？", "answers": ["527亩"]}', "x", number=3).id
    'q3'
    """
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(row, dict):
        raise GoldFormatError(f"{where}: expected a JSON object, got {type(row).__name__}")
    kind = "other" if row.get("answers") else "unanswerable"
    defaults = {"id": f"q{number}", "type": kind, "style": "lexical", "split": "test"}
    row = {**defaults, **{k: v for k, v in row.items() if v is not None or k not in defaults}}
    return GoldItem(
        id=_text(row, "id", where),
        question=_text(row, "question", where),
        answers=_answers(row, where),
        evidence=_optional_text(row, "evidence", where),
        report=_report(row, where),
        type=_choice(row, "type", TYPES, where),
        style=_choice(row, "style", STYLES, where),
        split=_choice(row, "split", SPLITS, where),
    )


def _text(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GoldFormatError(f"{where}: field {key!r} must be a non-empty string, got {value!r}")
    return value


def _optional_text(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise GoldFormatError(f"{where}: field {key!r} must be a string (\"\" for none), got {value!r}")
    return value


def _answers(row: dict[str, Any], where: str) -> tuple[str, ...]:
    value = row.get("answers")
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise GoldFormatError(f"{where}: field 'answers' must be a list of non-empty strings "
                              f"([] for unanswerable), got {value!r}")
    return tuple(value)


def _report(row: dict[str, Any], where: str) -> int | None:
    value = row.get("report")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise GoldFormatError(f"{where}: field 'report' must be a 1-based report number or null, got {value!r}")
    return value


def _choice(row: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = row.get(key)
    if value not in allowed:
        raise GoldFormatError(f"{where}: field {key!r} must be one of {allowed}, got {value!r}")
    return value

