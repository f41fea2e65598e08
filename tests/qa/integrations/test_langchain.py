"""The LangChain retriever returns Documents that carry the passage and where it is in its report."""
import pytest

pytest.importorskip("langchain_core")
from langchain_core.retrievers import BaseRetriever  # noqa: E402

from embeddings.index import load_index  # noqa: E402
from qa.integrations.langchain import ReportRetriever  # noqa: E402


@pytest.fixture
def lc_retriever(mini_index, hashing_encoder):
    return ReportRetriever.from_index(mini_index, encoder=hashing_encoder, k=3)


def test_documents_carry_passage_metadata(lc_retriever, mini_index):
    assert isinstance(lc_retriever, BaseRetriever)
    docs = lc_retriever.invoke("乙县为驻地部队提供用地多少亩")
    assert len(docs) == 3 and "527亩" in docs[0].page_content
    meta = docs[0].metadata
    assert (meta["report"], meta["date"], meta["subtitle"], meta["rank"]) == (2, "2023年7月31日", "乙县双拥工作综述", 1)
    report = next(r for r in load_index(mini_index).reports if r.number == meta["report"])
    assert report.text[meta["start"]:meta["end"]] == docs[0].page_content
    assert meta["paragraph"] >= 1 and meta["id"] == docs[0].id


def test_filters_pass_through(lc_retriever):
    lc_retriever.places = ["漳州"]
    assert {d.metadata["report"] for d in lc_retriever.invoke("双拥林")} == {3}


def test_async_invoke_works(lc_retriever):
    import asyncio

    docs = asyncio.run(lc_retriever.ainvoke("双拥林栽植树木"))
    assert docs and docs[0].metadata["report"] == 3
