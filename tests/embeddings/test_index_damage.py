"""Damaged index folders are named, never answered from; killed builds' leftovers go (issue cases 5, 8)."""
import json
import time
from pathlib import Path

import pytest

from embeddings.errors import IndexDamagedError, IndexMismatchError, IndexNotFoundError
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
    (lambda f: edit_manifest(f, lambda m: {**m, "encoder": "m3e-small", "dim": 512}), "manifest.json"),
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
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".index.")) == []  # nor a lock file
    assert load_index(folder).manifest["reports"] == 3


def test_a_build_killed_between_the_renames_gets_the_old_index_back(tmp_path: Path, mini_corpus: Path,
                                                                      hashing_encoder):
    folder = tmp_path / "index"
    build_index([mini_corpus], folder, hashing_encoder)
    folder.rename(tmp_path / ".index.old-1")  # killed after moving the old index aside
    from embeddings.index_lock import clear_leftovers

    clear_leftovers(folder)
    assert load_index(folder).manifest["reports"] == 3 and not (tmp_path / ".index.old-1").exists()


def overwrite(path: Path, at: int, data: bytes) -> None:
    """data written over path's bytes from offset `at` (a negative one counts from the end): the size stays."""
    blob = bytearray(path.read_bytes())
    at = at % len(blob)
    blob[at:at + len(data)] = data[:len(blob) - at]
    path.write_bytes(bytes(blob))


def truncate(path: Path, keep: float) -> None:
    path.write_bytes(path.read_bytes()[:int(path.stat().st_size * keep)])


# issue 22, "Why" 1 and 2: each of these loaded with a traceback, or loaded and changed the answers
@pytest.mark.parametrize("damage, named", [
    (lambda f: (f / "columns.npz").write_bytes(b""), "columns.npz"),
    (lambda f: truncate(f / "columns.npz", 0.5), "columns.npz"),
    (lambda f: (f / "bm25" / "data.csc.index.npy").write_bytes(b""), "data.csc.index.npy"),
    (lambda f: truncate(f / "bm25" / "indptr.csc.index.npy", 0.7), "indptr.csc.index.npy"),
    (lambda f: overwrite(f / "bm25" / "indices.csc.index.npy", 200, bytes(range(256)) * 4), "indices.csc.index.npy"),
    (lambda f: overwrite(f / "bm25" / "data.csc.index.npy", -64, b"\x00" * 64), "data.csc.index.npy"),
    (lambda f: overwrite(f / "bm25" / "vocab.index.json", 2, b"x"), "vocab.index.json"),
    (lambda f: overwrite(f / "passages.jsonl", (f / "passages.jsonl").stat().st_size // 2, b"\x00garbage\xff"),
     "passages.jsonl"),
    (lambda f: (f / "passages.jsonl").write_bytes(b"\xef\xbb\xbf" + (f / "passages.jsonl").read_bytes()),
     "passages.jsonl"),
    (lambda f: overwrite(f / "reports.jsonl", 40, "乙".encode()), "reports.jsonl"),
    (lambda f: overwrite(f / "vectors.faiss", 100, b"\x00" * 512), "vectors.faiss"),
    (lambda f: overwrite(f / "vectors.faiss", -300, b"\x7f" * 64), "vectors.faiss"),
    (lambda f: (f / "bm25" / "params.index.json").unlink(), "params.index.json"),
    (lambda f: edit_manifest(f, lambda m: {**m, "encoder": "hashing-128-7"}), "manifest.json"),  # same dimension
    (lambda f: edit_manifest(f, lambda m: {k: v for k, v in m.items() if k != "checksum"}), "manifest.json"),
])
def test_every_file_is_checked_by_size_and_checksum(mini_index: Path, damage, named):
    damage(mini_index)
    with pytest.raises(IndexDamagedError) as err:
        load_index(mini_index)
    assert named in str(err.value) and "qa index --out" in str(err.value) and "--force" in str(err.value)
    assert err.value.path.endswith(named) or named == "manifest.json"


def test_damaged_tokens_are_named_when_the_index_is_changed(mini_index: Path, tmp_path: Path, hashing_encoder):
    from embeddings.index_update import add_to_index
    from tests_helpers import NEW_REPORT

    truncate(mini_index / "tokens.npz", 0.5)
    new = tmp_path / "new.txt"
    new.write_text(NEW_REPORT, encoding="utf-8")
    with pytest.raises(IndexDamagedError, match="tokens.npz"):
        add_to_index(mini_index, [new], hashing_encoder)


def test_an_index_of_the_previous_format_is_refused_with_the_fix(mini_index: Path):
    edit_manifest(mini_index, lambda m: {k: v for k, v in m.items() if k not in ("checksum", "files")}
                  | {"format_version": 3})  # 3: no pages in PDF passages
    with pytest.raises(IndexMismatchError, match=r"has format 3, this version reads 4 .*qa index --force --out"):
        load_index(mini_index)


def test_files_are_hashed_once_per_process_and_again_when_they_change(mini_index: Path, monkeypatch):
    from embeddings import index_checksums

    load_index(mini_index)  # the build's own hashes count as checked
    read = []
    real = index_checksums.file_hash
    monkeypatch.setattr(index_checksums, "file_hash", lambda p: read.append(p.name) or real(p))
    load_index(mini_index)
    assert read == []
    overwrite(mini_index / "reports.jsonl", 40, "乙".encode())  # same size, new bytes and mtime
    with pytest.raises(IndexDamagedError, match="reports.jsonl"):
        load_index(mini_index)
    assert read == ["reports.jsonl"]


def test_a_passage_line_damaged_after_opening_is_named_not_a_traceback(mini_index: Path):
    index = load_index(mini_index)
    path = mini_index / "passages.jsonl"
    with path.open("r+b") as fh:  # in place: the open memory map sees it
        fh.write(b"{garbage")
    with pytest.raises(IndexDamagedError, match="passages.jsonl"):
        next(iter(index.passages))  # parsed again (indexing would answer from its cache)


def test_the_manifest_lists_every_file_it_was_written_with(mini_index: Path):
    manifest = json.loads((mini_index / "manifest.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(mini_index).as_posix() for p in mini_index.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == on_disk - {"manifest.json"}
    assert all(e["size"] == (mini_index / n).stat().st_size for n, e in manifest["files"].items())


@pytest.mark.parametrize("name", ["passages.jsonl", "vectors.faiss", "bm25/data.csc.index.npy"])
def test_a_large_index_is_hashed_on_a_worker_and_damage_still_named(mini_index: Path, monkeypatch, name):
    from embeddings import index_checksums

    monkeypatch.setattr(index_checksums, "AHEAD_FROM", 0)  # the mini index counts as large
    index_checksums._verified.clear()
    assert load_index(mini_index).manifest["passages"] > 0
    overwrite(mini_index / name, -40, b"\x00" * 8)
    with pytest.raises(IndexDamagedError, match=name.split("/")[-1]):
        load_index(mini_index)


def reseal(folder: Path) -> None:
    """The manifest's checksums made to fit the files as they are now (a bad build, not damage on disk)."""
    from embeddings.index_checksums import file_table, manifest_checksum

    edit_manifest(folder, lambda m: {**m, "files": file_table(folder)})
    edit_manifest(folder, lambda m: {**m, "checksum": manifest_checksum(m)})


@pytest.mark.parametrize("array, change", [
    ("indptr", lambda a: a[:-1]),
    ("indices", lambda a: a + 10_000),
    ("data", lambda a: a.astype("int64")),
    ("indices", lambda a: a.reshape(1, -1)),
])
def test_bm25_arrays_that_do_not_fit_together_are_named_even_with_checksums_that_fit(mini_index: Path, array, change):
    import numpy as np

    path = mini_index / "bm25" / f"{array}.csc.index.npy"
    np.save(path, change(np.load(path)))
    reseal(mini_index)
    with pytest.raises(IndexDamagedError, match="bm25"):
        load_index(mini_index)


def test_a_file_table_naming_a_pipe_or_a_path_outside_the_folder_is_damage(mini_index: Path):
    """Hostile sweep: a manifest rewritten with its checksum to list bm25/../../pipe hashed a FIFO: blocked forever."""
    import os

    from embeddings.index_checksums import manifest_checksum

    os.mkfifo(mini_index.parent / "pipe")

    def listing(name: str):
        def change(m):
            m = {**m, "files": {**m["files"], name: {"size": 0, "xxh3": "0"}}}
            return {**m, "checksum": manifest_checksum(m)}
        return change

    edit_manifest(mini_index, listing("bm25/../../pipe"))
    with pytest.raises(IndexDamagedError, match="not a file inside the folder"):
        load_index(mini_index)
    edit_manifest(mini_index, lambda m: listing("bm25/x")({**m, "files": {k: v for k, v in m["files"].items()
                                                                          if ".." not in k}}))
    (mini_index / "bm25" / "x").unlink(missing_ok=True)
    os.mkfifo(mini_index / "bm25" / "x")  # inside the folder, but a pipe
    with pytest.raises(IndexDamagedError, match="not a regular file"):
        load_index(mini_index)
