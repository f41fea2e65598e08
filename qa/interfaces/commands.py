"""What the CLI's own subcommands do (kept apart from argument parsing, which imports this module)."""
from __future__ import annotations

import argparse
import json
import sys
import time

from pathlib import Path

from embeddings.errors import QAError
from qa.settings import Settings, check_k, check_query
from qa.text import decode_line


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _settings(args: argparse.Namespace) -> Settings:
    return Settings().with_(index_dir=getattr(args, "index", None) or getattr(args, "out", None),
                            encoder=getattr(args, "encoder", None), reader=getattr(args, "reader", None))


def _progress() -> bool:
    return sys.stderr.isatty()


def run_index(args: argparse.Namespace) -> int:
    from embeddings.encoders import make_encoder
    from embeddings.index import build_index, ensure_index

    settings = _settings(args)
    paths = args.paths or settings.corpus
    encoder = make_encoder(settings.encoder)
    started = time.perf_counter()
    options = {"index_type": "hnsw" if args.hnsw else "flat", "progress": _progress()}
    if args.force:
        build_index(paths, settings.index_dir, encoder, **options)
    else:
        ensure_index(paths, settings.index_dir, encoder, **options)
    from embeddings.index import read_manifest

    manifest = read_manifest(Path(settings.index_dir))
    print(f"index {settings.index_dir}: {manifest['reports']} reports, {manifest['passages']} passages, "
          f"encoder {manifest['encoder']} ({manifest['dim']}-d, {manifest['index_type']}), "
          f"ready in {time.perf_counter() - started:.1f}s")
    return 0


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
    from embeddings.index import load_index

    settings = _settings(args)
    index = load_index(settings.index_dir)
    counts: dict[int, int] = {}
    for p in index.passages:
        counts[p.report] = counts.get(p.report, 0) + 1
    rows = [{"report": r.number, "title": r.title, "subtitle": r.subtitle, "date": r.date, "places": list(r.places),
             "passages": counts.get(r.number, 0), "source": r.source} for r in index.reports]
    if args.json:
        print_json({"index": str(index.folder), "manifest": index.manifest, "reports": rows})
        return 0
    m = index.manifest
    print(f"index {index.folder}: {m['reports']} reports, {m['passages']} passages, encoder {m['encoder']}, "
          f"built {m.get('built_at', '?')}")
    for row in rows:
        print(f"{row['report']:>3}. {row['subtitle'] or row['title']}  {row['date']}  "
              f"[{'/'.join(row['places'])}]  {row['passages']} passages")
    return 0


def run_ask(args: argparse.Namespace) -> int:
    """Answer the question, or each line of stdin; input is checked before the models load (seconds)."""
    from embeddings.index import read_manifest
    from qa.assistant import Assistant

    settings = _settings(args)
    if args.k is not None:
        check_k(args.k)
    if args.question is not None:
        args.question = check_query(args.question, settings.max_query_chars)
    if getattr(args, "index", None):
        read_manifest(Path(args.index))  # a named folder must already be an index: never built here
    assistant = Assistant.load(settings=settings)
    if args.question is not None:
        return _answer(assistant, args.question, args)
    print("输入问题（空行或 Ctrl-D 退出）", file=sys.stderr)
    for raw in sys.stdin.buffer:
        line = decode_line(raw)
        if not line.strip():
            break
        try:
            _answer(assistant, check_query(line, settings.max_query_chars), args)
        except QAError as exc:  # one bad question must not end the loop
            print(f"error: {exc}", file=sys.stderr)
    return 0


def _answer(assistant, question: str, args: argparse.Namespace) -> int:
    from qa.interfaces.render import render_response

    response = assistant.ask(question, k=args.k, reports=args.reports, places=args.places)
    if args.json:
        print_json(response.to_dict())
    else:
        print(render_response(response))
    return 0
