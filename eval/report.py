"""Write an EvalReport as report.json, a readable report.md with tables, and PNG plots beside them."""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.metrics import KS, MRR_DEPTH
from eval.results import EvalReport

log = logging.getLogger(__name__)

RETRIEVAL_COLUMNS = [f"hit@{k}" for k in KS] + [f"mrr@{MRR_DEPTH}"]


def write_report(report: EvalReport, out: str | Path) -> list[Path]:
    """report.json at `out`, report.md and the plots in the same folder; returns the paths written."""
    from eval.plots import write_plots

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    plots = write_plots(report, out.parent)
    md = out.with_suffix(".md")
    md.write_text(markdown(report, [p.name for p in plots]), encoding="utf-8")
    return [out, md, *plots]


def _fmt(value: Any, digits: int = 3) -> str:
    """A table cell: None as "–", floats rounded.

    >>> [_fmt(None), _fmt(0.12345), _fmt(7), _fmt(55.5, 1)]
    ['–', '0.123', '7', '55.5']
    """
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A markdown table.

    >>> print(table(["a", "b"], [[1, None]]))
    | a | b |
    |---|---|
    | 1 | – |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def retrieval_table(report: EvalReport) -> str:
    """Modes side by side: hit@k, MRR@10 over answerable items, and query latency."""
    rows = []
    for mode, r in report.retrieval.items():
        o = r["overall"]
        rows.append([mode, o["n"], *[o[c] for c in RETRIEVAL_COLUMNS], r["latency"]["p50_ms"], r["latency"]["p95_ms"]])
    return table(["mode", "n", *RETRIEVAL_COLUMNS, "p50 ms", "p95 ms"], rows)


def retrieval_group_table(report: EvalReport, group: str) -> str:
    """hit@1, hit@5, MRR@10 per mode for each style (group="by_style") or type (group="by_type")."""
    rows = []
    for mode, r in report.retrieval.items():
        for name, s in r[group].items():
            rows.append([mode, name, s["n"], s["hit@1"], s["hit@5"], s["hit@20"], s[f"mrr@{MRR_DEPTH}"]])
    return table(["mode", group[3:], "n", "hit@1", "hit@5", "hit@20", f"mrr@{MRR_DEPTH}"], rows)


def _qa_row(name: str, s: dict[str, Any]) -> list[Any]:
    ab, cite = s["abstention"], s["citation"]
    return [name, s["n"], _fmt(s["em"], 1), _fmt(s["f1"], 1), ab["precision"], ab["recall"], cite["accuracy"]]


QA_HEADER = ["group", "n", "EM", "F1", "abstain P", "abstain R", "citation acc"]


def qa_table(qa: dict[str, Any]) -> str:
    """EM/F1 (%), abstention P/R and citation accuracy overall, answerable-only, by type and by style."""
    rows = [_qa_row("overall", qa["overall"]), _qa_row("answerable", qa["answerable"])]
    rows += [_qa_row(f"type: {name}", s) for name, s in qa["by_type"].items()]
    rows += [_qa_row(f"style: {name}", s) for name, s in qa["by_style"].items()]
    return table(QA_HEADER, rows)


def compare_table(compare: dict[str, dict[str, Any]]) -> str:
    """One row per reader input: each retrieval mode's hits, then the gold evidence passage."""
    header = ["reader input", "n", "EM", "F1", "ans EM", "ans F1", "lex F1", "para F1", "abstain P", "abstain R",
              "citation acc", "read p50 ms"]
    rows = []
    for name, s in compare.items():
        style = {k: _fmt(v["f1"], 1) for k, v in s["by_style"].items()}
        ab = s["abstention"]
        rows.append([name, s["n"], _fmt(s["em"], 1), _fmt(s["f1"], 1), _fmt(s["answerable"]["em"], 1),
                     _fmt(s["answerable"]["f1"], 1), style.get("lexical"), style.get("paraphrase"),
                     ab["precision"], ab["recall"], s["citation"]["accuracy"], _fmt(s["read_latency"]["p50_ms"], 1)])
    return table(header, rows)


def reasons_table(report: EvalReport) -> str | None:
    """Abstentions by reason code, on answerable and unanswerable items; None when no item has a code."""
    counts: dict[str, list[int]] = {}
    for item in report.items:
        if item.abstained and item.reason_code:
            counts.setdefault(item.reason_code, [0, 0])[0 if item.answerable else 1] += 1
    if not counts:
        return None
    rows = [[code, a, u] for code, (a, u) in sorted(counts.items(), key=lambda kv: -sum(kv[1]))]
    return table(["abstained because", "answerable", "unanswerable"], rows)


def format_summary(report: EvalReport) -> str:
    """The tables printed by `qa eval`."""
    parts = [f"{report.meta['n']} questions ({report.meta['answerable']} answerable), split "
             f"{report.meta.get('split', '?')}", "Retrieval (answerable items):", retrieval_table(report),
             retrieval_group_table(report, "by_style")]
    if report.qa:
        lat = report.qa["latency"]
        parts += ["Answers end to end:", qa_table(report.qa),
                  f"ask latency p50 {_fmt(lat['p50_ms'], 1)} ms, p95 {_fmt(lat['p95_ms'], 1)} ms"]
        reasons = reasons_table(report)
        if reasons:
            parts += ["Abstentions by reason:", reasons]
    if report.compare:
        parts += ["Reader comparison (same reader, different inputs):", compare_table(report.compare)]
    return "\n\n".join(parts)


def markdown(report: EvalReport, plots: Sequence[str]) -> str:
    """report.md: settings, the tables and the plots."""
    meta = report.meta
    lines = ["# Evaluation report", "",
             table(["setting", "value"], [[k, json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v]
                                          for k, v in meta.items()]), "",
             "Retrieval: an answerable item is hit at k when a top-k passage holds its evidence sentence "
             "(or an answer when it has no evidence). Unanswerable items are excluded. Latency per query, "
             "in process, after a warm-up.", "",
             "## Retrieval", "", retrieval_table(report), "",
             "### By style", "", retrieval_group_table(report, "by_style"), "",
             "### By type", "", retrieval_group_table(report, "by_type"), ""]
    if report.qa:
        lat = report.qa["latency"]
        lines += ["## Answers end to end", "",
                  "EM and F1 in % (CMRC 2018 style, character F1); an unanswerable item scores 1 only when the "
                  "assistant abstains. Abstention P/R treat 'unanswerable' as the positive class.", "",
                  qa_table(report.qa), "",
                  f"Ask latency (wall clock, after warm-up): p50 {_fmt(lat['p50_ms'], 1)} ms, "
                  f"p95 {_fmt(lat['p95_ms'], 1)} ms over {lat['n']} questions.", ""]
        reasons = reasons_table(report)
        if reasons:
            lines += ["### Abstentions by reason", "", reasons, ""]
    if report.compare:
        missing = report.compare.get("gold-evidence", {}).get("missing", 0)
        lines += ["## Reader comparison", "",
                  "The same reader on each retrieval mode's hits, and on the passage holding the gold evidence "
                  f"(answerable items only: the reader's ceiling; {missing} items had no single such passage).", "",
                  compare_table(report.compare), ""]
    lines += ["## Plots", ""] + [f"![{name}]({name})" for name in plots]
    return "\n".join(lines) + "\n"
