"""What the CLI's own subcommands do (kept apart from argument parsing, which imports this module)."""
from __future__ import annotations

import argparse
import json
import sys
import time

from pathlib import Path

from embeddings.errors import InputError, QAError
from qa.settings import Settings, check_k, check_query
from qa.interfaces.skipped import report_skipped
from qa.text import decode_line


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _settings(args: argparse.Namespace) -> Settings:
    return Settings().with_(index_dir=getattr(args, "index", None) or getattr(args, "out", None),
                            encoder=getattr(args, "encoder", None), reader=getattr(args, "reader", None),
                            store=getattr(args, "store", None), milvus_uri=getattr(args, "milvus_uri", None),
                            milvus_collection=getattr(args, "milvus_collection", None),
                            index_type="hnsw" if getattr(args, "hnsw", False) else getattr(args, "index_type", None))


def _progress() -> bool:
    return sys.stderr.isatty()


def run_index(args: argparse.Namespace) -> int:
    from embeddings.encoders import make_encoder

    settings = _settings(args)
    if (args.add or args.remove) and (args.paths or args.force or (args.add and args.remove)):
        raise QAError("--add and --remove change an existing index: give one of them, without PATHS or --force")
    from qa.retrieval.stores.open import STORES

    if settings.store not in STORES:  # else a bad QA_STORE would build the FAISS folder without a word
        raise InputError(f"store must be one of {STORES}, got {settings.store!r}: set QA_STORE or --store",
                         zh=f"存储应为 {' 或 '.join(STORES)}，现为 {settings.store!r}")
    if settings.store == "milvus":
        from qa.interfaces.milvus_index import run_milvus_index

        return run_milvus_index(args, settings)
    started = time.perf_counter()
    if args.add or args.remove:
        return _change_index(args, settings, started)
    from embeddings.index import build_index, ensure_index, read_manifest

    encoder = make_encoder(settings.encoder, backend=settings.backend)
    options = {"index_type": settings.index_type, "progress": _progress()}
    if args.force:
        build_index(args.paths or settings.corpus, settings.index_dir, encoder, reuse=False, **options)
    else:  # named paths define the index; with none, an index changed by --add/--remove is kept
        ensure_index(args.paths or settings.corpus, settings.index_dir, encoder, keep_edited=not args.paths, **options)
    manifest = read_manifest(Path(settings.index_dir))
    print(f"index {settings.index_dir}: {manifest['reports']} reports, {manifest['passages']} passages, "
          f"encoder {manifest['encoder']} ({manifest['dim']}-d, {manifest['index_type']}), "
          f"ready in {time.perf_counter() - started:.1f}s")
    return report_skipped(manifest.get("skipped", []), strict=getattr(args, "strict", False),
                          warnings=manifest.get("warnings", []))


def _change_index(args: argparse.Namespace, settings: Settings, started: float) -> int:
    """`qa index --add PATHS` / `--remove TARGETS`: change the existing index without re-encoding it."""
    from embeddings.encoders import make_encoder
    from embeddings.index import read_manifest
    from embeddings.index_update import add_to_index, remove_from_index

    encoder_name = read_manifest(Path(settings.index_dir))["encoder"]
    if args.add:
        change = add_to_index(settings.index_dir, args.add, make_encoder(args.encoder or encoder_name),
                              progress=_progress())
        did = f"added report(s) {_numbers(change.added)}"
        status = report_skipped([s.to_dict() for s in change.skipped], strict=getattr(args, "strict", False),
                                warnings=[w.to_dict() for w in change.warnings])
    else:
        change = remove_from_index(settings.index_dir, args.remove)
        did, status = f"removed report(s) {_numbers(change.removed)}", 0
    print(f"index {settings.index_dir}: {did}; now {change.reports} reports, {change.passages} passages "
          f"({time.perf_counter() - started:.1f}s)")
    return status


def _numbers(numbers: tuple[int, ...]) -> str:
    """(35, 36, 37) -> "35–37"; (4, 9) -> "4, 9"."""
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _retriever(settings: Settings):
    from qa.retrieval.retriever import Retriever

    return Retriever.load(settings.index_dir, settings=settings)


def run_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    k = check_k(args.k)
    query = check_query(args.query, settings.max_query_chars)
    hits = _retriever(settings).search(query, k, mode=args.mode, reports=args.reports, places=args.places)
    if args.json:
        print_json({"query": query, "hits": [h.to_dict() for h in hits]})
        return 0
    for hit in hits:
        p = hit.passage
        found = ", ".join(f"{name}#{rank}" for name, rank in hit.found_by.items())
        print(f"{hit.rank}. [{hit.score:.4f}] 报告{p.report}《{p.subtitle or p.title}》 {p.date} "
              f"{p.section or '正文'} 第{p.paragraph}段 ({found})")
        print(f"   {p.text}\n")
    return 0


def run_reports(args: argparse.Namespace) -> int:
    from qa.retrieval.stores.open import open_store

    settings = _settings(args)
    index = open_store(settings)
    counts = index.report_sizes()
    rows = [{"report": r.number, "title": r.title, "subtitle": r.subtitle, "date": r.date, "places": list(r.places),
             "passages": counts.get(r.number, 0), "source": r.source} for r in index.reports]
    if args.json:
        print_json({"index": index.location, "manifest": index.manifest, "reports": rows})
        return 0
    m = index.manifest
    print(f"index {index.location}: {m['reports']} reports, {m['passages']} passages, encoder {m['encoder']}, "
          f"built {m.get('built_at', '?')}")
    for row in rows:
        print(f"{row['report']:>3}. {row['subtitle'] or row['title']}  {row['date']}  "
              f"[{'/'.join(row['places'])}]  {row['passages']} passages")
    for row in m.get("skipped", []):
        print(f"  skipped {row['path']}: {row['zh']}")
    return 0


def run_ask(args: argparse.Namespace) -> int:
    """Answer the question, or each line of stdin; input is checked before the models load (seconds)."""
    from embeddings.index import read_manifest
    from qa.assistant import Assistant
    from qa.conversation import CONTEXT_TURNS

    settings = _settings(args)
    if args.k is not None:
        check_k(args.k)
    if args.question is not None:
        args.question = check_query(args.question, settings.max_query_chars)
    if getattr(args, "index", None):
        read_manifest(Path(args.index))  # a named folder must already be an index: never built here
    assistant = Assistant.load(settings=settings)
    if args.question is not None:
        _answer(assistant, args.question, args)
        return 0
    print("输入问题（空行或 Ctrl-D 退出；可以接着问：那芜湖呢？）", file=sys.stderr)
    turns: list = []  # the questions as answered: a follow-up (那芜湖呢, 该市…, 哪个更多) is read against them
    for raw in sys.stdin.buffer:
        line = decode_line(raw)
        if not line.strip():
            break
        try:
            turn = _answer(assistant, check_query(line, settings.max_query_chars), args, history=turns)
            turns = [*turns, turn][-CONTEXT_TURNS:]
        except QAError as exc:  # one bad question must not end the loop
            print(f"error: {exc}", file=sys.stderr)
    return 0


def _answer(assistant, question: str, args: argparse.Namespace, *, history: list | None = None):
    """Print the answer to one question; returns the turn a follow-up reads (qa.conversation.Turn)."""
    from qa.conversation import Turn
    from qa.interfaces.render import render_response

    response = assistant.ask(question, k=args.k, reports=args.reports, places=args.places,
                             history=history or None)
    if args.json:
        print_json(response.to_dict())
    else:
        print(render_response(response))
    return Turn(response.question_used or response.question, response.best.text if response.best else "")
