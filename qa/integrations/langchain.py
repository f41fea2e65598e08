"""A LangChain retriever over the project's hybrid retriever (the optional extra `langchain-core`).

    from qa.integrations.langchain import ReportRetriever
    docs = ReportRetriever.from_index("indexes/default", k=3).invoke("张掖市累计为驻地部队划拨了多少亩土地？")
    docs[0].metadata["report"], docs[0].metadata["paragraph"], docs[0].page_content

Each Document's page_content is the passage text; its metadata carries where the passage is (report, title,
subtitle, date, section, paragraph, start/end offsets into the report's text, places, source) and how it was
found (score, rank, found_by).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from embeddings.errors import DependencyMissingError
from qa.types import Hit

try:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever
except ImportError as exc:  # the extra is optional: say which package brings it
    raise DependencyMissingError("qa.integrations.langchain needs langchain-core: pip install langchain-core") from exc


def to_document(hit: Hit) -> Document:
    """A LangChain Document for one hit: the passage text, its place in the report, its score."""
    p = hit.passage
    metadata = {"id": p.id, "report": p.report, "title": p.title, "subtitle": p.subtitle, "date": p.date,
                "section": p.section, "paragraph": p.paragraph, "start": p.start, "end": p.end,
                "places": list(p.places), "source": p.source, "score": hit.score, "rank": hit.rank,
                "found_by": dict(hit.found_by)}
    return Document(page_content=p.text, metadata=metadata, id=p.id)


class ReportRetriever(BaseRetriever):
    """LangChain's BaseRetriever over `qa.retrieval.Retriever` (or anything with its `search`)."""

    retriever: Any
    k: int = 5
    mode: str = "hybrid"
    reports: list[int] | None = None
    places: list[str] | None = None

    @classmethod
    def from_index(cls, index_dir: str | Path, **options: Any) -> "ReportRetriever":
        """Open an index folder (encoder from its manifest) and wrap its retriever."""
        from qa.retrieval.retriever import Retriever

        encoder = options.pop("encoder", None)
        return cls(retriever=Retriever.load(index_dir, encoder=encoder), **options)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.retriever.search(query, self.k, mode=self.mode, reports=self.reports, places=self.places)
        return [to_document(hit) for hit in hits]
