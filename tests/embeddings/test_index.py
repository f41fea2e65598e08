import json
from pathlib import Path

import pytest

from embeddings.encoders import HashingEncoder
from embeddings.errors import DocumentError, IndexMismatchError, IndexNotFoundError
from embeddings.index import MANIFEST, PASSAGES, build_index, ensure_index, load_index


def test_round_trip_keeps_passages_and_manifest(mini_index: Path, hashing_encoder):
    index = load_index(mini_index, encoder_name=hashing_encoder.name)
    manifest = index.manifest
    assert manifest["passages"] == len(index.passages) == index.vectors.ntotal == index.keyword.size
    assert manifest["encoder"] == hashing_encoder.name and manifest["dim"] == 128 and manifest["normalized"]
    assert manifest["reports"] == 3 and len(manifest["sources"]) == 1
    assert [r.number for r in index.reports] == [1, 2, 3]
    p = index.passages[0]
    assert index.reports[p.report - 1].text[p.start:p.end] == p.text


def test_missing_index_names_the_fix(tmp_path: Path):
    with pytest.raises(IndexNotFoundError, match="qa index --out"):
        load_index(tmp_path / "none")


def test_encoder_mismatch_is_refused(mini_index: Path):
    with pytest.raises(IndexMismatchError, match="built with encoder 'hashing-128-2'"):
        load_index(mini_index, encoder_name="m3e-small")


def test_corrupt_or_inconsistent_index_is_refused(mini_index: Path):
    lines = (mini_index / PASSAGES).read_text(encoding="utf-8").splitlines()
    (mini_index / PASSAGES).write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="inconsistent"):
        load_index(mini_index)
    (mini_index / PASSAGES).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="corrupt"):
        load_index(mini_index)


def test_unchanged_index_is_reused_and_changed_sources_rebuild(tmp_path: Path, mini_corpus: Path, hashing_encoder):
    folder = tmp_path / "idx"
    ensure_index([mini_corpus], folder, hashing_encoder)
    built_at = json.loads((folder / MANIFEST).read_text())["fingerprint"]
    mtime = (folder / MANIFEST).stat().st_mtime_ns
    ensure_index([mini_corpus], folder, hashing_encoder)
    assert (folder / MANIFEST).stat().st_mtime_ns == mtime  # reused, not rewritten
    mini_corpus.write_text(mini_corpus.read_text(encoding="utf-8").replace("527亩", "528亩"), encoding="utf-8")
    index = ensure_index([mini_corpus], folder, hashing_encoder)
    assert index.manifest["fingerprint"] != built_at
    assert any("528亩" in p.text for p in index.passages)


def test_failed_build_leaves_existing_index_intact(tmp_path: Path, mini_index: Path, hashing_encoder):
    before = (mini_index / MANIFEST).read_text()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError):
        build_index([empty], mini_index, hashing_encoder)
    assert (mini_index / MANIFEST).read_text() == before
    assert load_index(mini_index).manifest["passages"] > 0
    assert not [p for p in mini_index.parent.iterdir() if p.name.startswith(".index.tmp")]


def test_hnsw_option(tmp_path: Path, mini_corpus: Path):
    folder = build_index([mini_corpus], tmp_path / "h", HashingEncoder(64), index_type="hnsw")
    assert load_index(folder).manifest["index_type"] == "hnsw"
