"""The question side: retrieval, reading, the assistant that ties them, training, and the interfaces.

Stages (each folder's __init__ says what it may import): `qa.retrieval` finds passages, `qa.reading`
reads answers and decides whether to keep them, `qa.assistant` runs one question through both,
`qa.training` makes the reader, `qa.interfaces` (CLI, HTTP) sit on top. At this level also `settings`,
the shared `types`, `errors` and `metrics`. Imports run one way: interfaces -> assistant -> reading /
retrieval -> `embeddings/`; nothing here imports `ui/` or `eval/` (but `qa eval` delegates to it).

Public API::

    from qa import Retriever, Assistant, Settings
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
