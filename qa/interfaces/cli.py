"""The `qa` command: index, search, reports, ask, eval, train-reader, serve, ui, mcp, export-onnx.

Argument parsing only: what a command does is in `qa.interfaces.commands` (imported one way, from here)
or in the module a subcommand delegates to. Heavy imports happen inside the command that needs them, so
`qa --help` is instant.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Callable

from embeddings.errors import QAError

log = logging.getLogger(__name__)

# subcommands whose module parses its own arguments: name -> (module, help)
DELEGATED = {
    "eval": ("eval.harness", "measure retrieval and answers on a gold question file"),
    "train-reader": ("qa.training.train", "train the extractive reader on SQuAD-format files and generated examples"),
    "serve": ("qa.interfaces.service", "run the HTTP service (FastAPI) on 127.0.0.1"),
    "ui": ("ui.app", "start the chat UI (Gradio) on 127.0.0.1:7860"),
    "mcp": ("qa.interfaces.mcp_server", "serve search, ask and reports as MCP tools (stdio)"),
    "export-onnx": ("qa.interfaces.export_onnx", "export the encoder and the reader to ONNX for a fast start"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _configure_logging(argv)
    if argv and argv[0] in DELEGATED:
        return _run(lambda: importlib.import_module(DELEGATED[argv[0]][0]).main(argv[1:]))
    args = build_parser().parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 2
    return _run(lambda: args.func(args))


def _run(command: Callable[[], int | None]) -> int:
    """Run a command; project errors become one line on stderr and exit code 1."""
    try:
        return int(command() or 0)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _configure_logging(argv: list[str]) -> None:
    level = logging.DEBUG if "-v" in argv or "--verbose" in argv else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not sys.stderr.isatty():
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TQDM_DISABLE", "1")
    for noisy in ("faiss", "jieba", "pdfminer", "sentence_transformers", "transformers", "httpx", "bm25s"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description="Question answering over Chinese report collections.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _index_parser(sub)
    _search_parser(sub)
    _reports_parser(sub)
    _ask_parser(sub)
    for name, (_, help_text) in DELEGATED.items():
        sub.add_parser(name, help=f"{help_text} (see `qa {name} --help`)", add_help=False)
    return parser


def _index_parser(sub) -> None:
    p = sub.add_parser("index", help="build (or reuse) an index from report files or folders, or change one")
    p.add_argument("paths", nargs="*", help="files or folders (.txt .md .docx .pdf, scans as .pdf .png .jpg .tif); "
                                            "default: the shipped corpus")
    p.add_argument("--out", help="index folder (default: settings.index_dir)")
    p.add_argument("--encoder", help="sentence-transformers model name or path (default m3e-small)")
    p.add_argument("--add", nargs="+", metavar="PATH", help="add these files or folders to the existing index")
    p.add_argument("--remove", nargs="+", metavar="REPORT|FILE",
                   help="remove reports (by number) or files (by path or name) from the existing index")
    p.add_argument("--index-type", choices=("auto", "flat", "ivf", "hnsw"),
                   help="exact (flat) or approximate (ivf, hnsw) vectors; auto: ivf from 100,000 passages")
    p.add_argument("--hnsw", action="store_true", help="the same as --index-type hnsw")
    p.add_argument("--force", action="store_true", help="rebuild from scratch even if the index is up to date")
    p.add_argument("--strict", action="store_true", help="exit 1 when any file or scanned page was skipped "
                                                         "(unreadable, a scan OCR cannot read); the others are "
                                                         "indexed all the same")
    _store_args(p)
    p.set_defaults(func=cmd_index)


def _store_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", choices=("faiss", "milvus"), help="where passages live (default faiss: the index "
                                                                "folder; or QA_STORE)")
    p.add_argument("--milvus-uri", help="a Milvus Lite file, or http://host:19530 for a Milvus server (QA_MILVUS_URI)")
    p.add_argument("--milvus-collection", help="the Milvus collection (default reports; QA_MILVUS_COLLECTION)")


def _search_parser(sub) -> None:
    p = sub.add_parser("search", help="ranked passages for a question")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    _filter_args(p)
    p.set_defaults(func=cmd_search)


def _reports_parser(sub) -> None:
    p = sub.add_parser("reports", help="list the reports an index holds")
    p.add_argument("--index", help="index folder (default: settings.index_dir)")
    _store_args(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_reports)


def _ask_parser(sub) -> None:
    p = sub.add_parser("ask", help="answer a question (or start an interactive loop with no question)")
    p.add_argument("question", nargs="?", help="the question; omit it for an interactive loop")
    p.add_argument("-k", type=int, default=None, help="passages to retrieve (default 5)")
    p.add_argument("--reader", help="reader model folder or hub name (default models/reader)")
    _filter_args(p)
    p.set_defaults(func=cmd_ask)


def _filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", help="index folder (default: settings.index_dir)")
    _store_args(p)
    p.add_argument("--report", type=int, action="append", dest="reports", help="only this report number (repeatable)")
    p.add_argument("--place", action="append", dest="places", help="only reports about this place (repeatable)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_index(args: argparse.Namespace) -> int:
    from qa.interfaces.commands import run_index

    return run_index(args)


def cmd_search(args: argparse.Namespace) -> int:
    from qa.interfaces.commands import run_search

    return run_search(args)


def cmd_reports(args: argparse.Namespace) -> int:
    from qa.interfaces.commands import run_reports

    return run_reports(args)


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.interfaces.commands import run_ask

    return run_ask(args)
