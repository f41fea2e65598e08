import numpy as np
import pytest

from embeddings.errors import InputError
from embeddings.keyword import tokenize
from qa.retrieval.retriever import Retriever


@pytest.fixture
def retriever(mini_index, hashing_encoder):
    return Retriever.load(mini_index, encoder=hashing_encoder)


def test_chinese_queries_get_nonzero_keyword_scores(retriever):
    assert "用地" in tokenize("乙县为部队提供了多少用地？")
    scores = retriever.store.index.keyword.scores("乙县为部队提供了多少用地？")
    best = int(np.argmax(scores))
    assert scores[best] > 0 and "527亩" in retriever.passages[best].text


def test_hybrid_hits_say_who_found_them(retriever):
    hits = retriever.search("乙县为驻地部队提供用地多少亩", k=3)
    assert "527亩" in hits[0].passage.text
    assert [h.rank for h in hits] == [1, 2, 3]
    assert set(hits[0].found_by) == {"dense", "bm25"}
    assert hits[0].score >= hits[1].score >= hits[2].score


@pytest.mark.parametrize("mode", ["dense", "bm25"])
def test_single_modes_only_use_their_retriever(retriever, mode):
    hits = retriever.search("随军家属", k=2, mode=mode)
    assert hits and all(set(h.found_by) == {mode} for h in hits)


def test_filters_restrict_reports_and_places(retriever):
    assert {h.passage.report for h in retriever.search("双拥工作", k=10, reports=[2])} == {2}
    assert {h.passage.report for h in retriever.search("双拥工作", k=10, places=["漳州"])} == {3}
    assert {h.passage.report for h in retriever.search("双拥工作", k=10, places=["乙县"])} == {2}
    with pytest.raises(InputError, match="report\\(s\\) \\[9\\] not in the index"):
        retriever.search("双拥", reports=[9])
    with pytest.raises(InputError, match="no passages from place"):
        retriever.search("双拥", places=["火星"])


def test_batch_matches_single(retriever):
    queries = ["飞行学员", "双拥林"]
    batch = retriever.search_batch(queries, k=2)
    assert [[h.passage.id for h in hits] for hits in batch] == \
        [[h.passage.id for h in retriever.search(q, k=2)] for q in queries]


@pytest.mark.parametrize("query,k,message", [
    ("", 5, "question is empty"), ("   ", 5, "question is empty"), ("问" * 10_000, 5, "10000 characters"),
    ("双拥", 0, "k must be an integer >= 1, got 0"), ("双拥", -3, "got -3"), ("双拥", 5, None),
])
def test_bad_queries_are_refused(retriever, query, k, message):
    if message is None:
        assert retriever.search(query, k=k)
        return
    with pytest.raises(InputError, match=message):
        retriever.search(query, k=k)


def test_weighted_rrf_on_a_hand_computed_case():
    from qa.retrieval.fusion import weighted_rrf

    fused = weighted_rrf([(0.5, {7: 1, 3: 2}), (1.0, {3: 1})], rrf_k=60, k=2)
    assert [pid for pid, _ in fused] == [3, 7]
    assert fused[0][1] == pytest.approx(0.5 / 62 + 1.0 / 61) and fused[1][1] == pytest.approx(0.5 / 61)
    assert weighted_rrf([(1.0, {5: 1}), (1.0, {4: 1})], rrf_k=60, k=5) == [(4, 1 / 61), (5, 1 / 61)]  # ties by id


class PaddedEncoder:
    """Like a transformer under int8 or padding: a text's vector depends on the longest text in its batch."""

    def __init__(self, inner):
        self.inner, self.name = inner, inner.name

    @property
    def dim(self):
        return self.inner.dim

    def encode(self, texts, **options):
        vectors = self.inner.encode(texts)
        width = max(len(t) for t in texts)
        return vectors + np.float32(0.05) * np.sin(np.arange(vectors.shape[1]) * width)[None, :].astype(np.float32)


def test_a_querys_hits_do_not_depend_on_its_batch_mates(mini_index, hashing_encoder):
    """Issue case 9: the same query gives the same ranking and scores alone and in any batch."""
    from embeddings.index import load_index

    retriever = Retriever(load_index(mini_index), PaddedEncoder(hashing_encoder))
    query = "乙县提供用地多少亩"
    alone = retriever.search(query, 5)
    mates = ["漳州建成双拥林多少处？" * 3, "为多少名随军未就业家属发放生活补助", "甲城市"]
    for batch in ([query, *mates], [*mates, query], [query, query]):
        batched = retriever.search_batch(batch, 5)[batch.index(query)]
        assert [(h.passage.id, h.score, h.found_by) for h in batched] == \
               [(h.passage.id, h.score, h.found_by) for h in alone]


@pytest.mark.real_models
def test_int8_queries_rank_the_same_alone_and_batched():
    from pathlib import Path

    from qa.settings import Settings

    settings = Settings(quantize_queries=True)
    if not (Path(settings.index_dir) / "manifest.json").exists():
        pytest.skip("no index at settings.index_dir: run `make index`")
    retriever = Retriever.load(settings.index_dir, settings=settings)
    queries = ["张掖市累计为驻地部队划拨了多少亩土地？", "来宾每月给随军未就业家属发多少钱？", "双拥", "开封市建成了多少个退役军人服务中心（站）？"]
    batched = retriever.search_batch(queries, 10)
    for query, hits in zip(queries, batched):
        assert [(h.passage.id, h.score) for h in hits] == [(h.passage.id, h.score) for h in retriever.search(query, 10)]


@pytest.mark.parametrize("query", ["为驻地部队划拨了多少土地？", "建成双拥林几处", "随军家属"])
def test_best_per_report_is_each_reports_own_search(retriever, query):
    each = retriever.best_per_report(query, k=2)
    assert sorted(each) == [1, 2, 3]
    for number, hits in each.items():  # the same passages, order and scores as a search within the report
        alone = retriever.search(query, k=2, reports=[number])
        assert [(h.passage.id, h.score, h.found_by) for h in hits] == [(h.passage.id, h.score, h.found_by) for h in alone]
    # the reports best first: the report of the whole collection's top hit leads
    assert next(iter(each)) == retriever.search(query, k=1)[0].passage.report
    assert set(retriever.best_per_report(query, places=["漳州", "乙县"])) == {2, 3}


def test_naming_finds_each_report_s_passages_saying_the_words_as_said(retriever):
    said = retriever.naming("527亩")
    assert said and all("527亩" in h.passage.text for hits in said.values() for h in hits)
    assert all(hits[0].found_by.keys() == {"bm25"} for hits in said.values())
    assert retriever.naming("火星基地") == {}  # said nowhere: nothing, not the nearest passages
    every = retriever.naming("双拥")
    assert set(retriever.naming("双拥", places=["漳州"])) == {3} and 3 in every and len(every) >= 2


def test_everyday_words_reach_the_passage_in_report_words_by_keyword(retriever):
    from qa.everyday import with_report_words

    asked = "甲城市一共给驻军划了多少地？"
    assert with_report_words(asked).startswith(asked) and "划拨" in with_report_words(asked)
    hits = retriever.search(asked, k=1, mode="bm25")
    assert hits and "划拨土地2000多亩" in hits[0].passage.text
    plain = retriever.store.index.keyword.scores(asked)  # the question's own words alone do not find it
    assert "划拨土地2000多亩" not in retriever.passages[int(np.argmax(plain))].text
