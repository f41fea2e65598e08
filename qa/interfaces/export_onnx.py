"""`qa export-onnx`: ONNX exports of the encoder and the reader, so that a fresh `qa ask` needs neither torch
nor transformers (see embeddings.onnx). `make run` and `make test` run it; it does nothing when the exports
are up to date, and exports again when a model folder changed."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from qa.settings import Settings

log = logging.getLogger(__name__)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa export-onnx", description=__doc__)
    p.add_argument("--reader", help="reader model folder (default: settings / QA_READER)")
    p.add_argument("--encoder", help="encoder name or folder (default: settings / QA_ENCODER)")
    p.add_argument("--only", choices=("reader", "encoder"), help="export only this one")
    p.add_argument("--force", action="store_true", help="export again even when an up-to-date export exists")
    p.add_argument("--int8", action="store_true", help="also make the reader's int8 copy, checked against fp32 "
                   "(QA_READER_PRECISION=int8 runs it; faster, less accurate: see docs/results.md)")
    return p


def targets(settings: Settings, only: str | None) -> list[tuple[str, str, str]]:
    """(what, task, folder) to export; encoders that are not plain transformers folders are left out (logged)."""
    from embeddings.encoders import MeanPoolEncoder, make_encoder, resolve_model

    found = []
    if only in (None, "encoder"):
        encoder = make_encoder(settings.encoder)
        if isinstance(encoder, MeanPoolEncoder):
            found.append(("encoder", "feature-extraction", resolve_model(settings.encoder)))
        else:
            print(f"encoder {settings.encoder}: not a plain transformers folder, it keeps running with torch")
    if only in (None, "reader"):
        found.append(("reader", "question-answering", settings.reader))
    return found


def main(argv: list[str] | None = None) -> int:
    from embeddings.onnx_export import export_model

    args = parser().parse_args(argv)
    settings = Settings().with_(reader=args.reader, encoder=args.encoder)
    for what, task, folder in targets(settings, args.only):
        export, made = export_model(Path(folder), task, force=args.force, int8=args.int8)
        state = "exported" if made else "up to date"
        int8 = ", int8 copy checked" if export.int8_file else ""
        print(f"{what} {folder}: {state}, {export.folder} (max |torch - onnx| {export.max_abs_diff:.1e}{int8})")
    return 0
