"""What a Milvus store looks like on the server: connecting, the passages collection's schema (dense vector,
BM25 over jieba tokens, report number, passage JSON) and the meta collection that holds the manifest and the
reports. pymilvus is imported inside functions: `--help` and FAISS users never pay for it."""
from __future__ import annotations

import json
import logging
import re
import string
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from embeddings.errors import DependencyMissingError, IndexMismatchError, IndexNotFoundError, InputError
from embeddings.keyword import STOPWORDS, TOKEN
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CONNECT_TIMEOUT_S = 5.0  # a URI that does not answer fails in seconds, not at gRPC's own minute
ID, VECTOR, TEXT, SPARSE, REPORT, PLACES, SOURCE, PASSAGE = \
    "id", "vector", "index_text", "sparse", "report", "places", "source", "passage"
MAX_VARCHAR = 65_535  # bytes, Milvus's ceiling
CHUNK_CHARS = 16_000  # meta JSON cut into rows of at most 4 bytes x 16,000 chars < MAX_VARCHAR
BM25 = {"bm25_k1": 1.5, "bm25_b": 0.75}  # bm25s's defaults, so the FAISS and Milvus keyword scores agree
META = "_meta"  # the meta collection of passages collection C is C_meta
BATCH = 256  # rows per insert: a few MB of vectors and JSON, well under gRPC's message limit
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,199}")
# Punctuation is a stop word because `embeddings.keyword.tokenize` drops every token that does not start with
# a Chinese character, a letter, a digit, '.' or '%': with these the analyzer keeps the tokens BM25 keeps there.
PUNCTUATION = "，。、；：？！…—·「」『』（）《》〈〉【】〔〕“”‘’" "｜／～－＋＝＊＆＃＠　"
STOP_WORDS = sorted(STOPWORDS | {c for c in string.punctuation + PUNCTUATION if not TOKEN.match(c)})
ANALYZER = {"tokenizer": {"type": "jieba", "mode": "search"},
            "filter": [{"type": "stop", "stop_words": STOP_WORDS}]}


def check_name(collection: str) -> str:
    """A Milvus collection name: check_name("reports") -> "reports"; InputError for "my reports"."""
    if not isinstance(collection, str) or not NAME.fullmatch(collection):
        raise InputError(f"Milvus collection name must be letters, digits and '_' (not starting with a digit), "
                         f"got {collection!r}: set --milvus-collection or QA_MILVUS_COLLECTION")
    return collection


def local_path(uri: str) -> Path | None:
    """The Milvus Lite file of a local URI, None for a server URI; InputError for neither.

    local_path("indexes/milvus.db") -> Path("indexes/milvus.db"); local_path("http://h:19530") -> None
    """
    if re.match(r"(https?|tcp|unix)://", uri):
        return None
    if not uri.endswith(".db"):
        raise InputError(f"Milvus URI must be a local file ending in .db (Milvus Lite) or http://host:19530 "
                         f"(a server), got {uri!r}: set --milvus-uri or QA_MILVUS_URI")
    return Path(uri)


def connect(uri: str, *, create: bool = False, timeout: float | None = None):
    """A MilvusClient for the URI (timeout: CONNECT_TIMEOUT_S); IndexNotFoundError naming the fix when nothing
    answers there."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise DependencyMissingError(f"the Milvus store needs pymilvus ({exc}): "
                                     f"pip install pymilvus milvus-lite") from exc
    path = local_path(uri)
    if path is not None and not create and not path.exists():
        raise IndexNotFoundError(f"no Milvus Lite file at {uri}: build it with "
                                 f"`qa index --store milvus --milvus-uri {uri}`")
    if path is not None and create:
        path.parent.mkdir(parents=True, exist_ok=True)
    timeout = timeout or CONNECT_TIMEOUT_S
    try:
        return MilvusClient(uri, timeout=timeout)
    except Exception as exc:  # pymilvus raises MilvusException and its subclasses, grpc a few others
        if path is not None:  # Milvus Lite lets one process at a time open a file
            raise IndexNotFoundError(f"Milvus Lite cannot open {uri} ({reason(exc)}): another process (`qa serve`, "
                                     f"`qa ui`) may hold it; stop it, or use a Milvus server") from exc
        raise IndexNotFoundError(f"Milvus at {uri} does not answer within {timeout:g}s ({reason(exc)}): start the "
                                 f"server, or point --milvus-uri / QA_MILVUS_URI at a local .db file") from exc


def reason(exc: Exception) -> str:
    """The first line of an exception's message, for one-line errors."""
    return str(getattr(exc, "message", "") or exc).strip().splitlines()[0][:200] or type(exc).__name__


def vector_index_params(client, n: int):
    """Exact search (FLAT) below HNSW_FROM passages, HNSW from it, like the FAISS index; BM25 as bm25s."""
    from embeddings.index import resolve_index_type

    params = client.prepare_index_params()
    if resolve_index_type("auto", n) == "hnsw":
        params.add_index(VECTOR, index_type="HNSW", metric_type="IP", params={"M": 32, "efConstruction": 64})
    else:
        params.add_index(VECTOR, index_type="FLAT", metric_type="IP")
    params.add_index(SPARSE, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25", params=dict(BM25))
    params.add_index(REPORT, index_type="INVERTED")
    return params


def create(client, uri: str, name: str, schema, index_params) -> None:
    """Create a collection and its indexes. Milvus Lite builds an index at once and lacks the AllocTimestamp
    call with which pymilvus waits for one (it logs a traceback, then polls every 0.5 s): do not wait there."""
    client.create_collection(name, schema=schema)
    client.create_index(name, index_params, sync=local_path(uri) is None)


def passage_schema(client, dim: int):
    """id (the 0-based passage id), vector, index_text -> BM25 sparse, report, places, source, passage JSON."""
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field(ID, DataType.INT64, is_primary=True)
    schema.add_field(VECTOR, DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field(TEXT, DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True, analyzer_params=ANALYZER)
    schema.add_field(SPARSE, DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field(REPORT, DataType.INT64)
    schema.add_field(PLACES, DataType.VARCHAR, max_length=4096)
    schema.add_field(SOURCE, DataType.VARCHAR, max_length=MAX_VARCHAR)
    schema.add_field(PASSAGE, DataType.VARCHAR, max_length=MAX_VARCHAR)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=[TEXT],
                                 output_field_names=[SPARSE]))
    return schema


def passage_rows(passages: list[Passage], vectors: np.ndarray, first_id: int) -> Iterator[dict]:
    """The rows of passages with ids from first_id; InputError for a passage too long for a VARCHAR."""
    for offset, (passage, vector) in enumerate(zip(passages, vectors)):
        body = json.dumps(passage.to_dict(), ensure_ascii=False)
        if len(body.encode("utf-8")) > MAX_VARCHAR:
            raise InputError(f"passage {passage.id} is {len(body)} characters, over what Milvus stores in one "
                             f"field: chunk with a smaller max_chars")
        yield {ID: first_id + offset, VECTOR: vector.tolist(), TEXT: passage.index_text, REPORT: passage.report,
               PLACES: "/".join(passage.places)[:1000], SOURCE: passage.source[:CHUNK_CHARS], PASSAGE: body}


def meta_schema(client):
    """The meta collection: JSON cut into rows (id, body); Milvus wants a vector field in every collection."""
    from pymilvus import DataType

    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field(ID, DataType.INT64, is_primary=True)
    schema.add_field("body", DataType.VARCHAR, max_length=MAX_VARCHAR)
    schema.add_field("unused", DataType.FLOAT_VECTOR, dim=2)
    params = client.prepare_index_params()
    params.add_index("unused", index_type="FLAT", metric_type="L2")
    return schema, params


def meta_rows(manifest: dict, reports: Iterable[Report], version: int) -> list[dict]:
    """Rows of one version of the meta JSON: version v's chunks have ids v * 10^6 + 1..., row 0 names the
    version in use, so that rewriting it (one upsert) switches the store's meta at once."""
    blob = json.dumps({"manifest": manifest, "reports": [asdict(r) for r in reports]}, ensure_ascii=False)
    chunks = [blob[i:i + CHUNK_CHARS] for i in range(0, len(blob), CHUNK_CHARS)]
    rows = [{ID: version * 1_000_000 + n, "body": c, "unused": [0.0, 0.0]} for n, c in enumerate(chunks, 1)]
    head = {ID: 0, "body": json.dumps({"version": version, "chunks": len(chunks)}), "unused": [0.0, 0.0]}
    return [*rows, head]


def read_meta(client, name: str) -> tuple[dict, list[Report], int]:
    """The manifest, reports and meta version stored in the meta collection `name`."""
    head = json.loads(client.get(name, ids=[0], output_fields=["body"])[0]["body"])
    version, count = int(head["version"]), int(head["chunks"])
    ids = [version * 1_000_000 + n for n in range(1, count + 1)]
    rows = {row[ID]: row["body"] for row in client.get(name, ids=ids, output_fields=["body"])}
    data = json.loads("".join(rows[i] for i in ids))
    reports = [Report(**{**row, "places": tuple(row.get("places", ()))}) for row in data["reports"]]
    return data["manifest"], reports, version


def report_filter(reports: Iterable[int]) -> str:
    """The filter expression for report numbers: report_filter({3, 1}) -> "report in [1, 3]"."""
    return f"{REPORT} in [{', '.join(str(int(r)) for r in sorted(reports))}]"


def current(client, collection: str) -> str | None:
    """The collection the name points at (itself when it is no alias), None when there is none."""
    if not client.has_collection(collection):
        return None
    return client.describe_collection(collection)["collection_name"]


def drop(client, physical: str) -> None:
    """Drop a store's passages and meta collections."""
    for name in (physical, physical + META):
        if client.has_collection(name):
            client.drop_collection(name)


def drop_leftovers(client, collection: str, *, keep: str | None) -> None:
    """Drop what crashed builds of this collection left behind (never the one the alias points at)."""
    leftover = re.compile(rf"({re.escape(collection)}__\d+)({META})?")
    for name in client.list_collections():
        found = leftover.fullmatch(name)
        if found and found.group(1) != keep:
            log.info("dropping %s, left by an unfinished build", name)
            client.drop_collection(name)


def insert_rows(client, physical: str, rows: Iterator[dict]) -> None:
    """Insert rows in batches of BATCH."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            client.insert(physical, batch)
            batch = []
    if batch:
        client.insert(physical, batch)


def check_vectors(vectors: np.ndarray, n: int, dim: int | None, where: str) -> np.ndarray:
    """The vectors as float32 (n, dim); IndexMismatchError when their dimension is not the store's."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) != n:
        raise InputError(f"need one vector per passage: {n} passages, vectors of shape {vectors.shape}")
    if dim is not None and vectors.shape[1] != dim:
        raise IndexMismatchError(f"vectors are {vectors.shape[1]}-d, {where} holds {dim}-d ones: encode with "
                                 f"the store's encoder, or rebuild it with `qa index --store milvus`")
    return vectors


def check_reports(reports: list[Report], passages: list[Passage]) -> None:
    """InputError for passages whose report is not among the reports."""
    orphans = sorted({p.report for p in passages} - {r.number for r in reports})
    if orphans:
        raise InputError(f"passages of report(s) {orphans} come without their report: pass the reports too")
