"""One bad file never blocks the rest: a folder is indexed from every readable file, each skipped one is named
with its reason (in Chinese too); `qa index` fails when nothing could be read, or with --strict when any was skipped."""
from pathlib import Path

import pytest

from conftest import MINI_COMPILATION
from embeddings.errors import DocumentError
from embeddings.ingest import read_collection
from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT

BAD = {"broken.pdf": b"%PDF-1.4 cut short", "broken.docx": b"PK not a word file", "empty.txt": b"",
       "binary.txt": b"\x00\x01\x02", "broken.png": b"\x89PNG\r\n\x1a\n cut short"}


def _folder(tmp_path: Path, *, good: bool = True) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    if good:
        (folder / "mini.txt").write_text(MINI_COMPILATION, encoding="utf-8")
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    return folder


def test_bad_files_are_skipped_with_their_reason(tmp_path: Path):
    collection = read_collection([_folder(tmp_path)])
    assert len(collection.reports) == 3
    reasons = {Path(s.path).name: s.zh for s in collection.skipped}
    assert reasons == {"binary.txt": "不是文本文件（含二进制内容）", "broken.docx": "文件已损坏或无法读取",
                       "broken.pdf": "文件已损坏（不是完好的 PDF，或已加密）", "empty.txt": "文件中没有文字",
                       "broken.png": "文件已损坏（不是完好的图片）"}
    assert all(s.reason and " / " not in s.reason for s in collection.skipped)  # English only


def test_nothing_readable_is_an_error_naming_each_file(tmp_path: Path):
    with pytest.raises(DocumentError) as caught:
        read_collection([_folder(tmp_path, good=False)])
    assert all(name in caught.value.zh for name in BAD)


def test_qa_index_names_skipped_files_and_strict_fails(tmp_path: Path, capsys):
    folder, out = _folder(tmp_path), tmp_path / "idx"
    assert main(["index", str(folder), "--out", str(out), "--encoder", "hashing-64"]) == 0
    captured = capsys.readouterr()
    assert "3 reports" in captured.out
    assert all(f"skipped {folder / name}:" in captured.err for name in BAD)
    # the same folder again: the index is reused, its skipped files still named; --strict makes it an error
    assert main(["index", str(folder), "--out", str(out), "--encoder", "hashing-64", "--strict"]) == 1
    assert "5 file(s) skipped (--strict)" in capsys.readouterr().err
    assert main(["reports", "--index", str(out)]) == 0
    assert f"skipped {folder / 'empty.txt'}: 文件中没有文字" in capsys.readouterr().out
    # removing a report leaves the files that gave reports as the index's sources: none skipped any more
    assert main(["index", "--remove", "3", "--out", str(out), "--strict"]) == 0
    assert main(["index", "--out", str(out), "--encoder", "hashing-64", "--strict"]) == 0


def test_qa_index_fails_when_nothing_could_be_indexed(tmp_path: Path, capsys):
    folder = _folder(tmp_path, good=False)
    assert main(["index", str(folder), "--out", str(tmp_path / "idx"), "--encoder", "hashing-64"]) == 1
    err = capsys.readouterr().err
    assert "没有可索引的报告" in err and "broken.pdf" in err
    assert not (tmp_path / "idx").exists()


def test_milvus_index_names_skipped_files_and_strict_fails(tmp_path: Path, capsys):
    pytest.importorskip("pymilvus")
    folder = _folder(tmp_path)
    milvus = ["--store", "milvus", "--milvus-uri", str(tmp_path / "m.db"), "--milvus-collection", "mixed"]
    assert main(["index", str(folder), "--encoder", "hashing-64", *milvus]) == 0
    captured = capsys.readouterr()
    assert "built; 3 reports" in captured.out and f"skipped {folder / 'broken.pdf'}:" in captured.err
    assert main(["index", str(folder), "--encoder", "hashing-64", "--strict", *milvus]) == 1  # up to date, still
    assert "5 file(s) skipped (--strict)" in capsys.readouterr().err
    # a skipped file is no source: the same bytes come again beside a good file, are named again, not "already in"
    again, good = tmp_path / "broken-again.pdf", tmp_path / "丙区.txt"
    again.write_bytes(BAD["broken.pdf"])
    good.write_text(NEW_REPORT, encoding="utf-8")
    assert main(["index", "--add", str(again), str(good), "--strict", *milvus]) == 1
    captured = capsys.readouterr()
    assert "added report(s) 4" in captured.out and f"skipped {again}:" in captured.err


def test_an_add_names_its_skipped_files_and_a_skipped_file_may_come_again(tmp_path: Path, capsys):
    folder, out = _folder(tmp_path), tmp_path / "idx"
    assert main(["index", str(folder), "--out", str(out), "--encoder", "hashing-64"]) == 0
    again, good = tmp_path / "broken-again.pdf", tmp_path / "丙区.txt"
    again.write_bytes(BAD["broken.pdf"])
    good.write_text(NEW_REPORT, encoding="utf-8")
    capsys.readouterr()
    assert main(["index", "--add", str(again), str(good), "--out", str(out), "--strict"]) == 1
    captured = capsys.readouterr()
    assert "added report(s) 4" in captured.out and f"skipped {again}:" in captured.err
    assert main(["index", "--out", str(out), "--encoder", "hashing-64", "--strict"]) == 0  # none skipped now
