import json
from pathlib import Path

import pytest

from qa.interfaces.cli import main


@pytest.fixture
def built(tmp_path: Path, mini_corpus: Path, capsys) -> Path:
    out = tmp_path / "idx"
    assert main(["index", str(mini_corpus), "--out", str(out), "--encoder", "hashing-64"]) == 0
    assert "3 reports" in capsys.readouterr().out
    return out


def test_search_json_and_text(built: Path, capsys):
    assert main(["search", "乙县提供用地多少亩", "-k", "2", "--index", str(built), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["hits"]) == 2 and "527亩" in data["hits"][0]["passage"]["text"]
    assert main(["search", "乙县提供用地多少亩", "-k", "1", "--index", str(built)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. [") and "乙县双拥工作综述" in out and "2023年7月31日" in out


def test_reports_lists_what_the_index_holds(built: Path, capsys):
    assert main(["reports", "--index", str(built), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["report"] for r in data["reports"]] == [1, 2, 3]
    assert data["reports"][2]["places"] == ["闽南市", "漳州"]


@pytest.mark.parametrize("argv,message", [
    (["search", "", "--index", "{idx}"], "question is empty"),
    (["search", "问" * 10_000, "--index", "{idx}"], "limit is 500"),
    (["search", "双拥", "-k", "0", "--index", "{idx}"], "k must be an integer >= 1"),
    (["search", "双拥", "--index", "{missing}"], "no index at"),
    (["index", "{missing}", "--out", "{new}", "--encoder", "hashing-64"], "path not found"),
    (["search", "双拥", "--report", "99", "--index", "{idx}"], "not in the index"),
])
def test_errors_are_one_line_and_exit_nonzero(built: Path, tmp_path: Path, capsys, argv, message):
    argv = [a.format(idx=built, missing=tmp_path / "missing", new=tmp_path / "new") for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err


def test_rebuild_over_a_non_index_folder_is_refused(tmp_path: Path, mini_corpus: Path, capsys):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "keep.txt").write_text("important")
    assert main(["index", str(mini_corpus), "--out", str(precious), "--encoder", "hashing-64"]) == 1
    assert "not an index folder" in capsys.readouterr().err
    assert (precious / "keep.txt").read_text() == "important"


def test_help_is_instant_and_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("index", "search", "reports", "ask", "eval", "train-reader", "serve", "ui"):
        assert command in out


def test_the_interactive_ask_loop_reads_a_follow_up_against_the_question_before(monkeypatch, capsys):
    import io

    from embeddings.types import Passage
    from qa.types import Answer, Response

    asked = []

    class Fake:
        def ask(self, question, *, k=None, reports=None, places=None, history=None):
            asked.append((question, history))
            text = "芜湖为部队提供用地527亩。"
            return Response(question, (Answer("527亩", 9.0, Passage("p", 1, text, 0, len(text)), 9, 13),), (),
                            question_used=question.replace("那张掖呢？", "张掖为部队提供了多少亩用地？"))

    monkeypatch.setattr("qa.assistant.Assistant.load", classmethod(lambda cls, settings=None, **kw: Fake()))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("芜湖为部队提供了多少亩用地？\n那张掖呢？\n".encode())))
    assert main(["ask"]) == 0
    assert asked[0][1] is None
    assert [(t.question, t.answer) for t in asked[1][1]] == [("芜湖为部队提供了多少亩用地？", "527亩")]
    assert capsys.readouterr().out.count("527亩") >= 2
