"""The Milvus store: one collection per index, Milvus Lite in-process for a local `.db` file or a Milvus server
or cluster for http://host:19530, the same code. Dense search by inner product, keywords by Milvus's own BM25
over jieba tokens; the retriever fuses the two. The name a user gives is an alias of the collection that holds
the passages, so that a rebuild is one alias switch and a crashed build leaves the previous one in use."""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter, OrderedDict
from typing import Iterable, Iterator, Sequence

import numpy as np

from embeddings.errors import IndexMismatchError, IndexNotFoundError, InputError
from embeddings.types import Passage, Report
from qa.retrieval.stores.base import Filter
from qa.retrieval.stores.milvus_schema import (
    FORMAT_VERSION, ID, META, PASSAGE, SPARSE, VECTOR, check_name, check_reports, check_vectors, connect, create,
    current, drop, drop_leftovers, insert_rows, meta_rows, meta_schema, passage_rows, passage_schema, read_meta,
    reason, report_filter, vector_index_params,
)

log = logging.getLogger(__name__)

MAX_LIMIT = 16_384  # Milvus's ceiling on a search's limit
PAGE = 1_000  # ids per query when iterating over the passages


class MilvusPassages(Sequence[Passage]):
    """The store's passages by id, fetched from Milvus on demand through an LRU cache that search results
    prime (a search returns its passages' JSON), so that turning hits into passages costs no round trips."""

    def __init__(self, store: "MilvusStore", size: int = 4096) -> None:
        self._store, self._size = store, size
        self._cache: OrderedDict[int, Passage] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return int(self._store.manifest["passages"])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i) + (len(self) if int(i) < 0 else 0)
        with self._lock:
            if i in self._cache:
                self._cache.move_to_end(i)
                return self._cache[i]
        rows = self._store.client.get(self._store.physical, ids=[i], output_fields=[PASSAGE]) if i >= 0 else []
        if not rows:
            raise IndexError(f"passage {i} is not in {self._store.location} (it holds {len(self)})")
        return self.remember(rows)[0]

    def __iter__(self) -> Iterator[Passage]:
        for start in range(0, int(self._store.manifest["next_id"]), PAGE):
            rows = self._store.client.query(self._store.physical, filter=f"{ID} >= {start} and {ID} < {start + PAGE}",
                                            output_fields=[ID, PASSAGE], limit=PAGE)
            for row in sorted(rows, key=lambda r: r[ID]):
                yield Passage.from_dict(json.loads(row[PASSAGE]))

    def remember(self, rows: Iterable) -> list[Passage]:
        """Parse and cache rows (query rows or search hits) holding the passage JSON; the passages in order."""
        out = []
        with self._lock:
            for row in rows:
                fields = row.get("entity") or row
                pid, passage = int(row[ID]), Passage.from_dict(json.loads(fields[PASSAGE]))
                self._cache[pid] = passage
                self._cache.move_to_end(pid)
                out.append(passage)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return out

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()


class MilvusStore:
    """A Milvus collection as a store: `collection` is the alias a user names, `physical` the collection it
    points at while this store is open; `manifest` and `reports` come from the meta collection."""

    name = "milvus"

    def __init__(self, client, uri: str, collection: str, physical: str, manifest: dict, reports: list[Report],
                 meta_version: int) -> None:
        self.client, self.uri, self.collection, self.physical = client, uri, collection, physical
        self.manifest, self.reports, self._meta_version = manifest, reports, meta_version
        self.dim = int(manifest["dim"])
        self.encoder = manifest["encoder"]
        self.passages = MilvusPassages(self)

    @classmethod
    def open(cls, uri: str, collection: str = "reports", *, encoder_name: str | None = None,
             dim: int | None = None) -> "MilvusStore":
        """Open and check a store; IndexNotFoundError or IndexMismatchError naming the fix."""
        client = connect(uri)
        physical = current(client, check_name(collection))
        if physical is None:
            raise IndexNotFoundError(f"no collection {collection!r} at Milvus {uri}: build it with "
                                     f"`qa index --store milvus --milvus-uri {uri} --milvus-collection {collection}`")
        try:
            if not client.has_collection(physical + META):
                raise LookupError(f"no collection {physical + META}: this project did not build it")
            client.load_collection(physical + META)
            manifest, reports, version = read_meta(client, physical + META)
        except Exception as exc:  # missing or damaged meta
            fix = "choose another --milvus-collection" if physical == collection else \
                f"rebuild it with `qa index --store milvus --milvus-uri {uri} --milvus-collection {collection}`"
            raise IndexMismatchError(f"collection {collection!r} at {uri} has no readable manifest ({reason(exc)}): "
                                     f"{fix}") from exc
        store = cls(client, uri, collection, physical, manifest, reports, version)
        store._check(encoder_name, dim)
        return store

    def _check(self, encoder_name: str | None, dim: int | None) -> None:
        fix = f"rebuild it with `qa index --store milvus --milvus-uri {self.uri} --milvus-collection {self.collection}`"
        if self.manifest.get("format_version") != FORMAT_VERSION or self.manifest.get("index_type") != "milvus":
            raise IndexMismatchError(f"collection {self.location} has format {self.manifest.get('format_version')}, "
                                     f"this version reads {FORMAT_VERSION}: {fix}")
        if encoder_name and self.encoder != encoder_name:
            raise IndexMismatchError(f"collection {self.location} was built with encoder {self.encoder!r}, settings "
                                     f"ask for {encoder_name!r}: use that encoder, or {fix} --encoder {encoder_name}")
        fields = self.client.describe_collection(self.physical)["fields"]
        stored = next(int(f["params"]["dim"]) for f in fields if f["name"] == VECTOR)
        if (dim is not None and dim != self.dim) or stored != self.dim:
            raise IndexMismatchError(f"collection {self.location} holds {stored}-d vectors, its manifest says "
                                     f"{self.dim}, the encoder makes {dim or self.dim}: {fix}")
        self.client.load_collection(self.physical)
        count = int(self.client.query(self.physical, filter="", output_fields=["count(*)"])[0]["count(*)"])
        if count != len(self.passages):
            raise IndexMismatchError(f"collection {self.location} holds {count} passages, its manifest says "
                                     f"{len(self.passages)} (an add or remove was interrupted?): {fix}")

    @classmethod
    def build(cls, uri: str, collection: str, reports: Sequence[Report], passages: Sequence[Passage],
              vectors: np.ndarray, *, encoder_name: str, manifest: dict | None = None) -> "MilvusStore":
        """Create the store under a new collection, then point the alias at it: the previous collection stays
        in use until the new one is complete. `manifest` adds fields (fingerprint, chunking, sources)."""
        passages, reports = list(passages), list(reports)
        vectors = check_vectors(vectors, len(passages), None, uri)
        check_reports(reports, passages)
        client = connect(uri, create=True)
        old = current(client, check_name(collection))
        if old == collection:
            raise InputError(f"{collection!r} at Milvus {uri} is a collection this project did not build: drop it "
                             f"or choose another --milvus-collection")
        drop_leftovers(client, collection, keep=old)
        physical = f"{collection}__{time.time_ns() // 1_000_000}"
        full = {**(manifest or {}), "format_version": FORMAT_VERSION, "index_type": "milvus", "encoder": encoder_name,
                "dim": int(vectors.shape[1]), "normalized": True, "metric": "inner_product", "analyzer": "jieba",
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                **_counts(reports, Counter(p.report for p in passages), len(passages))}
        try:
            create(client, uri, physical, passage_schema(client, full["dim"]),
                   vector_index_params(client, len(passages)))
            insert_rows(client, physical, passage_rows(passages, vectors, 0))
            create(client, uri, physical + META, *meta_schema(client))
            client.insert(physical + META, meta_rows(full, reports, 1))
            for name in (physical, physical + META):
                client.flush(name)
                client.load_collection(name)
            client.alter_alias(physical, collection) if old else client.create_alias(physical, collection)
        except BaseException:
            drop(client, physical)
            raise
        if old:
            drop(client, old)
        log.info("built Milvus collection %s at %s: %d passages from %d reports", collection, uri, len(passages),
                 len(reports))
        return cls.open(uri, collection, encoder_name=encoder_name)

    def reopen(self) -> "MilvusStore":
        """The collection the alias points at now (a rebuild elsewhere switches it), opened anew."""
        return MilvusStore.open(self.uri, self.collection, encoder_name=self.encoder)

    @property
    def location(self) -> str:
        return f"{self.uri}#{self.collection}"

    def warm_up(self) -> None:
        self.keyword("预热", 1)  # loads jieba and builds Milvus Lite's per-segment BM25 index

    def report_sizes(self) -> dict[int, int]:
        return {int(number): n for number, n in self.manifest["report_passages"].items() if n}

    def dense(self, vector: np.ndarray, depth: int, where: Filter | None = None) -> list[int]:
        """Ids of the nearest passages by inner product, best first (ties by id)."""
        limit = min(depth, MAX_LIMIT, len(self.passages))
        if limit <= 0 or (where is not None and not where.reports):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1).tolist()
        hits = self.client.search(self.physical, data=[query], anns_field=VECTOR, limit=limit, filter=_expr(where),
                                  output_fields=[PASSAGE], search_params=self._dense_params(limit))[0]
        self.passages.remember(hits)
        return [int(h[ID]) for h in sorted(hits, key=lambda h: (-float(h["distance"]), int(h[ID])))]

    def keyword(self, query: str, depth: int, where: Filter | None = None) -> list[int]:
        """Ids of the best BM25 passages with a score above zero, ties by lower id."""
        limit = min(2 * depth, MAX_LIMIT, len(self.passages))  # twice the depth: room to order ties at the cut
        if depth <= 0 or limit <= 0 or (where is not None and not where.reports):
            return []
        hits = self.client.search(self.physical, data=[query], anns_field=SPARSE, limit=limit, filter=_expr(where),
                                  output_fields=[PASSAGE], search_params={"metric_type": "BM25"})[0]
        self.passages.remember(hits)
        scored = sorted((-abs(float(h["distance"])), int(h[ID])) for h in hits)  # Lite gives -score, a server +score
        return [pid for score, pid in scored if score < 0][:depth]

    def hybrid(self, query: str, vector: np.ndarray, depth: int, where: Filter | None = None, *,
               rrf_k: int = 60) -> list[int]:
        """Milvus's own fusion (hybrid_search, RRFRanker) of both searches; an extra, the retriever fuses itself."""
        from pymilvus import AnnSearchRequest, RRFRanker

        limit = min(depth, MAX_LIMIT, len(self.passages))
        if limit <= 0 or (where is not None and not where.reports):
            return []
        dense = np.asarray(vector, dtype=np.float32).reshape(-1).tolist()
        requests = [AnnSearchRequest([dense], VECTOR, self._dense_params(limit), limit, expr=_expr(where)),
                    AnnSearchRequest([query], SPARSE, {"metric_type": "BM25"}, limit, expr=_expr(where))]
        hits = self.client.hybrid_search(self.physical, requests, RRFRanker(rrf_k), limit=limit,
                                         output_fields=[PASSAGE])[0]
        self.passages.remember(hits)
        return [int(h[ID]) for h in hits]

    def _dense_params(self, limit: int) -> dict:
        return {"metric_type": "IP", "params": {"ef": max(64, 2 * limit)}}  # ef is read by HNSW only

    def add(self, reports: Sequence[Report], passages: Sequence[Passage], vectors: np.ndarray, *,
            sources: list[dict] | None = None) -> None:
        """Add reports and their passages; new ids continue after the highest id so far. `sources` ({"path",
        "sha256"} of the files they came from) join the manifest's."""
        reports, passages = list(reports), list(passages)
        vectors = check_vectors(vectors, len(passages), self.dim, self.location)
        clash = sorted({r.number for r in self.reports} & {r.number for r in reports})
        if clash:
            raise InputError(f"report(s) {clash} already in {self.location}: remove them first")
        check_reports(reports, passages)
        first = int(self.manifest["next_id"])
        insert_rows(self.client, self.physical, passage_rows(passages, vectors, first))
        self.client.flush(self.physical)
        sizes = Counter({int(k): v for k, v in self.manifest["report_passages"].items()})
        sizes.update(p.report for p in passages)
        if sources:
            self.manifest = {**self.manifest, "sources": self.manifest.get("sources", []) + sources}
        self._save(self.reports + reports, sizes, first + len(passages))

    def remove(self, report_numbers: Iterable[int]) -> None:
        """Remove reports and their passages; the other passages keep their ids."""
        wanted = {int(r) for r in report_numbers}
        unknown = sorted(wanted - {r.number for r in self.reports})
        if unknown:
            raise InputError(f"report(s) {unknown} not in {self.location}: see `qa reports`")
        if wanted:
            self.client.delete(self.physical, filter=report_filter(wanted))
            self.client.flush(self.physical)
        sizes = Counter({int(k): v for k, v in self.manifest["report_passages"].items() if int(k) not in wanted})
        self._save([r for r in self.reports if r.number not in wanted], sizes, int(self.manifest["next_id"]))
        self.passages.forget()

    def _save(self, reports: list[Report], sizes: Counter, next_id: int) -> None:
        """Write a new version of the meta rows, switch to it (one upsert of row 0), drop the old version."""
        manifest = {**self.manifest, **_counts(reports, sizes, next_id)}
        meta, version = self.physical + META, self._meta_version + 1
        rows = meta_rows(manifest, reports, version)
        self.client.upsert(meta, rows[:-1])
        self.client.upsert(meta, rows[-1:])
        stale = [row[ID] for row in meta_rows(self.manifest, self.reports, self._meta_version)[:-1]]
        self.client.delete(meta, ids=stale)
        self.client.flush(meta)
        self.manifest, self.reports, self._meta_version = manifest, reports, version

    def close(self) -> None:
        self.client.close()


def _counts(reports: list[Report], sizes: Counter, next_id: int) -> dict:
    return {"passages": int(sum(sizes.values())), "reports": len(reports), "next_id": int(next_id),
            "report_passages": {str(r.number): int(sizes.get(r.number, 0)) for r in reports}}


def _expr(where: Filter | None) -> str:
    return report_filter(where.reports) if where is not None else ""
