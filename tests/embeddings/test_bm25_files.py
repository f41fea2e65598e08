"""The BM25 folder read without bm25s gives bm25s's own arrays, token ids and scores, bit for bit, names
damage as bm25s's load did, and a process that only loads and queries an index never imports bm25s."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from embeddings.bm25_files import load_bm25
from embeddings.errors import IndexMismatchError
from embeddings.index_check import read_part
from embeddings.keyword import KeywordIndex, tokenize

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "indexes" / "default" / "bm25"
QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "eval/data/gold.jsonl").open(encoding="utf-8")]
MINI_QUERIES = ["乙县为部队提供了多少用地？", "双拥 双拥 漳州", "飞行学员", "无关词汇", "的", "", "部队 部队 火星 双拥"]


def bm25s_load(folder: Path):
    import bm25s

    return bm25s.BM25.load(str(folder), show_progress=False, allow_pickle=False)


def assert_bm25s_own(folder: Path, queries: list[str]) -> None:
    ours, theirs = load_bm25(folder), bm25s_load(folder)
    for name in ("data", "indices", "indptr"):
        assert ours.scores[name].dtype == theirs.scores[name].dtype
        assert np.array_equal(ours.scores[name], theirs.scores[name])
    assert ours.scores["num_docs"] == theirs.scores["num_docs"] and ours.vocab_dict == theirs.vocab_dict
    keyword = KeywordIndex(ours)
    n = keyword.size
    some = np.arange(0, n, 7)
    for query in queries:
        tokens = tokenize(query)
        assert ours.get_tokens_ids(tokens + ["火星基地"] + tokens) == theirs.get_tokens_ids(tokens + ["火星基地"] + tokens)
        expected = theirs.get_scores(tokens) if tokens else np.zeros(n, dtype=np.float32)
        assert np.array_equal(keyword.scores(query), expected)
        assert np.array_equal(keyword.scores_of(query, some), expected[some])


def test_the_shipped_index_scores_as_bm25s_for_every_gold_question():
    if not (SHIPPED / "params.index.json").exists():
        pytest.skip(f"no shipped index at {SHIPPED.parent} (built by `qa index`)")
    assert_bm25s_own(SHIPPED, QUESTIONS)


def test_a_built_index_scores_as_bm25s(mini_index: Path):
    assert_bm25s_own(mini_index / "bm25", MINI_QUERIES)
    assert KeywordIndex.load(mini_index / "bm25").scores("双拥").any()


def test_token_ids_keep_order_and_repeats_and_drop_unknown_tokens(mini_index: Path):
    model = load_bm25(mini_index / "bm25")
    a, b = sorted(model.vocab_dict)[1:3]
    assert model.get_tokens_ids([b, "火星基地", a, b]) == [model.vocab_dict[b], model.vocab_dict[a], model.vocab_dict[b]]


def test_a_process_that_loads_and_queries_imports_no_bm25s(mini_index: Path):
    code = f"""if True:
        import sys
        from qa.retrieval.stores.faiss_store import FaissStore
        store = FaissStore.open({str(mini_index)!r})
        assert store.keyword("乙县为部队提供用地", 3), "no hit"
        assert store.index.keyword.scores("双拥").any()
        print("bm25s" in sys.modules, "scipy" in sys.modules)
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def damage_params(key, value):
    def damage(folder: Path) -> None:
        path = folder / "params.index.json"
        params = json.loads(path.read_text())
        params[key] = value
        path.write_text(json.dumps(params))
    return damage


@pytest.mark.parametrize("damage", [
    lambda f: (f / "params.index.json").unlink(),
    lambda f: (f / "vocab.index.json").unlink(),
    lambda f: (f / "indptr.csc.index.npy").unlink(),
    lambda f: (f / "params.index.json").write_text("{not json"),
    lambda f: (f / "vocab.index.json").write_text(""),
    lambda f: (f / "data.csc.index.npy").write_bytes(b"garbage"),
    lambda f: (f / "indices.csc.index.npy").write_bytes((f / "indices.csc.index.npy").read_bytes()[:100]),
    damage_params("colour", "blue"),
])
def test_damage_is_named_as_bm25s_load_named_it(mini_index: Path, damage):
    folder = mini_index / "bm25"
    damage(folder)
    with pytest.raises(IndexMismatchError) as ours:
        read_part(folder, KeywordIndex.load)
    with pytest.raises(IndexMismatchError) as theirs:
        read_part(folder, bm25s_load)
    assert str(ours.value) == str(theirs.value) and "bm25" in str(ours.value) and "qa index --out" in str(ours.value)


@pytest.mark.parametrize("damage", [
    lambda f: (f / "params.index.json").write_text("[1, 2]"),
    lambda f: (f / "vocab.index.json").write_text("[]"),
    damage_params("num_docs", None),
    damage_params("num_docs", "603"),
])
def test_damage_bm25s_let_through_is_named_too(mini_index: Path, damage):
    damage(mini_index / "bm25")
    with pytest.raises(IndexMismatchError, match="bm25.*qa index --out"):
        read_part(mini_index / "bm25", KeywordIndex.load)
