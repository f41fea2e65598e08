"""The public surface that the layout must not move: the package's names, the CLI's commands, the HTTP routes."""
import argparse
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_exports_retriever_assistant_and_settings():
    import qa
    from qa import Answer, Assistant, Hit, QAError, Response, Retriever, Settings

    assert set(qa.__all__) == {"Answer", "Assistant", "Hit", "QAError", "Response", "Retriever", "Settings"}
    assert Retriever.__module__ == "qa.retrieval.retriever" and Assistant.__module__ == "qa.assistant"
    assert callable(Retriever.load) and callable(Assistant.load) and Settings().k >= 1
    assert all(isinstance(t, type) for t in (Answer, Hit, QAError, Response))
    with pytest.raises(AttributeError):
        qa.Nothing  # noqa: B018


def test_every_cli_command_is_still_there():
    from qa.interfaces.cli import DELEGATED, build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == ["index", "search", "reports", "ask", "eval", "train-reader", "serve", "ui", "mcp",
                                 "export-onnx"]
    for name, (module, _) in DELEGATED.items():
        assert callable(importlib.import_module(module).main), name


def test_the_console_script_and_python_m_qa_run_the_cli():
    from qa.interfaces.cli import main

    script = re.search(r'^qa = "([\w.]+):(\w+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert script and getattr(importlib.import_module(script.group(1)), script.group(2)) is main
    assert "from qa.interfaces.cli import main" in (ROOT / "qa" / "__main__.py").read_text()


def test_every_http_route_is_still_there():
    from qa.interfaces.fake import FakeAssistant
    from qa.interfaces.service import create_app

    routes = {(r.path, m) for r in create_app(FakeAssistant()).routes for m in getattr(r, "methods", None) or ()}
    assert {("/health", "GET"), ("/reports", "GET"), ("/search", "POST"), ("/ask", "POST"), ("/page", "GET"),
            ("/docs", "GET"), ("/openapi.json", "GET")} <= routes
    assert {path for path, _ in routes} == {"/health", "/reports", "/search", "/ask", "/page", "/docs",
                                            "/docs/oauth2-redirect", "/openapi.json", "/redoc"}
