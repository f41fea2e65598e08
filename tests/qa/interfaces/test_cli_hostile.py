"""The CLI against hostile input and index folders (issue cases 2, 3, 5, 6, 7, 11)."""
import os
from pathlib import Path

import pytest

from embeddings.index_lock import build_lock
from qa.interfaces.cli import main

GBK_QUESTION = os.fsdecode("张掖市累计为驻地部队划拨了多少亩土地？".encode("gbk"))  # argv as Python sees it


@pytest.fixture
def built(tmp_path: Path, mini_corpus: Path, capsys) -> Path:
    out = tmp_path / "idx"
    assert main(["index", str(mini_corpus), "--out", str(out), "--encoder", "hashing-64"]) == 0
    capsys.readouterr()
    return out


@pytest.fixture
def no_models(monkeypatch):
    """Fail the test if a command loads the assistant (the models) at all."""
    def load(*args, **kwargs):
        raise AssertionError("the models were loaded")

    monkeypatch.setattr("qa.assistant.Assistant.load", load)


def error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("command", ["search", "ask"])
def test_a_question_in_gbk_is_an_error_line(built: Path, capsys, no_models, command):
    assert main([command, GBK_QUESTION, "--index", str(built)]) == 1
    assert "not valid Unicode" in error_line(capsys)


@pytest.mark.parametrize("question", ["😀🎉🚀❤️", "？？？", "<script>alert(1)</script>张掖"])
def test_ask_refuses_questions_that_ask_nothing_before_loading_models(built: Path, capsys, no_models, question):
    assert main(["ask", question, "--index", str(built)]) == 1
    error_line(capsys)


def test_ask_checks_k_before_loading_models(built: Path, capsys, no_models):
    assert main(["ask", "张掖划拨了多少亩土地？", "-k", "0", "--index", str(built)]) == 1
    assert "k must be" in error_line(capsys)


def test_ask_on_a_folder_that_is_not_an_index_is_an_error_not_a_build(built: Path, tmp_path: Path, capsys, no_models):
    (built / "manifest.json").unlink()
    assert main(["ask", "张掖划拨了多少亩土地？", "--index", str(built)]) == 1
    err = error_line(capsys)
    assert "not an index folder" in err and f"qa index --out {built}" in err
    assert not (built / "manifest.json").exists()


def test_out_naming_a_file_is_an_error(tmp_path: Path, mini_corpus: Path, capsys):
    target = tmp_path / "index.txt"
    target.write_text("not a folder")
    assert main(["index", str(mini_corpus), "--out", str(target), "--encoder", "hashing-64"]) == 1
    assert "is a file, not a folder" in error_line(capsys)
    assert main(["index", str(mini_corpus), "--out", str(target / "sub"), "--encoder", "hashing-64"]) == 1
    assert "is a file" in error_line(capsys) and target.read_text() == "not a folder"


def test_a_second_build_of_one_folder_fails_clearly(built: Path, mini_corpus: Path, capsys):
    with build_lock(built):  # as if another `qa index --out` were writing it now
        assert main(["index", str(mini_corpus), "--out", str(built), "--encoder", "hashing-32", "--force"]) == 1
    assert "is being built by another" in error_line(capsys)
    assert main(["reports", "--index", str(built), "--json"]) == 0 and '"hashing-64-2"' in capsys.readouterr().out
