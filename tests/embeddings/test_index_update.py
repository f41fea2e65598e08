"""Incremental indexing: add and remove without re-encoding, stable numbers, atomic versions, clear errors."""
import json
from pathlib import Path

import numpy as np
import pytest

from embeddings.errors import InputError
from embeddings.index import MANIFEST, build_index, ensure_index, load_index
from embeddings.index_update import add_to_index, remove_from_index
from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT



class CountingEncoder:
    """The hashing encoder, counting the texts it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.encoded = inner, inner.name, inner.dim, 0

    def encode(self, texts, *, batch_size=32, progress=False):
        self.encoded += len(texts)
        return self.inner.encode(texts, batch_size=batch_size, progress=progress)


@pytest.fixture
def new_report(tmp_path: Path) -> Path:
    path = tmp_path / "extra" / "丙区.txt"
    path.parent.mkdir()
    path.write_text(NEW_REPORT, encoding="utf-8")
    return path


def test_add_encodes_only_the_new_report_and_numbers_it_last(mini_index, new_report, hashing_encoder):
    before = load_index(mini_index)
    old_ids = [p.id for p in before.passages]
    counting = CountingEncoder(hashing_encoder)
    change = add_to_index(mini_index, [new_report], counting)
    after = load_index(mini_index)
    assert change.added == (4,) and [r.number for r in after.reports] == [1, 2, 3, 4]
    added = [p for p in after.passages if p.report == 4]
    assert counting.encoded == len(added) >= 1
    assert [p.id for p in after.passages][: len(old_ids)] == old_ids
    assert after.manifest["edited"] and len(after.manifest["sources"]) == 2
    np.testing.assert_allclose(after.vectors.reconstruct_n(0, len(old_ids)), before.vectors.reconstruct_n(0, len(old_ids)))
    np.testing.assert_allclose(after.vectors.reconstruct(len(old_ids)), hashing_encoder.encode([added[0].index_text])[0],
                               rtol=1e-6)


def test_added_report_is_searchable(mini_index, new_report, hashing_encoder):
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    add_to_index(mini_index, [new_report], hashing_encoder)
    retriever = Retriever.load(mini_index, encoder=hashing_encoder, settings=Settings(quantize_queries=False))
    assert retriever.search("丙区新建了几栋营房？", 1, mode="bm25")[0].passage.report == 4
    assert retriever.search("营房", 3, reports=[4])[0].passage.text.startswith("丙区为驻地部队新建营房")


def test_adding_a_file_twice_is_refused_and_changes_nothing(mini_index, new_report, hashing_encoder, tmp_path):
    add_to_index(mini_index, [new_report], hashing_encoder)
    manifest = (mini_index / MANIFEST).read_text()
    copy = tmp_path / "copy.txt"
    copy.write_bytes(new_report.read_bytes())
    for again in (new_report, copy):
        with pytest.raises(InputError, match="already in index .*--remove 丙区.txt"):
            add_to_index(mini_index, [again], hashing_encoder)
    assert (mini_index / MANIFEST).read_text() == manifest


def test_remove_by_number_or_file_and_unknown_targets(mini_index, new_report, hashing_encoder):
    add_to_index(mini_index, [new_report], hashing_encoder)
    change = remove_from_index(mini_index, ["2"])
    index = load_index(mini_index)
    assert change.removed == (2,) and [r.number for r in index.reports] == [1, 3, 4]
    assert {p.report for p in index.passages} == {1, 3, 4} and index.vectors.ntotal == len(index.passages)
    remove_from_index(mini_index, ["丙区.txt"])
    assert [r.number for r in load_index(mini_index).reports] == [1, 3]
    manifest = (mini_index / MANIFEST).read_text()
    with pytest.raises(InputError, match="holds no report or source '9'"):
        remove_from_index(mini_index, ["9"])
    with pytest.raises(InputError, match="would leave index .* empty"):
        remove_from_index(mini_index, ["1", "3"])
    assert (mini_index / MANIFEST).read_text() == manifest


def test_edited_index_survives_the_default_ensure_and_a_code_rebuild(mini_index, mini_corpus, new_report,
                                                                     hashing_encoder, monkeypatch):
    add_to_index(mini_index, [new_report], hashing_encoder)
    remove_from_index(mini_index, ["2"])
    kept = ensure_index([mini_corpus], mini_index, hashing_encoder, index_type="flat")
    assert [r.number for r in kept.reports] == [1, 3, 4]  # not rebuilt from the corpus: nothing lost
    monkeypatch.setattr("embeddings.fingerprint._ingest_code_hash", lambda: "new-code")
    counting = CountingEncoder(hashing_encoder)
    rebuilt = ensure_index([mini_corpus], mini_index, counting, index_type="flat")
    assert [r.number for r in rebuilt.reports] == [1, 3, 4] and counting.encoded == 0  # same texts: vectors reused
    named = ensure_index([mini_corpus], mini_index, hashing_encoder, index_type="flat", keep_edited=False)
    # the named files define it again; report 2 was removed, so on its way back it gets a new number
    assert [r.number for r in named.reports] == [1, 3, 5] and not named.manifest.get("edited")


def test_rebuild_of_a_changed_folder_encodes_only_what_changed_and_keeps_numbers(tmp_path, mini_corpus,
                                                                                  hashing_encoder):
    folder = tmp_path / "idx"
    ensure_index([mini_corpus.parent], folder, hashing_encoder)
    first = load_index(folder)
    (mini_corpus.parent / "0-丙区.txt").write_text(NEW_REPORT, encoding="utf-8")  # sorts before mini.txt
    counting = CountingEncoder(hashing_encoder)
    index = ensure_index([mini_corpus.parent], folder, counting)
    assert [(r.number, r.title) for r in index.reports][:3] == [(r.number, r.title) for r in first.reports]
    assert index.reports[-1].number == 4 and index.reports[-1].source.endswith("0-丙区.txt")
    assert counting.encoded == sum(p.report == 4 for p in index.passages)


def test_a_crash_while_writing_leaves_the_previous_version(mini_index, new_report, hashing_encoder, monkeypatch):
    before = (mini_index / MANIFEST).read_text()

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("embeddings.keyword.KeywordIndex.save", crash)
    with pytest.raises(OSError, match="disk full"):
        add_to_index(mini_index, [new_report], hashing_encoder)
    assert (mini_index / MANIFEST).read_text() == before and len(load_index(mini_index).reports) == 3
    assert not [p for p in mini_index.parent.iterdir() if ".tmp-" in p.name]


def test_cli_add_and_remove(mini_index, new_report, capsys):
    assert main(["index", "--out", str(mini_index), "--add", str(new_report)]) == 0
    assert "added report(s) 4; now 4 reports" in capsys.readouterr().out
    assert main(["index", "--out", str(mini_index), "--remove", "4"]) == 0
    assert "removed report(s) 4; now 3 reports" in capsys.readouterr().out
    assert main(["index", "--out", str(mini_index), "--remove", "nope.txt"]) == 1
    assert "holds no report or source 'nope.txt'" in capsys.readouterr().err
    assert json.loads((mini_index / MANIFEST).read_text())["reports"] == 3


def test_adding_to_a_missing_index_names_the_fix(tmp_path, new_report, capsys):
    assert main(["index", "--out", str(tmp_path / "none"), "--add", str(new_report)]) == 1
    assert "qa index --out" in capsys.readouterr().err


def test_after_changes_bm25_equals_a_fresh_build(mini_index, mini_corpus, new_report, hashing_encoder, tmp_path):
    add_to_index(mini_index, [new_report], hashing_encoder)
    remove_from_index(mini_index, ["2"])
    changed = load_index(mini_index)
    assert (mini_index / "tokens.npz").exists()
    fresh = load_index(build_index([mini_corpus, new_report], tmp_path / "fresh", hashing_encoder))
    keep = [i for i, p in enumerate(fresh.passages) if p.report != 2]
    for query in ("营房", "双拥 部队 土地", "漳州建成双拥林"):
        assert np.array_equal(changed.keyword.scores(query), fresh_scores(fresh, keep, query))


def fresh_scores(fresh, keep, query):
    """BM25 over the fresh index's kept passages, built from scratch (what the changed index must equal)."""
    from embeddings.keyword import KeywordIndex

    return KeywordIndex.build([fresh.passages[i].index_text for i in keep]).scores(query)


@pytest.mark.parametrize("index_type", ["ivf", "hnsw"])
def test_approximate_indexes_take_changes_too(tmp_path, mini_corpus, new_report, hashing_encoder, index_type):
    folder = build_index([mini_corpus], tmp_path / index_type, hashing_encoder, index_type=index_type)
    add_to_index(folder, [new_report], hashing_encoder)
    index = load_index(folder)
    last = len(index.passages) - 1
    np.testing.assert_allclose(index.vectors.reconstruct(last),
                               hashing_encoder.encode([index.passages[last].index_text])[0], rtol=1e-6)
    remove_from_index(folder, ["1"])
    after = load_index(folder)
    assert after.manifest["index_type"] == index_type and after.vectors.ntotal == len(after.passages)


def test_adding_with_another_encoder_is_refused(mini_index, new_report):
    from embeddings.encoders import HashingEncoder
    from embeddings.errors import IndexMismatchError

    before = (mini_index / MANIFEST).read_text()
    with pytest.raises(IndexMismatchError, match="built with encoder 'hashing-128-2'"):
        add_to_index(mini_index, [new_report], HashingEncoder(64))
    assert (mini_index / MANIFEST).read_text() == before
