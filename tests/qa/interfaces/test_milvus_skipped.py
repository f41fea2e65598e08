"""`qa index --add` into a Milvus store names the files it leaves out exactly as the FAISS folder does: a link out
of the folder, a pipe, a second copy, unreadable bytes (hostile sweep, milvus family)."""
import os
import re

import pytest

from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT

pytest.importorskip("pymilvus")


def skipped(err: str) -> dict[str, str]:
    return {os.path.basename(m.group(1)): m.group(2) for m in re.finditer(r"^skipped (.+?): (.+)$", err, re.M)}


def test_milvus_and_faiss_name_the_same_skipped_files(tmp_path, mini_corpus, capsys):
    adds = tmp_path / "adds"
    adds.mkdir()
    (adds / "good.txt").write_text(NEW_REPORT, encoding="utf-8")
    (adds / "zcopy.txt").write_text(NEW_REPORT, encoding="utf-8")
    (adds / "random.txt").write_bytes(bytes(range(256)) * 20)
    os.symlink("/etc/passwd", adds / "passwd.txt")
    os.mkfifo(adds / "pipe.txt")
    milvus = ["--store", "milvus", "--milvus-uri", str(tmp_path / "m.db"), "--milvus-collection", "mini"]
    faiss = ["--out", str(tmp_path / "faiss")]
    for where in (milvus, faiss):
        assert main(["index", str(mini_corpus), "--encoder", "hashing-128-2", *where]) == 0
    capsys.readouterr()
    found = {}
    for name, where in (("milvus", milvus), ("faiss", faiss)):
        assert main(["index", "--add", str(adds), "--strict", *where]) == 1
        out = capsys.readouterr()
        assert "added report(s) 4" in out.out and "error: 4 file(s) skipped (--strict)" in out.err
        found[name] = skipped(out.err)
    assert sorted(found["milvus"]) == ["passwd.txt", "pipe.txt", "random.txt", "zcopy.txt"]
    assert found["milvus"] == found["faiss"]


def test_a_milvus_add_of_nothing_readable_names_each_file(tmp_path, mini_corpus, capsys):
    milvus = ["--store", "milvus", "--milvus-uri", str(tmp_path / "m.db"), "--milvus-collection", "mini"]
    assert main(["index", str(mini_corpus), "--encoder", "hashing-128-2", *milvus]) == 0
    link = tmp_path / "adds"
    link.mkdir()
    os.symlink("/etc/passwd", link / "passwd.txt")
    capsys.readouterr()
    assert main(["index", "--add", str(link), *milvus]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "passwd.txt" in err and "Traceback" not in err
