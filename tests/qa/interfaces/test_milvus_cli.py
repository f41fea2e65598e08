"""`qa index --store milvus` through main([...]) on a real Milvus Lite file: build, reuse, add, remove, search."""
import pytest

from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT

pytest.importorskip("pymilvus")


def test_build_reuse_add_remove_and_search(tmp_path, mini_corpus, capsys):
    milvus = ["--store", "milvus", "--milvus-uri", str(tmp_path / "m.db"), "--milvus-collection", "mini"]
    build = ["index", str(mini_corpus), "--encoder", "hashing-128-2", *milvus]
    assert main(build) == 0 and "built; 3 reports" in capsys.readouterr().out
    assert main(build) == 0 and "up to date; 3 reports" in capsys.readouterr().out
    extra = tmp_path / "丙区.txt"
    extra.write_text(NEW_REPORT, encoding="utf-8")
    assert main(["index", "--add", str(extra), *milvus]) == 0
    assert "added report(s) 4; 4 reports" in capsys.readouterr().out
    assert main(["index", "--add", str(extra), *milvus]) == 1
    assert "already in" in capsys.readouterr().err
    assert main(["search", "丙区新建了几栋营房？", "-k", "1", "--mode", "bm25", "--json", *milvus]) == 0
    assert "营房3栋" in capsys.readouterr().out
    assert main(["index", "--remove", "丙区.txt", *milvus]) == 0
    assert "removed report(s) 4; 3 reports" in capsys.readouterr().out
    assert main(["reports", *milvus]) == 0 and "3 reports" in capsys.readouterr().out


def test_a_milvus_server_that_does_not_answer_is_named(capsys):
    assert main(["reports", "--store", "milvus", "--milvus-uri", "http://127.0.0.1:9"]) == 1
    assert "127.0.0.1:9" in capsys.readouterr().err
