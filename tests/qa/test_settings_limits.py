"""Settings and arguments the hostile sweep found taken without a word: k beyond any index (QA_K=10**12,
-k 100000, k over MCP), an encoder name that is no encoder (hashing-abc: a traceback), QA_CORPUS naming no path,
QA_CACHE_DIR that is a file."""
import pytest

from embeddings.encoders import make_encoder
from embeddings.errors import InputError
from qa.interfaces.cli import main
from qa.settings import MAX_K, Settings, check_k


@pytest.mark.parametrize("value", [str(MAX_K + 1), "1000000000000"])
def test_qa_k_has_a_ceiling(monkeypatch, value):
    monkeypatch.setenv("QA_K", value)
    with pytest.raises(InputError, match=f"QA_K must be at most {MAX_K}, got '{value}'"):
        Settings()


def test_k_has_a_ceiling_in_every_interface(mini_index, capsys):
    assert check_k(MAX_K) == MAX_K
    with pytest.raises(InputError, match=f"k must be at most {MAX_K}, got 100000"):
        check_k(100_000)
    assert main(["search", "乙县提供用地多少亩", "-k", "100000", "--index", str(mini_index)]) == 1
    assert "error: k 不能大于 100" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["hashing-abc", "hashing-0", "hashing-64-0", "hashingx", "hashing--3"])
def test_an_encoder_name_that_is_no_hashing_encoder_is_named(name):
    with pytest.raises(InputError, match="is not a hashing encoder's name"):
        make_encoder(name)


def test_hashing_names_keep_their_meaning():
    assert [make_encoder(n).name for n in ("hashing", "hashing-64", "hashing-128-3")] == \
        ["hashing-256-2", "hashing-64-2", "hashing-128-3"]


def test_a_bad_encoder_name_through_the_cli_is_one_error_line(tmp_path, mini_corpus, capsys, monkeypatch):
    monkeypatch.setenv("QA_ENCODER", "hashing-abc")
    assert main(["index", str(mini_corpus), "--out", str(tmp_path / "idx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "hashing-abc" in err and "Traceback" not in err


def test_qa_corpus_naming_no_path_is_an_error(monkeypatch):
    monkeypatch.setenv("QA_CORPUS", "::")
    with pytest.raises(InputError, match="QA_CORPUS names no path"):
        Settings()


def test_qa_cache_dir_that_is_a_file_is_an_error(monkeypatch, tmp_path):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "file"))
    with pytest.raises(InputError, match="QA_CACHE_DIR must be a folder"):
        Settings()
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "not-yet"))  # created when needed: fine
    assert Settings().cache_dir == str(tmp_path / "not-yet")
