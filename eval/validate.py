"""Validate a gold question file (JSON Lines) against the corpus it was written from.

Each line is one question: ``id``, ``question``, ``answers`` (0-3 verbatim spans, empty when the
corpus does not answer it), ``evidence`` (the verbatim clause holding the first answer, "" when
unanswerable), ``report`` (1-based report number or null), ``type``, ``style`` and ``split``.
Unknown fields are ignored.

Spans are matched against the corpus after removing line breaks and full-width spaces from both
sides, so text broken across lines at page breaks still matches. When the corpus splits into
reports by its date lines, answers and evidence must also lie inside the report named by ``report``.

CLI: ``python -m eval.validate FILE [--corpus PATH]`` prints the problems and a summary and exits
1 when there are problems.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / "data" / "corpus" / "shuangyong_2023.txt"
SHARED_CORPUS = Path("/work/shared/corpus/000_dd27260898970e37.txt")

N_REPORTS = 34
MAX_ANSWERS = 3
VALID_TYPES = frozenset({"number", "count", "entity", "date", "phrase", "unanswerable"})
VALID_STYLES = frozenset({"lexical", "paraphrase"})
VALID_SPLITS = frozenset({"dev", "test"})
REQUIRED_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "question": (str,),
    "answers": (list,),
    "evidence": (str,),
    "report": (int, type(None)),
    "type": (str,),
    "style": (str,),
    "split": (str,),
}
DATE_LINE = re.compile(r"^\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*[)）]\s*$")
REMOVED_CHARS = str.maketrans("", "", "\n\r　")

Item = dict[str, Any]


@dataclass(frozen=True)
class Corpus:
    """Normalised corpus text, whole and per report (empty tuple when it does not split)."""

    text: str
    reports: tuple[str, ...]


def normalise(text: str) -> str:
    """Drop line breaks and full-width spaces so spans broken at page breaks still match."""
    return text.translate(REMOVED_CHARS)


def split_report_texts(raw: str) -> tuple[str, ...]:
    """Normalised text of each report: from the headline two lines above a date line to the next."""
    lines = raw.split("\n")
    dates = [i for i, line in enumerate(lines) if DATE_LINE.match(line)]
    starts = [max(i - 2, 0) for i in dates]
    ends = starts[1:] + [len(lines)]
    return tuple(normalise("\n".join(lines[s:e])) for s, e in zip(starts, ends))


def load_corpus(path: Path) -> Corpus:
    raw = path.read_text(encoding="utf-8")
    reports = split_report_texts(raw)
    if len(reports) != N_REPORTS:
        logger.warning("corpus splits into %d reports, not %d: skipping per-report checks", len(reports), N_REPORTS)
        reports = ()
    return Corpus(normalise(raw), reports)


def default_corpus_path() -> Path:
    return DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else SHARED_CORPUS


def parse_items(path: Path) -> tuple[list[tuple[int, Item]], list[str]]:
    """Parse each non-blank line as a JSON object; returns (line number, item) pairs and problems."""
    items: list[tuple[int, Item]] = []
    problems: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            problems.append(f"line {lineno}: not a JSON object")
            continue
        items.append((lineno, item))
    return items, problems


def _label(lineno: int, item: Item) -> str:
    return f"line {lineno} ({item.get('id', '?')})"


def check_fields(label: str, item: Item) -> list[str]:
    """Required fields are present with the right JSON types."""
    problems = []
    for name, types in REQUIRED_FIELDS.items():
        if name not in item:
            problems.append(f"{label}: missing field '{name}'")
        elif isinstance(item[name], bool) or not isinstance(item[name], types):
            problems.append(f"{label}: field '{name}' has type {type(item[name]).__name__}")
    return problems


def check_values(label: str, item: Item) -> list[str]:
    """Enumerated fields hold allowed values; text fields are non-empty; report is in range."""
    problems = []
    for name, allowed in (("type", VALID_TYPES), ("style", VALID_STYLES), ("split", VALID_SPLITS)):
        if item[name] not in allowed:
            problems.append(f"{label}: invalid {name} '{item[name]}'")
    if not item["id"].strip() or not item["question"].strip():
        problems.append(f"{label}: empty id or question")
    report = item["report"]
    if report is not None and not 1 <= report <= N_REPORTS:
        problems.append(f"{label}: report {report} not in 1..{N_REPORTS}")
    answers = item["answers"]
    if len(answers) > MAX_ANSWERS:
        problems.append(f"{label}: {len(answers)} answers (at most {MAX_ANSWERS})")
    if any(not isinstance(a, str) or not a.strip() for a in answers):
        problems.append(f"{label}: answers must be non-empty strings")
    return problems


def check_answerability(label: str, item: Item) -> list[str]:
    """Unanswerable <=> no answers <=> type 'unanswerable'; then evidence is empty too."""
    unanswerable = item["type"] == "unanswerable"
    has_answers = bool(item["answers"])
    if unanswerable and has_answers:
        return [f"{label}: type 'unanswerable' but answers given"]
    if not unanswerable and not has_answers:
        return [f"{label}: no answers but type '{item['type']}'"]
    if unanswerable and item["evidence"]:
        return [f"{label}: unanswerable question with evidence"]
    if not unanswerable and not item["evidence"].strip():
        return [f"{label}: answerable question without evidence"]
    return []


def check_spans(label: str, item: Item, corpus: Corpus) -> list[str]:
    """Answers and evidence occur verbatim in the corpus (and in the named report); answer 1 in evidence."""
    if not item["answers"]:
        return []
    problems = []
    evidence = normalise(item["evidence"])
    scope = _report_scope(item, corpus)
    if evidence not in corpus.text:
        problems.append(f"{label}: evidence not found in corpus: {item['evidence']!r}")
    elif scope is not None and evidence not in scope:
        problems.append(f"{label}: evidence not found in report {item['report']}")
    for answer in item["answers"]:
        span = normalise(answer)
        if span not in corpus.text:
            problems.append(f"{label}: answer not found in corpus: {answer!r}")
        elif scope is not None and span not in scope:
            problems.append(f"{label}: answer {answer!r} not found in report {item['report']}")
    if normalise(item["answers"][0]) not in evidence:
        problems.append(f"{label}: first answer {item['answers'][0]!r} not in evidence")
    return problems


def _report_scope(item: Item, corpus: Corpus) -> str | None:
    report = item["report"]
    if not corpus.reports or report is None or not 1 <= report <= len(corpus.reports):
        return None
    return corpus.reports[report - 1]


def check_item(label: str, item: Item, corpus: Corpus) -> list[str]:
    problems = check_fields(label, item)
    if problems:
        return problems
    problems = check_values(label, item)
    if any("answers must be" in p for p in problems):
        return problems
    return problems + check_answerability(label, item) + check_spans(label, item, corpus)


def check_unique_ids(items: Sequence[tuple[int, Item]]) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for lineno, item in items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            problems.append(f"line {lineno}: duplicate id '{item_id}' (first on line {seen[item_id]})")
        else:
            seen[item_id] = lineno
    return problems


def validate(path: str | Path, corpus_path: str | Path) -> list[str]:
    """Human-readable problems with the gold file at ``path``; empty when it is fine."""
    path, corpus_path = Path(path), Path(corpus_path)
    for label, p in (("gold file", path), ("corpus", corpus_path)):
        if not p.is_file():
            return [f"{label} not found: {p}"]
    corpus = load_corpus(corpus_path)
    items, problems = parse_items(path)
    if not items and not problems:
        problems.append("gold file has no items")
    problems += check_unique_ids(items)
    for lineno, item in items:
        problems += check_item(_label(lineno, item), item, corpus)
    return problems


def load_items(path: str | Path) -> list[Item]:
    """The parseable JSON objects of a gold file (for summaries and tests)."""
    items, _ = parse_items(Path(path))
    return [item for _, item in items]


def summarise(items: Sequence[Item]) -> str:
    """Counts by type, style, split and report; unanswerable and paraphrase shares."""
    total = len(items)
    if not total:
        return "0 items"
    reports = Counter(item.get("report") for item in items)
    covered = sorted(r for r in reports if isinstance(r, int))
    missing = [r for r in range(1, N_REPORTS + 1) if r not in reports]
    unanswerable = sum(1 for item in items if item.get("type") == "unanswerable")
    paraphrase = sum(1 for item in items if item.get("style") == "paraphrase")
    lines = [
        f"items: {total}",
        f"type: {_counts(items, 'type')}",
        f"style: {_counts(items, 'style')}",
        f"split: {_counts(items, 'split')}",
        f"reports covered: {len(covered)}/{N_REPORTS}" + (f" (missing {missing})" if missing else ""),
        "per report: " + ", ".join(f"{r}:{reports[r]}" for r in covered) + f", null:{reports.get(None, 0)}",
        f"unanswerable share: {unanswerable / total:.1%} ({unanswerable})",
        f"paraphrase share: {paraphrase / total:.1%} ({paraphrase})",
    ]
    return "\n".join(lines)


def _counts(items: Sequence[Item], field: str) -> str:
    counts = Counter(str(item.get(field)) for item in items)
    return ", ".join(f"{key}={n}" for key, n in sorted(counts.items()))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eval.validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="gold JSON Lines file")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus text file (default: the shipped corpus)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    problems = validate(args.file, args.corpus or default_corpus_path())
    for problem in problems:
        print(problem)
    if args.file.is_file():
        print(summarise(load_items(args.file)))
    print(f"{len(problems)} problem(s)" if problems else "OK: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
