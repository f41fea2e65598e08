"""PNG plots of an EvalReport (matplotlib, Agg backend, English labels so no CJK font is needed)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from embeddings.errors import DependencyMissingError
from eval.metrics import KS
from eval.results import EvalReport

STYLES = {"overall": "-", "lexical": "--", "paraphrase": ":"}


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise DependencyMissingError("plots need matplotlib: pip install matplotlib (or the [eval] extra)") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def write_plots(report: EvalReport, folder: Path) -> list[Path]:
    """hit_at_k.png, qa_by_type.png / qa_by_style.png (with answers) and latency.png; returns their paths."""
    plt = _pyplot()
    paths = [_hit_curve(plt, report, folder / "hit_at_k.png")]
    if report.qa:
        paths.append(_bars(plt, report.qa["by_type"], "EM / F1 by question type", folder / "qa_by_type.png"))
        paths.append(_bars(plt, report.qa["by_style"], "EM / F1 by question style", folder / "qa_by_style.png"))
    paths.append(_latency(plt, report, folder / "latency.png"))
    return paths


def _hit_curve(plt: Any, report: EvalReport, path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    lowest = 1.0
    for n, (mode, r) in enumerate(report.retrieval.items()):
        groups = {"overall": r["overall"], **r["by_style"]}
        for name, s in groups.items():
            ys = [s[f"hit@{k}"] or 0.0 for k in KS]
            lowest = min(lowest, *ys)
            ax.plot(KS, ys, STYLES.get(name, "-."), marker="o", color=f"C{n}", label=f"{mode} {name} (n={s['n']})")
    bottom = max(0.0, round(lowest - 0.05, 1))  # zoom in: the modes differ in the last tenths
    ax.set(xscale="log", xticks=KS, xticklabels=[str(k) for k in KS], ylim=(bottom, 1.01), xlabel="k",
           ylabel="hit@k", title="Retrieval: evidence passage in top k (answerable questions)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    return _save(plt, fig, path)


def _bars(plt: Any, groups: dict[str, dict[str, Any]], title: str, path: Path) -> Path:
    names = list(groups)
    fig, ax = plt.subplots(figsize=(max(4.8, 1.1 * len(names) + 2), 4.0))
    xs = range(len(names))
    for offset, metric in ((-0.2, "em"), (0.2, "f1")):
        ax.bar([x + offset for x in xs], [groups[g][metric] or 0.0 for g in names], width=0.4, label=metric.upper())
    ax.set_xticks(list(xs), [f"{g}\n(n={groups[g]['n']})" for g in names], fontsize=8)
    ax.set(ylim=(0, 100), ylabel="%", title=title)
    ax.legend()
    return _save(plt, fig, path)


def _latency(plt: Any, report: EvalReport, path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    if report.qa:
        ax.hist([i.latency_ms for i in report.items if i.latency_ms is not None], bins=30, label="ask (end to end)")
    else:
        for mode in report.retrieval:
            ax.hist([i.retrieval_ms[mode] for i in report.items], bins=30, alpha=0.5, label=f"search: {mode}")
    ax.set(xlabel="latency (ms)", ylabel="questions", title="Latency per question (after warm-up)")
    ax.legend()
    return _save(plt, fig, path)


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def scale_plot(results: dict, path: Path) -> Path:
    """Search latency p50 (solid) and p95 (dotted) against the number of passages, per store and mode."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    modes = ("bm25", "dense", "hybrid", "hybrid_report_filter")
    for store in sorted({r["store"] for r in results["runs"]}):
        runs = sorted((r for r in results["runs"] if r["store"] == store), key=lambda r: r["n"])
        for mode in modes:
            line, = ax.plot([r["n"] for r in runs], [r[mode]["p50_ms"] for r in runs], marker="o",
                            label=f"{store} {mode}", linestyle="-" if store == "faiss" else "--")
            ax.plot([r["n"] for r in runs], [r[mode]["p95_ms"] for r in runs], linestyle=":", color=line.get_color())
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("passages")
    ax.set_ylabel("ms per query (p50; dotted p95), encoding excluded")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
