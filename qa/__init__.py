"""The question side: retrieval, reading, the assistant, settings, CLI and HTTP service.

Public API::

    from qa import Retriever, Settings
    retriever = Retriever.load("indexes/default")
    hits = retriever.search("张掖市累计为驻地部队划拨了多少亩土地？", k=5)
"""
from embeddings.errors import QAError
from qa.settings import Settings
from qa.types import Answer, Hit, Response

__all__ = ["Answer", "Hit", "QAError", "Response", "Retriever", "Settings", "Assistant"]


def __getattr__(name: str):
    # heavy modules load on first use so that `import qa` and `qa --help` stay instant
    if name == "Retriever":
        from qa.retrieval.retriever import Retriever

        return Retriever
    if name == "Assistant":
        from qa.assistant import Assistant

        return Assistant
    raise AttributeError(name)
