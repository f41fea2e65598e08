"""The assistant a server command serves: loaded on first use from its --index / --reader, or the fake."""
from __future__ import annotations

import argparse
from typing import Any, Callable


def assistant_factory(args: argparse.Namespace) -> Callable[[], Any]:
    """A no-argument callable that loads the assistant `args` ask for (`qa serve`, `qa mcp`). The settings are
    read now, so a bad QA_* value is an error at start-up, not on the first request."""
    if args.fake:
        from qa.interfaces.fake import FakeAssistant

        return FakeAssistant
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings().with_(index_dir=args.index, reader=args.reader)
    return lambda: Assistant.load(settings)
