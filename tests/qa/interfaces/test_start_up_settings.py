"""Bad start-up settings and busy ports: one clear error line naming the value and the fix, exit non-zero, never
a traceback and never a server listening somewhere else (issue 22, start-up settings)."""
import socket

import pytest

from embeddings.errors import InputError
from qa.interfaces.cli import main
from qa.settings import Settings


@pytest.fixture
def busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


@pytest.fixture
def no_server(monkeypatch):
    """Starting a server or loading models fails the test: the errors must come before."""
    import uvicorn

    import ui.app

    def never(*args, **kwargs):
        raise AssertionError("the server was started")

    monkeypatch.setattr(uvicorn, "run", never)
    monkeypatch.setattr(ui.app, "launch", never)
    monkeypatch.setattr(ui.app, "load_assistant", never)


@pytest.mark.parametrize("value", ["abc", "0", "-3", "2.5"])
def test_a_bad_qa_k_is_an_error_line(monkeypatch, capsys, value):
    monkeypatch.setenv("QA_K", value)
    with pytest.raises(InputError, match=f"QA_K must be a whole number >= 1, got '{value}'"):
        Settings()
    assert main(["search", "乙县提供用地多少亩"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: QA_K 应为不小于 1 的整数") and err.count("\n") == 1


def test_qa_k_is_read(monkeypatch):
    monkeypatch.setenv("QA_K", " 8 ")
    assert Settings().k == 8


@pytest.mark.parametrize("value, meant", [("1", True), ("yes", True), ("TRUE", True), ("on", True), ("0", False),
                                          ("no", False), ("false", False), ("off", False), ("", False)])
def test_quantize_queries_reads_yes_and_no(monkeypatch, value, meant):
    monkeypatch.setenv("QA_QUANTIZE_QUERIES", value)
    assert Settings().quantize_queries is meant


def test_quantize_queries_maybe_is_an_error_not_a_yes(monkeypatch, capsys):
    monkeypatch.setenv("QA_QUANTIZE_QUERIES", "maybe")
    with pytest.raises(InputError, match="QA_QUANTIZE_QUERIES must be 1/0, true/false or yes/no, got 'maybe'"):
        Settings()
    assert main(["ask", "乙县提供用地多少亩"]) == 1
    assert capsys.readouterr().err.startswith("error: QA_QUANTIZE_QUERIES 应为")


@pytest.mark.parametrize("command", ["serve", "ui", "mcp"])
@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_a_port_out_of_range_is_refused(capsys, no_server, command, port):
    with pytest.raises(SystemExit) as exited:
        main([command, "--fake", "--port", port])
    assert exited.value.code == 2
    assert f"argument --port: a port is a whole number from 1 to 65535, got '{port}'" in capsys.readouterr().err


@pytest.mark.parametrize("command, code", [("serve", 1), ("ui", 2), ("mcp", 1)])
def test_a_busy_port_is_said_before_anything_loads(capsys, no_server, busy_port, command, code):
    extra = ["--transport", "streamable-http"] if command == "mcp" else []
    assert main([command, "--fake", "--port", str(busy_port), *extra]) == code
    err = capsys.readouterr().err
    assert err.startswith(f"error: 端口 {busy_port} 已被占用") and err.count("\n") == 1
    assert f"port {busy_port} on 127.0.0.1 is already in use" in err and f"--port {busy_port + 1}" in err


def test_serve_checks_the_settings_before_it_listens(monkeypatch, capsys, no_server):
    monkeypatch.setenv("QA_K", "abc")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert main(["serve", "--port", str(port)]) == 1
    assert capsys.readouterr().err.startswith("error: QA_K 应为不小于 1 的整数")


def test_a_bad_store_is_an_error_not_a_faiss_build(monkeypatch, capsys, tmp_path, mini_corpus):
    monkeypatch.setenv("QA_STORE", "postgres")
    assert main(["index", str(mini_corpus), "--out", str(tmp_path / "idx"), "--encoder", "hashing-64"]) == 1
    assert "store must be one of ('faiss', 'milvus'), got 'postgres'" in capsys.readouterr().err
    assert not (tmp_path / "idx").exists()
