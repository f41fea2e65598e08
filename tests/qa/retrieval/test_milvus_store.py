"""The Milvus store against the FAISS one, on real Milvus Lite files: the same rankings, filters, changes in
place, atomic rebuilds and one-line errors. The retriever's behaviour tests run here on Milvus too."""
import socket
import time

import numpy as np
import pytest

pytest.importorskip("pymilvus")

from embeddings.encoders import HashingEncoder  # noqa: E402
from embeddings.errors import IndexMismatchError, IndexNotFoundError, InputError  # noqa: E402
from embeddings.index import build_index, load_index  # noqa: E402
from qa.retrieval.retriever import Retriever  # noqa: E402
from qa.retrieval.stores import milvus_schema  # noqa: E402
from qa.retrieval.stores.base import Filter  # noqa: E402
from qa.retrieval.stores.faiss_store import FaissStore  # noqa: E402
from qa.retrieval.stores.milvus_store import MilvusStore  # noqa: E402
from qa.settings import Settings  # noqa: E402
from tests_helpers import MINI  # noqa: E402

# the retriever's behaviour tests, collected here again with `retriever` below: a Milvus-backed one
from test_retriever import (  # noqa: E402,F401
    test_bad_queries_are_refused, test_batch_matches_single, test_filters_restrict_reports_and_places,
    test_hybrid_hits_say_who_found_them, test_single_modes_only_use_their_retriever,
)

QUERIES = ["乙县为驻地部队提供用地多少亩", "随军家属", "双拥林", "飞行学员", "漳州开展军民共建活动", "弹药库建设资金"]


def _copy(index, uri, collection="reports", *, keep=None):
    """A Milvus store holding what the FAISS index holds (or only the reports in `keep`)."""
    ids = [i for i, p in enumerate(index.passages) if keep is None or p.report in keep]
    vectors = index.vectors.reconstruct_n(0, index.vectors.ntotal)[ids]
    reports = [r for r in index.reports if keep is None or r.number in keep]
    return MilvusStore.build(str(uri), collection, reports, [index.passages[i] for i in ids], vectors,
                             encoder_name=index.manifest["encoder"])


@pytest.fixture(scope="module")
def encoder():
    return HashingEncoder(128)


@pytest.fixture(scope="module")
def faiss_index(tmp_path_factory, encoder):
    folder = tmp_path_factory.mktemp("mini")
    (folder / "mini.txt").write_text(MINI, encoding="utf-8")
    return load_index(build_index([folder / "mini.txt"], folder / "index", encoder))


@pytest.fixture(scope="module")
def shared(tmp_path_factory, faiss_index):
    """One store for the tests that only read."""
    return _copy(faiss_index, tmp_path_factory.mktemp("milvus") / "milvus.db")


@pytest.fixture
def store(tmp_path, faiss_index):
    """A store of its own, for the tests that change it."""
    return _copy(faiss_index, tmp_path / "milvus.db")


@pytest.fixture
def retriever(shared, encoder):
    return Retriever(shared, encoder, settings=Settings())


def _faiss_dense(index, vector):
    """FAISS's full ranking, exact ties ordered by id as the Milvus store orders them."""
    scores, ids = index.vectors.search(vector.reshape(1, -1), index.vectors.ntotal)
    return [int(i) for _, i in sorted(zip(-np.round(scores[0], 5), ids[0]))]


def test_dense_and_keyword_rankings_match_faiss(shared, faiss_index, encoder):
    faiss, n = FaissStore(faiss_index), len(faiss_index.passages)
    for query in QUERIES:
        vector = encoder.encode([query])[0]
        assert shared.dense(vector, n) == _faiss_dense(faiss_index, vector), query
        assert shared.dense(vector, 2) == _faiss_dense(faiss_index, vector)[:2], query
        assert shared.keyword(query, n) == faiss.keyword(query, n), query


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
def test_retriever_top_hits_match_faiss(shared, faiss_index, encoder, mode):
    on_faiss, on_milvus = Retriever(faiss_index, encoder), Retriever(shared, encoder)
    for query in QUERIES:
        # the top 3: below them the hashing encoder leaves passages tied at 0, which FAISS orders its own way
        expected = [(h.passage.id, h.score) for h in on_faiss.search(query, 3, mode=mode)]
        assert [(h.passage.id, h.score) for h in on_milvus.search(query, 3, mode=mode)] == expected, query


def test_keyword_search_finds_the_passage_holding_a_rare_word(shared):
    ids = shared.keyword("航空班", 5)
    assert len(ids) == 1 and "航空班" in shared.passages[ids[0]].text
    assert shared.keyword("火星基地", 5) == [] and shared.keyword("的", 5) == []  # unknown words, stop words


def test_filters_keep_only_those_reports(shared, encoder):
    vector = encoder.encode(["双拥工作"])[0]
    for reports in ({2}, {1, 3}):
        where = Filter(frozenset(reports))
        for ids in (shared.dense(vector, 10, where), shared.keyword("双拥", 10, where)):
            assert ids and {shared.passages[i].report for i in ids} <= reports
    assert shared.dense(vector, 10, Filter(frozenset())) == [] == shared.keyword("双拥", 10, Filter(frozenset()))
    retriever = Retriever(shared, encoder)
    assert {h.passage.report for h in retriever.search("双拥林", k=10, places=["漳州"])} == {3}


def test_hybrid_search_fuses_in_milvus(shared, encoder):
    query = "乙县为驻地部队提供用地多少亩"
    ids = shared.hybrid(query, encoder.encode([query])[0], 3)
    assert len(ids) == 3 and "527亩" in shared.passages[ids[0]].text
    assert {shared.passages[i].report for i in shared.hybrid(query, encoder.encode([query])[0], 5,
                                                              Filter(frozenset({3})))} == {3}


def test_open_restores_reports_manifest_and_passages(shared, faiss_index):
    store = MilvusStore.open(shared.uri, "reports", encoder_name=faiss_index.manifest["encoder"])
    assert store.reports == faiss_index.reports and store.encoder == faiss_index.manifest["encoder"]
    assert {k: store.manifest[k] for k in ("passages", "reports", "dim", "index_type")} == \
           {"passages": len(faiss_index.passages), "reports": 3, "dim": 128, "index_type": "milvus"}
    assert list(store.passages) == list(faiss_index.passages) and len(store.passages) == len(faiss_index.passages)
    assert store.passages[1] == faiss_index.passages[1] and store.passages[-1] == faiss_index.passages[-1]
    assert store.passages[1:3] == faiss_index.passages[1:3]
    assert store.report_sizes() == FaissStore(faiss_index).report_sizes()
    with pytest.raises(IndexError, match="passage 99 is not in"):
        store.passages[99]


def test_store_opens_through_the_settings(shared, encoder):
    settings = Settings(store="milvus", milvus_uri=shared.uri, milvus_collection="reports")
    retriever = Retriever.load(settings=settings, encoder=encoder)
    assert isinstance(retriever.store, MilvusStore) and retriever.search("航空班", 1)[0].passage.report == 2


def test_remove_then_add_a_report(store, faiss_index, encoder):
    retriever, n = Retriever(store, encoder), len(faiss_index.passages)
    store.remove([2])
    assert 2 not in {r.number for r in store.reports} and 2 not in store.report_sizes()
    assert store.keyword("航空班", 5) == [] and len(store.passages) == n - 2
    assert {h.passage.report for h in retriever.search("乙县提供用地", k=10)} <= {1, 3}
    with pytest.raises(IndexError):
        store.passages[3]  # report 2's passages were ids 3 and 4: the others keep theirs
    assert [p.report for p in store.passages] == [1, 1, 1, 3] and store.passages[5].report == 3
    report = [r for r in faiss_index.reports if r.number == 2]
    passages = [p for p in faiss_index.passages if p.report == 2]
    store.add(report, passages, encoder.encode([p.index_text for p in passages]))
    ids = store.keyword("航空班", 5)
    assert len(ids) == 1 and ids[0] >= n and store.passages[ids[0]].report == 2  # new ids after the highest
    assert retriever.search("乙县为驻地部队提供用地多少亩", k=1)[0].passage.report == 2
    reopened = MilvusStore.open(store.uri, "reports")
    assert [r.number for r in reopened.reports] == [1, 3, 2] and reopened.report_sizes() == {1: 3, 2: 2, 3: 1}
    assert [p.id for p in reopened.passages] == [p.id for p in faiss_index.passages if p.report != 2] + \
           [p.id for p in passages]


def test_bad_changes_are_refused_and_leave_the_store_intact(store, faiss_index, encoder):
    passages = [p for p in faiss_index.passages if p.report == 2]
    with pytest.raises(IndexMismatchError, match="vectors are 64-d, .* holds 128-d ones"):
        store.add([], passages, HashingEncoder(64).encode([p.index_text for p in passages]))
    with pytest.raises(InputError, match=r"report\(s\) \[2\] already in"):
        store.add([faiss_index.reports[1]], passages, encoder.encode([p.index_text for p in passages]))
    with pytest.raises(InputError, match="come without their report"):
        store.add([], passages, encoder.encode([p.index_text for p in passages]))
    with pytest.raises(InputError, match=r"report\(s\) \[9\] not in"):
        store.remove([9])
    reopened = MilvusStore.open(store.uri, "reports")
    assert len(reopened.passages) == len(faiss_index.passages) and reopened.reports == faiss_index.reports


def test_rebuild_replaces_the_collection_and_a_failed_one_changes_nothing(store, faiss_index, monkeypatch):
    rebuilt = _copy(faiss_index, store.uri, keep={1, 3})
    assert [r.number for r in rebuilt.reports] == [1, 3] and len(rebuilt.passages) == 4
    assert [r.number for r in store.reopen().reports] == [1, 3]
    assert MilvusStore.open(store.uri, "reports").physical == rebuilt.physical
    before = set(rebuilt.client.list_collections())
    assert len(before) == 2  # the new collection and its meta: the old pair is gone

    def crash(client, physical, rows):
        client.insert(physical, [next(rows)])
        raise RuntimeError("killed mid-build")

    monkeypatch.setattr("qa.retrieval.stores.milvus_store.insert_rows", crash)
    with pytest.raises(RuntimeError, match="killed"):
        _copy(faiss_index, store.uri)
    survivor = MilvusStore.open(store.uri, "reports")
    assert survivor.physical == rebuilt.physical and len(survivor.passages) == 4
    assert set(survivor.client.list_collections()) == before
    assert survivor.keyword("双拥林", 3)


def test_missing_things_name_the_fix(tmp_path, shared):
    with pytest.raises(IndexNotFoundError, match="no Milvus Lite file at .*: build it with `qa index --store milvus"):
        MilvusStore.open(str(tmp_path / "none.db"))
    with pytest.raises(IndexNotFoundError, match="no collection 'other' at Milvus .*qa index --store milvus "
                                                 "--milvus-uri"):
        MilvusStore.open(shared.uri, "other")
    with pytest.raises(InputError, match="must be a local file ending in .db"):
        MilvusStore.open(str(tmp_path / "milvus.sqlite"))
    with pytest.raises(InputError, match="collection name must be letters"):
        MilvusStore.open(shared.uri, "my reports")


def test_other_encoders_and_dimensions_are_refused(shared, encoder):
    with pytest.raises(IndexMismatchError, match="built with encoder 'hashing-128.*', settings ask for 'm3e-small'"):
        MilvusStore.open(shared.uri, "reports", encoder_name="m3e-small")
    with pytest.raises(IndexMismatchError, match="holds 128-d vectors.*the encoder makes 64"):
        MilvusStore.open(shared.uri, "reports", dim=64)
    with pytest.raises(IndexMismatchError, match="makes 64-d vectors"):
        Retriever(shared, HashingEncoder(64)).search("双拥")
    assert shared.keyword("航空班", 1)  # still there


def test_a_collection_this_project_did_not_build_is_left_alone(tmp_path, faiss_index):
    store = _copy(faiss_index, tmp_path / "milvus.db")
    from pymilvus import DataType

    schema = store.client.create_schema()
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=4)
    store.client.create_collection("plain", schema=schema)
    with pytest.raises(IndexMismatchError, match="no readable manifest.*choose another --milvus-collection"):
        MilvusStore.open(store.uri, "plain")
    with pytest.raises(InputError, match="'plain' .* is a collection this project did not build"):
        _copy(faiss_index, store.uri, "plain")
    assert store.client.has_collection("plain")


@pytest.mark.parametrize("uri", ["http://127.0.0.1:1", "silent"])
def test_a_server_that_does_not_answer_fails_fast(uri, monkeypatch):
    monkeypatch.setattr(milvus_schema, "CONNECT_TIMEOUT_S", 1.0)
    with socket.socket() as silent:  # accepts connections, never speaks gRPC
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        uri = f"http://127.0.0.1:{silent.getsockname()[1]}" if uri == "silent" else uri
        started = time.perf_counter()
        with pytest.raises(IndexNotFoundError, match=f"Milvus at {uri} does not answer within 1s.*start the server"):
            MilvusStore.open(uri)
    assert time.perf_counter() - started < 5
