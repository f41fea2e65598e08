"""A full disk while `qa index`, `--add`, `--remove` or an upload writes: one `error:` line naming the folder and
the fix, exit 1, nothing left behind (no temporary folder, no lock file, no kept upload), the old index whole."""
import errno
from pathlib import Path

import pytest

from embeddings.errors import DiskFullError
from embeddings.index import MANIFEST, build_index, load_index
from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT


def _fill_the_disk(monkeypatch, how: str = "oserror") -> None:
    """The next index write fails as on a full disk: an OSError ENOSPC, or FAISS's RuntimeError."""
    import faiss

    import embeddings.index

    def full(*args, **kwargs):
        if how == "faiss":
            raise RuntimeError("Error in faiss::FileIOWriter::operator() write error in vectors.faiss: 0 != 4096 "
                               "(No space left on device)")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(embeddings.index, "_write_jsonl", full)
    if how == "faiss":
        monkeypatch.setattr(faiss, "write_index", full)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


@pytest.mark.parametrize("how", ["oserror", "faiss"])
def test_qa_index_on_a_full_disk(tmp_path: Path, mini_corpus: Path, monkeypatch, capsys, how: str):
    out = tmp_path / "idx"
    _fill_the_disk(monkeypatch, how)
    assert main(["index", str(mini_corpus), "--out", str(out), "--encoder", "hashing-64"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: 磁盘空间不足")
    assert f"while writing the index {out}" in err and "free some space" in err and "Traceback" not in err
    assert not out.exists() and _leftovers(out) == []


@pytest.mark.parametrize("change", [["--add", "NEW"], ["--remove", "2"], ["--force"]])
def test_a_change_on_a_full_disk_keeps_the_old_index(tmp_path: Path, mini_corpus: Path, monkeypatch, capsys,
                                                    change: list[str], hashing_encoder):
    out = build_index([mini_corpus], tmp_path / "idx", hashing_encoder)
    before = (out / MANIFEST).read_text()
    new = tmp_path / "extra" / "丙区.txt"
    new.parent.mkdir()
    new.write_text(NEW_REPORT, encoding="utf-8")
    _fill_the_disk(monkeypatch)
    args = [str(new) if a == "NEW" else a for a in change]
    paths = [str(mini_corpus), "--encoder", hashing_encoder.name] if change == ["--force"] else []
    assert main(["index", *paths, "--out", str(out), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: 磁盘空间不足") and err.count("\n") == 1 and str(out) in err
    assert (out / MANIFEST).read_text() == before and load_index(out).manifest["reports"] == 3
    assert _leftovers(out) == []


def test_the_lock_file_goes_with_the_build(tmp_path: Path, mini_corpus: Path, hashing_encoder):
    out = build_index([mini_corpus], tmp_path / "idx", hashing_encoder)
    assert _leftovers(out) == []


def test_an_upload_on_a_full_disk_keeps_nothing(mini_index: Path, hashing_encoder, tmp_path: Path, monkeypatch):
    import shutil

    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings
    from ui.library import add_files, upload_folder

    class Holder:
        retriever = Retriever.load(mini_index, encoder=hashing_encoder, settings=Settings(quantize_queries=False))

        def reload_index(self):
            raise AssertionError("nothing changed: nothing to reload")

    files = []
    for name in ("丙区.txt", "丁县.txt"):
        files.append(tmp_path / name)
        files[-1].write_text(NEW_REPORT.replace("丙区", name[:2]), encoding="utf-8")
    copies = []

    def copy_then_fill(src, dst, *args, **kwargs):
        if copies:
            Path(dst).write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")
        copies.append(dst)
        return real_copy(src, dst)

    real_copy = shutil.copyfile
    monkeypatch.setattr(shutil, "copyfile", copy_then_fill)
    outcome = add_files(Holder(), files)
    assert not outcome.ok and outcome.message == "没有添加任何文件：磁盘空间不足，索引没有更改：请释放磁盘空间后重试"
    assert not [p for p in upload_folder(mini_index).rglob("*") if p.is_file()]
    assert _leftovers(mini_index) == []
    with pytest.raises(DiskFullError):
        monkeypatch.setattr(shutil, "copyfile", copy_then_fill)
        from ui.library import _keep

        _keep(files, tmp_path / "kept")
    assert not list((tmp_path / "kept").iterdir())
