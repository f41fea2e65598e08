"""`qa index --store milvus`: build, reuse, add to or remove from a Milvus collection (Milvus Lite file or
server); the encoder runs here, Milvus holds the vectors, the passages and BM25."""
from __future__ import annotations

import argparse
import time
from dataclasses import asdict

from embeddings.chunking import ChunkSpec
from embeddings.errors import IndexNotFoundError
from qa.interfaces.skipped import report_skipped
from qa.settings import Settings


def run_milvus_index(args: argparse.Namespace, settings: Settings) -> int:
    from embeddings.encoders import make_encoder
    from qa.retrieval.stores.milvus_store import MilvusStore

    started = time.perf_counter()
    uri, name = settings.milvus_uri, settings.milvus_collection
    skipped: list[dict] = []  # files that could not be read: named, and an error under --strict
    if args.add or args.remove:  # run_index checked they come alone
        store = MilvusStore.open(uri, name)
        did = _add(store, args.add, make_encoder(args.encoder or store.encoder), skipped) if args.add else \
            _remove(store, args.remove)
    else:
        did = _build(args, settings, make_encoder(settings.encoder))
        store = MilvusStore.open(uri, name)
        skipped = store.manifest.get("skipped", [])
    print(f"index {store.location}: {did}; {len(store.reports)} reports, {len(store.passages)} passages, encoder "
          f"{store.encoder} ({store.dim}-d, milvus), ready in {time.perf_counter() - started:.1f}s")
    return report_skipped(skipped, strict=getattr(args, "strict", False))


def _build(args: argparse.Namespace, settings: Settings, encoder) -> str:
    """Build the collection from PATHS (default: the corpus), unless it already holds exactly them."""
    from embeddings.index import fingerprint
    from embeddings.ingest import read_collection
    from qa.retrieval.stores.milvus_store import MilvusStore

    paths, spec = args.paths or settings.corpus, ChunkSpec()
    key, sources = fingerprint(paths, encoder.name, spec, "milvus")
    if not args.force:
        try:
            if MilvusStore.open(settings.milvus_uri, settings.milvus_collection).manifest.get("fingerprint") == key:
                return "up to date"
        except IndexNotFoundError:
            pass
    collection = read_collection(paths, spec=spec)
    reports, passages = collection.reports, collection.passages
    vectors = encoder.encode([p.index_text for p in passages], progress=False)
    MilvusStore.build(settings.milvus_uri, settings.milvus_collection, reports, passages, vectors,
                      encoder_name=encoder.name, manifest={"fingerprint": key, "chunking": asdict(spec),
                                                           "sources": sources,
                                                           "skipped": [s.to_dict() for s in collection.skipped]})
    return "built"


def _add(store, paths: list[str], encoder, skipped: list[dict]) -> str:
    """Add the files' reports; the files left out (refused by the scan: a link out of a folder, a pipe, a second
    copy; or unreadable) are appended to `skipped` and are no sources, as with the FAISS folder."""
    from embeddings.index import source_hashes
    from embeddings.index_update import check_not_held, readable_sources
    from embeddings.ingest import nothing_read, read_collection, refused
    from embeddings.loaders import scan_files
    from embeddings.reuse import renumber

    found = scan_files(paths)
    if not found.files:
        raise nothing_read(paths, refused(found.refused))
    files, sources = found.files, source_hashes(found.files)
    held = readable_sources({"sources": [], **store.manifest})  # a file skipped before may come again, mended
    check_not_held(held, sources, store.location, "qa index --store milvus")
    collection = read_collection(files, spec=ChunkSpec(**store.manifest.get("chunking", {})))
    reports, passages = collection.reports, collection.passages
    skipped.extend(s.to_dict() for s in refused(found.refused) + collection.skipped)
    unread = {s.path for s in collection.skipped}
    sources = [s for f, s in zip(files, sources) if str(f) not in unread]
    first = max((r.number for r in store.reports), default=0) + 1
    reports, passages = renumber(reports, passages, {r.number: first + i for i, r in enumerate(reports)})
    store.add(reports, passages, encoder.encode([p.index_text for p in passages]), sources=sources)
    return f"added report(s) {', '.join(str(r.number) for r in reports)}"


def _remove(store, targets: list[str]) -> str:
    from embeddings.index_update import named_reports

    gone = named_reports(store.reports, targets, store.location, "qa reports --store milvus")
    store.remove(gone)
    return f"removed report(s) {', '.join(map(str, sorted(gone)))}"
