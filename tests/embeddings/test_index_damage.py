"""Damaged index folders are named, never answered from; killed builds' leftovers go (issue cases 5, 8)."""
import json
import time
from pathlib import Path

import pytest

from embeddings.errors import IndexMismatchError, IndexNotFoundError
from embeddings.index import build_index, load_index
from qa.retrieval.retriever import Retriever


def edit_manifest(folder: Path, change) -> None:
    path = folder / "manifest.json"
    path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")


@pytest.mark.parametrize("damage, named", [
    (lambda f: (f / "reports.jsonl").write_text(""), "reports.jsonl"),
    (lambda f: (f / "passages.jsonl").write_text("[1, 2]\n"), "passages.jsonl"),
    (lambda f: (f / "manifest.json").write_text("[]"), "manifest.json"),
    (lambda f: (f / "manifest.json").write_text("null"), "manifest.json"),
    (lambda f: (f / "manifest.json").write_text("{not json"), "manifest.json"),
    (lambda f: edit_manifest(f, lambda m: {**m, "encoder": "hashing-256"}), "manifest.json"),
    (lambda f: edit_manifest(f, lambda m: {**m, "dim": 64}), "manifest.json"),
    (lambda f: edit_manifest(f, lambda m: {**m, "encoder": "m3e-small", "dim": 512}), "vectors.faiss"),
    (lambda f: edit_manifest(f, lambda m: {**m, "reports": "3"}), "manifest.json"),
    (lambda f: (f / "vectors.faiss").write_bytes(b"garbage"), "vectors.faiss"),
])
def test_damage_is_detected_and_the_file_named(mini_index: Path, damage, named):
    damage(mini_index)
    with pytest.raises(IndexMismatchError) as err:
        load_index(mini_index)
    assert named in str(err.value) and "qa index --out" in str(err.value)


def test_passages_that_do_not_match_their_report_are_damage(mini_index: Path):
    path = mini_index / "passages.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] = "南京市为驻地部队划拨土地2000多亩。"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="passages.jsonl"):
        load_index(mini_index)


def test_a_folder_without_manifest_is_not_an_index(mini_index: Path):
    (mini_index / "manifest.json").unlink()
    with pytest.raises(IndexNotFoundError, match="is not an index folder"):
        Retriever.load(mini_index)


def test_the_encoder_must_fit_the_vectors(mini_index: Path):
    from embeddings.encoders import HashingEncoder

    retriever = Retriever(load_index(mini_index), HashingEncoder(32))  # the index holds 128-d vectors
    with pytest.raises(IndexMismatchError, match="32-d vectors"):
        retriever.search("乙县提供用地多少亩")


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path: Path, mini_corpus: Path, hashing_encoder):
    folder = tmp_path / "index"
    build_index([mini_corpus], folder, hashing_encoder)
    tmp_left = tmp_path / ".index.tmp-abc123"
    old_left = tmp_path / f".index.old-{int(time.time() * 1000)}"
    for leftover in (tmp_left, old_left):
        leftover.mkdir()
        (leftover / "vectors.faiss").write_bytes(b"half")
    build_index([mini_corpus], folder, hashing_encoder)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".index.")) == [".index.lock"]
    assert load_index(folder).manifest["reports"] == 3


def test_a_build_killed_between_the_renames_gets_the_old_index_back(tmp_path: Path, mini_corpus: Path,
                                                                      hashing_encoder):
    folder = tmp_path / "index"
    build_index([mini_corpus], folder, hashing_encoder)
    folder.rename(tmp_path / ".index.old-1")  # killed after moving the old index aside
    from embeddings.index_lock import clear_leftovers

    clear_leftovers(folder)
    assert load_index(folder).manifest["reports"] == 3 and not (tmp_path / ".index.old-1").exists()
