"""The Gradio shell without a browser: it builds over the fake assistant, and main() wires args to launch."""
import pytest

from ui import app as ui_app
from qa.interfaces.fake import FakeAssistant


def test_build_app_returns_blocks():
    gr = pytest.importorskip("gradio")
    assert isinstance(ui_app.build_app(FakeAssistant()), gr.Blocks)


def test_main_defaults_to_loopback_and_prints_the_address(monkeypatch, capsys):
    launched = {}
    monkeypatch.setattr(ui_app, "launch", lambda app, **kw: launched.update(kw))
    assert ui_app.main(["--fake"]) == 0
    assert launched == {"host": "127.0.0.1", "port": 7860}
    assert "http://127.0.0.1:7860" in capsys.readouterr().out


def test_main_reports_a_missing_index_cleanly(monkeypatch, capsys):
    from embeddings.errors import IndexNotFoundError

    def missing(args):
        raise IndexNotFoundError("no index at /x: build one with `qa index --out /x`")

    monkeypatch.setattr(ui_app, "load_assistant", missing)
    assert ui_app.main(["--port", "9999"]) == 2
    assert "qa index" in capsys.readouterr().err


def test_a_question_shows_at_once_with_a_pending_note_that_is_not_an_answer():
    from ui.app import pending

    before = [{"role": "user", "content": "甲"}, {"role": "assistant", "content": "乙"}]
    chat = pending("  张掖<划拨>了多少土地？ ", before)
    assert chat[:2] == before and chat[2] == {"role": "user", "content": "张掖&lt;划拨&gt;了多少土地？"}
    assert chat[3]["role"] == "assistant" and 'class="qa-pending"' in chat[3]["content"]
    assert pending("", None)[0]["content"] == "（空）"
