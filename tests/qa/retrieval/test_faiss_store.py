"""The FAISS store's scale paths give what a full scan would: partition top-k, id-range filters, HNSW."""
import numpy as np
import pytest

from embeddings.index import build_index
from qa.retrieval.stores.base import Filter
from qa.retrieval.stores.faiss_store import FaissStore, report_ranges, top_ids


def test_top_ids_equal_a_stable_sort_of_every_score():
    rng = np.random.default_rng(0)
    for _ in range(200):
        scores = rng.integers(0, 4, size=rng.integers(1, 60)).astype(np.float32)  # many ties, many zeros
        depth = int(rng.integers(1, 70))
        order = np.argsort(-scores, kind="stable")[:depth]
        assert top_ids(scores, depth) == [int(i) for i in order if scores[i] > 0]


def test_report_ranges_and_unsorted_columns():
    assert report_ranges(np.array([1, 1, 2, 5, 5])) == {1: (0, 2), 2: (2, 3), 5: (3, 5)}
    with pytest.raises(ValueError, match="not stored together"):
        report_ranges(np.array([1, 2, 1]))


@pytest.mark.parametrize("index_type", ["flat", "ivf", "hnsw"])
def test_filtered_dense_search_equals_filtering_a_full_scan(tmp_path, mini_corpus, hashing_encoder, index_type):
    store = FaissStore.open(build_index([mini_corpus], tmp_path / index_type, hashing_encoder, index_type=index_type))
    n = len(store.passages)
    vectors = store.index.vectors.reconstruct_n(0, n)
    if index_type == "ivf":
        store.index.vectors.nprobe = store.index.vectors.nlist  # a tiny IVF index: probe every list
    for query in ("累计为驻地部队划拨土地", "漳州建成双拥林", "飞行学员"):
        vector = hashing_encoder.encode([query])[0]
        scores = vectors @ vector
        found = store.dense(vector, n)  # a small HNSW graph reaches every node
        assert sorted(found) == list(range(n))
        np.testing.assert_allclose(scores[found], np.sort(scores)[::-1], rtol=1e-5)
        for reports in ({2}, {1, 3}):
            allowed = np.array([p.report in reports for p in store.passages])
            found = store.dense(vector, 3, Filter(frozenset(reports)))
            assert allowed[found].all() and len(found) == min(3, allowed.sum())
            np.testing.assert_allclose(scores[found], np.sort(scores[allowed])[::-1][:3], rtol=1e-5)


def test_keyword_filter_keeps_only_the_reports_asked_for(tmp_path, mini_corpus, hashing_encoder):
    store = FaissStore.open(build_index([mini_corpus], tmp_path / "i", hashing_encoder))
    everywhere = store.keyword("双拥 部队", 50)
    only = store.keyword("双拥 部队", 50, Filter(frozenset({3})))
    assert only == [i for i in everywhere if store.passages[i].report == 3] and only
    assert store.report_sizes() == {r: sum(p.report == r for p in store.passages) for r in (1, 2, 3)}


def test_keyword_scores_are_bm25s_own_to_the_bit(tmp_path, mini_corpus, hashing_encoder):
    import bm25s

    from embeddings.keyword import tokenize

    store = FaissStore.open(build_index([mini_corpus], tmp_path / "i", hashing_encoder))
    keyword = store.index.keyword
    model = bm25s.BM25.load(str(tmp_path / "i" / "bm25"), allow_pickle=False)  # bm25s's own load and scoring
    for query in ("乙县为部队提供了多少用地？", "双拥 双拥 漳州", "飞行学员", "无关词汇"):
        expected = np.asarray(model.get_scores(tokenize(query)), dtype=np.float32)
        assert np.array_equal(keyword.scores(query), expected)


def test_scores_of_some_passages_are_their_full_scores_to_the_bit(tmp_path, mini_corpus, hashing_encoder):
    store = FaissStore.open(build_index([mini_corpus], tmp_path / "i", hashing_encoder))
    ids = np.array([0, 2, 3])
    for query in ("双拥 部队 土地", "漳州建成双拥林", "乙县学校开设航空班", "无关"):
        assert np.array_equal(store.index.keyword.scores_of(query, ids), store.index.keyword.scores(query)[ids])


def test_large_index_paths_give_the_small_index_results(tmp_path, mini_corpus, hashing_encoder, monkeypatch):
    """The looked-up BM25 and the copied-out filtered search, forced on a small index, change no result."""
    import qa.retrieval.stores.faiss_store as fs

    store = FaissStore.open(build_index([mini_corpus], tmp_path / "i", hashing_encoder, index_type="ivf"))
    store.index.vectors.nprobe = store.index.vectors.nlist
    queries = ["双拥 部队 土地", "漳州建成双拥林", "乙县学校开设航空班"]
    where = Filter(frozenset({1, 3}))
    before = [(store.keyword(q, 5), store.keyword(q, 5, where), store.dense(hashing_encoder.encode([q])[0], 3, where))
              for q in queries]
    monkeypatch.setattr(fs, "GATHER_BELOW", 0)
    monkeypatch.setattr(fs, "LOOKUP_BELOW", 0)
    after = [(store.keyword(q, 5), store.keyword(q, 5, where), store.dense(hashing_encoder.encode([q])[0], 3, where))
             for q in queries]
    assert [b[:2] for b in before] == [a[:2] for a in after]
    vectors = store.index.vectors.reconstruct_n(0, len(store.passages))
    for q, (_, _, d1), (_, _, d2) in zip(queries, before, after):
        v = hashing_encoder.encode([q])[0]
        assert len(d1) == len(d2) == 3  # equal scores; ids may differ only between exact ties
        np.testing.assert_allclose(vectors[d1] @ v, vectors[d2] @ v, rtol=1e-5)
